/** Ruby: classes, modules, methods (`def` inside a class or module) and singleton methods. */
export const RUBY_TAGS_QUERY = String.raw`
(class name: [(constant) @name (scope_resolution name: (_) @name)] body: (_)? @body) @definition.class
(module name: [(constant) @name (scope_resolution name: (_) @name)] body: (_)? @body) @definition.module
(singleton_class body: (_) @body)
(method name: (_) @name) @definition.function
(singleton_method name: (_) @name) @definition.method
`;

/** `require 'x'` and `require_relative 'x'`, wherever they are. */
export const RUBY_REQUIRE_QUERY = String.raw`
((call
  method: (identifier) @callee
  arguments: (argument_list . (string . (string_content) @source .) .)) @import
  (#match? @callee "^require(_relative)?$"))
`;
