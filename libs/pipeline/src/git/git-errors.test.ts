import { describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { GitError } from 'simple-git';
import { authorizationHeader } from './git-command.js';
import { toGitError } from './git-errors.js';

const live = new AbortController().signal;

function mapped(stderr: string, token: string | null = null): AppError {
  const result = toGitError(new GitError(undefined, stderr), { signal: live, token });
  if (!(result instanceof AppError)) throw new Error('expected an AppError');
  return result;
}

// Messages as git 2.39 prints them (LC_ALL=C) for each failure.
describe('toGitError', () => {
  it.each([
    ["fatal: unable to access 'https://nonexistent.invalid/x/y.git/': Could not resolve host: nonexistent.invalid", 'HOST_NOT_FOUND'],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'REPOSITORY_AUTH_REQUIRED'],
    ["remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/o/r/'", 'REPOSITORY_AUTH_REQUIRED'],
    ["remote: Repository not found.\nfatal: repository 'https://github.com/o/missing/' not found", 'REPOSITORY_NOT_FOUND'],
    ["fatal: '/srv/nope' does not appear to be a git repository\nfatal: Could not read from remote repository.", 'REPOSITORY_NOT_FOUND'],
    ["fatal: unable to access 'https://example.com/r/': The requested URL returned error: 404", 'REPOSITORY_NOT_FOUND'],
    ['warning: Could not find remote branch nope to clone.\nfatal: Remote branch nope not found in upstream origin', 'REF_NOT_FOUND'],
    ["fatal: couldn't find remote ref refs/heads/nope", 'REF_NOT_FOUND'],
    ['fatal: remote error: upload-pack: not our ref 1234567890123456789012345678901234567890', 'REF_NOT_FOUND'],
    ['error: RPC failed; curl 56 GnuTLS recv error (-9)\nfatal: early EOF', 'CLONE_FAILED'],
    // The connect proxy's answers, as curl 7.88 and older curl report them.
    ["fatal: unable to access 'https://internal.test/o/r.git/': CONNECT tunnel failed, response 403", 'ADDRESS_NOT_ALLOWED'],
    ["fatal: unable to access 'https://internal.test/o/r.git/': Received HTTP code 403 from proxy after CONNECT", 'ADDRESS_NOT_ALLOWED'],
    ["fatal: unable to access 'https://nowhere.test/o/r.git/': CONNECT tunnel failed, response 404", 'HOST_NOT_FOUND'],
    ["fatal: unable to access 'https://slow.test/o/r.git/': CONNECT tunnel failed, response 502", 'CLONE_FAILED'],
  ])('maps %j to %s', (stderr, code) => {
    expect(mapped(stderr).code).toBe(code);
  });

  it("keeps git's reason in the message, without progress lines", () => {
    const error = mapped("Cloning into 'x'...\nremote: Counting objects: 100% (3/3)\nfatal: early EOF");
    expect(error.message).toBe('Git failed (git: fatal: early EOF).');
    expect(error.retryable).toBe(true);
  });

  it('removes the token and its header value from the message and cause', () => {
    const token = 'ghp_supersecret';
    const error = mapped(`fatal: something echoed ${token} and ${authorizationHeader(token)}`, token);
    const everything = `${error.message} ${String((error.cause as Error).message)}`;
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(authorizationHeader(token).split(' ').pop());
    expect(everything).toContain('***');
  });

  it('gives back the abort reason when the call was aborted', () => {
    const controller = new AbortController();
    const reason = new AppError('RUN_CANCELLED');
    controller.abort(reason);
    expect(toGitError(new GitError(undefined, 'fatal: killed'), { signal: controller.signal })).toBe(reason);
  });

  it('passes AppErrors through', () => {
    const error = new AppError('INVALID_REF');
    expect(toGitError(error, { signal: live })).toBe(error);
  });
});
