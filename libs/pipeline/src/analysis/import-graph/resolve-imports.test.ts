import { describe, expect, it } from 'vitest';
import { ImportGraphSchema } from '@repolens/contracts';
import { MOST_IMPORTED_COUNT, resolveImports } from './resolve-imports.js';
import { fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

describe('resolveImports: the import graph', () => {
  it('lists each resolved edge once, without self-edges, and returns the files with `resolved` set', async () => {
    const result = await resolveImports(
      fixtureInput({
        sources: {
          'src/index.ts': ['./a.js', './a', './b.js', 'lodash'],
          'src/a.ts': ['./b.js', './b.js'],
          'src/b.ts': [],
        },
      }),
    );
    expect(result.graph.edges).toEqual([
      ['src/index.ts', 'src/a.ts'],
      ['src/index.ts', 'src/b.ts'],
      ['src/a.ts', 'src/b.ts'],
    ]);
    expect(result.files.map((file) => file.path)).toEqual(['src/index.ts', 'src/a.ts', 'src/b.ts']);
    expect(result.files[0]?.imports.map((entry) => entry.resolved)).toEqual(['src/a.ts', 'src/a.ts', 'src/b.ts', undefined]);
    expect(ImportGraphSchema.parse(result.graph)).toEqual(result.graph);
  });

  it('ranks the most imported files by distinct importers, ties by path, at most twenty', async () => {
    const sources: Record<string, string[]> = {
      'lib/log.ts': [],
      'lib/db.ts': ['./log.js'],
      'lib/config.ts': [],
    };
    for (let n = 0; n < 30; n += 1) sources[`features/f${n}.ts`] = ['../lib/log.js', '../lib/log.js', ...(n < 5 ? ['../lib/db.js'] : [])];
    sources['features/f0.ts']?.push('../lib/config.js');
    sources['features/f1.ts']?.push('../lib/config.js');
    for (let n = 0; n < 25; n += 1) sources['app.ts'] = [...(sources['app.ts'] ?? []), `./features/f${n}.js`];
    const result = await resolveImports(fixtureInput({ sources }));
    expect(result.graph.mostImported.slice(0, 4)).toEqual([
      { path: 'lib/log.ts', importedBy: 31 },
      { path: 'lib/db.ts', importedBy: 5 },
      { path: 'lib/config.ts', importedBy: 2 },
      { path: 'features/f0.ts', importedBy: 1 },
    ]);
    expect(result.graph.mostImported).toHaveLength(MOST_IMPORTED_COUNT);
    // Equal counts come in path order: f0, f1, f10, f11…
    expect(result.graph.mostImported.slice(3, 6).map((entry) => entry.path)).toEqual(['features/f0.ts', 'features/f1.ts', 'features/f10.ts']);
  });

  it('finds a three-file cycle and a file importing itself, each once and in a stable order', async () => {
    const result = await resolveImports(
      fixtureInput({
        sources: {
          'src/orders.ts': ['./users.js', './util.js'],
          'src/users.ts': ['./teams.js'],
          'src/teams.ts': ['./orders.js', './util.js'],
          'src/util.ts': [],
          'src/recursive.ts': ['./recursive.js', './util.js'],
          'src/main.ts': ['./orders.js', './recursive.js'],
        },
      }),
    );
    expect(result.graph.cycles).toEqual([['src/orders.ts', 'src/teams.ts', 'src/users.ts'], ['src/recursive.ts']]);
    expect(resolvedImportsOf(result, 'src/recursive.ts')['./recursive.js']).toBe('src/recursive.ts');
    expect(result.graph.edges).not.toContainEqual(['src/recursive.ts', 'src/recursive.ts']);
  });

  it('takes files nothing but tests imports that look like entries, never tests themselves', async () => {
    const result = await resolveImports(
      fixtureInput({
        sources: {
          'packages/cli/src/index.ts': ['../../core/src/index.js'],
          'packages/core/src/index.ts': ['./engine.js'],
          'packages/core/src/engine.ts': [],
          'packages/core/src/helpers/index.ts': [],
          'tool/__main__.py': [],
          'services/api/main.go': [],
          'scripts/release.ts': [],
          'src/Program.cs': ['System.Linq', 'Acme.Billing'],
          'packages/core/src/engine.test.ts': ['./main.js'],
          'packages/core/src/main.ts': [],
        },
        others: {
          'packages/cli/package.json': JSON.stringify({ name: 'cli', bin: { acme: './dist/index.js' } }),
          'packages/core/package.json': JSON.stringify({ name: 'core', main: './dist/index.js' }),
        },
        categories: { 'packages/core/src/engine.test.ts': 'test' },
      }),
    );
    // core's index.ts is cli's import; helpers/index.ts is no package root.
    expect(result.graph.entryPoints).toEqual([
      'packages/cli/src/index.ts',
      'packages/core/src/main.ts',
      'scripts/release.ts',
      'services/api/main.go',
      'src/Program.cs',
      'tool/__main__.py',
    ]);
  });

  it('counts unresolved internal imports across languages, and nothing for C# namespaces', async () => {
    const result = await resolveImports(
      fixtureInput({
        sources: {
          'web/app.ts': ['./missing.js', 'react'],
          'svc/handler.py': [{ source: '.models', names: ['User'] }, 'os'],
          'svc/models.py': [],
          'api/Controllers/UsersController.cs': ['Acme.Api.Models', 'Microsoft.AspNetCore.Mvc'],
          'native/x.c': ['"gone.h"', '<stdlib.h>'],
        },
      }),
    );
    expect(result.graph.unresolved).toBe(2);
    expect(resolvedImportsOf(result, 'api/Controllers/UsersController.cs')).toEqual({
      'Acme.Api.Models': undefined,
      'Microsoft.AspNetCore.Mvc': undefined,
    });
    expect(result.graph.edges).toEqual([['svc/handler.py', 'svc/models.py']]);
  });

  it('goes on without a manifest that cannot be read or parsed', async () => {
    const input = fixtureInput({
      sources: { 'src/main.ts': ['@/util', './util.js'], 'src/util.ts': [] },
      others: { 'tsconfig.json': '{ "compilerOptions": { "paths": ', 'package.json': 'not json' },
    });
    const readFile = async (filePath: string): Promise<string | null> =>
      filePath === 'package.json' ? Promise.reject(new Error('EACCES')) : input.readFile(filePath);
    const result = await resolveImports({ ...input, readFile });
    expect(resolvedImportsOf(result, 'src/main.ts')).toEqual({ '@/util': undefined, './util.js': 'src/util.ts' });
    expect(result.graph.unresolved).toBe(0);
  });
});
