/**
 * Languages of files by name, spelled as GitHub's linguist spells them; used for structure and per-language
 * totals. Only the name is looked at: content checks belong to the stages that read files.
 */

const BY_EXTENSION: Readonly<Record<string, string>> = {
  ts: 'TypeScript', mts: 'TypeScript', cts: 'TypeScript',
  tsx: 'TSX',
  js: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', jsx: 'JavaScript',
  py: 'Python', pyi: 'Python', pyw: 'Python',
  go: 'Go',
  java: 'Java',
  kt: 'Kotlin', kts: 'Kotlin',
  scala: 'Scala',
  groovy: 'Groovy', gradle: 'Groovy',
  rs: 'Rust',
  c: 'C', h: 'C',
  cc: 'C++', cpp: 'C++', cxx: 'C++', 'c++': 'C++', hh: 'C++', hpp: 'C++', hxx: 'C++', ipp: 'C++',
  cs: 'C#',
  fs: 'F#', fsx: 'F#',
  vb: 'Visual Basic .NET',
  m: 'Objective-C', mm: 'Objective-C++',
  swift: 'Swift',
  rb: 'Ruby', rake: 'Ruby', gemspec: 'Ruby',
  php: 'PHP',
  pl: 'Perl', pm: 'Perl',
  lua: 'Lua',
  r: 'R',
  jl: 'Julia',
  dart: 'Dart',
  ex: 'Elixir', exs: 'Elixir',
  erl: 'Erlang', hrl: 'Erlang',
  hs: 'Haskell',
  ml: 'OCaml', mli: 'OCaml',
  clj: 'Clojure', cljs: 'Clojure', cljc: 'Clojure',
  elm: 'Elm',
  zig: 'Zig',
  nim: 'Nim',
  sol: 'Solidity',
  vue: 'Vue',
  svelte: 'Svelte',
  astro: 'Astro',
  md: 'Markdown', markdown: 'Markdown', mdx: 'MDX',
  rst: 'reStructuredText',
  adoc: 'AsciiDoc', asciidoc: 'AsciiDoc',
  tex: 'TeX',
  txt: 'Text',
  json: 'JSON', jsonc: 'JSON with Comments', json5: 'JSON5',
  yml: 'YAML', yaml: 'YAML',
  toml: 'TOML',
  xml: 'XML', xsd: 'XML', xsl: 'XML', plist: 'XML',
  ini: 'INI', cfg: 'INI',
  sh: 'Shell', bash: 'Shell', zsh: 'Shell', ksh: 'Shell',
  fish: 'fish',
  ps1: 'PowerShell', psm1: 'PowerShell',
  bat: 'Batchfile', cmd: 'Batchfile',
  html: 'HTML', htm: 'HTML',
  css: 'CSS',
  scss: 'SCSS',
  sass: 'Sass',
  less: 'Less',
  sql: 'SQL',
  graphql: 'GraphQL', gql: 'GraphQL',
  proto: 'Protocol Buffer',
  tf: 'HCL', hcl: 'HCL',
  dockerfile: 'Dockerfile',
  mk: 'Makefile',
  cmake: 'CMake',
  nix: 'Nix',
  csv: 'CSV',
  svg: 'SVG',
};

const BY_FILENAME: Readonly<Record<string, string>> = {
  dockerfile: 'Dockerfile',
  containerfile: 'Dockerfile',
  makefile: 'Makefile',
  gnumakefile: 'Makefile',
  'cmakelists.txt': 'CMake',
  rakefile: 'Ruby',
  gemfile: 'Ruby',
  podfile: 'Ruby',
  vagrantfile: 'Ruby',
  jenkinsfile: 'Groovy',
  '.bashrc': 'Shell',
  '.bash_profile': 'Shell',
  '.zshrc': 'Shell',
  '.profile': 'Shell',
  'go.mod': 'Go Module',
  'go.sum': 'Go Checksums',
  'cargo.lock': 'TOML',
  '.gitignore': 'Ignore List',
  '.dockerignore': 'Ignore List',
  '.npmignore': 'Ignore List',
  '.editorconfig': 'EditorConfig',
  license: 'Text',
  copying: 'Text',
};

/** The language of a file from its name, or null when the name says nothing. */
export function languageOfPath(filePath: string): string | null {
  const base = filePath.slice(filePath.lastIndexOf('/') + 1).toLowerCase();
  const byName = BY_FILENAME[base];
  if (byName !== undefined) return byName;
  // `Dockerfile.dev`, `api.Dockerfile`
  if (base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'Dockerfile';
  const dot = base.lastIndexOf('.');
  // No extension, or a dotfile such as `.env` whose whole name is the "extension".
  if (dot <= 0) return null;
  return BY_EXTENSION[base.slice(dot + 1)] ?? null;
}

const BINARY_SNIFF_BYTES = 8000;

/** Git's own test: a NUL byte among the first 8000 bytes means binary. */
export function isProbablyBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
