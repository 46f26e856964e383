import { describe, expect, it } from 'vitest';
import { canonicalSpdxExpression, spdxOfLicenseName, spdxOfLicenseUrl, spdxOfPythonClassifiers } from './license-names.js';
import { chooseLicense, LICENSE_FILE_NAME, licenseOfText, spdxOfManifestField } from './license.js';

// Opening lines of the real license texts (enough of each for recognition, as files in the wild have them).
const TEXTS: Record<string, string> = {
  MIT: `MIT License\n\nCopyright (c) 2024 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to deal\n...\nThe above copyright notice and this permission notice shall be included in all\ncopies or substantial portions of the Software.`,
  'MIT-0': `MIT No Attribution\n\nCopyright 2024 Someone\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this\nsoftware and associated documentation files (the "Software"), to deal in the Software\nwithout restriction, including without limitation the rights to use, copy, modify,\nmerge, publish, distribute, sublicense, and/or sell copies of the Software, and to\npermit persons to whom the Software is furnished to do so.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.`,
  'Apache-2.0': `                                 Apache License\n                           Version 2.0, January 2004\n                        http://www.apache.org/licenses/`,
  'BSD-3-Clause': `Copyright (c) 2020, X\nRedistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n1. Redistributions of source code must retain the above copyright notice,\n   this list of conditions and the following disclaimer.\n3. Neither the name of the copyright holder nor the names of its\n   contributors may be used`,
  'BSD-2-Clause': `Copyright (c) 2020, X\nRedistribution and use in source and binary forms, with or without\nmodification, are permitted provided that the following conditions are met:\n1. Redistributions of source code must retain the above copyright notice,\n   this list of conditions and the following disclaimer.`,
  ISC: `ISC License\n\nPermission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\ncopyright notice and this permission notice appear in all copies.`,
  '0BSD': `Permission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted.\n\nTHE SOFTWARE IS PROVIDED "AS IS"`,
  'MPL-2.0': `Mozilla Public License Version 2.0\n==================================\n\n1. Definitions\n...\n"Secondary License"\n    means either the GNU General Public License, Version 2.0, the GNU Lesser\n    General Public License, Version 2.1, the GNU Affero General Public\n    License, Version 3.0, or any later versions of those licenses.`,
  'EPL-2.0': `Eclipse Public License - v 2.0\n\n    THE ACCOMPANYING PROGRAM IS PROVIDED UNDER THE TERMS OF THIS ECLIPSE\n    PUBLIC LICENSE ("AGREEMENT").`,
  'BSL-1.0': `Boost Software License - Version 1.0 - August 17th, 2003\n\nPermission is hereby granted, free of charge, to any person or organization`,
  Zlib: `zlib License\n\nThis software is provided 'as-is', without any express or implied\nwarranty.\n...\n2. Altered source versions must be plainly marked as such, and must not be\n   misrepresented as being the original software.`,
  Unlicense: `This is free and unencumbered software released into the public domain.\n\nAnyone is free to copy, modify, publish, use, compile, sell, or distribute this software`,
  'CC0-1.0': `Creative Commons Legal Code\n\nCC0 1.0 Universal\n\n    CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM`,
  'GPL-2.0-only': `                    GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991\n\n TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION AND MODIFICATION\n  9. ... If the Program specifies a version number of this License which applies to it and "any\nlater version", you have the option ...\n\n            How to Apply These Terms to Your New Programs\n\n    This program is free software; you can redistribute it and/or modify\n    it under the terms of the GNU General Public License as published by\n    the Free Software Foundation; either version 2 of the License, or\n    (at your option) any later version.`,
  'GPL-3.0-only': `                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n  13. Use with the GNU Affero General Public License.\n  14. ... specifies that a certain numbered version of the GNU General\nPublic License "or any later version" applies to it ...\n\n            How to Apply These Terms to Your New Programs\n\n    the Free Software Foundation, either version 3 of the License, or\n    (at your option) any later version.`,
  'GPL-3.0-or-later': `Widgets - a widget library\nCopyright (C) 2024 Someone\n\nThis program is free software: you can redistribute it and/or modify\nit under the terms of the GNU General Public License as published by\nthe Free Software Foundation, either version 3 of the License, or\n(at your option) any later version.`,
  'GPL-2.0-or-later': `This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.\n\n                    GNU GENERAL PUBLIC LICENSE\n                       Version 2, June 1991\n            How to Apply These Terms to Your New Programs\n  (at your option) any later version.`,
  'LGPL-2.1-only': `                  GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1, February 1999\n\n GNU GENERAL PUBLIC LICENSE is quoted here, Version 2`,
  'LGPL-3.0-only': `                   GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n  This version of the GNU Lesser General Public License incorporates\nthe terms and conditions of version 3 of the GNU General Public\nLicense, supplemented by the additional permissions listed below.\n ... "or any later version" applies to it`,
  'AGPL-3.0-only': `                    GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007\n\n  13. Remote Network Interaction; Use with the GNU General Public License.`,
};

