/**
 * Outline queries in tree-sitter's query language, shaped after the grammars' own `queries/tags.scm`.
 * Kept as string constants rather than `.scm` files so they ship inside the compiled output.
 *
 * Capture vocabulary (read by `outline/extract-outline.ts`):
 * - `@definition.<kind>` the whole declaration, `@name` its name; `.variable` marks a function or class
 *   assigned to a variable, whose declaration is the variable statement.
 * - `@import`, `@export`: import and export statements.
 * - `@commonjs` with `@object`, `@middle`, `@property`, `@value`: `module.exports = …`, `exports.x = …`,
 *   `module.exports.x = …` and `X.prototype.y = …` assignments.
 * - `@require` / `@dynamic-import` with `@source` (MODULE_CALL_QUERY): `require('x')` and `import('x')`.
 * - `@body`: a block searched again from its own top, so declarations deep inside it are found without
 *   the whole tree being searched that deep: namespace bodies, and the bodies of immediately invoked
 *   and UMD factory functions.
 */

/**
 * `require('x')` and `import('x')` calls, with `@source`. Kept apart from the outline query because they
 * may sit at any depth, while declarations are looked for near the top of the tree only; it is run only
 * on files whose text mentions such a call.
 */
export const MODULE_CALL_QUERY = String.raw`
((call_expression
  function: (identifier) @callee
  arguments: (arguments . (string) @source .)) @require
  (#eq? @callee "require"))
(call_expression
  function: (import)
  arguments: (arguments . (string) @source)) @dynamic-import
`;

/** Patterns valid in both the JavaScript and the TypeScript grammars. */
export const ECMASCRIPT_OUTLINE_PATTERNS = String.raw`
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (_) @name) @definition.class
(method_definition name: (_) @name) @definition.method

(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.function.variable
(variable_declarator
  name: (identifier) @name
  value: (class)) @definition.class.variable

(import_statement) @import
(export_statement) @export

(call_expression
  function: (parenthesized_expression [(function_expression body: (statement_block) @body) (arrow_function body: (statement_block) @body)]))
(call_expression
  function: (parenthesized_expression [(function_expression) (arrow_function)])
  arguments: (arguments [(function_expression body: (statement_block) @body) (arrow_function body: (statement_block) @body)]))

((assignment_expression
  left: (member_expression
    object: (identifier) @object
    property: (property_identifier) @property)
  right: (_) @value) @commonjs
  (#match? @object "^(module|exports)$"))
((assignment_expression
  left: (member_expression
    object: (member_expression
      object: (identifier) @object
      property: (property_identifier) @middle)
    property: (property_identifier) @property)
  right: (_) @value) @commonjs
  (#match? @middle "^(exports|prototype)$"))
`;

export const JAVASCRIPT_OUTLINE_QUERY = String.raw`${ECMASCRIPT_OUTLINE_PATTERNS}
(field_definition
  property: (_) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.method
`;
