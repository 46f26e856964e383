import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@repolens/contracts';
import { DEFAULT_NETWORK_POLICY, type NetworkPolicy } from '../network/network-policy.js';
import { streamGit } from './git-command.js';
import { toGitError } from './git-errors.js';
import { assertSafeRef, isFullCommitSha, isShortCommitSha } from './refs.js';
import { remoteRouteFor } from './remote-route.js';
import type { ParsedRepositoryUrl } from './repository-url.js';

export interface ResolveRemoteCommitOptions {
  /** Where git may connect; by default, public addresses only. */
  readonly network?: NetworkPolicy;
}

/**
 * The commit `ref` (or the default branch, when null) points at on the remote, without cloning.
 * A full commit id is returned as is; an abbreviated one that is no branch or tag gives null, since only a
 * clone can expand it, as does an empty repository.
 */
export async function resolveRemoteCommit(
  url: ParsedRepositoryUrl,
  ref: string | null,
  token: string | null,
  signal: AbortSignal,
  options: ResolveRemoteCommitOptions = {},
): Promise<string | null> {
  const safeRef = ref === null ? null : assertSafeRef(ref);
  if (safeRef !== null && isFullCommitSha(safeRef)) return safeRef.toLowerCase();
  signal.throwIfAborted();

  const patterns =
    safeRef === null ? ['HEAD'] : [`refs/heads/${safeRef}`, `refs/tags/${safeRef}`, `refs/tags/${safeRef}^{}`];
  // Only the lines asked for are kept, however many the server sends.
  const refs = new Map<string, string>();
  // ls-remote needs no repository, but would read the config of one it found around its directory: it
  // runs in a new empty one, and repository discovery stops there (see gitEnvironment).
  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'repolens-ls-remote-'));
  try {
    const route = await remoteRouteFor(url, options.network ?? DEFAULT_NETWORK_POLICY);
    const gitOptions = { baseDir, kind: url.kind, route, remoteUrl: url.cloneUrl, token, signal };
    await streamGit(gitOptions, ['ls-remote', '--', url.cloneUrl, ...patterns], {
      separator: '\n',
      onRecord(line) {
        const [, sha, name] = /^([0-9a-f]{40})\t(.+)$/.exec(line.trim()) ?? [];
        if (sha !== undefined && name !== undefined && patterns.includes(name)) refs.set(name, sha);
        return true;
      },
    });
  } catch (err) {
    throw toGitError(err, { signal, token });
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }

  if (safeRef === null) return refs.get('HEAD') ?? null;
  // A branch wins over a tag of the same name, as with `git clone --branch`; an annotated tag resolves to its commit.
  const sha = refs.get(`refs/heads/${safeRef}`) ?? refs.get(`refs/tags/${safeRef}^{}`) ?? refs.get(`refs/tags/${safeRef}`);
  if (sha !== undefined) return sha;
  if (isShortCommitSha(safeRef)) return null;
  throw new AppError('REF_NOT_FOUND', `The repository has no branch or tag named "${safeRef}".`);
}
