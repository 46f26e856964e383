import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { createProgressParser, type GitProgress } from './git-progress.js';
import type { RepositoryKind } from './repository-url.js';

export interface GitCommandOptions {
  /** Where git runs; must exist. */
  readonly baseDir: string;
  /** `local` is the only case where the file:// transport is allowed. */
  readonly kind: RepositoryKind;
  /** The remote the token is for; the header is scoped to its origin. */
  readonly remoteUrl?: string;
  readonly token?: string | null;
  readonly signal: AbortSignal;
  /** Progress of the clone and fetch calls that pass `--progress`. */
  readonly onProgress?: (progress: GitProgress) => void;
}

/**
 * Settings on every git call: no hooks, no transports beyond https (and file for local repositories),
 * no submodules, no stored credentials, no prompts.
 */
function safetyConfig(kind: RepositoryKind): string[] {
  return [
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    // An empty value clears any helper from the global config: only the token we pass is used.
    'credential.helper=',
    'protocol.allow=never',
    'protocol.https.allow=always',
    'protocol.ext.allow=never',
    `protocol.file.allow=${kind === 'local' ? 'always' : 'never'}`,
    'submodule.recurse=false',
    'fetch.recurseSubmodules=false',
    'advice.detachedHead=false',
  ];
}

// Inherited variables git (or curl under it) needs; everything else, GIT_* included, is dropped so
// the parent's environment cannot redirect git (GIT_DIR, GIT_CONFIG_*, editors, pagers).
const INHERITED_ENV = [
  'PATH',
  'HOME',
  'TMPDIR',
  'http_proxy',
  'https_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
  'all_proxy',
  'ALL_PROXY',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
] as const;

function gitEnvironment(opts: GitCommandOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    // English messages, so failures can be recognised (see git-errors.ts).
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    // Any credential prompt fails at once instead of waiting for input.
    GIT_ASKPASS: 'false',
    SSH_ASKPASS: 'false',
    GCM_INTERACTIVE: 'never',
    // Repository discovery stops at baseDir, so a checkout inside another repository never reads its config.
    GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(opts.baseDir)),
  });
  const header = authorizationConfig(opts);
  if (header !== null) {
    // Passed through the environment rather than `-c`, so the token never shows in a process listing.
    Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: header.key, GIT_CONFIG_VALUE_0: header.value });
  }
  return env;
}

function authorizationConfig(opts: GitCommandOptions): { key: string; value: string } | null {
  if (opts.token === undefined || opts.token === null || opts.token === '' || opts.kind !== 'https') return null;
  if (opts.remoteUrl === undefined) return null;
  const origin = new URL(opts.remoteUrl).origin;
  return { key: `http.${origin}/.extraHeader`, value: authorizationHeader(opts.token) };
}

export function authorizationHeader(token: string): string {
  return `Authorization: Basic ${basicCredentials(token)}`;
}

export function basicCredentials(token: string): string {
  return Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64');
}

/** The one way this package runs git. */
export function createGit(opts: GitCommandOptions): SimpleGit {
  const git = simpleGit({
    baseDir: opts.baseDir,
    abort: opts.signal,
    config: safetyConfig(opts.kind),
    // simple-git refuses these settings unless told they are wanted; each one is ours, none user input.
    unsafe: {
      allowUnsafeHooksPath: true,
      allowUnsafeFsMonitor: true,
      allowUnsafeProtocolOverride: true,
      allowUnsafeAskPass: true,
      allowUnsafeCredentialHelper: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeTemplateDir: true,
    },
  });
  git.env(gitEnvironment(opts));
  const { onProgress } = opts;
  if (onProgress !== undefined) {
    // simple-git's own progress option parses only the first line of each output chunk and so drops
    // updates; the streams are read here instead.
    git.outputHandler((_command, _stdout, stderr) => {
      stderr.on('data', createProgressParser(onProgress));
    });
  }
  return git;
}