describe('licenseOfText', () => {
  it.each(Object.entries(TEXTS))('recognises %s', (spdxId, text) => {
    expect(licenseOfText(text)).toBe(spdxId);
  });

  it('takes the license a file starts with when it quotes others', () => {
    expect(licenseOfText(`${TEXTS['MIT']}\n\nThird-party notices:\n${TEXTS['Apache-2.0']}`)).toBe('MIT');
  });

  it('reads a cut-short MIT text as MIT', () => {
    expect(licenseOfText('Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software...')).toBe('MIT');
  });

  it('does not guess at other texts', () => {
    expect(licenseOfText('All rights reserved. Do not copy.')).toBeNull();
    expect(licenseOfText('Licensed under the GNU General Public License.')).toBeNull();
  });
});

describe('manifest license fields', () => {
  it('keeps SPDX expressions of known ids, canonicalised', () => {
    expect(spdxOfManifestField('MIT')).toBe('MIT');
    expect(spdxOfManifestField('mit')).toBe('MIT');
    expect(spdxOfManifestField('MIT OR Apache-2.0')).toBe('MIT OR Apache-2.0');
    expect(spdxOfManifestField('(MIT or apache-2.0) AND BSD-3-Clause')).toBe('(MIT OR Apache-2.0) AND BSD-3-Clause');
    expect(spdxOfManifestField('GPL-2.0-only WITH Classpath-exception-2.0')).toBe('GPL-2.0-only WITH Classpath-exception-2.0');
    expect(spdxOfManifestField('LicenseRef-Acme')).toBe('LicenseRef-Acme');
    expect(canonicalSpdxExpression('MIT OR')).toBeNull();
  });

  it('recognises license names and URLs, and drops free text', () => {
    expect(spdxOfManifestField('Apache License, Version 2.0')).toBe('Apache-2.0');
    expect(spdxOfManifestField('The MIT License')).toBe('MIT');
    expect(spdxOfManifestField('https://opensource.org/licenses/MIT')).toBe('MIT');
    expect(spdxOfManifestField('SEE LICENSE IN LICENSE.txt')).toBeNull();
    expect(spdxOfManifestField('UNLICENSED')).toBeNull();
    expect(spdxOfManifestField('BSD')).toBeNull();
    expect(spdxOfManifestField('The MIT license, mostly')).toBeNull();
  });

  it('maps the names of POMs, classifiers and URLs to SPDX ids', () => {
    expect(spdxOfLicenseName('The Apache Software License, Version 2.0')).toBe('Apache-2.0');
    expect(spdxOfLicenseName('Eclipse Public License - v 2.0')).toBe('EPL-2.0');
    expect(spdxOfLicenseName('GNU Lesser General Public License v2.1 or later')).toBe('LGPL-2.1-or-later');
    expect(spdxOfLicenseName('GNU General Public License, version 2')).toBe('GPL-2.0-only');
    expect(spdxOfLicenseName('New BSD License')).toBe('BSD-3-Clause');
    expect(spdxOfLicenseName('Mozilla Public License 2.0 (MPL 2.0)')).toBe('MPL-2.0');
    expect(spdxOfLicenseName('Boost Software License 1.0 (BSL-1.0)')).toBe('BSL-1.0');
    expect(spdxOfLicenseName('Some Company License')).toBeNull();
    expect(spdxOfLicenseUrl('https://www.eclipse.org/legal/epl-2.0/')).toBe('EPL-2.0');
    expect(spdxOfLicenseUrl('https://www.gnu.org/licenses/old-licenses/gpl-2.0.html')).toBe('GPL-2.0-only');
    expect(spdxOfLicenseUrl('https://spdx.org/licenses/Zlib.html')).toBe('Zlib');
    expect(spdxOfPythonClassifiers(['License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)'])).toBe('GPL-3.0-or-later');
    expect(spdxOfPythonClassifiers(['License :: OSI Approved :: ISC License (ISCL)', 'License :: OSI Approved :: The Unlicense (Unlicense)'])).toBe(
      'ISC OR Unlicense',
    );
    expect(spdxOfPythonClassifiers(['License :: OSI Approved :: BSD License', 'Framework :: Django'])).toBeNull();
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
    for (const name of ['LICENSE', 'LICENSE.md', 'licence.txt', 'COPYING', 'COPYING.LESSER', 'LICENSE-MIT', 'LICENSE-APACHE', 'LICENSE.BSD-3.txt', 'UNLICENSE']) {
      expect(LICENSE_FILE_NAME.test(name)).toBe(true);
    }
    for (const name of ['license.ts', 'license.test.ts', 'LICENSES', 'my-license.md']) expect(LICENSE_FILE_NAME.test(name)).toBe(false);
  });
});
