/** License of a project as an SPDX id, from its license file's text or its manifest. */

// Checked in order: the first whose every phrase occurs in the (whitespace-normalised, lower-case) text wins.
// AGPL and LGPL come before GPL, whose title they quote; ISC and 0BSD share a sentence and differ by the notice clause.
const LICENSE_TEXTS: ReadonlyArray<{ spdxId: string; phrases: readonly string[]; unless?: readonly string[] }> = [
  { spdxId: 'AGPL-3.0', phrases: ['gnu affero general public license', 'version 3'] },
  { spdxId: 'LGPL-3.0', phrases: ['gnu lesser general public license', 'version 3'] },
  { spdxId: 'LGPL-2.1', phrases: ['gnu lesser general public license', 'version 2.1'] },
  { spdxId: 'LGPL-2.0', phrases: ['gnu library general public license', 'version 2'] },
  { spdxId: 'GPL-3.0', phrases: ['gnu general public license', 'version 3'] },
  { spdxId: 'GPL-2.0', phrases: ['gnu general public license', 'version 2'] },
  { spdxId: 'MPL-2.0', phrases: ['mozilla public license', '2.0'] },
  { spdxId: 'Apache-2.0', phrases: ['apache license', 'version 2.0'] },
  { spdxId: 'Unlicense', phrases: ['this is free and unencumbered software released into the public domain'] },
  { spdxId: 'CC0-1.0', phrases: ['cc0 1.0 universal'] },
  { spdxId: 'BSL-1.0', phrases: ['boost software license - version 1.0'] },
  {
    spdxId: 'ISC',
    phrases: ['permission to use, copy, modify, and/or distribute this software for any purpose', 'provided that the above copyright notice'],
  },
  { spdxId: '0BSD', phrases: ['permission to use, copy, modify, and/or distribute this software for any purpose'] },
  { spdxId: 'ISC', phrases: ['permission to use, copy, modify, and distribute this software for any purpose', 'provided that the above copyright notice'] },
  { spdxId: 'MIT', phrases: ['permission is hereby granted, free of charge, to any person obtaining a copy'] },
  {
    spdxId: 'BSD-3-Clause',
    phrases: ['redistribution and use in source and binary forms', 'neither the name'],
  },
  {
    spdxId: 'BSD-2-Clause',
    phrases: ['redistribution and use in source and binary forms', 'this list of conditions and the following disclaimer'],
  },
];

/** LICENSE, LICENSE.md, LICENCE.txt, COPYING, LICENSE-MIT, UNLICENSE ... */
export const LICENSE_FILE_NAME =
  /^(un)?licen[cs]e(?:[-_.](?:mit|apache|bsd|gpl|lgpl|agpl|mpl|isc|cc0|0bsd)[\w.-]*)?(?:\.(?:md|markdown|txt|rst))?$|^copying(?:\.(?:lesser|lib|md|txt))?$/i;

/** The SPDX id of a license text, or null when it is none of the common ones. */
export function licenseOfText(text: string): string | null {
  const normalised = text.toLowerCase().replace(/\s+/g, ' ');
  for (const license of LICENSE_TEXTS) {
    if (license.phrases.every((phrase) => normalised.includes(phrase))) return license.spdxId;
  }
  return null;
}

// An SPDX id or expression: `MIT`, `Apache-2.0 OR MIT`, `GPL-3.0-or-later`, `(MIT AND BSD-3-Clause)`.
const SPDX_EXPRESSION = /^\(?[A-Za-z0-9.+-]+\)?(\s+(OR|AND|WITH)\s+\(?[A-Za-z0-9.+-]+\)?)*$/;

/** A manifest's license field as an SPDX expression, or null when it is free text or a file reference. */
export function spdxOfManifestField(value: string): string | null {
  const trimmed = value.trim();
  if (/^(see |unlicensed$|proprietary$|file:)/i.test(trimmed)) return null;
  return SPDX_EXPRESSION.test(trimmed) ? trimmed : null;
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
