/**
 * Rust: functions, structs, unions, enums, type aliases, traits, inline modules, and `impl` blocks as
 * the parents of their functions.
 */
export const RUST_TAGS_QUERY = String.raw`
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @declaration.function
(struct_item name: (type_identifier) @name) @definition.struct
(union_item name: (type_identifier) @name) @definition.struct
(enum_item name: (type_identifier) @name) @definition.enum
(type_item name: (type_identifier) @name) @definition.type
(trait_item name: (type_identifier) @name body: (_) @body) @definition.trait
(mod_item name: (identifier) @name body: (_) @body) @definition.module
(impl_item trait: (_)? @trait type: (_) @name body: (_) @body) @scope
(foreign_mod_item body: (_) @body)
`;

/** `use` declarations (also inside functions) and `mod x;` declarations of files. */
export const RUST_IMPORT_QUERY = String.raw`
(use_declaration argument: (_) @source) @import
(mod_item !body name: (identifier) @source) @import.mod
`;
