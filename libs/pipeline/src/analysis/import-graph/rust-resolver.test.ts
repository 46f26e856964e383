import { describe, expect, it } from 'vitest';
import { resolveImports } from './resolve-imports.js';
import { fixtureInput, resolvedImportsOf } from './testing/repository-fixture.js';

/** A Cargo workspace: a library crate with nested modules, a binary crate using it, an integration test. */
const workspace = fixtureInput({
  sources: {
    'core/src/lib.rs': ['self::parser', 'self::model', 'self::missing', 'std::collections::HashMap', 'serde::Deserialize', 'super::*'],
    'core/src/parser.rs': ['self::lexer', 'crate::model::Token', 'super::model::ast', 'self::Mode'],
    'core/src/parser/lexer.rs': ['super::super::model::Token', 'crate::Error'],
    'core/src/model/mod.rs': ['self::ast', 'self::Kind::*'],
    'core/src/model/ast.rs': ['crate::parser::{lexer, Mode}'],
    'core/tests/parse.rs': ['shop_core::parser::lexer'],
    'cli/src/main.rs': ['self::args', 'shop_core::model::ast::Node', 'args::Options', 'clap::Parser'],
    'cli/src/args.rs': [],
    'cli/src/bin/import.rs': ['shop_core::parser'],
  },
  others: {
    'Cargo.toml': '[workspace]\nmembers = ["core", "cli"]\n',
    'core/Cargo.toml': '[package]\nname = "shop-core"\nversion = "0.1.0"\n',
    'cli/Cargo.toml': '[package]\nname = "shop"\nversion = "0.1.0"\n\n[dependencies]\nshop-core = { path = "../core" }\n',
  },
  categories: { 'core/tests/parse.rs': 'test' },
});

describe('resolveImports for Rust', () => {
  it('finds `mod x;` declarations as x.rs or x/mod.rs beside the declaring module', async () => {
    const result = await resolveImports(workspace);
    expect(resolvedImportsOf(result, 'core/src/lib.rs')).toMatchObject({
      'self::parser': 'core/src/parser.rs',
      'self::model': 'core/src/model/mod.rs',
    });
    // parser.rs is not a mod.rs, so its child modules live in parser/.
    expect(resolvedImportsOf(result, 'core/src/parser.rs')['self::lexer']).toBe('core/src/parser/lexer.rs');
    expect(resolvedImportsOf(result, 'core/src/model/mod.rs')['self::ast']).toBe('core/src/model/ast.rs');
  });

  it('walks crate::, super:: and brace groups to the deepest module file', async () => {
    const result = await resolveImports(workspace);
    expect(resolvedImportsOf(result, 'core/src/parser.rs')).toMatchObject({
      'crate::model::Token': 'core/src/model/mod.rs',
      'super::model::ast': 'core/src/model/ast.rs',
    });
    expect(resolvedImportsOf(result, 'core/src/parser/lexer.rs')).toEqual({
      'super::super::model::Token': 'core/src/model/mod.rs',
      'crate::Error': 'core/src/lib.rs',
    });
    expect(resolvedImportsOf(result, 'core/src/model/ast.rs')['crate::parser::{lexer, Mode}']).toBe('core/src/parser.rs');
  });

  it('leads a workspace crate’s name into its library, and a child module of a binary to its file', async () => {
    const result = await resolveImports(workspace);
    expect(resolvedImportsOf(result, 'cli/src/main.rs')).toEqual({
      'self::args': 'cli/src/args.rs',
      'shop_core::model::ast::Node': 'core/src/model/ast.rs',
      'args::Options': 'cli/src/args.rs',
      'clap::Parser': undefined,
    });
    expect(resolvedImportsOf(result, 'core/tests/parse.rs')['shop_core::parser::lexer']).toBe('core/src/parser/lexer.rs');
  });

  it('treats items of the file itself as no import, and counts nothing for std or crates.io', async () => {
    const result = await resolveImports(workspace);
    expect(resolvedImportsOf(result, 'core/src/parser.rs')['self::Mode']).toBeUndefined();
    // `mod tests { use super::*; }` inside lib.rs reaches lib.rs's own items.
    expect(resolvedImportsOf(result, 'core/src/lib.rs')['super::*']).toBeUndefined();
    // `mod missing;` in lib.rs cannot be told from `use self::missing_fn;`, so it resolves to lib.rs itself.
    expect(result.graph.unresolved).toBe(0);
    // Modules of one crate using each other (lib.rs → parser.rs → lexer.rs → crate::Error) is no finding.
    expect(result.graph.cycles).toEqual([]);
    // lib.rs is imported only by its own modules (`crate::Error`), which leaves it the crate's entry.
    expect(result.graph.entryPoints).toEqual(['cli/src/bin/import.rs', 'cli/src/main.rs', 'core/src/lib.rs']);
  });
});
