import { AppError, isAppError, type InitializationResult } from '@repolens/contracts';
import { walkTree } from '../fs/walk-tree.js';
import type { LeftOut } from '../git/checkout-worktree.js';
import { formatBytes, type CloneLimits } from '../git/clone-guard.js';
import { cloneRepository, type CloneRepositoryOptions, type CloneResult } from '../git/clone-repository.js';
import type { GitProgress } from '../git/git-progress.js';
import { parseRepositoryUrl, repositoryUrlOptions } from '../git/repository-url.js';
import type { PipelineSettings } from '../settings.js';
import type { Stage, StageContext, StageProgress } from '../stage.js';

// Share of the stage each git phase fills; counting the files takes the rest.
const PHASES: ReadonlyArray<{ prefix: string; from: number; to: number }> = [
  { prefix: 'remote:', from: 0, to: 0.1 },
  { prefix: 'receiving objects', from: 0.1, to: 0.8 },
  { prefix: 'resolving deltas', from: 0.8, to: 0.88 },
  { prefix: 'updating files', from: 0.88, to: 0.9 },
];
const COUNTING_AT = 0.9;
// Files named one by one in a note; the rest are counted.
const NAMED_FILES = 20;

/**
 * Validates the URL, clones the repository at the requested ref within the limits and pins the commit
 * every later stage uses. A repository over the size limit fails, or, when the user allowed a partial
 * analysis, is cloned again without its files over the file size limit, with notes saying what was left out.
 */
export function createInitializationStage(settings: PipelineSettings): Stage<'initialization'> {
  return {
    name: 'initialization',
    async run(ctx: StageContext): Promise<InitializationResult> {
      const startedAt = performance.now();
      const url = parseRepositoryUrl(ctx.request.url, repositoryUrlOptions(settings));
      const token = ctx.request.accessToken ?? url.embeddedToken;
      ctx.signal.throwIfAborted();

      ctx.log.info({ url: url.displayUrl, ref: ctx.request.ref, depth: settings.cloneDepth }, 'cloning the repository');
      ctx.report({ progress: 0, message: `Cloning ${url.displayUrl}` });
      const reporter = createCloneReporter(ctx);
      const limits: CloneLimits = {
        timeoutMs: settings.limits.cloneTimeoutMs,
        maxBytes: settings.limits.maxRepositoryBytes,
        maxFiles: settings.limits.maxFiles,
      };
      const options: CloneRepositoryOptions = {
        url,
        ref: ctx.request.ref,
        token,
        dir: ctx.workspace.checkoutDir,
        depth: settings.cloneDepth,
        signal: ctx.signal,
        onProgress: reporter.onProgress,
        network: settings.network,
        limits,
        ...(ctx.request.allowPartial ? { partial: { blobLimitBytes: null } } : {}),
      };
      const notes: string[] = [];
      let clone: CloneResult;
      try {
        clone = await cloneRepository(options);
      } catch (err) {
        if (!ctx.request.allowPartial || !isAppError(err) || err.code !== 'REPOSITORY_TOO_LARGE') throw err;
        const blobLimitBytes = settings.limits.maxFileBytes;
        ctx.log.info({ maxRepositoryBytes: limits.maxBytes, blobLimitBytes }, 'over the size limit; cloning again without large files');
        ctx.report({ progress: reporter.reached(), message: `Over ${formatBytes(limits.maxBytes)}; cloning again without files over ${formatBytes(blobLimitBytes)}` });
        notes.push(`The repository is larger than the limit of ${formatBytes(limits.maxBytes)}, so it was cloned without its files over ${formatBytes(blobLimitBytes)}.`);
        clone = await cloneRepository({ ...options, partial: { blobLimitBytes } }).catch((retryErr: unknown) => {
          if (!isAppError(retryErr) || retryErr.code !== 'REPOSITORY_TOO_LARGE') throw retryErr;
          throw new AppError(
            'REPOSITORY_TOO_LARGE',
            `The repository is larger than the limit of ${formatBytes(limits.maxBytes)} even without its files over ${formatBytes(blobLimitBytes)}.`,
          );
        });
      }
      ctx.signal.throwIfAborted();
      notes.push(...notesOf(clone.leftOut, settings.limits.maxFileBytes));

      ctx.report({ progress: COUNTING_AT, message: `Checked out ${clone.ref} at ${clone.commitSha.slice(0, 7)}; counting files` });
      const { fileCount, sizeBytes } = await countFiles(ctx.workspace.checkoutDir, ctx.signal);
      ctx.log.info({ commitSha: clone.commitSha, ref: clone.ref, fileCount, sizeBytes, notes: notes.length }, 'repository cloned');
      const blobLimitBytes = clone.leftOut.largeFiles.length > 0 ? settings.limits.maxFileBytes : null;
      return {
        cloneUrl: url.cloneUrl,
        notes,
        ...(blobLimitBytes !== null || clone.leftOut.fileLimit !== null ? { partial: { blobLimitBytes, maxFiles: clone.leftOut.fileLimit } } : {}),
        ref: clone.ref,
        commitSha: clone.commitSha,
        shallow: clone.shallow,
        fileCount,
        sizeBytes,
        durationMs: Math.round(performance.now() - startedAt),
      };
    },
  };
}

