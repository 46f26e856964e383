/** License of a project as an SPDX id, from its license file's text or its manifest. */
import { canonicalSpdxExpression, spdxOfLicenseName, spdxOfLicenseUrl } from './license-names.js';

interface TextRule {
  readonly spdxId: string;
  /** All must occur in the normalised text; where the first does decides between rules. */
  readonly phrases: readonly RegExp[];
  /** None may occur. */
  readonly unless?: readonly RegExp[];
}

// On lower-case text with runs of whitespace made one space. Rules sharing a first phrase are in priority
// order: ISC before 0BSD (ISC adds the notice clause), MIT-0 before MIT, BSD-4 before BSD-3 before BSD-2.
const TEXT_RULES: readonly TextRule[] = [
  { spdxId: 'Apache-2.0', phrases: [/apache license/, /version 2\.0/] },
  { spdxId: 'MPL-2.0', phrases: [/mozilla public license/, /\b2\.0\b/] },
  { spdxId: 'MPL-1.1', phrases: [/mozilla public license/, /version 1\.1\b/] },
  { spdxId: 'EPL-2.0', phrases: [/eclipse public license/, /\bv(ersion)? ?2\.0\b/] },
  { spdxId: 'EPL-1.0', phrases: [/eclipse public license/, /\bv(ersion)? ?1\.0\b/] },
  { spdxId: 'EUPL-1.2', phrases: [/european union public licence/, /\bv\. ?1\.2\b/] },
  { spdxId: 'Unlicense', phrases: [/this is free and unencumbered software released into the public domain/] },
  { spdxId: 'CC0-1.0', phrases: [/cc0 1\.0 universal/] },
  { spdxId: 'BSL-1.0', phrases: [/boost software license\W+version 1\.0/] },
  { spdxId: 'Zlib', phrases: [/provided ['‘]as-is['’], without any express or implied warranty/, /altered source versions must be plainly marked/] },
  { spdxId: 'Artistic-2.0', phrases: [/the artistic license 2\.0/] },
  { spdxId: 'WTFPL', phrases: [/do what the fuck you want to public license/] },
  {
    spdxId: 'ISC',
    phrases: [/permission to use, copy, modify, and(\/or)? distribute this software for any purpose/, /provided that the above copyright notice/],
  },
  { spdxId: '0BSD', phrases: [/permission to use, copy, modify, and\/or distribute this software for any purpose/] },
  {
    // MIT without its notice condition: "furnished to do so." ends the grant. A cut-short MIT text is still MIT.
    spdxId: 'MIT-0',
    phrases: [/permission is hereby granted, free of charge, to any person obtaining a copy/, /furnished to do so\. ?the software is provided|mit no attribution/],
    unless: [/the above copyright notice and this permission notice shall be included/],
  },
  { spdxId: 'MIT', phrases: [/permission is hereby granted, free of charge, to any person obtaining a copy/] },
  { spdxId: 'BSD-4-Clause', phrases: [/redistribution and use in source and binary forms/, /all advertising materials mentioning/] },
  { spdxId: 'BSD-3-Clause', phrases: [/redistribution and use in source and binary forms/, /neither the name|may not be used to endorse/] },
  { spdxId: 'BSD-2-Clause', phrases: [/redistribution and use in source and binary forms/, /this list of conditions and the following disclaimer/] },
];

