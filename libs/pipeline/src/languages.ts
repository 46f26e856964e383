import * as linguist from 'linguist-languages';

/**
 * Languages of files by name, spelled as GitHub's linguist spells them, for every language linguist
 * knows; used for structure and per-language totals. Only the name is looked at: content checks belong
 * to the stages that read files.
 */

/** linguist's kinds of language; only `programming` and `markup` count in language statistics. */
export type LanguageType = 'programming' | 'markup' | 'data' | 'prose';

interface LinguistLanguage {
  readonly name: string;
  readonly type: LanguageType;
  readonly extensions?: readonly string[];
  readonly filenames?: readonly string[];
}

/**
 * Extensions several linguist languages claim (linguist settles them by content), resolved to the
 * language such a file usually is. Keys are lower case, without the dot.
 */
const PREFERRED_BY_EXTENSION: Readonly<Record<string, string>> = {
  h: 'C', hh: 'C++', cp: 'C++', m: 'Objective-C', mm: 'Objective-C++',
  ts: 'TypeScript', tsx: 'TSX', es: 'JavaScript', gs: 'JavaScript', jsx: 'JavaScript',
  cs: 'C#', php: 'PHP', inc: 'PHP', rs: 'Rust', r: 'R',
  pl: 'Perl', pm: 'Perl', t: 'Perl',
  md: 'Markdown', txt: 'Text', asc: 'AsciiDoc',
  json: 'JSON', yaml: 'YAML', yml: 'YAML', sql: 'SQL', cfg: 'INI', plist: 'XML Property List', html: 'HTML',
  v: 'Verilog', ml: 'OCaml', fs: 'F#', sc: 'Scala', cl: 'OpenCL', d: 'D', l: 'Lex',
  s: 'Unix Assembly', asm: 'Assembly', ex: 'Elixir', pro: 'QMake', bas: 'Visual Basic 6.0',
  nu: 'Nushell', srt: 'SubRip Text', pc: 'pkg-config', spec: 'RPM Spec', star: 'Starlark',
  lisp: 'Common Lisp', lsp: 'Common Lisp', f: 'Fortran', for: 'Fortran', lean: 'Lean 4',
};

/** File names matched regardless of case (`makefile`, `license`), on top of linguist's exact names. */
const CASE_INSENSITIVE_FILENAMES: readonly string[] = [
  'Dockerfile', 'Containerfile', 'Makefile', 'GNUmakefile', 'CMakeLists.txt', 'Rakefile', 'Gemfile',
  'Podfile', 'Vagrantfile', 'Jenkinsfile', 'LICENSE', 'COPYING',
];

const TYPE_RANK: Readonly<Record<LanguageType, number>> = { programming: 0, markup: 0, data: 1, prose: 1 };

interface LanguageTables {
  readonly byExtension: ReadonlyMap<string, string>;
  readonly byFilename: ReadonlyMap<string, string>;
  readonly byLowerFilename: ReadonlyMap<string, string>;
  readonly typeByName: ReadonlyMap<string, LanguageType>;
  /** Longest extension linguist knows, in dot-separated parts (`.gradle.kts` is 2). */
  readonly maxExtensionParts: number;
}

/** Built once, when the module loads; every lookup afterwards is a few map reads. */
const TABLES: LanguageTables = buildTables(Object.values(linguist) as readonly LinguistLanguage[]);

function buildTables(languages: readonly LinguistLanguage[]): LanguageTables {
  const typeByName = new Map<string, LanguageType>();
  const claims = new Map<string, { language: LinguistLanguage; primary: boolean }[]>();
  const byFilename = new Map<string, string>();
  let maxExtensionParts = 1;
  for (const language of languages) {
    typeByName.set(language.name, language.type);
    (language.extensions ?? []).forEach((extension, index) => {
      const key = extension.toLowerCase();
      maxExtensionParts = Math.max(maxExtensionParts, key.split('.').length - 1);
      claims.set(key, [...(claims.get(key) ?? []), { language, primary: index === 0 }]);
    });
    for (const filename of language.filenames ?? []) {
      const current = byFilename.get(filename);
      if (current === undefined || preferred(language, typeByName.get(current))) byFilename.set(filename, language.name);
    }
  }

  const byExtension = new Map<string, string>();
  for (const [extension, candidates] of claims) {
    // Code over data, then the language whose first extension this is, then by name for stability.
    const [best] = [...candidates].sort(
      (a, b) =>
        TYPE_RANK[a.language.type] - TYPE_RANK[b.language.type] ||
        Number(b.primary) - Number(a.primary) ||
        a.language.name.localeCompare(b.language.name),
    );
    if (best !== undefined) byExtension.set(extension, best.language.name);
  }
  for (const [extension, name] of Object.entries(PREFERRED_BY_EXTENSION)) {
    if (!typeByName.has(name)) throw new Error(`languages: "${name}" is not a linguist language`);
    byExtension.set(`.${extension}`, name);
  }

  const byLowerFilename = new Map<string, string>();
  for (const filename of CASE_INSENSITIVE_FILENAMES) {
    const name = byFilename.get(filename);
    if (name === undefined) throw new Error(`languages: linguist has no file named "${filename}"`);
    byLowerFilename.set(filename.toLowerCase(), name);
  }
  return { byExtension, byFilename, byLowerFilename, typeByName, maxExtensionParts };
}

function preferred(candidate: LinguistLanguage, currentType: LanguageType | undefined): boolean {
  return currentType !== undefined && TYPE_RANK[candidate.type] < TYPE_RANK[currentType];
}

/** The language of a file from its name, or null when the name says nothing. */
export function languageOfPath(filePath: string): string | null {
  const base = filePath.slice(filePath.lastIndexOf('/') + 1);
  const byName = TABLES.byFilename.get(base);
  if (byName !== undefined) return byName;
  const lower = base.toLowerCase();
  const byLowerName = TABLES.byLowerFilename.get(lower);
  if (byLowerName !== undefined) return byLowerName;
  // `Dockerfile.dev`
  if (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) return 'Dockerfile';

  // The longest known extension wins (`.gradle.kts` over `.kts`, `.h.in` over `.in`). A leading dot
  // starts a dotfile's name, not an extension: `.env` has none unless linguist names the file.
  const dots: number[] = [];
  for (let index = lower.indexOf('.', 1); index !== -1; index = lower.indexOf('.', index + 1)) dots.push(index);
  for (const dot of dots.slice(-TABLES.maxExtensionParts)) {
    const language = TABLES.byExtension.get(lower.slice(dot));
    if (language !== undefined) return language;
  }
  return null;
}

/** linguist's type of a language named by `languageOfPath`, or null for a name linguist does not know. */
export function languageTypeOf(language: string): LanguageType | null {
  return TABLES.typeByName.get(language) ?? null;
}

const BINARY_SNIFF_BYTES = 8000;

/** Git's own test: a NUL byte among the first 8000 bytes means binary. */
export function isProbablyBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
