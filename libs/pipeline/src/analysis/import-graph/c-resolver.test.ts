import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

/** A C library with a public include/ folder, private headers beside the sources, and a vendored copy. */
const library = fixtureInput({
  sources: {
    'src/main.c': ['"codec/codec.h"', '"internal.h"', '<stdio.h>', '<codec/version.h>', '"config.h"'],
    'src/codec.c': ['"codec/codec.h"', '"../include/codec/version.h"', '"internal.h"'],
    'src/internal.h': [],
    'include/codec/codec.h': ['"version.h"', '<stdint.h>'],
    'include/codec/version.h': [],
    'tools/bench/bench.cpp': ['"timer.hpp"', '"codec.h"'],
    'tools/bench/detail/timer.hpp': [],
  },
  others: { 'CMakeLists.txt': 'project(codec C)\n', 'third_party/other/codec.h': null },
});

describe('resolveImports for C and C++', () => {
  it('looks for a quoted include beside the file, then under include roots', async () => {
    const result = await resolveImports(library);
    expect(resolvedImportsOf(result, 'src/main.c')).toMatchObject({
      '"codec/codec.h"': 'include/codec/codec.h',
      '"internal.h"': 'src/internal.h',
    });
    expect(resolvedImportsOf(result, 'src/codec.c')['"../include/codec/version.h"']).toBe('include/codec/version.h');
    expect(resolvedImportsOf(result, 'include/codec/codec.h')['"version.h"']).toBe('include/codec/version.h');
  });

  it('resolves an angle include under the include roots, and leaves system headers alone', async () => {
    const result = await resolveImports(library);
    expect(resolvedImportsOf(result, 'src/main.c')).toMatchObject({ '<codec/version.h>': 'include/codec/version.h', '<stdio.h>': undefined });
  });

  it('falls back to the nearest file whose path ends with the include, as the -I flags are unknown', async () => {
    const result = await resolveImports(library);
    expect(resolvedImportsOf(result, 'tools/bench/bench.cpp')).toEqual({
      '"timer.hpp"': 'tools/bench/detail/timer.hpp',
      '"codec.h"': 'include/codec/codec.h',
    });
  });

  it('counts a quoted include that matches no file (a generated config.h) and no system header', async () => {
    const result = await resolveImports(library);
    expect(result.graph.unresolved).toBe(1);
    expect(result.graph.entryPoints).toEqual(['src/main.c']);
  });
});
