import type { FileAnalysis, FileCategory } from '@repolens/contracts';
import type { ResolveImportsInput, ResolvedImports } from '../resolve-imports.js';

/** An import as the parser reports it: the source as written, or the source with the names it takes. */
export type FixtureImport = string | { readonly source: string; readonly names: readonly string[] };

/** For tests: a small repository as the code-analysis stage would hand it over. */
export interface RepositoryFixture {
  /** Analysed files and their imports, in order. */
  readonly sources: Readonly<Record<string, readonly FixtureImport[]>>;
  /** Other files of the checkout; a string is its text (manifests a resolver reads), null an unread file. */
  readonly others?: Readonly<Record<string, string | null>>;
  /** Categories other than 'source'. */
  readonly categories?: Readonly<Record<string, FileCategory>>;
}

export function fixtureInput(fixture: RepositoryFixture): ResolveImportsInput {
  const others = fixture.others ?? {};
  const files = Object.entries(fixture.sources).map(([filePath, imports]) =>
    analysedFile(filePath, imports, fixture.categories?.[filePath] ?? 'source'),
  );
  return {
    files,
    repositoryFiles: [...Object.keys(fixture.sources), ...Object.keys(others)],
    readFile: async (filePath) => others[filePath] ?? null,
  };
}

function analysedFile(filePath: string, imports: readonly FixtureImport[], category: FileCategory): FileAnalysis {
  return {
    path: filePath,
    language: filePath.slice(filePath.lastIndexOf('.') + 1),
    category,
    lines: imports.length + 1,
    lineStats: { code: imports.length + 1, comment: 0, blank: 0 },
    bytes: 100,
    symbols: [],
    imports: imports.map((entry, at) => {
      const { source, names } = typeof entry === 'string' ? { source: entry, names: [] } : entry;
      return { source, names: [...names], line: at + 1 };
    }),
    exports: [],
  };
}

/** What each import of a file resolved to, by source (undefined when it did not resolve). */
export function resolvedImportsOf(result: ResolvedImports, filePath: string): Record<string, string | undefined> {
  const file = result.files.find((candidate) => candidate.path === filePath);
  if (file === undefined) throw new Error(`no analysed file ${filePath}`);
  return Object.fromEntries(file.imports.map((entry) => [entry.source, entry.resolved]));
}

/** The files a file has edges to. */
export function edgesFrom(result: ResolvedImports, filePath: string): string[] {
  return result.graph.edges.filter(([from]) => from === filePath).map(([, to]) => to);
}
