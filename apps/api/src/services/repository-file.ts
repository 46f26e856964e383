import { existsSync } from 'node:fs';
import { AppError, type FileContentResponse } from '@repolens/contracts';
import { CheckoutFiles } from '@repolens/pipeline';
import type { ExplorerAnalysis } from './explorer-analysis.js';

/**
 * A repository path as a client sent it, refused when it could name anything outside the repository:
 * absolute paths, drive letters, backslashes, `.` and `..` segments, empty segments and NUL bytes.
 * Decided on the text alone, before the path is compared with the analysed files or touches the disk.
 */
export function checkRepositoryPath(raw: string): string {
  if (raw === '') throw new AppError('VALIDATION_ERROR', 'Give the path of a file inside the repository.');
  if (raw.includes('\0')) throw new AppError('VALIDATION_ERROR', 'A file path cannot contain a NUL byte.');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) {
    throw new AppError('VALIDATION_ERROR', 'Absolute paths are refused: give a path inside the repository, such as src/index.ts.');
  }
  if (raw.includes('\\')) throw new AppError('VALIDATION_ERROR', 'Use forward slashes in repository paths.');
  const segments = raw.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    throw new AppError('VALIDATION_ERROR', 'Paths with "." or ".." segments are refused: they could lead outside the repository.');
  }
  if (segments.some((segment) => segment === '')) throw new AppError('VALIDATION_ERROR', 'A repository path has no empty segments.');
  return raw;
}

/**
 * One analysed file's text at the analysed commit, read from the run's checkout through CheckoutFiles:
 * a symlink (the file or a directory above it) is never followed, files over `maxBytes` and binary
 * files are refused with the reason, and only files the analysis listed are served at all.
 */
export async function readRepositoryFile(analysis: ExplorerAnalysis, rawPath: string, maxBytes: number): Promise<FileContentResponse> {
  const repositoryPath = checkRepositoryPath(rawPath);
  const file = analysis.fileByPath.get(repositoryPath);
  if (file === undefined) throw new AppError('NOT_FOUND', `There is no file ${repositoryPath} in this analysis.`);
  if (!existsSync(analysis.checkoutDir)) {
    throw new AppError('CHECKOUT_UNAVAILABLE', 'The checkout of this analysis is not on this server; re-analyse the repository to view files.');
  }
  const read = await new CheckoutFiles(analysis.checkoutDir).readText(repositoryPath, { maxBytes });
  if ('skipped' in read) {
    if (read.skipped === 'file not found' || read.skipped.includes('symbolic')) {
      throw new AppError('NOT_FOUND', `${repositoryPath} cannot be shown: ${read.skipped}.`);
    }
    throw new AppError('FILE_NOT_VIEWABLE', `${repositoryPath} is not shown: ${read.skipped}.`);
  }
  const code = analysis.codeByPath.get(repositoryPath);
  return {
    path: repositoryPath,
    runId: analysis.runId,
    commitSha: analysis.commitSha,
    language: code?.language ?? file.language,
    category: file.category,
    bytes: read.bytes,
    encoding: read.encoding,
    lines: countLines(read.text),
    text: read.text,
    symbols: [...(code?.symbols ?? [])].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine),
  };
}

/** Lines as an editor numbers them: a final newline ends the last line rather than starting another. */
function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return text.endsWith('\n') ? lines - 1 : lines;
}