/** What a person reads about the files a partial checkout left out. */
function notesOf(leftOut: LeftOut, blobLimitBytes: number): string[] {
  const notes: string[] = [];
  const { largeFiles, fileLimit, unwritablePaths, unwritableCount } = leftOut;
  if (largeFiles.length > 0) {
    notes.push(`${fileCount(largeFiles.length)} over ${formatBytes(blobLimitBytes)} left out (not downloaded or analysed): ${listOf(largeFiles)}.`);
  }
  if (unwritableCount > 0) {
    notes.push(`${fileCount(unwritableCount)} with a path too long or too deep to check out left out: ${listOf(unwritablePaths.map(shortened))}.`);
  }
  if (fileLimit !== null) {
    notes.push(`The repository is over the limit of ${fileLimit} files or directories; only what fits (in path order) was checked out and analysed.`);
  }
  return notes;
}

/** Turns git's phases into one rising stage progress with a message a person can read. */
function createCloneReporter(ctx: StageContext): { onProgress: (progress: GitProgress) => void; reached: () => number } {
  let reached = 0;
  const onProgress = (event: GitProgress): void => {
    const phase = PHASES.find((candidate) => event.stage.startsWith(candidate.prefix));
    if (phase === undefined) return;
    reached = Math.max(reached, phase.from + ((phase.to - phase.from) * event.progress) / 100);
    const title = event.stage.replace(/^remote:\s*/, '');
    const report: StageProgress = {
      progress: Math.round(reached * 1000) / 1000,
      message: `${title.charAt(0).toUpperCase()}${title.slice(1)} ${event.progress}%`,
      details: detailsOf(event),
    };
    ctx.report(report);
  };
  return { onProgress, reached: () => Math.round(reached * 1000) / 1000 };
}

function detailsOf(event: GitProgress): NonNullable<StageProgress['details']> {
  if (event.stage === 'receiving objects') return { objectsReceived: event.processed, objectsTotal: event.total };
  if (event.stage === 'resolving deltas') return { deltasResolved: event.processed, deltasTotal: event.total };
  return { processed: event.processed, total: event.total };
}

function fileCount(count: number): string {
  return count === 1 ? '1 file' : `${count} files`;
}

function listOf(paths: readonly string[]): string {
  const more = paths.length > NAMED_FILES ? ` and ${paths.length - NAMED_FILES} more` : '';
  return `${paths.slice(0, NAMED_FILES).join(', ')}${more}`;
}

/** A path of thousands of bytes, cut to something a note can show. */
function shortened(file: string): string {
  return file.length <= 120 ? file : `${file.slice(0, 60)}…${file.slice(-40)}`;
}

/** Files (symlinks included, never followed) and their bytes, outside `.git`. */
async function countFiles(root: string, signal: AbortSignal): Promise<{ fileCount: number; sizeBytes: number }> {
  let fileCount = 0;
  let sizeBytes = 0;
  for await (const entry of walkTree(root, { signal })) {
    if (entry.kind === 'file') {
      fileCount += 1;
      sizeBytes += entry.size;
    } else if (entry.kind === 'symlink') {
      fileCount += 1;
    }
  }
  return { fileCount, sizeBytes };
}
