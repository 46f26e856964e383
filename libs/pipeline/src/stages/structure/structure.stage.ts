import type { StructureFile, StructureResult } from '@repolens/contracts';
import { GitignoreRules } from '../../fs/gitignore-rules.js';
import { symlinkTarget } from '../../fs/symlink-target.js';
import { walkTree, type TreeEntry } from '../../fs/walk-tree.js';
import { languageOfPath } from '../../languages.js';
import type { PipelineSettings } from '../../settings.js';
import type { Stage, StageContext } from '../../stage.js';
import { KeyDirectoryCollector } from './key-directories.js';

const REPORT_EVERY_FILES = 500;
const MAX_SKIPPED = 1_000;

/** The checkout's files (as git would list them: .gitignore respected), sizes, languages and key directories. */
export function createStructureStage(settings: PipelineSettings): Stage<'structure'> {
  return {
    name: 'structure',
    async run(ctx: StageContext): Promise<StructureResult> {
      const root = ctx.workspace.checkoutDir;
      const maxFiles = settings.limits.maxFiles;
      // The clone's file count includes ignored files, so it bounds what this walk will find.
      const expected = ctx.results.initialization?.fileCount ?? 0;

      const rules = new GitignoreRules(root);
      const keyDirectories = new KeyDirectoryCollector();
      const files: StructureFile[] = [];
      const skipped = new SkippedList(MAX_SKIPPED);
      let directories = 0;

      ctx.report({ progress: 0, message: 'Listing files' });
      const walk = walkTree(root, {
        signal: ctx.signal,
        onDirectory: (dir) => rules.loadDirectory(dir),
        exclude: (entryPath, isDirectory) => rules.isIgnored(entryPath, isDirectory),
      });
      for await (const entry of walk) {
        if (entry.kind === 'directory') {
          directories += 1;
          keyDirectories.add(entry.path);
        } else if (entry.kind === 'file') {
          if (files.length >= maxFiles) {
            skipped.add(entry.path, `file limit of ${maxFiles} reached: this file and the rest of the tree were not listed`);
            break;
          }
          files.push({ path: entry.path, size: entry.size, language: languageOfPath(entry.path) });
          if (files.length % REPORT_EVERY_FILES === 0) {
            ctx.report({
              progress: expected > 0 ? Math.min(0.95, files.length / expected) : 0.5,
              message: `Listed ${files.length} files`,
              details: { filesListed: files.length, filesExpected: expected },
            });
          }
        } else {
          skipped.add(entry.path, await skipReason(root, entry));
        }
      }
      ctx.signal.throwIfAborted();

      const result: StructureResult = {
        files,
        totalFiles: files.length,
        totalBytes: files.reduce((sum, file) => sum + file.size, 0),
        directories,
        languages: aggregateLanguages(files),
        keyDirectories: keyDirectories.directories,
        skipped: skipped.entries,
      };
      ctx.report({ progress: 1, message: `Listed ${files.length} files in ${directories} directories` });
      return result;
    },
  };
}

async function skipReason(root: string, entry: Exclude<TreeEntry, { kind: 'file' | 'directory' }>): Promise<string> {
  switch (entry.kind) {
    case 'symlink': {
      const link = await symlinkTarget(root, entry.path).catch(() => null);
      if (link === null) return 'symbolic link that could not be read';
      return link.inside
        ? `symbolic link to ${printable(link.target)}; not followed, the target is listed where it is`
        : 'symbolic link pointing outside the repository; not followed';
    }
    case 'special':
      return 'not a regular file (FIFO, socket or device)';
    case 'unreadable':
      return entry.reason;
  }
}

/** Link text is repository data: shown without control characters and at a bounded length. */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean;
}

function aggregateLanguages(files: readonly StructureFile[]): StructureResult['languages'] {
  const byLanguage = new Map<string, { files: number; bytes: number }>();
  for (const file of files) {
    if (file.language === null) continue;
    const totals = byLanguage.get(file.language) ?? { files: 0, bytes: 0 };
    totals.files += 1;
    totals.bytes += file.size;
    byLanguage.set(file.language, totals);
  }
  return [...byLanguage.entries()]
    .map(([language, totals]) => ({ language, ...totals }))
    .sort((a, b) => b.bytes - a.bytes || b.files - a.files || a.language.localeCompare(b.language));
}

/** Skipped entries up to a cap, then one line saying how many more there were. */
class SkippedList {
  private readonly list: StructureResult['skipped'] = [];
  private overflow = 0;

  constructor(private readonly cap: number) {}

  add(entryPath: string, reason: string): void {
    if (this.list.length < this.cap) this.list.push({ path: entryPath, reason });
    else this.overflow += 1;
  }

  get entries(): StructureResult['skipped'] {
    if (this.overflow === 0) return this.list;
    return [...this.list, { path: '.', reason: `${this.overflow} more entries were skipped and are not itemised` }];
  }
}
