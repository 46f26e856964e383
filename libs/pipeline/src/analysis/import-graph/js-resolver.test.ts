import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { edgesFrom, fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** A TypeScript monorepo: an app with tsconfig path aliases, two workspace packages, NodeNext imports. */
const monorepo = fixtureInput({
  sources: {
    'apps/web/src/main.tsx': [
      './app.js',
      '@/components/header',
      '@acme/ui',
      '@acme/ui/button',
      '@config',
      './styles.css',
      '@/missing',
      'react',
      'node:path',
    ],
    'apps/web/src/app.tsx': ['./components', '@acme/db'],
    'apps/web/src/components/index.ts': ['./header.js'],
    'apps/web/src/components/header.tsx': [],
    'packages/ui/src/index.ts': ['./button.js'],
    'packages/ui/src/button.tsx': ['../../db/src/index.js', './gone.js'],
    'packages/db/src/index.ts': ['#queries/users', 'pg'],
    'packages/db/src/queries/users.ts': ['./users.ts'],
    'config/index.ts': [],
  },
  others: {
    'package.json': json({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }),
    'tsconfig.base.json': `{
      // Shared by every app; aliases point into the web app.
      "compilerOptions": {
        /* resolve bare specifiers from the root */
        "baseUrl": ".",
        "paths": {
          "@/*": ["apps/web/src/*"], // the app's own alias
          "@config": ["config/index.ts"],
        },
      },
    }`,
    'apps/web/tsconfig.json': `{ "extends": "../../tsconfig.base.json", "include": ["src/**/*"], }`,
    'apps/web/package.json': json({ name: '@acme/web', private: true }),
    'apps/web/src/styles.css': 'body {}',
    'packages/ui/package.json': json({
      name: '@acme/ui',
      exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './button': './src/button.tsx' },
    }),
    'packages/db/package.json': json({ name: '@acme/db', main: 'lib/index.js', imports: { '#queries/*': './src/queries/*.ts' } }),
    'packages/db/tsconfig.json': json({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  },
});

describe('resolveImports for TypeScript and JavaScript', () => {
  it('resolves relative imports, NodeNext .js specifiers, folder indexes and files of other kinds', async () => {
    const result = await resolveImports(monorepo);
    expect(resolvedImportsOf(result, 'apps/web/src/main.tsx')).toMatchObject({
      './app.js': 'apps/web/src/app.tsx',
      './styles.css': 'apps/web/src/styles.css',
    });
    expect(resolvedImportsOf(result, 'apps/web/src/app.tsx')['./components']).toBe('apps/web/src/components/index.ts');
    expect(resolvedImportsOf(result, 'apps/web/src/components/index.ts')['./header.js']).toBe('apps/web/src/components/header.tsx');
    expect(resolvedImportsOf(result, 'packages/ui/src/button.tsx')['../../db/src/index.js']).toBe('packages/db/src/index.ts');
  });

  it('follows tsconfig paths and baseUrl through `extends`, with comments and trailing commas in the config', async () => {
    const result = await resolveImports(monorepo);
    expect(resolvedImportsOf(result, 'apps/web/src/main.tsx')).toMatchObject({
      '@/components/header': 'apps/web/src/components/header.tsx',
      '@config': 'config/index.ts',
    });
  });

  it('resolves workspace packages by name, through exports, subpaths and a dist entry whose source is in src/', async () => {
    const result = await resolveImports(monorepo);
    expect(resolvedImportsOf(result, 'apps/web/src/main.tsx')).toMatchObject({
      '@acme/ui': 'packages/ui/src/index.ts',
      '@acme/ui/button': 'packages/ui/src/button.tsx',
    });
    expect(resolvedImportsOf(result, 'apps/web/src/app.tsx')['@acme/db']).toBe('packages/db/src/index.ts');
    expect(resolvedImportsOf(result, 'packages/db/src/index.ts')['#queries/users']).toBe('packages/db/src/queries/users.ts');
  });

  it('leaves npm packages and Node built-ins alone and counts only internal imports that match no file', async () => {
    const result = await resolveImports(monorepo);
    const main = resolvedImportsOf(result, 'apps/web/src/main.tsx');
    expect(main['react']).toBeUndefined();
    expect(main['node:path']).toBeUndefined();
    expect(main['@/missing']).toBeUndefined();
    expect(resolvedImportsOf(result, 'packages/ui/src/button.tsx')['./gone.js']).toBeUndefined();
    // '@/missing' (a path alias) and './gone.js' (relative); 'react' and 'pg' are packages.
    expect(result.graph.unresolved).toBe(2);
    expect(edgesFrom(result, 'packages/db/src/index.ts')).toEqual(['packages/db/src/queries/users.ts']);
  });

  it('uses the options of a solution-style tsconfig.json’s references, and jsconfig baseUrl', async () => {
    const result = await resolveImports(
      fixtureInput({
        sources: {
          'src/main.ts': ['~/lib/api', '~/lib/nowhere'],
          'src/lib/api.ts': [],
          'legacy/src/app.js': ['utils/date', 'lodash'],
          'legacy/src/utils/date.js': [],
        },
        others: {
          'tsconfig.json': json({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
          'tsconfig.app.json': json({ compilerOptions: { paths: { '~/*': ['./src/*'] } } }),
          'tsconfig.node.json': json({ compilerOptions: {} }),
          'legacy/jsconfig.json': json({ compilerOptions: { baseUrl: 'src' } }),
        },
      }),
    );
    expect(resolvedImportsOf(result, 'src/main.ts')['~/lib/api']).toBe('src/lib/api.ts');
    expect(resolvedImportsOf(result, 'legacy/src/app.js')).toEqual({ 'utils/date': 'legacy/src/utils/date.js', lodash: undefined });
    // Only the aliased import is missing; 'lodash' under baseUrl is a package.
    expect(result.graph.unresolved).toBe(1);
  });
});
