import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { edgesFrom, fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** A Composer application: PSR-4 for app/ and tests/, PSR-0 for a legacy folder, plain includes. */
const application = fixtureInput({
  sources: {
    'public/index.php': ['../vendor/autoload.php', 'App\\Http\\Kernel', 'bootstrap/app.php'],
    'bootstrap/app.php': ['/helpers.php'],
    'bootstrap/helpers.php': [],
    'app/Http/Kernel.php': ['App\\Models\\User', 'App\\Models\\Invoice', 'Legacy_Mailer', 'Illuminate\\Support\\Str'],
    'app/Models/User.php': ['\\App\\Models\\{Team, Role}'],
    'app/Models/Team.php': [],
    'legacy/Legacy/Mailer.php': [],
    'tests/Feature/UserTest.php': ['App\\Models\\User', 'Tests\\TestCase', 'PHPUnit\\Framework\\Assert'],
    'tests/TestCase.php': [],
    'lib/Util/Arr.php': [],
    'src/scripts/report.php': ['Util\\Arr', 'config/missing.php'],
  },
  others: {
    'composer.json': json({
      name: 'acme/billing',
      autoload: { 'psr-4': { 'App\\': 'app/' }, 'psr-0': { Legacy_: 'legacy/' } },
      'autoload-dev': { 'psr-4': { 'Tests\\': ['tests/'] } },
      bin: ['bin/billing'],
    }),
    'bin/billing': '#!/usr/bin/env php',
    'vendor/autoload.php': null,
  },
  categories: { 'tests/Feature/UserTest.php': 'test' },
});

describe('resolveImports for PHP', () => {
  it('maps `use` names through composer.json PSR-4 and PSR-0 rules, dev rules included', async () => {
    const result = await resolveImports(application);
    expect(resolvedImportsOf(result, 'app/Http/Kernel.php')).toEqual({
      'App\\Models\\User': 'app/Models/User.php',
      'App\\Models\\Invoice': undefined,
      Legacy_Mailer: 'legacy/Legacy/Mailer.php',
      'Illuminate\\Support\\Str': undefined,
    });
    expect(resolvedImportsOf(result, 'tests/Feature/UserTest.php')['Tests\\TestCase']).toBe('tests/TestCase.php');
    // A group use links to the members that have files; it counts as missing only when none does.
    expect(edgesFrom(result, 'app/Models/User.php')).toEqual(['app/Models/Team.php']);
  });

  it('resolves require paths beside the file, then from the root, and a name no rule covers by its path', async () => {
    const result = await resolveImports(application);
    expect(resolvedImportsOf(result, 'public/index.php')).toEqual({
      '../vendor/autoload.php': 'vendor/autoload.php',
      'App\\Http\\Kernel': 'app/Http/Kernel.php',
      'bootstrap/app.php': 'bootstrap/app.php',
    });
    expect(resolvedImportsOf(result, 'bootstrap/app.php')['/helpers.php']).toBe('bootstrap/helpers.php');
    expect(resolvedImportsOf(result, 'src/scripts/report.php')['Util\\Arr']).toBe('lib/Util/Arr.php');
  });

  it('counts missing classes of the autoloaded namespaces and missing required files', async () => {
    const result = await resolveImports(application);
    expect(resolvedImportsOf(result, 'src/scripts/report.php')['config/missing.php']).toBeUndefined();
    // App\Models\Invoice and config/missing.php.
    expect(result.graph.unresolved).toBe(2);
    expect(result.graph.entryPoints).toEqual(['bin/billing', 'public/index.php', 'src/scripts/report.php']);
  });
});
