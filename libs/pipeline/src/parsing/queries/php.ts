/** PHP: namespaces, classes, interfaces, traits, enums, functions, methods, and `use` imports. */
export const PHP_TAGS_QUERY = String.raw`
(namespace_definition name: (namespace_name) @name body: (_)? @body) @definition.module
(class_declaration name: (name) @name body: (_) @body) @definition.class
(interface_declaration name: (name) @name body: (_) @body) @definition.interface
(trait_declaration name: (name) @name body: (_) @body) @definition.trait
(enum_declaration name: (name) @name body: (_) @body) @definition.enum
(function_definition name: (name) @name) @definition.function
(method_declaration name: (name) @name) @definition.method
; Helpers declared only when missing: if (!function_exists('x')) { function x() … }
(if_statement body: (compound_statement) @body)

(namespace_use_declaration
  (namespace_use_clause . [(qualified_name) (name)] @source)) @import
(namespace_use_declaration
  (namespace_name) @prefix
  body: (namespace_use_group (namespace_use_clause . [(qualified_name) (name)] @source))) @import
`;

const INCLUDES = ['require_expression', 'require_once_expression', 'include_expression', 'include_once_expression'];
const LITERAL = '[(string (string_content) @source) (encapsed_string (string_content) @source)]';

/** `require`/`include` (and their `_once` forms) of a string literal, or of `__DIR__ . 'literal'`. */
export const PHP_INCLUDE_QUERY = INCLUDES.map(
  (include) => String.raw`
(${include} ${LITERAL}) @import.include
((${include} (binary_expression left: (name) @dir right: ${LITERAL})) @import.relative
  (#eq? @dir "__DIR__"))`,
).join('\n');
