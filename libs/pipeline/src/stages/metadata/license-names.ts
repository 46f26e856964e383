/** License names, URLs and classifiers as manifests write them, turned into SPDX ids. */

// Common SPDX ids, for validating and canonicalising (`mit` → `MIT`) what manifests state.
const KNOWN_SPDX_IDS = [
  '0BSD', 'AFL-3.0', 'AGPL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0', 'Artistic-1.0', 'Artistic-2.0',
  'BlueOak-1.0.0', 'BSD-1-Clause', 'BSD-2-Clause', 'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSD-3-Clause-Clear', 'BSD-4-Clause',
  'BSL-1.0', 'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC0-1.0', 'CDDL-1.0', 'CDDL-1.1', 'CECILL-2.1', 'ECL-2.0',
  'EPL-1.0', 'EPL-2.0', 'EUPL-1.1', 'EUPL-1.2', 'GPL-1.0-or-later', 'GPL-2.0', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0',
  'GPL-3.0-only', 'GPL-3.0-or-later', 'ISC', 'LGPL-2.0', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1', 'LGPL-2.1-only',
  'LGPL-2.1-or-later', 'LGPL-3.0', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0',
  'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-2.0', 'NCSA', 'ODbL-1.0', 'OFL-1.1', 'OpenSSL', 'PHP-3.01', 'PostgreSQL',
  'PSF-2.0', 'Python-2.0', 'Ruby', 'SSPL-1.0', 'Unicode-3.0', 'Unicode-DFS-2016', 'Unlicense', 'UPL-1.0', 'Vim', 'W3C', 'WTFPL',
  'X11', 'Zlib', 'ZPL-2.1',
];
const CANONICAL_IDS = new Map(KNOWN_SPDX_IDS.map((id) => [id.toLowerCase(), id]));

/** A known SPDX id in its canonical case, `LicenseRef-…` as written, or null. */
export function canonicalSpdxId(token: string): string | null {
  if (/^(LicenseRef|DocumentRef)-[A-Za-z0-9.:-]+$/.test(token)) return token;
  const plus = token.endsWith('+') ? '+' : '';
  const id = CANONICAL_IDS.get(token.slice(0, token.length - plus.length).toLowerCase());
  return id === undefined ? null : id + plus;
}

/**
 * An SPDX expression with every license id known (`MIT`, `(Apache-2.0 OR MIT)`, `GPL-2.0-only WITH
 * Classpath-exception-2.0`), canonicalised; null for anything else.
 */
