import { createRequire } from 'node:module';
import type TreeSitter from 'tree-sitter';
import type { Dependency } from '@repolens/contracts';
import { dependency, manifestInfo, type ManifestReader } from './manifest.js';

type SyntaxNode = TreeSitter.SyntaxNode;

// Calls that declare a gem: Gemfile's `gem`, and a gemspec's `add_*dependency`.
const CALLS_QUERY = '(call method: (identifier) @method arguments: (argument_list) @arguments) @call';
// A gemspec's `spec.name = "x"`, `spec.summary = "..."`, `spec.license = "MIT"`, `spec.licenses = [...]`.
const ASSIGNMENTS_QUERY = '(assignment left: (call method: (identifier) @property) right: (_) @value)';
const GEM_CALLS = new Map<string, Dependency['kind'] | null>([
  ['gem', null],
  ['add_dependency', 'runtime'],
  ['add_runtime_dependency', 'runtime'],
  ['add_development_dependency', 'dev'],
]);
// Groups whose gems serve development only; a gem in any other group (or none) is needed at run time.
const DEV_GROUPS = new Set([
  'development', 'dev', 'test', 'tests', 'ci', 'lint', 'linting', 'rubocop', 'tools', 'debug', 'doc', 'docs', 'documentation',
  'benchmark', 'benchmarks', 'bench', 'guard', 'local', 'spec', 'system_test', 'system_tests',
]);

interface RubySyntax {
  readonly parser: TreeSitter;
  readonly calls: TreeSitter.Query;
  readonly assignments: TreeSitter.Query;
}

let syntax: RubySyntax | undefined;

// The native binding and the grammar are CommonJS packages, loaded on first use.
function rubySyntax(): RubySyntax {
  if (syntax === undefined) {
    const require = createRequire(import.meta.url);
    const Parser = require('tree-sitter') as typeof TreeSitter;
    const ruby = require('tree-sitter-ruby') as unknown;
    const parser = new Parser();
    parser.setLanguage(ruby);
    syntax = { parser, calls: new Parser.Query(ruby, CALLS_QUERY), assignments: new Parser.Query(ruby, ASSIGNMENTS_QUERY) };
  }
  return syntax;
}

/**
 * Gemfile and *.gemspec, parsed with tree-sitter-ruby: `gem 'name', '~> 1.0', '< 2'` calls, their
 * `group :development, :test do ... end` blocks and `group:`/`groups:` options (gems only in development
 * groups are dev), and a gemspec's `add_dependency`/`add_development_dependency`, name, summary and license.
 */
export const gemfile: ManifestReader = {
  matches: (fileName) => fileName === 'Gemfile' || fileName === 'gems.rb' || fileName.endsWith('.gemspec'),
  read(text, manifest) {
    const { parser, calls, assignments } = rubySyntax();
    const tree = parser.parse(text, undefined, { bufferSize: Buffer.byteLength(text, 'utf8') * 2 + 1 });
    if (tree.rootNode.hasError) throw new Error(`${manifest} has Ruby syntax errors`);

    const dependencies: Dependency[] = [];
    for (const match of calls.matches(tree.rootNode)) {
      const method = capture(match, 'method')?.text ?? '';
      const args = capture(match, 'arguments');
      const call = capture(match, 'call');
      if (!GEM_CALLS.has(method) || args === undefined || call === undefined) continue;
      const [first, ...rest] = args.namedChildren;
      const name = first === undefined ? undefined : stringOf(first);
      if (name === undefined) continue;
      const versions = rest.map(stringOf).filter((version): version is string => version !== undefined);
      const kind = GEM_CALLS.get(method) ?? kindOfGroups([...enclosingGroups(call), ...optionGroups(rest)]);
      dependencies.push(dependency('rubygems', manifest, name, kind, versions.length === 0 ? undefined : versions.join(', ')));
    }

    const fields = new Map<string, string>();
    for (const match of assignments.matches(tree.rootNode)) {
      const property = capture(match, 'property')?.text;
      const value = capture(match, 'value');
      if (property === undefined || value === undefined) continue;
      const text = value.type === 'array' ? listOf(value).join(' OR ') : stringOf(value);
      if (text !== undefined && text !== '') fields.set(property, text);
    }
    return manifestInfo(dependencies, {
      name: fields.get('name'),
      description: fields.get('summary') ?? fields.get('description'),
      license: fields.get('license') ?? fields.get('licenses'),
    });
  },
};

function capture(match: TreeSitter.QueryMatch, name: string): SyntaxNode | undefined {
  return match.captures.find((item) => item.name === name)?.node;
}

/** A literal string's or symbol's text; undefined for interpolated strings and other expressions. */
function stringOf(node: SyntaxNode): string | undefined {
  if (node.type === 'simple_symbol') return node.text.replace(/^:/, '');
  if (node.type === 'bare_symbol' || node.type === 'bare_string') return node.text;
  if (node.type !== 'string') return undefined;
  const parts = node.namedChildren;
  if (parts.some((part) => part.type !== 'string_content' && part.type !== 'escape_sequence')) return undefined;
  return parts.map((part) => part.text).join('');
}

/** `[:a, :b]`, `%i[a b]`, `%w[a b]`, or a single symbol or string, as texts. */
function listOf(node: SyntaxNode): string[] {
  const items = node.type === 'array' || node.type === 'symbol_array' || node.type === 'string_array' ? node.namedChildren : [node];
  return items.map(stringOf).filter((item): item is string => item !== undefined);
}

/** The groups of every `group ... do` block around a call. */
function enclosingGroups(call: SyntaxNode): string[] {
  const groups: string[] = [];
  for (let node = call.parent; node !== null; node = node.parent) {
    if (node.type !== 'call' || node.childForFieldName('method')?.text !== 'group') continue;
    for (const arg of node.childForFieldName('arguments')?.namedChildren ?? []) groups.push(...(arg.type === 'pair' ? [] : listOf(arg)));
  }
  return groups;
}

/** `group: :test` and `groups: [:development, :test]` options of a `gem` call. */
function optionGroups(args: readonly SyntaxNode[]): string[] {
  const groups: string[] = [];
  for (const arg of args) {
    if (arg.type !== 'pair') continue;
    const key = arg.childForFieldName('key')?.text.replace(/^:|:$/g, '');
    const value = arg.childForFieldName('value');
    if ((key === 'group' || key === 'groups') && value !== null) groups.push(...listOf(value));
  }
  return groups;
}

function kindOfGroups(groups: readonly string[]): Dependency['kind'] {
  return groups.length > 0 && groups.every((group) => DEV_GROUPS.has(group)) ? 'dev' : 'runtime';
}
