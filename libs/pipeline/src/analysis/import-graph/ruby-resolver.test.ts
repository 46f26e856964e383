import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

/** A gem with lib/ on its load path, require_relative inside it, and an executable. */
const gem = fixtureInput({
  sources: {
    'exe/ledger': [],
    'bin/ledger.rb': ['ledger', 'optparse'],
    'lib/ledger.rb': ['./ledger/version', './ledger/account', 'json', 'ledger/report'],
    'lib/ledger/version.rb': [],
    'lib/ledger/account.rb': ['./../ledger/version', './money'],
    'lib/ledger/report.rb': ['ledger/account'],
    'spec/account_spec.rb': ['ledger/account', './spec_helper'],
    'spec/spec_helper.rb': ['ledger'],
  },
  others: { 'ledger.gemspec': 'Gem::Specification.new', Gemfile: "source 'https://rubygems.org'\n" },
  categories: { 'spec/account_spec.rb': 'test', 'spec/spec_helper.rb': 'test' },
});

describe('resolveImports for Ruby', () => {
  it('resolves require_relative against the requiring file', async () => {
    const result = await resolveImports(gem);
    expect(resolvedImportsOf(result, 'lib/ledger.rb')).toMatchObject({
      './ledger/version': 'lib/ledger/version.rb',
      './ledger/account': 'lib/ledger/account.rb',
    });
    expect(resolvedImportsOf(result, 'lib/ledger/account.rb')['./../ledger/version']).toBe('lib/ledger/version.rb');
    expect(resolvedImportsOf(result, 'spec/account_spec.rb')['./spec_helper']).toBe('spec/spec_helper.rb');
  });

  it('resolves require against lib/ and leaves gems and the standard library alone', async () => {
    const result = await resolveImports(gem);
    expect(resolvedImportsOf(result, 'bin/ledger.rb')).toEqual({ ledger: 'lib/ledger.rb', optparse: undefined });
    expect(resolvedImportsOf(result, 'lib/ledger.rb')).toMatchObject({ json: undefined, 'ledger/report': 'lib/ledger/report.rb' });
  });

  it('counts a require_relative that matches no file', async () => {
    const result = await resolveImports(gem);
    expect(resolvedImportsOf(result, 'lib/ledger/account.rb')['./money']).toBeUndefined();
    expect(result.graph.unresolved).toBe(1);
    expect(result.graph.entryPoints).toEqual(['bin/ledger.rb', 'exe/ledger']);
  });
});
