/** A function's declarator, also behind one or two `*` of its return type. */
const FUNCTION_DECLARATOR = String.raw`[
    (function_declarator declarator: (_) @name)
    (pointer_declarator declarator: (function_declarator declarator: (_) @name))
    (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (_) @name)))
  ]`;

const C_SPECIFIERS = String.raw`
    (struct_specifier name: (_) @name body: (_) @body) @definition.struct
    (union_specifier name: (_) @name body: (_)) @definition.struct
    (enum_specifier name: (_) @name body: (_)) @definition.enum`;

/**
 * Types defined where they are used: `typedef struct s {…} s_t;`, `struct s {…} x;`, and members of
 * a struct or class. Each pattern starts at the statement, so matches start one level down only.
 */
export function specifierPatterns(specifiers: string): string {
  return ['declaration', 'type_definition', 'field_declaration']
    .map((statement) => `(${statement} type: [${specifiers}\n  ])`)
    .join('\n');
}

/** Patterns C and C++ share: prototypes, definitions, structs, unions, enums, typedefs, `#if` blocks. */
export const C_FAMILY_TAGS_PATTERNS = String.raw`
(function_definition declarator: ${FUNCTION_DECLARATOR}) @definition.function
(declaration declarator: ${FUNCTION_DECLARATOR}) @declaration.function
(type_definition declarator: (type_identifier) @name) @definition.type
(linkage_specification body: (declaration_list) @body)
[(preproc_if) (preproc_ifdef) (preproc_else) (preproc_elif) (preproc_elifdef)] @body
`;

/** C: functions (prototypes too, the API of a header), structs, unions, enums and typedefs. */
export const C_TAGS_QUERY = String.raw`${C_FAMILY_TAGS_PATTERNS}
[${C_SPECIFIERS}
]
${specifierPatterns(C_SPECIFIERS)}
`;

/** `#include`, which may sit inside any `#if`. */
export const C_INCLUDE_QUERY = String.raw`
(preproc_include path: (_) @source) @import
`;
