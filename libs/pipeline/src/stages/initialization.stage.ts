import type { InitializationResult } from '@repolens/contracts';
import { walkTree } from '../fs/walk-tree.js';
import { cloneRepository } from '../git/clone-repository.js';
import type { GitProgress } from '../git/git-progress.js';
import { parseRepositoryUrl } from '../git/repository-url.js';
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

/** Validates the URL, clones the repository at the requested ref and pins the commit every later stage uses. */
export function createInitializationStage(settings: PipelineSettings): Stage<'initialization'> {
  return {
    name: 'initialization',
    async run(ctx: StageContext): Promise<InitializationResult> {
      const startedAt = performance.now();
      const url = parseRepositoryUrl(ctx.request.url, { allowLocal: settings.allowLocalRepositories });
      const token = ctx.request.accessToken ?? url.embeddedToken;
      ctx.signal.throwIfAborted();

      ctx.log.info({ url: url.displayUrl, ref: ctx.request.ref, depth: settings.cloneDepth }, 'cloning the repository');
      ctx.report({ progress: 0, message: `Cloning ${url.displayUrl}` });
      const clone = await cloneRepository({
        url,
        ref: ctx.request.ref,
        token,
        dir: ctx.workspace.checkoutDir,
        depth: settings.cloneDepth,
        signal: ctx.signal,
        onProgress: createCloneReporter(ctx),
      });
      ctx.signal.throwIfAborted();

      ctx.report({ progress: COUNTING_AT, message: `Checked out ${clone.ref} at ${clone.commitSha.slice(0, 7)}; counting files` });
      const { fileCount, sizeBytes } = await countFiles(ctx.workspace.checkoutDir, ctx.signal);
      ctx.log.info({ commitSha: clone.commitSha, ref: clone.ref, fileCount, sizeBytes }, 'repository cloned');
      return {
        cloneUrl: url.cloneUrl,
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

/** Turns git's phases into one rising stage progress with a message a person can read. */
function createCloneReporter(ctx: StageContext): (progress: GitProgress) => void {
  let reached = 0;
  return (event) => {
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
}

function detailsOf(event: GitProgress): NonNullable<StageProgress['details']> {
  if (event.stage === 'receiving objects') return { objectsReceived: event.processed, objectsTotal: event.total };
  if (event.stage === 'resolving deltas') return { deltasResolved: event.processed, deltasTotal: event.total };
  return { processed: event.processed, total: event.total };
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
