import { describe, expect, it } from 'vitest';
import { chooseLicense, LICENSE_FILE_NAME, licenseOfText, spdxOfManifestField } from './license.js';

// Opening lines of the real license texts (enough of each for recognition, as files in the wild have them).
const TEXTS: Record<string, string> = {
  MIT: `MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal`,
  'Apache-2.0': `                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/`,
  'BSD-3-Clause': `Copyright (c) 2020, X\nRedistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n1. Redistributions of source code must retain the above copyright notice,\n   this list of conditions and the following disclaimer.\n3. Neither the name of the copyright holder nor the names of its\n   contributors may be used`,
  'BSD-2-Clause': `Copyright (c) 2020, X\nRedistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n1. Redistributions of source code must retain the above copyright notice,\n   this list of conditions and the following disclaimer.`,
  'GPL-3.0': `                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007`,
  'GPL-2.0': `                    GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991`,
  'LGPL-2.1': `                  GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1, February 1999`,
  'LGPL-3.0': `                   GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n  This version of the GNU Lesser General Public License incorporates\nthe terms and conditions of version 3 of the GNU General Public\nLicense`,
  'AGPL-3.0': `                    GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007`,
  'MPL-2.0': `Mozilla Public License Version 2.0\n==================================`,
  ISC: `ISC License\n\nPermission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\ncopyright notice and this permission notice appear in all copies.`,
  Unlicense: `This is free and unencumbered software released into the public domain.`,
};

describe('licenseOfText', () => {
  it.each(Object.entries(TEXTS))('recognises %s', (spdxId, text) => {
    expect(licenseOfText(text)).toBe(spdxId);
  });

  it('does not guess at other texts', () => {
    expect(licenseOfText('All rights reserved. Do not copy.')).toBeNull();
  });
});

describe('spdxOfManifestField', () => {
  it('keeps SPDX ids and expressions and drops free text', () => {
    expect(spdxOfManifestField('MIT')).toBe('MIT');
    expect(spdxOfManifestField('MIT OR Apache-2.0')).toBe('MIT OR Apache-2.0');
    expect(spdxOfManifestField('SEE LICENSE IN LICENSE.txt')).toBeNull();
    expect(spdxOfManifestField('The MIT license, mostly')).toBeNull();
  });
});

describe('chooseLicense', () => {
  it('prefers the license file, takes the manifest otherwise and reads dual files as a choice', () => {
    expect(chooseLicense([{ path: 'LICENSE', spdxId: 'MIT' }], { path: 'package.json', spdxId: 'ISC' })).toEqual({ spdxId: 'MIT', file: 'LICENSE' });
    expect(chooseLicense([], { path: 'Cargo.toml', spdxId: 'MIT OR Apache-2.0' })).toEqual({ spdxId: 'MIT OR Apache-2.0', file: 'Cargo.toml' });
    expect(chooseLicense([{ path: 'LICENSE-APACHE', spdxId: 'Apache-2.0' }, { path: 'LICENSE-MIT', spdxId: 'MIT' }], null)).toEqual({
      spdxId: 'Apache-2.0 OR MIT',
      file: 'LICENSE-APACHE',
    });
    expect(chooseLicense([{ path: 'COPYING', spdxId: null }], null)).toEqual({ spdxId: 'NOASSERTION', file: 'COPYING' });
    expect(chooseLicense([], null)).toBeNull();
  });

  it('knows license file names', () => {
    for (const name of ['LICENSE', 'LICENSE.md', 'licence.txt', 'COPYING', 'LICENSE-MIT', 'LICENSE-APACHE', 'LICENSE.BSD-3.txt', 'UNLICENSE']) expect(LICENSE_FILE_NAME.test(name)).toBe(true);
    for (const name of ['license.ts', 'license.test.ts', 'LICENSES', 'my-license.md']) expect(LICENSE_FILE_NAME.test(name)).toBe(false);
  });
});