export function canonicalSpdxExpression(value: string): string | null {
  const tokens = value.trim().split(/(\s+|[()])/).filter((token) => token.trim() !== '');
  if (tokens.length === 0) return null;
  const out: string[] = [];
  let expectLicense = true;
  let afterWith = false;
  for (const token of tokens) {
    if (token === '(' || token === ')') {
      out.push(token);
      continue;
    }
    const operator = token.toUpperCase();
    if (operator === 'OR' || operator === 'AND' || operator === 'WITH') {
      if (expectLicense) return null;
      out.push(operator);
      expectLicense = true;
      afterWith = operator === 'WITH';
      continue;
    }
    if (!expectLicense) return null;
    // Exceptions (`Classpath-exception-2.0`, `LLVM-exception`) are a list of their own; any well-formed name passes.
    const id = afterWith ? (/^[A-Za-z0-9.-]+$/.test(token) ? token : null) : canonicalSpdxId(token);
    if (id === null) return null;
    out.push(id);
    expectLicense = false;
    afterWith = false;
  }
  return expectLicense ? null : out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

const MAX_NAME_LENGTH = 300;

// Free-text names, first match wins; `{v}` ids get `-only` or `-or-later` from the words around them.
const NAME_RULES: ReadonlyArray<{ test: RegExp; spdxId: string }> = [
  { test: /affero|\bagpl/, spdxId: 'AGPL-3.0{v}' },
  { test: /(lesser|library) general public license.*\b2\.1\b|\blgpl.*2\.1/, spdxId: 'LGPL-2.1{v}' },
  { test: /(lesser|library) general public license.*\b3\b|\blgpl.*3/, spdxId: 'LGPL-3.0{v}' },
  { test: /(lesser|library) general public license.*\b2\b|\blgpl.*2/, spdxId: 'LGPL-2.0{v}' },
  { test: /general public license.*\b3\b|\bgpl.*3/, spdxId: 'GPL-3.0{v}' },
  { test: /general public license.*\b2\b|\bgpl.*2/, spdxId: 'GPL-2.0{v}' },
  { test: /apache.*1\.1/, spdxId: 'Apache-1.1' },
  { test: /apache/, spdxId: 'Apache-2.0' },
  { test: /mit.*(no attribution|-0\b)/, spdxId: 'MIT-0' },
  { test: /^(the )?mit( license)?( \(mit\))?$|\bexpat\b/, spdxId: 'MIT' },
  { test: /\b(0bsd|zero.clause bsd|bsd zero.clause)\b/, spdxId: '0BSD' },
  { test: /bsd.*(3|three).clause|(3|three).clause.*bsd|(new|modified|revised) bsd|bsd.*\b(new|modified|revised)\b/, spdxId: 'BSD-3-Clause' },
  { test: /bsd.*(2|two).clause|(2|two).clause.*bsd|simplified bsd|freebsd/, spdxId: 'BSD-2-Clause' },
  { test: /\bisc\b|\biscl\b/, spdxId: 'ISC' },
  { test: /mozilla public license.*2|\bmpl.*2/, spdxId: 'MPL-2.0' },
  { test: /mozilla public license.*1\.1|\bmpl.*1\.1/, spdxId: 'MPL-1.1' },
  { test: /eclipse public license.*2|\bepl.*2/, spdxId: 'EPL-2.0' },
  { test: /eclipse public license.*1|\bepl.*1/, spdxId: 'EPL-1.0' },
  { test: /european union public licen[cs]e.*1\.2|\beupl.*1\.2/, spdxId: 'EUPL-1.2' },
  { test: /unlicense/, spdxId: 'Unlicense' },
  { test: /\bcc0\b|creative commons zero/, spdxId: 'CC0-1.0' },
  { test: /boost software license|\bbsl.1\.0/, spdxId: 'BSL-1.0' },
  { test: /\bzlib\b/, spdxId: 'Zlib' },
  { test: /artistic.*2/, spdxId: 'Artistic-2.0' },
  { test: /\bwtfpl\b|do what the f/, spdxId: 'WTFPL' },
  { test: /python software foundation|\bpsf\b/, spdxId: 'PSF-2.0' },
  { test: /universal permissive license|\bupl\b/, spdxId: 'UPL-1.0' },
];

/** `Apache License, Version 2.0`, `The MIT License`, `GNU General Public License v3 or later (GPLv3+)` → SPDX. */
export function spdxOfLicenseName(name: string): string | null {
  // Names are short; a long text is no name, and the rules' `.*` should not scan it.
  if (name.length > MAX_NAME_LENGTH) return null;
  // `v2.1` and `GPLv3` spelled apart, so version numbers stand as words.
  const text = name.toLowerCase().replace(/[\s_]+/g, ' ').replace(/v(?=\d)/g, 'v ').trim();
  for (const rule of NAME_RULES) {
    if (!rule.test.test(text)) continue;
    const orLater = /or (any )?later|\+|or-later/.test(text);
    return rule.spdxId.replace('{v}', orLater ? '-or-later' : '-only');
  }
  return null;
}

const URL_RULES: ReadonlyArray<{ test: RegExp; spdxId: string }> = [
  { test: /apache\.org\/licenses\/license-2\.0/, spdxId: 'Apache-2.0' },
  { test: /gnu\.org\/licenses\/agpl/, spdxId: 'AGPL-3.0-only' },
  { test: /gnu\.org\/licenses\/(old-licenses\/)?lgpl-2\.1/, spdxId: 'LGPL-2.1-only' },
  { test: /gnu\.org\/licenses\/lgpl/, spdxId: 'LGPL-3.0-only' },
  { test: /gnu\.org\/licenses\/old-licenses\/gpl-2\.0|gnu\.org\/licenses\/gpl-2\.0/, spdxId: 'GPL-2.0-only' },
  { test: /gnu\.org\/licenses\/gpl/, spdxId: 'GPL-3.0-only' },
  { test: /eclipse\.org\/legal\/epl-(2\.0|v20)/, spdxId: 'EPL-2.0' },
  { test: /eclipse\.org\/legal\/epl-v10/, spdxId: 'EPL-1.0' },
  { test: /mozilla\.org\/(en-us\/)?mpl\/2\.0/, spdxId: 'MPL-2.0' },
  { test: /creativecommons\.org\/publicdomain\/zero\/1\.0/, spdxId: 'CC0-1.0' },
  { test: /boost\.org\/license_1_0/, spdxId: 'BSL-1.0' },
  { test: /unlicense\.org/, spdxId: 'Unlicense' },
];

/** `https://www.apache.org/licenses/LICENSE-2.0.txt`, `https://opensource.org/licenses/MIT`, spdx.org pages → SPDX. */
export function spdxOfLicenseUrl(url: string): string | null {
  if (url.length > MAX_NAME_LENGTH) return null;
  const text = url.toLowerCase();
  const named = /(?:opensource\.org\/licenses|spdx\.org\/licenses)\/([a-z0-9.+-]+?)(?:-license)?(?:\.(?:php|html|txt))?\/?$/.exec(text)?.[1];
  if (named !== undefined) {
    const id = canonicalSpdxId(named);
    if (id !== null) return id;
  }
  return URL_RULES.find((rule) => rule.test.test(text))?.spdxId ?? null;
}

/** The license of `License :: OSI Approved :: MIT License` classifiers (several read as a choice). */
export function spdxOfPythonClassifiers(classifiers: readonly string[]): string | null {
  const ids = new Set<string>();
  for (const classifier of classifiers) {
    const parts = classifier.split('::').map((part) => part.trim());
    if (parts[0] !== 'License' || parts.length < 2) continue;
    const last = parts[parts.length - 1] ?? '';
    // "Apache Software License" names no version; 2.0 is the one in use. "BSD License" names no clause count.
    const id = /^apache software license$/i.test(last) ? 'Apache-2.0' : spdxOfLicenseName(last);
    if (id !== null) ids.add(id);
  }
  return ids.size === 0 ? null : [...ids].join(' OR ');
}
