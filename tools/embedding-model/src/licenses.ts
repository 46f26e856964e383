// Which training sources we may learn from. Only permissive licenses whose one condition is keeping the
// notice are accepted; the data manifest is where that notice is kept. MPL-2.0 is left out although it
// is often called "weak copyleft": its file-level terms were written for code, and whether a table of
// statistics learned from such files is a "Larger Work" is not settled, so we do not lean on it. Every
// copyleft license (GPL, LGPL, AGPL, EPL, …) and anything unrecognised is left out too.

/** SPDX ids we accept, keyed by the spellings Debian copyright files and package.json files use. */
const PERMISSIVE: ReadonlyMap<string, string> = new Map([
  ['mit', 'MIT'],
  ['expat', 'MIT'],
  ['mit/x11', 'MIT'],
  ['x11', 'MIT'],
  ['bsd-2', 'BSD-2-Clause'],
  ['bsd-2-clause', 'BSD-2-Clause'],
  ['bsd-2-clause-freebsd', 'BSD-2-Clause'],
  ['bsd-2-clause-netbsd', 'BSD-2-Clause'],
  ['bsd-simplified', 'BSD-2-Clause'],
  ['bsd-3', 'BSD-3-Clause'],
  ['bsd-3-clause', 'BSD-3-Clause'],
  ['bsd-3-clauses', 'BSD-3-Clause'],
  ['freebsd', 'BSD-2-Clause'],
  // Debian names the Go project's license "Go"; its text is BSD-3-Clause.
  ['go', 'BSD-3-Clause'],
  ['bsd-new', 'BSD-3-Clause'],
  ['bsd-modified', 'BSD-3-Clause'],
  ['bsd', 'BSD-3-Clause'],
  ['apache', 'Apache-2.0'],
  ['apache-2', 'Apache-2.0'],
  ['apache-2.0', 'Apache-2.0'],
  ['apache2', 'Apache-2.0'],
  ['apache2.0', 'Apache-2.0'],
  ['apache 2.0', 'Apache-2.0'],
  ['isc', 'ISC'],
  ['psf', 'PSF-2.0'],
  ['psf-2', 'PSF-2.0'],
  ['psf-2.0', 'PSF-2.0'],
  ['psfl', 'PSF-2.0'],
  ['python', 'PSF-2.0'],
  ['python-2.0', 'PSF-2.0'],
  ['zlib', 'Zlib'],
  ['zlib/libpng', 'Zlib'],
  ['0bsd', '0BSD'],
  ['unlicense', 'Unlicense'],
  ['cc0', 'CC0-1.0'],
  ['cc0-1.0', 'CC0-1.0'],
  ['public-domain', 'public-domain'],
  ['hpnd', 'HPND'],
  ['zpl-2.1', 'ZPL-2.1'],
  ['blueoak-1.0.0', 'BlueOak-1.0.0'],
]);

/** The SPDX id of one license name when it is one we accept, else null. */
export function permissiveLicense(name: string): string | null {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/\s+with\s+.*$/, '') // "… with exception" only grants more
    .replace(/~.*$/, '') // Debian's name for one holder's copy of a standard text: BSD-3-clause~Google
    .replace(/\+$/, '') // "or later"
    .replace(/\s+license$/, '');
  return PERMISSIVE.get(key) ?? null;
}

/**
 * The accepted license of a license expression (`A or B`, `A and B`, `(MIT OR Apache-2.0)`), or null.
 * A choice (`or`, `|`) is acceptable when one alternative is; a conjunction (`and`, `,`, `&`) when all are.
 */
export function permissiveExpression(expression: string): string | null {
  const text = expression.trim().replace(/^\((.*)\)$/s, '$1');
  if (text === '') return null;
  const alternatives = text.split(/\s+or\s+|\s*\|\s*|-or-/i);
  for (const alternative of alternatives) {
    const parts = alternative
      .replace(/^\((.*)\)$/s, '$1')
      .split(/\s+and\s+|\s*[,&]\s*/i)
      .filter((part) => part.trim() !== '');
    const accepted = parts.map(permissiveLicense);
    if (accepted.length > 0 && accepted.every((id) => id !== null)) return [...new Set(accepted)].join(' AND ');
  }
  return null;
}

/** One `Files:` stanza of a machine-readable (DEP-5) Debian copyright file. */
export interface CopyrightStanza {
  readonly files: readonly string[];
  readonly license: string;
}

/** The `Files:` stanzas of a DEP-5 copyright file, or null when the file is not machine-readable. */
export function parseDep5(text: string): CopyrightStanza[] | null {
  const paragraphs = text.split(/\n[ \t]*\n/);
  const header = paragraphs[0] ?? '';
  if (!/^Format:\s*\S*copyright-format/im.test(header)) return null;
  const stanzas: CopyrightStanza[] = [];
  for (const paragraph of paragraphs) {
    const fields = parseFields(paragraph);
    const files = fields.get('files');
    const license = fields.get('license');
    if (files === undefined || license === undefined) continue;
    // Only the first line of License names it; the rest is its text.
    stanzas.push({ files: files.split(/\s+/).filter((f) => f !== ''), license: license.split('\n')[0]?.trim() ?? '' });
  }
  return stanzas;
}

/** Field name (lowercased) → value, with continuation lines joined by newlines. */
function parseFields(paragraph: string): Map<string, string> {
  const fields = new Map<string, string>();
  let current: string | null = null;
  for (const line of paragraph.split('\n')) {
    const field = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (field !== null && !line.startsWith(' ')) {
      current = field[1]!.toLowerCase();
      fields.set(current, field[2]!);
    } else if (current !== null && /^\s/.test(line)) {
      fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`);
    }
  }
  return fields;
}

export interface PackageLicense {
  /** The license of the upstream source as a whole (the `Files: *` stanza). */
  readonly license: string;
  /** Stanzas for particular upstream files under a license we do not accept. */
  readonly excludedPatterns: readonly string[];
}

/**
 * The package's accepted license, or the reason it is not accepted. Stanzas about Debian's own
 * packaging (`debian/*`) are ignored: that is not the code we read.
 */
export function debianPackageLicense(copyrightText: string): PackageLicense | { rejected: string } {
  const stanzas = parseDep5(copyrightText);
  if (stanzas === null) return { rejected: 'copyright file is not machine-readable (DEP-5)' };
  const upstream = stanzas.filter((stanza) => !stanza.files.every((pattern) => pattern.startsWith('debian/')));
  const main = upstream.find((stanza) => stanza.files.includes('*'));
  if (main === undefined) return { rejected: 'no Files: * stanza' };
  const license = permissiveExpression(main.license);
  if (license === null) return { rejected: `license ${main.license}` };
  const excludedPatterns = upstream
    .filter((stanza) => stanza !== main && permissiveExpression(stanza.license) === null)
    .flatMap((stanza) => stanza.files);
  return { license, excludedPatterns };
}

/**
 * True when an installed file may be one that a non-accepted stanza covers. Installed paths rarely
 * match upstream ones exactly (`src/pkg/x.py` installs as `pkg/x.py`), so the pattern is matched
 * against the end of the path, also without its first directory: this errs towards leaving files out.
 */
export function coveredByPattern(relativePath: string, pattern: string): boolean {
  const variants = [pattern.replace(/\/$/, '/*')];
  const withoutFirst = variants[0]!.split('/').slice(1).join('/');
  if (withoutFirst !== '') variants.push(withoutFirst);
  return variants.some((variant) => globSuffix(variant).test(relativePath));
}

function globSuffix(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&'))
    .join('.*');
  return new RegExp(`(^|/)${body}$`);
}
