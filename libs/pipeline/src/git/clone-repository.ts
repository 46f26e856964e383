import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '@repolens/contracts';
import type { SimpleGit } from 'simple-git';
import { DEFAULT_NETWORK_POLICY, type NetworkPolicy } from '../network/network-policy.js';
import { checkoutWorktree, type LeftOut, type PartialCheckout } from './checkout-worktree.js';
import { guardClone, type CloneLimits } from './clone-guard.js';
import { createGit, streamGit, type GitCommandOptions } from './git-command.js';
import { toGitError } from './git-errors.js';
import type { GitProgress } from './git-progress.js';
import { assertSafeRef, isFullCommitSha, isShortCommitSha } from './refs.js';
import { remoteRouteFor, type RemoteRoute } from './remote-route.js';
import type { ParsedRepositoryUrl } from './repository-url.js';

export type CloneProgress = GitProgress;

export interface CloneRepositoryOptions {
  readonly url: ParsedRepositoryUrl;
  /** Branch, tag or commit; null for the remote's default branch. */
  readonly ref: string | null;
  readonly token: string | null;
  readonly dir: string;
  /** History depth; 0 means the full history. */
  readonly depth: number;
  readonly signal: AbortSignal;
  readonly onProgress?: (progress: CloneProgress) => void;
  /** Where git may connect; by default, public addresses only. */
  readonly network?: NetworkPolicy;
  /** Time, size and file limits; none when left out. */
  readonly limits?: CloneLimits;
  /** Leave files out (with a record of them) instead of failing on the file limit, and skip big blobs. */
  readonly partial?: PartialCheckout;
}

export interface CloneResult {
  readonly commitSha: string;
  /** The ref asked for, or the default branch's name. */
  readonly ref: string;
  readonly shallow: boolean;
  readonly leftOut: LeftOut;
}

// The upload-pack of a local repository only honours `--filter` when told to; `-c` does not reach it,
// since git clears the config of the environment for the other repository's process.
const FILTERING_LOCAL_UPLOAD_PACK = 'git -c uploadpack.allowFilter=true upload-pack';

/**
 * Clones `url` at `ref` into `dir` (replacing whatever is there) and resolves the commit checked out.
 * Nothing is checked out until the file list has been checked against the limits (see checkout-worktree.ts).
 * A failed clone, whatever failed, leaves no `dir` behind: a hostile repository's files must not pile up.
 */
