import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '@repolens/contracts';
import type { SimpleGit } from 'simple-git';
import { createGit } from './git-command.js';
import { toGitError } from './git-errors.js';
import type { GitProgress } from './git-progress.js';
import { assertSafeRef, isFullCommitSha, isShortCommitSha } from './refs.js';
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
}

export interface CloneResult {
  readonly commitSha: string;
  /** The ref asked for, or the default branch's name. */
  readonly ref: string;
  readonly shallow: boolean;
}

/** Clones `url` at `ref` into `dir` (replacing whatever is there) and resolves the commit checked out. */
export async function cloneRepository(opts: CloneRepositoryOptions): Promise<CloneResult> {
  const ref = opts.ref === null ? null : assertSafeRef(opts.ref);
  opts.signal.throwIfAborted();
  // A retry of the stage finds the previous attempt's files.
  await rm(opts.dir, { recursive: true, force: true });
  await mkdir(path.dirname(opts.dir), { recursive: true });

  const remote = new RemoteAccess(opts);
  try {
    if (ref !== null && isFullCommitSha(ref)) {
      await remote.fetchCommit(ref.toLowerCase(), opts.depth);
    } else {
      await cloneBranchOrAbbreviation(remote, ref, opts.depth);
    }
    const git = remote.inCheckout();
    const commitSha = await headCommit(git);
    const shallow = (await git.revparse(['--is-shallow-repository'])).trim() === 'true';
    const resolvedRef = ref ?? (await currentBranch(git)) ?? commitSha;
    return { commitSha, ref: resolvedRef, shallow };
  } catch (err) {
    throw toGitError(err, { signal: opts.signal, token: opts.token });
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

/** The git calls of one clone, all made with the same safety settings, token and progress reporter. */
class RemoteAccess {
  constructor(private readonly opts: CloneRepositoryOptions) {}

  mapError(err: unknown): unknown {
    return toGitError(err, { signal: this.opts.signal, token: this.opts.token });
  }

  private git(baseDir: string): SimpleGit {
    const { url, token, signal, onProgress } = this.opts;
    return createGit({
      baseDir,
      kind: url.kind,
      remoteUrl: url.cloneUrl,
      token,
      signal,
      ...(onProgress === undefined ? {} : { onProgress }),
    });
  }

  inCheckout(): SimpleGit {
    return this.git(this.opts.dir);
  }

  async cloneBranch(ref: string | null, depth: number): Promise<void> {
    const { url, dir } = this.opts;
    await this.git(path.dirname(dir)).raw([
      'clone',
      '--progress',
      // No template: nothing (hooks included) is copied into the new repository.
      '--template=',
      '--single-branch',
      '--no-tags',
      ...depthArgs(depth),
      ...(ref === null ? [] : ['--branch', ref]),
      '--',
      url.cloneUrl,
      dir,
    ]);
  }

  /** Fetches one commit by id; servers that refuse ids they do not advertise get a full fetch instead. */
  async fetchCommit(sha: string, depth: number): Promise<void> {
    const git = await this.initialise();
    try {
      await git.raw(['fetch', '--progress', '--no-tags', ...depthArgs(depth), 'origin', sha]);
    } catch (err) {
      const mapped = this.mapError(err);
      if (!isAppError(mapped) || mapped.code !== 'REF_NOT_FOUND') throw mapped;
      await this.fetchAllBranchesAndTags(git);
    }
    await this.checkoutCommit(git, sha);
  }

  /** An abbreviated id can only be expanded against the whole history. */
  async fetchAbbreviatedCommit(abbreviation: string): Promise<void> {
    const git = await this.initialise();
    await this.fetchAllBranchesAndTags(git);
    const sha = (await git.raw(['rev-parse', '-q', '--verify', `${abbreviation}^{commit}`]).catch(() => '')).trim();
    if (sha === '') throw refNotFound(abbreviation);
    await this.checkoutCommit(git, sha);
  }

  private async initialise(): Promise<SimpleGit> {
    const { url, dir } = this.opts;
    await rm(dir, { recursive: true, force: true });
    await this.git(path.dirname(dir)).raw(['init', '--quiet', '--template=', '--', dir]);
    const git = this.git(dir);
    await git.raw(['remote', 'add', 'origin', '--', url.cloneUrl]);
    return git;
  }

  private async fetchAllBranchesAndTags(git: SimpleGit): Promise<void> {
    await git.raw(['fetch', '--progress', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*']);
  }

  private async checkoutCommit(git: SimpleGit, sha: string): Promise<void> {
    const exists = await git
      .raw(['cat-file', '-e', `${sha}^{commit}`])
      .then(() => true)
      .catch(() => false);
    if (!exists) throw refNotFound(sha);
    await git.raw(['checkout', '--quiet', '--detach', sha]);
  }
}

function refNotFound(ref: string): AppError {
  return new AppError('REF_NOT_FOUND', `No commit ${ref} exists in the repository's branches and tags.`);
}

function depthArgs(depth: number): string[] {
  return depth > 0 ? ['--depth', String(Math.floor(depth))] : [];
}
