import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { privateGitHome } from './git-home.js';
import { createProgressParser, type GitProgress } from './git-progress.js';
import { createRecordSplitter } from './record-splitter.js';
import type { RemoteRoute } from './remote-route.js';
import type { RepositoryKind } from './repository-url.js';

export interface GitCommandOptions {
  /** Where git runs; must exist. */
  readonly baseDir: string;
  /** What the remote is; the token header is only ever sent to an https one. */
  readonly kind: RepositoryKind;
  /**
   * How git may reach the remote (see remote-route.ts). Without one, every transport is switched off, so a
   * git call that should stay local (or a lazy fetch of a partial clone) can never reach the network.
   */
  readonly route?: RemoteRoute;
  /** The remote the token is for; the header is scoped to its origin. */
  readonly remoteUrl?: string;
  readonly token?: string | null;
  readonly signal: AbortSignal;
  /** Progress of the clone, fetch and checkout calls that pass `--progress`. */
  readonly onProgress?: (progress: GitProgress) => void;
}

/**
 * Settings on every git call: no hooks, only the transport of the route (https, ssh or file), no
 * submodules, no stored credentials, no prompts. (`uploadpack.packObjectsHook` and friends cannot be set
 * by a repository: git reads them from the system, global and command-line config only, and the first two
 * are switched off in gitEnvironment.)
 */
function safetyConfig(opts: GitCommandOptions): string[] {
  const { route } = opts;
  const allow = (kind: RemoteRoute['kind']): string => (route?.kind === kind ? 'always' : 'never');
  return [
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    // An empty value clears any helper from the global config: only the token we pass is used.
    'credential.helper=',
    'protocol.allow=never',
    `protocol.https.allow=${allow('https')}`,
    `protocol.ssh.allow=${allow('ssh')}`,
    `protocol.file.allow=${allow('local')}`,
    'protocol.ext.allow=never',
    // Redirects only on the first request, as git's default; each target still goes through the connect
    // proxy. With a token none at all: the header is matched against the URL asked for, and curl would send
    // it on to wherever the host redirects.
    `http.followRedirects=${authorizationConfig(opts) === null ? 'initial' : 'false'}`,
    'submodule.recurse=false',
    'fetch.recurseSubmodules=false',
    'advice.detachedHead=false',
  ];
}

// Inherited variables git (or curl under it) needs; everything else, GIT_* included, is dropped so
// the parent's environment cannot redirect git (GIT_DIR, GIT_CONFIG_*, editors, pagers). HOME is replaced
// (see gitEnvironment) and SSH_AUTH_SOCK left out: no identity of the server's user is ever offered to
// a repository host.
const INHERITED_ENV = [
  'PATH',
  'TMPDIR',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
] as const;

// An outbound proxy from the environment, used only when git connects directly (private addresses
// allowed). Behind the connect proxy none is passed on: NO_PROXY would let curl bypass the check.
const ENVIRONMENT_PROXY = ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY', 'all_proxy', 'ALL_PROXY'] as const;

