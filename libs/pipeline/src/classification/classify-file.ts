import type { FileCategory } from '@repolens/contracts';
import { looksBinary } from '../fs/binary-content.js';
import { languageTypeOf } from '../languages.js';
import { BINARY_EXTENSIONS } from './binary-extensions.js';
import { isGeneratedByContent } from './generated-content.js';
import { isConfigPath, isDocsPath, isGeneratedByName, isTestPath, VENDORED_PATHS } from './path-rules.js';

export interface FileToClassify {
  /** Repository path, `/`-separated. */
  readonly path: string;
  readonly size: number;
  /** From `languageOfPath`. */
  readonly language: string | null;
  /** The first few KB, when they were cheap to read; without them only the path is looked at. */
  readonly head?: Buffer;
}

/**
 * What a file is, for ranking and statistics. The first rule that matches wins, in this order:
 *
 * 1. binary — a binary format's extension, or binary content (NUL bytes, control characters);
 * 2. vendored — third-party code: node_modules/, vendor/, third_party/, .yarn/, dist/, minified bundles;
 * 3. generated — lock files, code generators' outputs by name (`*.pb.go`, `*_pb2.py`, `*.designer.cs`),
 *    a generator's header ("Code generated … DO NOT EDIT", "@generated") or minified content;
 * 4. test — test directories and test file conventions (`*_test.go`, `test_*.py`, `*.spec.ts`, `*Test.java`);
 * 5. docs — docs/ and documentation/, Markdown and other prose, README, LICENSE, CHANGELOG, AUTHORS;
 * 6. config — dotfiles and tool directories, configuration formats, build, container and CI files, and
 *    other data files (linguist's `data` languages: CSV, SVG …);
 * 7. source — everything else.
 *
 * So a test inside vendor/ is vendored, a lock file is generated rather than config, and a config file
 * under docs/ is documentation: the earlier rule describes the file better for ranking.
 */
export function classifyFile(file: FileToClassify): FileCategory {
  const baseName = file.path.slice(file.path.lastIndexOf('/') + 1);
  const dot = baseName.lastIndexOf('.');
  const extension = dot > 0 ? baseName.slice(dot + 1).toLowerCase() : '';

  if (BINARY_EXTENSIONS.has(extension) || (file.head !== undefined && looksBinary(file.head))) return 'binary';
  if (VENDORED_PATHS.some((pattern) => pattern.test(file.path))) return 'vendored';
  if (isGeneratedByName(file.path, baseName)) return 'generated';
  if (file.head !== undefined && isGeneratedByContent(file.path, file.head, file.size)) return 'generated';
  if (isTestPath(file.path)) return 'test';
  const type = file.language === null ? null : languageTypeOf(file.language);
  if (type === 'prose' || isDocsPath(file.path, baseName)) return 'docs';
  if (type === 'data' || isConfigPath(file.path, baseName)) return 'config';
  return 'source';
}
