import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { edgesFrom, fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

/** A Go module with two commands, internal packages, a nested module and test files. */
const module = fixtureInput({
  sources: {
    'cmd/api/main.go': ['github.com/acme/shop/internal/db', 'github.com/acme/shop/internal/http', 'fmt', 'github.com/lib/pq'],
    'cmd/worker/main.go': ['github.com/acme/shop/internal/db', 'github.com/acme/shop/internal/queue'],
    'internal/db/db.go': [],
    'internal/db/migrations.go': ['embed'],
    'internal/db/db_test.go': ['testing', 'github.com/acme/shop/internal/db'],
    'internal/http/server.go': ['github.com/acme/shop/internal/db', 'github.com/acme/shop/tools/lint'],
    'tools/lint/lint.go': [],
  },
  others: {
    'go.mod': 'module github.com/acme/shop // the service\n\ngo 1.22\n\nrequire github.com/lib/pq v1.10.9\n',
    'go.sum': null,
    'tools/go.mod': 'module github.com/acme/shop/tools\n\ngo 1.22\n',
  },
  categories: { 'internal/db/db_test.go': 'test' },
});

describe('resolveImports for Go', () => {
  it('links a package import to every non-test file of the package folder, the namesake first', async () => {
    const result = await resolveImports(module);
    expect(resolvedImportsOf(result, 'cmd/api/main.go')['github.com/acme/shop/internal/db']).toBe('internal/db/db.go');
    expect(edgesFrom(result, 'cmd/api/main.go')).toEqual(['internal/db/db.go', 'internal/db/migrations.go', 'internal/http/server.go']);
  });

  it('resolves into a nested module by its own module path', async () => {
    const result = await resolveImports(module);
    expect(resolvedImportsOf(result, 'internal/http/server.go')['github.com/acme/shop/tools/lint']).toBe('tools/lint/lint.go');
  });

  it('counts a package path of the module with no folder, and leaves the standard library and other modules alone', async () => {
    const result = await resolveImports(module);
    expect(resolvedImportsOf(result, 'cmd/api/main.go')).toMatchObject({ fmt: undefined, 'github.com/lib/pq': undefined });
    expect(resolvedImportsOf(result, 'cmd/worker/main.go')['github.com/acme/shop/internal/queue']).toBeUndefined();
    expect(result.graph.unresolved).toBe(1);
  });

  it('ranks the package every command imports first, and takes the commands as entry points', async () => {
    const result = await resolveImports(module);
    expect(result.graph.mostImported.slice(0, 2)).toEqual([
      { path: 'internal/db/db.go', importedBy: 4 },
      { path: 'internal/db/migrations.go', importedBy: 4 },
    ]);
    expect(result.graph.entryPoints).toEqual(['cmd/api/main.go', 'cmd/worker/main.go']);
  });
});