function gitEnvironment(opts: GitCommandOptions): Record<string, string> {
  const env: Record<string, string> = {};
  const direct = opts.route?.kind === 'https' && opts.route.proxyUrl === null;
  for (const name of direct ? [...INHERITED_ENV, ...ENVIRONMENT_PROXY] : INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  const home = privateGitHome();
  Object.assign(env, {
    // English messages, so failures can be recognised (see git-errors.ts).
    LC_ALL: 'C',
    // Neither the system's nor the service user's git config applies: either could switch our proxy off
    // (a URL-specific `http.<url>.proxy` wins over ours), rewrite URLs (`url.*.insteadOf`) or add headers.
    // HOME and XDG_CONFIG_HOME point at an empty directory, so curl reads no ~/.netrc either.
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_TERMINAL_PROMPT: '0',
    // Any credential prompt fails at once instead of waiting for input.
    GIT_ASKPASS: 'false',
    SSH_ASKPASS: 'false',
    GCM_INTERACTIVE: 'never',
    // A git-lfs installed on the server would download what a repository's .lfsconfig names, outside the
    // connect proxy; pointer files are checked out instead.
    GIT_LFS_SKIP_SMUDGE: '1',
    // Repository discovery stops at baseDir, so a checkout inside another repository never reads its config.
    GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(opts.baseDir)),
  });
  // Passed through the environment rather than `-c`, so neither the token nor the proxy's password shows
  // in a process listing.
  const config: Array<{ key: string; value: string }> = [];
  const header = authorizationConfig(opts);
  if (header !== null) config.push(header);
  if (opts.route?.kind === 'https' && opts.route.proxyUrl !== null) {
    // `basic` sends the proxy password at once instead of waiting for a challenge.
    config.push({ key: 'http.proxy', value: opts.route.proxyUrl }, { key: 'http.proxyAuthMethod', value: 'basic' });
  }
  if (config.length > 0) {
    env['GIT_CONFIG_COUNT'] = String(config.length);
    config.forEach((entry, index) => {
      env[`GIT_CONFIG_KEY_${index}`] = entry.key;
      env[`GIT_CONFIG_VALUE_${index}`] = entry.value;
    });
  }
  if (opts.route?.kind === 'ssh') Object.assign(env, { GIT_SSH_COMMAND: opts.route.sshCommand, GIT_SSH_VARIANT: 'ssh' });
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

/**
 * How this package runs local git calls. simple-git keeps all of a call's output, so every call that
 * reaches a remote (clone, fetch, ls-remote) goes through streamGit below, with the same settings.
 */
export function createGit(opts: GitCommandOptions): SimpleGit {
  const git = simpleGit({
    baseDir: opts.baseDir,
    abort: opts.signal,
    config: safetyConfig(opts),
    // simple-git refuses these settings unless told they are wanted; each one is ours, none user input.
    unsafe: {
      allowUnsafeHooksPath: true,
      allowUnsafeFsMonitor: true,
      allowUnsafeProtocolOverride: true,
      allowUnsafeAskPass: true,
      allowUnsafeCredentialHelper: true,
      allowUnsafeConfigEnvCount: true,
      // GIT_CONFIG_GLOBAL, set to the null device.
      allowUnsafeConfigPaths: true,
      allowUnsafeTemplateDir: true,
      // `--upload-pack` with our own fixed command, for filtered clones of local repositories.
      allowUnsafePack: true,
      allowUnsafeSshCommand: true,
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

export interface StreamGitOptions {
  /** Written to git's stdin, then closed. */
  readonly input?: string;
  /** Called for each record of stdout; return false to stop git early. */
  readonly onRecord?: (record: string) => boolean;
  /** What ends a record: NUL (`-z` output, the default) or a line end. */
  readonly separator?: '\0' | '\n';
}

/**
 * Runs git with the same settings as `createGit`, streaming: for every call that talks to a remote (a
 * server may write without end), for output too large to hold (the file list of a tree bomb) and for
 * input on stdin, which simple-git cannot give. Records over MAX_RECORD_CHARS reach `onRecord` cut short
 * (see record-splitter.ts); at most STDERR_KEPT characters of stderr are kept. Reports progress to
 * `opts.onProgress`. Rejects with git's stderr as the message (for git-errors.ts), or the signal's reason
 * when aborted; either way only once git has exited.
 */
export function streamGit(opts: GitCommandOptions, args: readonly string[], stream: StreamGitOptions = {}): Promise<void> {
  opts.signal.throwIfAborted();
  const configArgs = safetyConfig(opts).flatMap((entry) => ['-c', entry]);
  const child = spawn('git', [...configArgs, ...args], {
    cwd: opts.baseDir,
    env: gitEnvironment(opts),
    stdio: [stream.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const { stdout, stderr: errors } = child;
  if (stdout === null || errors === null) throw new Error('git was started without output pipes');
  return new Promise<void>((resolve, reject) => {
    let stopped = false;
    const stderr = createStderrKeeper();
    const { onRecord } = stream;
    const records = onRecord === undefined ? null : createRecordSplitter(stream.separator ?? '\0', onRecord);
    const progress = opts.onProgress === undefined ? null : createProgressParser(opts.onProgress);
    const stop = (): void => {
      stopped = true;
      child.kill('SIGKILL');
    };
    const onAbort = (): void => stop();
    opts.signal.addEventListener('abort', onAbort, { once: true });

    stdout.setEncoding('utf8');
    stdout.on('data', (chunk: string) => {
      if (stopped || records === null) return;
      if (!records.push(chunk)) stop();
    });
    errors.setEncoding('utf8');
    errors.on('data', (chunk: string) => {
      stderr.add(chunk);
      progress?.(chunk);
    });
    if (child.stdin !== null && stream.input !== undefined) {
      // git may exit before reading everything (an error); that is reported by the exit code.
      child.stdin.on('error', () => undefined);
      child.stdin.end(stream.input);
    }
    child.once('error', (err) => {
      opts.signal.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.once('close', (code) => {
      opts.signal.removeEventListener('abort', onAbort);
      if (opts.signal.aborted) reject(opts.signal.reason);
      else if (stopped) resolve();
      else if (code === 0) {
        records?.end();
        resolve();
      } else {
        const text = stderr.text();
        reject(new Error(text.trim() === '' ? `git ${args[0] ?? ''} exited with code ${String(code)}` : text));
      }
    });
  });
}

const STDERR_KEPT = 16 * 1024;

/**
 * Keeps the start of git's stderr and its end, which holds the `fatal:` line that says what failed,
 * however much a server wrote before it; STDERR_KEPT characters at most.
 */
function createStderrKeeper(): { add(chunk: string): void; text(): string } {
  const half = STDERR_KEPT / 2;
  let head = '';
  let tail = '';
  let dropped = false;
  return {
    add(chunk) {
      const room = Math.max(0, half - head.length);
      head += chunk.slice(0, room);
      tail += chunk.slice(room);
      if (tail.length > 2 * half) {
        dropped = true;
        tail = tail.slice(-half);
      }
    },
    text() {
      if (!dropped && tail.length <= half) return head + tail;
      // From the first whole line of the end.
      const end = tail.slice(-half);
      return `${head}\n…\n${end.slice(end.indexOf('\n') + 1)}`;
    },
  };
}
