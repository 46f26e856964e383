import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppError } from '@repolens/contracts';
import { assertHostNameAllowed } from '../network/network-policy.js';
import type { PipelineSettings } from '../settings.js';

export type RepositoryKind = 'https' | 'ssh' | 'local';

/** A repository URL as git will be given it: credentials, query and fragment taken out. */
export interface ParsedRepositoryUrl {
  readonly kind: RepositoryKind;
  /** What git clones: `https://host/path`, `ssh://user@host/path`, `user@host:path` or `file:///abs/path`, never with credentials. */
  readonly cloneUrl: string;
  /** The remote host (`github.com`, `[::1]` for an IPv6 literal); null for a local repository. */
  readonly host: string | null;
  /** What people see: the https URL without `.git`, or the local path. */
  readonly displayUrl: string;
  /** `owner/repo` (the path on the host, without `.git`) or the directory name. */
  readonly name: string;
  /** A token or password that was written into the URL; kept out of `cloneUrl`. */
  readonly embeddedToken: string | null;
}

export interface ParseRepositoryUrlOptions {
  readonly allowLocal: boolean;
  /** Accept `ssh://` and scp-like (`git@host:path`) URLs; off unless given. */
  readonly allowSsh?: boolean;
  /** Accept hosts that name loopback, private or link-local addresses outright (`127.0.0.1`, `localhost`); off unless given. */
  readonly allowPrivateAddresses?: boolean;
}

/** The URL options a deployment's settings allow. */
export function repositoryUrlOptions(
  settings: Pick<PipelineSettings, 'allowLocalRepositories'> & { readonly network: Pick<PipelineSettings['network'], 'allowSsh' | 'allowPrivateAddresses'> },
): ParseRepositoryUrlOptions {
  return {
    allowLocal: settings.allowLocalRepositories,
    allowSsh: settings.network.allowSsh,
    allowPrivateAddresses: settings.network.allowPrivateAddresses,
  };
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// `user@host:path` or `host:path`: git reads these as ssh.
const SCP_LIKE = /^(?:[^@/\s]+@)?[a-z0-9.-]+:(?!\/\/)/i;
// What an ssh user or host may look like here; nothing that ssh could read as an option.
const SSH_USER = /^[a-z0-9_][a-z0-9._-]*$/i;
const SSH_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]/;

export function parseRepositoryUrl(input: string, opts: ParseRepositoryUrlOptions): ParsedRepositoryUrl {
  const value = input.trim();
  if (value === '') throw invalid('The repository URL is empty.');
  if (value.startsWith('-')) throw invalid('A repository URL cannot start with "-".');
  if (CONTROL_OR_SPACE.test(value)) throw invalid('A repository URL cannot contain spaces or control characters.');

  if (value.startsWith('/')) return parseLocalPath(value, opts);
  if (/^file:/i.test(value)) return parseFileUrl(value, opts);
  if (/^ext::/i.test(value)) throw unsupported('ext::');

  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'https') return parseHttpsUrl(value, opts);
  if (scheme === 'ssh' && opts.allowSsh === true) return parseSshUrl(value, opts);
  if (scheme !== undefined && value.slice(scheme.length + 1).startsWith('//')) throw unsupported(scheme);
  if (SCP_LIKE.test(value)) {
    if (opts.allowSsh === true) return parseScpLike(value, opts);
    throw new AppError('UNSUPPORTED_URL_SCHEME', 'SSH repository addresses are not supported; use the https:// URL of the repository.');
  }
  if (looksLikeHostPath(value)) {
    throw invalid(`The URL has no scheme; did you mean https://${value}?`);
  }
  throw invalid('Relative paths are not accepted; give an https:// URL (or an absolute path where local repositories are enabled).');
}

function parseHttpsUrl(value: string, opts: ParseRepositoryUrlOptions): ParsedRepositoryUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new AppError('INVALID_REPOSITORY_URL', 'That is not a valid https:// URL.', { cause: err });
  }
  if (url.hostname === '') throw invalid('The URL has no host.');
  assertHostNameAllowed(url.hostname, { allowPrivateAddresses: opts.allowPrivateAddresses === true });

  const embeddedToken = credentialOf(url);
  const repoPath = url.pathname.replace(/\/+$/, '');
  const segments = repoPath.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) throw invalid('The URL names a host but no repository path.');

  const cloneUrl = `https://${url.host}${repoPath}`;
  const displayUrl = cloneUrl.replace(/\.git$/i, '');
  const name = decodeSafely(segments.join('/')).replace(/\.git$/i, '');
  return { kind: 'https', cloneUrl, host: url.hostname, displayUrl, name, embeddedToken };
}

