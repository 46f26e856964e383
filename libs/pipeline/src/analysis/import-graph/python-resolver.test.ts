import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { edgesFrom, fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

/** A src-layout package with relative imports, a Django-style project and a console script. */
const project = fixtureInput({
  sources: {
    'src/shop/__init__.py': [{ source: '.', names: ['models', 'VERSION'] }],
    'src/shop/models.py': [{ source: '.db', names: ['session'] }, 'os', { source: 'sqlalchemy.orm', names: ['Session'] }],
    'src/shop/db/__init__.py': [],
    'src/shop/db/session.py': [{ source: '..models', names: ['Order'] }, { source: '...outside', names: ['x'] }],
    'src/shop/api/views.py': [
      { source: '..db.session', names: ['get'] },
      { source: 'shop.models', names: ['Order'] },
      { source: 'shop', names: ['db'] },
      { source: 'shop.payments', names: ['charge'] },
      'requests',
    ],
    'src/shop/cli.py': [],
    'tests/test_models.py': [{ source: 'shop.models', names: ['Order'] }, 'pytest', { source: 'conftest', names: ['fixture'] }],
    'tests/conftest.py': [],
    'site/manage.py': [{ source: 'blog.views', names: ['index'] }],
    'site/blog/views.py': [],
  },
  others: {
    'pyproject.toml': '[project]\nname = "shop"\n\n[project.scripts]\nshop = "shop.cli:main"\n',
  },
  categories: { 'tests/test_models.py': 'test', 'tests/conftest.py': 'test' },
});

describe('resolveImports for Python', () => {
  it('resolves relative imports from the importing package, one package up per extra dot', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'src/shop/models.py')['.db']).toBe('src/shop/db/__init__.py');
    expect(edgesFrom(result, 'src/shop/models.py')).toEqual(['src/shop/db/__init__.py', 'src/shop/db/session.py']);
    expect(resolvedImportsOf(result, 'src/shop/db/session.py')['..models']).toBe('src/shop/models.py');
    expect(resolvedImportsOf(result, 'src/shop/api/views.py')['..db.session']).toBe('src/shop/db/session.py');
  });

  it('links `from . import module` in a package to the submodule, not to the package itself', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'src/shop/__init__.py')['.']).toBe('src/shop/models.py');
    expect(result.graph.cycles).not.toContainEqual(['src/shop/__init__.py']);
  });

  it('resolves absolute imports under src/ and project folders, and the script folder’s own modules', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'src/shop/api/views.py')).toMatchObject({
      'shop.models': 'src/shop/models.py',
      shop: 'src/shop/__init__.py',
    });
    // `from shop import db` also reaches the subpackage it names.
    expect(edgesFrom(result, 'src/shop/api/views.py')).toContain('src/shop/db/__init__.py');
    expect(resolvedImportsOf(result, 'tests/test_models.py')).toEqual({
      'shop.models': 'src/shop/models.py',
      pytest: undefined,
      conftest: 'tests/conftest.py',
    });
    expect(resolvedImportsOf(result, 'site/manage.py')['blog.views']).toBe('site/blog/views.py');
  });

  it('counts a missing module of the repository’s own package, not the standard library or PyPI', async () => {
    const result = await resolveImports(project);
    expect(resolvedImportsOf(result, 'src/shop/models.py')['sqlalchemy.orm']).toBeUndefined();
    // 'shop.payments' does not exist; '...outside' climbs above the repository root.
    expect(result.graph.unresolved).toBe(2);
  });

  it('takes pyproject console scripts and manage.py as entry points', async () => {
    const result = await resolveImports(project);
    expect(result.graph.entryPoints).toEqual(['site/manage.py', 'src/shop/cli.py']);
  });
});
