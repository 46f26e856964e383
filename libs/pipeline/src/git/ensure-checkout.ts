import { lstat, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DEFAULT_NETWORK_POLICY, type NetworkPolicy } from '../network/network-policy.js';
import type { PartialCheckout } from './checkout-worktree.js';
import type { CloneLimits } from './clone-guard.js';
import { cloneRepository } from './clone-repository.js';
import { createGit } from './git-command.js';
import { parseRepositoryUrl, type RepositoryKind } from './repository-url.js';

export interface EnsureCheckoutOptions {
  readonly cloneUrl: string;
  readonly kind: RepositoryKind;
  readonly commitSha: string;
  readonly dir: string;
  readonly token: string | null;
  readonly signal: AbortSignal;
  /** History depth of a restored checkout; 0 is the full history. Defaults to 1: later stages read the tree. */
  readonly depth?: number;
  /** Where a restore may connect; by default, public addresses only. */
  readonly network?: NetworkPolicy;
  readonly limits?: CloneLimits;
  /** The cut of the first checkout, so the restored one leaves out the same files. */
  readonly partial?: PartialCheckout;
}

/**
 * Makes sure `dir` holds the checkout of `commitSha`, cloning it again when it is missing or at another
 * commit, so a stage can run on a worker that did not run the clone.
 */
export async function ensureCheckout(opts: EnsureCheckoutOptions): Promise<'present' | 'restored'> {
  opts.signal.throwIfAborted();
  if (await isCheckoutAt(opts.dir, opts.commitSha, opts.signal)) return 'present';

  const network = opts.network ?? DEFAULT_NETWORK_POLICY;
  const url = parseRepositoryUrl(opts.cloneUrl, {
    allowLocal: opts.kind === 'local',
    allowSsh: opts.kind === 'ssh',
    allowPrivateAddresses: network.allowPrivateAddresses,
  });
  // Cloned beside the target and moved into place, so a failed restore never leaves half a checkout.
  const staging = path.join(path.dirname(opts.dir), `.${path.basename(opts.dir)}.restore-${randomUUID()}`);
  try {
    await cloneRepository({
      url,
      ref: opts.commitSha,
      token: opts.token,
      dir: staging,
      depth: opts.depth ?? 1,
      signal: opts.signal,
      network,
      ...(opts.limits === undefined ? {} : { limits: opts.limits }),
      ...(opts.partial === undefined ? {} : { partial: opts.partial }),
    });
    opts.signal.throwIfAborted();
    await rm(opts.dir, { recursive: true, force: true });
    await rename(staging, opts.dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return 'restored';
}

/** True when `dir` is a git checkout whose HEAD is `commitSha`. */
export async function isCheckoutAt(dir: string, commitSha: string, signal: AbortSignal): Promise<boolean> {
  const gitDir = await lstat(path.join(dir, '.git')).catch(() => null);
  if (gitDir === null || !gitDir.isDirectory()) return false;
  const head = await createGit({ baseDir: dir, kind: 'local', signal })
    .raw(['rev-parse', '-q', '--verify', 'HEAD^{commit}'])
    .catch(() => '');
  signal.throwIfAborted();
  return head.trim() === commitSha.toLowerCase();
}
