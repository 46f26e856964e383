import type { ImportResolver, ResolverFactoryInput } from './import-resolver.js';
import { C_EXTENSIONS, createCResolver } from './c-resolver.js';
import { GO_EXTENSIONS, createGoResolver } from './go-resolver.js';
import { JAVA_EXTENSIONS, createJavaResolver } from './java-resolver.js';
import { JS_EXTENSIONS, createJsResolver } from './js-resolver.js';
import { PHP_EXTENSIONS, createPhpResolver } from './php-resolver.js';
import { PYTHON_EXTENSIONS, createPythonResolver } from './python-resolver.js';
import { RUBY_EXTENSIONS, createRubyResolver } from './ruby-resolver.js';
import { RUST_EXTENSIONS, createRustResolver } from './rust-resolver.js';

interface ResolverEntry {
  /** Extensions (lower case, with the dot) of the importing files it handles. */
  readonly extensions: readonly string[];
  readonly create: (input: ResolverFactoryInput) => Promise<ImportResolver>;
  /**
   * False where a cycle among the language's files is no finding: a Rust crate compiles as one unit, and
   * every child module that uses something of its parent (`use super::…`, `crate::Error`) closes one.
   */
  readonly reportsCycles: boolean;
}

/**
 * One resolver per language family. C# is absent on purpose: a `using` names a namespace, and which
 * files declare it cannot be told from paths alone, so its imports are neither edges nor unresolved.
 */
export const IMPORT_RESOLVERS: readonly ResolverEntry[] = [
  { extensions: JS_EXTENSIONS, create: createJsResolver, reportsCycles: true },
  { extensions: PYTHON_EXTENSIONS, create: createPythonResolver, reportsCycles: true },
  { extensions: GO_EXTENSIONS, create: createGoResolver, reportsCycles: true },
  { extensions: JAVA_EXTENSIONS, create: createJavaResolver, reportsCycles: true },
  { extensions: RUST_EXTENSIONS, create: createRustResolver, reportsCycles: false },
  { extensions: C_EXTENSIONS, create: createCResolver, reportsCycles: true },
  { extensions: RUBY_EXTENSIONS, create: createRubyResolver, reportsCycles: true },
  { extensions: PHP_EXTENSIONS, create: createPhpResolver, reportsCycles: true },
];
