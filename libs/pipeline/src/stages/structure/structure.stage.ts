import { AppError, type StructureResult } from '@repolens/contracts';
import { GitignoreRules } from '../../fs/gitignore-rules.js';
import { symlinkTarget } from '../../fs/symlink-target.js';
import { walkTree, type TreeEntry } from '../../fs/walk-tree.js';
import { listBlobIds } from '../../git/blob-ids.js';
import { languageOfPath } from '../../languages.js';
import type { PipelineSettings } from '../../settings.js';
import type { Stage, StageContext } from '../../stage.js';
import { classifyFiles, type ListedFile } from './classify-files.js';
import { KeyDirectoryCollector } from './key-directories.js';
import { SkippedList, printable } from './skipped-list.js';
import { categoryCounts, languagesByBytes, largestFiles, maxDepth } from './structure-summary.js';

const REPORT_EVERY_FILES = 500;
const MAX_SKIPPED = 1_000;
/** Deeper directories are listed but not entered: a tree this deep is a git bomb, not a project. */
const MAX_DIRECTORY_DEPTH = 256;
/** Past this many times the file limit the walk stops counting: the answer is "too many" either way. */
const COUNT_BEYOND_LIMIT = 10;
/** Listing fills this share of the stage's progress; classifying files the rest. */
const LISTING_SHARE = 0.6;

/**
 * The checkout's files (as git would list them: .gitignore respected; symlinks noted, never followed),
 * their sizes, languages and categories, key directories, and the languages by bytes. A repository with
 * more than `limits.maxFiles` files fails with TOO_MANY_FILES, or, when the request allows partial
 * analysis, keeps the first `maxFiles` in path order with a note saying how many were left out.
 */
export function createStructureStage(settings: PipelineSettings): Stage<'structure'> {
  return {
    name: 'structure',
    async run(ctx: StageContext): Promise<StructureResult> {
      const root = ctx.workspace.checkoutDir;
      const { maxFiles, maxFileBytes } = settings.limits;
      // The clone's file count includes ignored files, so it bounds what this walk will find.
      const expected = ctx.results.initialization?.fileCount ?? 0;

      const rules = new GitignoreRules(root);
      const keyDirectories = new KeyDirectoryCollector();
      const listed: ListedFile[] = [];
      const skipped = new SkippedList(MAX_SKIPPED);
      let directories = 0;
      let filesFound = 0;
      let countStopped = false;

      ctx.report({ progress: 0, message: 'Listing files' });
      const walk = walkTree(root, {
        signal: ctx.signal,
        maxDepth: MAX_DIRECTORY_DEPTH,
        onDirectory: (dir) => rules.loadDirectory(dir),
        exclude: (entryPath, isDirectory) => rules.isIgnored(entryPath, isDirectory),
      });
      for await (const entry of walk) {
        if (entry.kind === 'file') {
          filesFound += 1;
          if (filesFound > maxFiles) {
            // Past the limit only the count matters (for the error or the note), up to a point.
            if (filesFound >= maxFiles * COUNT_BEYOND_LIMIT) {
              countStopped = true;
              break;
            }
            continue;
          }
          listed.push({ path: entry.path, size: entry.size, language: languageOfPath(entry.path) });
          if (listed.length % REPORT_EVERY_FILES === 0) {
            ctx.report({
              progress: LISTING_SHARE * (expected > 0 ? Math.min(0.95, listed.length / expected) : 0.5),
              message: `Listed ${listed.length} files`,
              details: { filesListed: listed.length, filesExpected: expected },
            });
          }
        } else if (filesFound > maxFiles) {
          // The rest of the tree is left out; its directories and oddities with it.
        } else if (entry.kind === 'directory') {
          directories += 1;
          keyDirectories.add(entry.path);
          if (entry.path.split('/').length > MAX_DIRECTORY_DEPTH) {
            skipped.add(entry.path, `nested more than ${MAX_DIRECTORY_DEPTH} directories deep; its contents were not listed`);
          }
        } else {
          skipped.add(entry.path, await skipReason(root, entry));
        }
      }
      ctx.signal.throwIfAborted();

      const notes: StructureResult['skipped'] = [];
      if (filesFound > maxFiles) {
        const count = countStopped ? `at least ${filesFound}` : String(filesFound);
        if (!ctx.request.allowPartial) {
          throw new AppError('TOO_MANY_FILES', `The repository has ${count} files; this server analyses at most ${maxFiles}.`);
        }
        notes.push({
          path: '.',
          reason: `the repository has ${count} files, over the limit of ${maxFiles}: the first ${maxFiles} in path order were analysed, the rest left out`,
        });
        ctx.log.warn({ filesFound, maxFiles }, 'analysing part of a repository over the file limit');
      }

      ctx.report({ progress: LISTING_SHARE, message: `Classifying ${listed.length} files` });
      const blobIds = await blobIdsOf(ctx);
      const classified = await classifyFiles(ctx, listed, {
        maxFileBytes,
        skipped,
        onProgress: (done) =>
          ctx.report({
            progress: LISTING_SHARE + (1 - LISTING_SHARE) * (done / listed.length) * 0.99,
            message: `Classified ${done} / ${listed.length} files`,
            details: { filesClassified: done, filesTotal: listed.length },
          }),
      });
      const files = classified.map((file) => {
        const blobId = blobIds.get(file.path);
        return blobId === undefined ? file : { ...file, blobId };
      });

      const result: StructureResult = {
        files,
        totalFiles: files.length,
        totalBytes: files.reduce((sum, file) => sum + file.size, 0),
        directories,
        languages: languagesByBytes(files),
        keyDirectories: keyDirectories.directories,
        largestFiles: largestFiles(files),
        maxDepth: maxDepth(files),
        categories: categoryCounts(files),
        skipped: [...notes, ...skipped.entries],
      };
      ctx.report({ progress: 1, message: `Listed ${files.length} files in ${directories} directories` });
      return result;
    },
  };
}

/** The checkout's blob ids; none when git cannot list them, which costs later runs their reuse, never this run. */
async function blobIdsOf(ctx: StageContext): Promise<Map<string, string>> {
  try {
    return await listBlobIds(ctx.workspace.checkoutDir, ctx.signal);
  } catch (err) {
    ctx.signal.throwIfAborted();
    ctx.log.warn({ err }, 'could not list the blob ids of the checkout; the next run will analyse every file again');
    return new Map();
  }
}

async function skipReason(root: string, entry: Exclude<TreeEntry, { kind: 'file' | 'directory' }>): Promise<string> {
  switch (entry.kind) {
    case 'symlink': {
      const link = await symlinkTarget(root, entry.path).catch(() => null);
      if (link === null) return 'symbolic link that could not be read';
      if (!link.inside) return 'symbolic link pointing outside the repository; not followed';
      const target = link.target === '' ? 'the repository root' : printable(link.target);
      return `symbolic link to ${target}; not followed, the target is listed where it is`;
    }
    case 'special':
      return 'not a regular file (FIFO, socket or device)';
    case 'unreadable':
      return entry.reason;
  }
}