export async function cloneRepository(opts: CloneRepositoryOptions): Promise<CloneResult> {
  const ref = opts.ref === null ? null : assertSafeRef(opts.ref);
  opts.signal.throwIfAborted();
  // A retry of the stage finds the previous attempt's files.
  await rm(opts.dir, { recursive: true, force: true });
  await mkdir(path.dirname(opts.dir), { recursive: true });

  const guard = guardClone(opts.dir, opts.signal, opts.limits);
  try {
    const route = await remoteRouteFor(opts.url, opts.network ?? DEFAULT_NETWORK_POLICY);
    const remote = new RemoteAccess(opts, route, guard.signal);
    if (ref !== null && isFullCommitSha(ref)) {
      await remote.fetchCommit(ref.toLowerCase(), opts.depth);
    } else {
      await cloneBranchOrAbbreviation(remote, ref, opts.depth);
    }
    const git = remote.offline();
    const commitSha = await headCommit(git);
    const leftOut = await checkoutWorktree({
      git,
      gitOptions: remote.offlineOptions(),
      maxFiles: opts.limits?.maxFiles ?? null,
      partial: opts.partial ?? null,
    });
    await guard.assertWithinSize();
    const shallow = (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
    const resolvedRef = ref ?? (await currentBranch(git)) ?? commitSha;
    return { commitSha, ref: resolvedRef, shallow, leftOut };
  } catch (err) {
    // Every git call has exited by now (streamGit waits for it), so nothing writes here any more.
    await rm(opts.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    throw toGitError(err, { signal: guard.signal, token: opts.token });
  } finally {
    guard.stop();
  }
}

async function cloneBranchOrAbbreviation(remote: RemoteAccess, ref: string | null, depth: number): Promise<void> {
  try {
    await remote.cloneBranch(ref, depth);
  } catch (err) {
    const mapped = remote.mapError(err);
    // `abc1234` names a commit only when no branch or tag has that name.
    if (ref !== null && isShortCommitSha(ref) && isAppError(mapped) && mapped.code === 'REF_NOT_FOUND') {
      await remote.fetchAbbreviatedCommit(ref);
      return;
    }
    throw mapped;
  }
}

async function headCommit(git: SimpleGit): Promise<string> {
  const sha = (await git.raw(['rev-parse', '-q', '--verify', 'HEAD^{commit}']).catch(() => '')).trim();
  if (sha === '') throw new AppError('REF_NOT_FOUND', 'The repository has no commits yet.');
  return sha;
}

async function currentBranch(git: SimpleGit): Promise<string | null> {
  const name = (await git.raw(['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => '')).trim();
  return name === '' ? null : name;
}

/**
 * The git calls of one clone, all made with the same safety settings, token, route and progress reporter.
 * They fetch without checking out; HEAD ends at the commit to check out.
 */
class RemoteAccess {
  constructor(
    private readonly opts: CloneRepositoryOptions,
    private readonly route: RemoteRoute,
    private readonly signal: AbortSignal,
  ) {}

  mapError(err: unknown): unknown {
    return toGitError(err, { signal: this.signal, token: this.opts.token });
  }

  private options(baseDir: string): GitCommandOptions {
    const { url, token, onProgress } = this.opts;
    return {
      baseDir,
      kind: url.kind,
      route: this.route,
      remoteUrl: url.cloneUrl,
      token,
      signal: this.signal,
      ...(onProgress === undefined ? {} : { onProgress }),
    };
  }

  private git(baseDir: string): SimpleGit {
    return createGit(this.options(baseDir));
  }

  /** A call that reaches the remote: streamed, since the server decides how much git writes. */
  private async remote(baseDir: string, args: readonly string[]): Promise<void> {
    await streamGit(this.options(baseDir), args);
  }

  /** Options for git calls in the checkout that must not reach the network (a partial clone would fetch on demand). */
  offlineOptions(): GitCommandOptions {
    const { url, dir, onProgress } = this.opts;
    return { baseDir: dir, kind: url.kind, signal: this.signal, ...(onProgress === undefined ? {} : { onProgress }) };
  }

  offline(): SimpleGit {
    return createGit(this.offlineOptions());
  }

  async cloneBranch(ref: string | null, depth: number): Promise<void> {
    const { url, dir } = this.opts;
    await this.remote(path.dirname(dir), [
      'clone',
      '--progress',
      '--no-checkout',
      // No template: nothing (hooks included) is copied into the new repository.
      '--template=',
      '--single-branch',
      '--no-tags',
      '--no-recurse-submodules',
      ...depthArgs(depth),
      ...this.filterArgs(),
      ...(ref === null ? [] : ['--branch', ref]),
      '--',
      url.cloneUrl,
      dir,
    ]);
  }

  /** Fetches one commit by id; servers that refuse ids they do not advertise get a full fetch instead. */
  async fetchCommit(sha: string, depth: number): Promise<void> {
    await this.initialise();
    try {
      await this.remote(this.opts.dir, ['fetch', '--progress', '--no-tags', '--no-recurse-submodules', ...depthArgs(depth), ...this.filterArgs(), 'origin', sha]);
    } catch (err) {
      const mapped = this.mapError(err);
      if (!isAppError(mapped) || mapped.code !== 'REF_NOT_FOUND') throw mapped;
      await this.fetchAllBranchesAndTags();
    }
    await this.detachAt(sha);
  }

  /** An abbreviated id can only be expanded against the whole history. */
  async fetchAbbreviatedCommit(abbreviation: string): Promise<void> {
    await this.initialise();
    await this.fetchAllBranchesAndTags();
    const sha = (await this.offline().raw(['rev-parse', '-q', '--verify', `${abbreviation}^{commit}`]).catch(() => '')).trim();
    if (sha === '') throw refNotFound(abbreviation);
    await this.detachAt(sha);
  }

  private async initialise(): Promise<void> {
    const { url, dir } = this.opts;
    await rm(dir, { recursive: true, force: true });
    await this.git(path.dirname(dir)).raw(['init', '--quiet', '--template=', '--', dir]);
    await this.git(dir).raw(['remote', 'add', 'origin', '--', url.cloneUrl]);
  }

  private async fetchAllBranchesAndTags(): Promise<void> {
    await this.remote(this.opts.dir, [
      'fetch',
      '--progress',
      '--no-recurse-submodules',
      ...this.filterArgs(),
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/tags/*:refs/tags/*',
    ]);
  }

  /**
   * Points a detached HEAD at the commit; the work tree is filled later. Offline: in a partial clone,
   * asking for a missing object would otherwise fetch it from the remote, unstreamed.
   */
  private async detachAt(sha: string): Promise<void> {
    const git = this.offline();
    const exists = await git
      .raw(['cat-file', '-e', `${sha}^{commit}`])
      .then(() => true)
      .catch(() => false);
    if (!exists) throw refNotFound(sha);
    await git.raw(['update-ref', '--no-deref', 'HEAD', sha]);
  }

  /** A partial clone leaves blobs over the limit on the server. */
  private filterArgs(): string[] {
    const limit = this.opts.partial?.blobLimitBytes ?? null;
    if (limit === null) return [];
    const filter = [`--filter=blob:limit=${Math.max(0, Math.floor(limit))}`];
    return this.opts.url.kind === 'local' ? [...filter, `--upload-pack=${FILTERING_LOCAL_UPLOAD_PACK}`] : filter;
  }
}

function refNotFound(ref: string): AppError {
  return new AppError('REF_NOT_FOUND', `No commit ${ref} exists in the repository's branches and tags.`);
}

function depthArgs(depth: number): string[] {
  return depth > 0 ? ['--depth', String(Math.floor(depth))] : [];
}
