import { AppError, type ErrorCode, isAppError } from '@repolens/contracts';
import { basicCredentials } from './git-command.js';

export interface GitErrorContext {
  readonly signal: AbortSignal;
  /** Removed from any text kept from git, in case git ever echoes it. */
  readonly token?: string | null;
}

// Recognised from git's (LC_ALL=C) stderr; the order matters: the first match wins.
// The connect proxy (network/connect-proxy.ts) answers a refused address with 403 and an unknown host with
// 404; curl reports either as "CONNECT tunnel failed, response N" (older curl: "Received HTTP code N from
// proxy after CONNECT").
const FAILURES: ReadonlyArray<{ code: ErrorCode; pattern: RegExp; message: string }> = [
  {
    code: 'ADDRESS_NOT_ALLOWED',
    pattern: /CONNECT tunnel failed, response 403|Received HTTP code 403 from proxy/i,
    message: 'The repository host (or a host it redirected to) resolves to an address this server may not reach',
  },
  {
    code: 'HOST_NOT_FOUND',
    pattern:
      /could not resolve host|name or service not known|temporary failure in name resolution|CONNECT tunnel failed, response 404|Received HTTP code 404 from proxy/i,
    message: 'The repository host could not be found',
  },
  {
    code: 'REPOSITORY_AUTH_REQUIRED',
    pattern:
      /authentication failed|could not read (username|password)|terminal prompts disabled|invalid username or password|returned error: 40[13]\b/i,
    message: 'The repository does not exist, or it is private and needs a valid access token',
  },
  {
    code: 'REPOSITORY_NOT_FOUND',
    pattern: /repository not found|repository '.*' not found|does not appear to be a git repository|returned error: 404\b/i,
    message: 'The repository does not exist or cannot be read',
  },
  {
    code: 'REF_NOT_FOUND',
    pattern:
      /remote branch .* not found|couldn't find remote ref|not our ref|unadvertised object|reference is not a tree|did not match any file\(s\) known to git|unknown revision/i,
    message: 'The branch, tag or commit does not exist in the repository',
  },
];

/**
 * Turns a failed git call into what callers throw: the abort reason when the call was aborted, an
 * AppError as is, otherwise an AppError whose code says what went wrong and whose message carries
 * git's own words (token-free).
 */
export function toGitError(err: unknown, ctx: GitErrorContext): unknown {
  if (ctx.signal.aborted) return ctx.signal.reason;
  if (isAppError(err)) return err;

  const gitText = redact(err instanceof Error ? err.message : String(err), ctx.token ?? null);
  const detail = summariseGitOutput(gitText);
  const cause = new Error(gitText);
  const known = FAILURES.find((failure) => failure.pattern.test(gitText));
  if (known !== undefined) return new AppError(known.code, withDetail(known.message, detail), { cause });
  return new AppError('CLONE_FAILED', withDetail('Git failed', detail), { cause });
}

function withDetail(message: string, detail: string): string {
  return detail === '' ? `${message}.` : `${message} (git: ${detail}).`;
}

/** The lines of git output that say what failed, without progress chatter; the last ones, where `fatal:` is. */
export function summariseGitOutput(text: string): string {
  const lines = text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => /^(fatal|error|remote):/i.test(line) && !/^remote: (counting|compressing|enumerating|total)/i.test(line));
  const chosen = lines.length > 0 ? lines : text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return chosen.slice(-3).join(' ').slice(0, 500);
}

/** Replaces the token, and the header value made from it, wherever they occur. */
export function redact(text: string, token: string | null): string {
  if (token === null || token === '') return text;
  return text.split(token).join('***').split(basicCredentials(token)).join('***');
}
