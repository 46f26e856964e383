/** The languages the code parser understands, keyed by grammar. */
export const CODE_LANGUAGES = ['typescript', 'tsx', 'javascript'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** Human names, as GitHub's linguist spells them; used in results and per-language totals. */
export const CODE_LANGUAGE_LABELS = {
  typescript: 'TypeScript',
  tsx: 'TSX',
  javascript: 'JavaScript',
} as const satisfies Record<CodeLanguage, string>;

const LANGUAGE_BY_EXTENSION: Readonly<Record<string, CodeLanguage>> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  // The JavaScript grammar parses JSX, so .jsx needs no grammar of its own.
  '.jsx': 'javascript',
};

/** The grammar for a file path, or null when the file is not code this parser reads. */
export function codeLanguageForPath(filePath: string): CodeLanguage | null {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0 || dot < filePath.lastIndexOf('/')) return null;
  return LANGUAGE_BY_EXTENSION[filePath.slice(dot).toLowerCase()] ?? null;
}
