/** The languages the code parser understands, keyed by grammar. */
export const CODE_LANGUAGES = [
  'typescript',
  'tsx',
  'javascript',
  'python',
  'go',
  'java',
  'rust',
  'c',
  'cpp',
  'csharp',
  'ruby',
  'php',
] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** The languages read by the TypeScript and JavaScript outline (ES modules, CommonJS, JSX). */
export type EcmaScriptLanguage = 'typescript' | 'tsx' | 'javascript';

export function isEcmaScript(language: CodeLanguage): language is EcmaScriptLanguage {
  return language === 'typescript' || language === 'tsx' || language === 'javascript';
}

/** Human names, as GitHub's linguist spells them; used in results and per-language totals. */
export const CODE_LANGUAGE_LABELS = {
  typescript: 'TypeScript',
  tsx: 'TSX',
  javascript: 'JavaScript',
  python: 'Python',
  go: 'Go',
  java: 'Java',
  rust: 'Rust',
  c: 'C',
  cpp: 'C++',
  csharp: 'C#',
  ruby: 'Ruby',
  php: 'PHP',
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
  '.py': 'python',
  '.pyi': 'python',
  '.pyw': 'python',
  '.go': 'go',
  '.java': 'java',
  '.rs': 'rust',
  '.c': 'c',
  // Linguist's default for .h; C++ headers are told apart by their content (looksLikeCppHeader).
  '.h': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.c++': 'cpp',
  '.cppm': 'cpp',
  '.ixx': 'cpp',
  '.hh': 'cpp',
  '.hpp': 'cpp',
  '.hxx': 'cpp',
  '.h++': 'cpp',
  '.inl': 'cpp',
  '.ipp': 'cpp',
  '.tcc': 'cpp',
  '.tpp': 'cpp',
  '.txx': 'cpp',
  '.cs': 'csharp',
  '.rb': 'ruby',
  '.rake': 'ruby',
  '.gemspec': 'ruby',
  '.ru': 'ruby',
  '.php': 'php',
  '.phtml': 'php',
};

/** Ruby files known by their whole name. */
const LANGUAGE_BY_FILENAME: Readonly<Record<string, CodeLanguage>> = {
  rakefile: 'ruby',
  gemfile: 'ruby',
  guardfile: 'ruby',
  podfile: 'ruby',
  vagrantfile: 'ruby',
};

/** The grammar for a file path, or null when the file is not code this parser reads. */
export function codeLanguageForPath(filePath: string): CodeLanguage | null {
  const slash = filePath.lastIndexOf('/');
  const dot = filePath.lastIndexOf('.');
  if (dot < 0 || dot < slash) return LANGUAGE_BY_FILENAME[filePath.slice(slash + 1).toLowerCase()] ?? null;
  return LANGUAGE_BY_EXTENSION[filePath.slice(dot).toLowerCase()] ?? null;
}

/** Constructs only C++ has, near the start of a line; linguist's heuristic for .h files, abridged. */
const CPP_HEADER_MARKERS =
  /^[ \t]*(?:template\s*<|namespace\s+[\w:]*\s*\{|class\s+\w+\s*[:{]|(?:public|private|protected)\s*:|using\s+namespace\s|#\s*include\s*<(?:cstd\w+|string|vector|map|memory|iostream|algorithm|utility)>)/m;

/** A `.h` file that is C++ rather than C. */
export function looksLikeCppHeader(source: string): boolean {
  return CPP_HEADER_MARKERS.test(source);
}