// The GNU licenses quote each other's titles (GPL-3.0 names the Affero GPL, LGPL-3.0 the GPL, MPL-2.0 all
// three), so the title that comes first in the file names the license, and the version that follows it.
const GNU_TITLES: ReadonlyArray<{ title: string; ids: Readonly<Record<string, string>> }> = [
  { title: 'gnu affero general public license', ids: { '3': 'AGPL-3.0' } },
  { title: 'gnu lesser general public license', ids: { '2.1': 'LGPL-2.1', '3': 'LGPL-3.0' } },
  { title: 'gnu library general public license', ids: { '2': 'LGPL-2.0' } },
  { title: 'gnu general public license', ids: { '1': 'GPL-1.0', '2': 'GPL-2.0', '3': 'GPL-3.0' } },
];
// The GNU texts end with a "How to Apply These Terms" appendix whose sample notice says "or (at your option)
// any later version"; only the project's own notice, outside it, makes the license `-or-later`. The texts
// also quote `"or any later version"` in their terms, which the quote mark rules out.
const GNU_APPENDIX = /how to apply these terms to your new (programs|libraries)/;
const OR_LATER = /(?<!["“])\bor (\(at your option\) )?any later version/;

/** LICENSE, LICENSE.md, LICENCE.txt, COPYING, COPYING.LESSER, LICENSE-MIT, UNLICENSE ... */
export const LICENSE_FILE_NAME =
  /^(un)?licen[cs]e(?:[-_.](?:mit|apache|bsd|gpl|lgpl|agpl|mpl|isc|cc0|0bsd|epl|zlib|bsl)[\w.-]*)?(?:\.(?:md|markdown|txt|rst))?$|^copying(?:\.(?:lesser|lib|md|txt))?$/i;

/** The SPDX id of a license text, or null when it is none of the common ones. */
export function licenseOfText(text: string): string | null {
  const normalised = text.toLowerCase().replace(/\s+/g, ' ');
  let best: { spdxId: string; at: number } | null = null;
  for (const rule of TEXT_RULES) {
    const at = rule.phrases[0]?.exec(normalised)?.index;
    if (at === undefined || (best !== null && at >= best.at)) continue;
    if (!rule.phrases.every((phrase) => phrase.test(normalised))) continue;
    if (rule.unless?.some((phrase) => phrase.test(normalised)) === true) continue;
    best = { spdxId: rule.spdxId, at };
  }
  const gnu = gnuLicenseOfText(normalised);
  if (gnu !== null && (best === null || gnu.at < best.at)) return gnu.spdxId;
  return best?.spdxId ?? null;
}

function gnuLicenseOfText(normalised: string): { spdxId: string; at: number } | null {
  let first: { title: string; ids: Readonly<Record<string, string>>; at: number } | null = null;
  for (const gnu of GNU_TITLES) {
    const at = normalised.indexOf(gnu.title);
    if (at !== -1 && (first === null || at < first.at)) first = { ...gnu, at };
  }
  if (first === null) return null;
  const afterTitle = normalised.slice(first.at + first.title.length, first.at + first.title.length + 200);
  const version = /\bversion (\d(?:\.\d)?)/.exec(afterTitle)?.[1]?.replace(/\.0$/, '');
  const id = version === undefined ? undefined : first.ids[version];
  if (id === undefined) return null;
  const appendix = GNU_APPENDIX.exec(normalised)?.index ?? normalised.length;
  return { spdxId: `${id}-${OR_LATER.test(normalised.slice(0, appendix)) ? 'or-later' : 'only'}`, at: first.at };
}

/**
 * A manifest's license field as an SPDX expression: an expression of known ids as it stands
 * (canonicalised), else a license name or URL recognised; null for free text, `SEE LICENSE IN …`,
 * `UNLICENSED` and `proprietary`.
 */
export function spdxOfManifestField(value: string): string | null {
  const trimmed = value.trim();
  // Real expressions are short; a long field is free text.
  if (trimmed === '' || trimmed.length > 300 || /^(see |unlicensed$|proprietary$|file:|other$|none$)/i.test(trimmed)) return null;
  const expression = canonicalSpdxExpression(trimmed);
  if (expression !== null) return expression;
  if (/^https?:\/\//i.test(trimmed)) return spdxOfLicenseUrl(trimmed);
  // A manifest may list several names ("MIT OR Apache 2.0" is rare; one name is the norm).
  return spdxOfLicenseName(trimmed);
}

export interface LicenseFinding {
  readonly spdxId: string;
  readonly file: string;
}

/**
 * The project's license: a recognised license file first (its own words), then the root manifest's field.
 * Several license files (`LICENSE-MIT`, `LICENSE-APACHE`) read as a choice between them unless the manifest
 * states the expression. An unrecognised license file gives `NOASSERTION`, SPDX's "not determined".
 */
export function chooseLicense(
  files: ReadonlyArray<{ path: string; spdxId: string | null }>,
  manifest: { path: string; spdxId: string } | null,
): LicenseFinding | null {
  const recognised = files.filter((file): file is { path: string; spdxId: string } => file.spdxId !== null);
  const ids = [...new Set(recognised.map((file) => file.spdxId))];
  const first = recognised[0];
  if (first !== undefined && ids.length === 1) return { spdxId: first.spdxId, file: first.path };
  if (first !== undefined) return { spdxId: manifest?.spdxId ?? ids.join(' OR '), file: first.path };
  if (manifest !== null) return { spdxId: manifest.spdxId, file: manifest.path };
  const unrecognised = files[0];
  return unrecognised === undefined ? null : { spdxId: 'NOASSERTION', file: unrecognised.path };
}
