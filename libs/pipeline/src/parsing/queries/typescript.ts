import { ECMASCRIPT_OUTLINE_PATTERNS } from './javascript.js';

/** The TypeScript and TSX outline query: the shared patterns plus TypeScript's declarations. */
export const TYPESCRIPT_OUTLINE_QUERY = String.raw`${ECMASCRIPT_OUTLINE_PATTERNS}
(abstract_class_declaration name: (_) @name) @definition.class
(interface_declaration name: (_) @name) @definition.interface
(type_alias_declaration name: (_) @name) @definition.type
(enum_declaration name: (_) @name) @definition.enum

; Overloads, ambient declarations and interface members.
(function_signature name: (_) @name) @definition.function
(method_signature name: (_) @name) @definition.method
(abstract_method_signature name: (_) @name) @definition.method

(internal_module body: (statement_block) @body)
(module body: (statement_block) @body)

(public_field_definition
  name: (_) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.method
`;
