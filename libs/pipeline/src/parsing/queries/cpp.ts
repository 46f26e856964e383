import { C_FAMILY_TAGS_PATTERNS, specifierPatterns } from './c.js';

const CPP_SPECIFIERS = String.raw`
    (class_specifier name: (_) @name body: (_) @body) @definition.class
    (struct_specifier name: (_) @name body: (_) @body) @definition.struct
    (union_specifier name: (_) @name body: (_)) @definition.struct
    (enum_specifier name: (_) @name body: (_)) @definition.enum`;

/**
 * C++: the C patterns plus classes, member functions (declared in the class or defined as `A::f`),
 * namespaces and `using` aliases; a `template <…>` head belongs to the declaration after it.
 */
export const CPP_TAGS_QUERY = String.raw`${C_FAMILY_TAGS_PATTERNS}
[${CPP_SPECIFIERS}
]
${specifierPatterns(CPP_SPECIFIERS)}
(field_declaration declarator: (function_declarator declarator: (_) @name)) @declaration.function
(namespace_definition name: (_)? @name body: (_) @body) @definition.module
(alias_declaration name: (_) @name) @definition.type
(template_declaration) @wrapper
`;
