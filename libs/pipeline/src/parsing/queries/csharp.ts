/** C#: namespaces, classes, records, structs, interfaces, enums, delegates, methods, and usings. */
export const CSHARP_TAGS_QUERY = String.raw`
(namespace_declaration name: (_) @name body: (_) @body) @definition.module
(file_scoped_namespace_declaration name: (_) @name) @definition.module
(class_declaration name: (identifier) @name body: (_) @body) @definition.class
(record_declaration name: (identifier) @name body: (_)? @body) @definition.class
(struct_declaration name: (identifier) @name body: (_) @body) @definition.struct
(interface_declaration name: (identifier) @name body: (_) @body) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(delegate_declaration name: (identifier) @name) @definition.type
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(destructor_declaration name: (identifier) @name) @definition.method

(using_directive [(identifier) (qualified_name)] @source .) @import
(preproc_if) @body
(preproc_else) @body
(preproc_elif) @body
(preproc_region) @body
`;
