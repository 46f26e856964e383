export { resolveImports, MOST_IMPORTED_COUNT, type ResolveImportsInput, type ResolvedImports } from './resolve-imports.js';
export { MAX_CYCLES } from './import-cycles.js';
export { MAX_ENTRY_POINTS } from './entry-points.js';
export { parseJsonc } from './jsonc.js';