/** `ssh://[user@]host[:port]/path`. */
function parseSshUrl(value: string, opts: ParseRepositoryUrlOptions): ParsedRepositoryUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new AppError('INVALID_REPOSITORY_URL', 'That is not a valid ssh:// URL.', { cause: err });
  }
  if (url.password !== '') throw invalid('An ssh:// URL cannot carry a password; ssh signs in with the keys of this server.');
  const user = decodeSafely(url.username);
  const host = url.hostname;
  checkSshParts(user, host, opts);
  const repoPath = url.pathname.replace(/\/+$/, '');
  if (repoPath.split('/').every((segment) => segment === '')) throw invalid('The URL names a host but no repository path.');
  const cloneUrl = `ssh://${user === '' ? '' : `${user}@`}${url.host}${repoPath}`;
  return sshResult(cloneUrl, host, repoPath);
}

/** `[user@]host:path`, git's scp-like ssh address; kept in that form, since its path is relative to the home directory. */
function parseScpLike(value: string, opts: ParseRepositoryUrlOptions): ParsedRepositoryUrl {
  const colon = value.indexOf(':');
  const authority = value.slice(0, colon);
  const repoPath = value.slice(colon + 1).replace(/\/+$/, '');
  const at = authority.lastIndexOf('@');
  const user = at === -1 ? '' : authority.slice(0, at);
  const host = authority.slice(at + 1);
  checkSshParts(user, host, opts);
  if (repoPath === '' || repoPath.startsWith('-')) throw invalid('The address names a host but no repository path.');
  return sshResult(`${user === '' ? '' : `${user}@`}${host}:${repoPath}`, host, repoPath);
}

function checkSshParts(user: string, host: string, opts: ParseRepositoryUrlOptions): void {
  if (user !== '' && !SSH_USER.test(user)) throw invalid('The ssh user name has characters that are not allowed.');
  const bracketed = host.startsWith('[') && host.endsWith(']');
  if (host === '' || (!bracketed && !SSH_HOST.test(host))) throw invalid('The ssh host name is not valid.');
  assertHostNameAllowed(host, { allowPrivateAddresses: opts.allowPrivateAddresses === true });
}

function sshResult(cloneUrl: string, host: string, repoPath: string): ParsedRepositoryUrl {
  const segments = repoPath.split('/').filter((segment) => segment !== '' && segment !== '~');
  return {
    kind: 'ssh',
    cloneUrl,
    host,
    displayUrl: cloneUrl.replace(/\.git$/i, ''),
    name: decodeSafely(segments.join('/')).replace(/\.git$/i, ''),
    embeddedToken: null,
  };
}

/**
 * `https://user:token@host/...` carries the token as the password; `https://token@host/...` (GitHub's
 * form) as the user name alone.
 */
function credentialOf(url: URL): string | null {
  if (url.password !== '') return decodeSafely(url.password);
  if (url.username !== '') return decodeSafely(url.username);
  return null;
}

function parseFileUrl(value: string, opts: ParseRepositoryUrlOptions): ParsedRepositoryUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new AppError('INVALID_REPOSITORY_URL', 'That is not a valid file:// URL.', { cause: err });
  }
  if (url.host !== '' && url.host !== 'localhost') throw invalid('A file:// URL must name a path on this machine.');
  let localPath: string;
  try {
    localPath = fileURLToPath(url);
  } catch (err) {
    throw new AppError('INVALID_REPOSITORY_URL', 'That file:// URL does not name an absolute path.', { cause: err });
  }
  return parseLocalPath(localPath, opts);
}

function parseLocalPath(value: string, opts: ParseRepositoryUrlOptions): ParsedRepositoryUrl {
  if (!opts.allowLocal) throw new AppError('LOCAL_REPOSITORIES_DISABLED');
  if (!path.isAbsolute(value)) throw invalid('A local repository must be given as an absolute path.');
  const absolute = path.resolve(value);
  if (absolute === path.parse(absolute).root) throw invalid('The file-system root is not a repository.');
  return {
    kind: 'local',
    cloneUrl: pathToFileURL(absolute).href,
    host: null,
    displayUrl: absolute,
    name: path.basename(absolute).replace(/\.git$/i, ''),
    embeddedToken: null,
  };
}

/** `github.com/owner/repo`: a host name followed by a path, typed without the scheme. */
function looksLikeHostPath(value: string): boolean {
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\/[^/]+/i.test(value);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function invalid(message: string): AppError {
  return new AppError('INVALID_REPOSITORY_URL', message);
}

function unsupported(scheme: string): AppError {
  const shown = scheme.endsWith('::') ? scheme : `${scheme}://`;
  return new AppError('UNSUPPORTED_URL_SCHEME', `${shown} repository URLs are not supported; use https://.`);
}
