/**
 * Python: classes and functions (methods inside classes) with their docstrings; class bodies and
 * module-level `if`/`try` blocks are searched too, function bodies are not.
 */
export const PYTHON_TAGS_QUERY = String.raw`
(class_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?) @body) @definition.class
(function_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @definition.function
(decorated_definition) @wrapper

(if_statement consequence: (block) @body)
(elif_clause consequence: (block) @body)
(else_clause body: (block) @body)
(try_statement body: (block) @body)
(except_clause (block) @body)
`;

/** Imports at any depth (functions import lazily); run on the lines that mention `import`. */
export const PYTHON_IMPORT_QUERY = String.raw`
(import_statement
  name: [(dotted_name) @source (aliased_import name: (dotted_name) @source)]) @import
(import_from_statement
  module_name: (_) @source
  name: [(dotted_name) @member (aliased_import name: (dotted_name) @member)]) @import
(import_from_statement
  module_name: (_) @source
  (wildcard_import) @wildcard) @import
(future_import_statement
  name: [(dotted_name) @member (aliased_import name: (dotted_name) @member)]) @import.future
`;
