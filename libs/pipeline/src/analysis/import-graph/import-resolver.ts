import type { RepositoryIndex } from './repository-index.js';

/** What an import refers to. */
export type Resolution =
  /** Repository files; the first is what the import's `resolved` names (a Go package has several). */
  | { readonly kind: 'resolved'; readonly targets: readonly string[] }
  /** It points into the repository (relative, path-mapped, the module's own path…) but no file matches. */
  | { readonly kind: 'unresolved' }
  /** A standard library or third-party module, or nothing this resolver can tell. */
  | { readonly kind: 'external' }
  /** An item of the importing file itself (Rust's `use self::Item`): neither an edge nor missing. */
  | { readonly kind: 'itself' };

export const EXTERNAL: Resolution = { kind: 'external' };
export const UNRESOLVED: Resolution = { kind: 'unresolved' };
export const ITSELF: Resolution = { kind: 'itself' };

export function resolvedTo(targets: ReadonlyArray<string | null>): Resolution {
  const found = targets.filter((target): target is string => target !== null);
  return found.length === 0 ? UNRESOLVED : { kind: 'resolved', targets: [...new Set(found)] };
}

/** Resolves the imports of one language family, after reading what manifests it needs. */
export interface ImportResolver {
  /**
   * What a resolution depends on besides the import: 'directory' when any file of the same directory
   * would get the same answer (so answers are shared), 'file' otherwise.
   */
  readonly scope: 'directory' | 'file';
  /** Whether the imported names take part (Python's `from . import module`). */
  readonly readsNames: boolean;
  resolve(fromFile: string, source: string, names: readonly string[]): Resolution;
  /** Files the manifests declare as programs or package entries (package.json bin, Cargo [[bin]]…). */
  readonly declaredEntryPoints: readonly string[];
}

/** Reads a repository file's text once, however many resolvers ask; null when it cannot be read. */
export type ManifestReader = (filePath: string) => Promise<string | null>;

export interface ResolverFactoryInput {
  readonly index: RepositoryIndex;
  readonly read: ManifestReader;
}
