import type { Dependency } from '@repolens/contracts';

type Ecosystem = Dependency['ecosystem'];
type Kind = Dependency['kind'];

/** Member directories a root manifest declares (npm workspaces, Cargo members, Maven modules, go.work). */
export interface WorkspaceDeclaration {
  /** Globs relative to the manifest's directory; a leading `!` excludes. */
  readonly patterns: readonly string[];
  /**
   * The manifest every member directory holds (`package.json`, `Cargo.toml`, `pom.xml`, `go.mod`); absent
   * where members need none (Gradle's included projects), so any existing directory can be one.
   */
  readonly memberManifest?: string;
}

/** What one manifest says about its project. */
export interface ManifestInfo {
  readonly dependencies: Dependency[];
  readonly name?: string;
  readonly description?: string;
  /** The license as the manifest states it: an SPDX expression, a license name or a URL. */
  readonly license?: string;
  readonly workspace?: WorkspaceDeclaration;
}

/** Other files of the checkout a reader may consult: includes, version catalogs, central versions. */
export interface ManifestSource {
  /** A file's text by its path relative to the checkout root, or null when absent, too big or unreadable. */
  readFile(relativePath: string): Promise<string | null>;
}

export interface ManifestReader {
  /** True for the manifest's file name (the last path segment) and path. */
  matches(fileName: string, filePath: string): boolean;
  /** Parses the file; throws (or rejects) on a malformed one. */
  read(text: string, filePath: string, source: ManifestSource): ManifestInfo | Promise<ManifestInfo>;
}

/** A plain object, as JSON or TOML tables are, or undefined. */
export function asTable(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The strings of an array (other items dropped); a lone string counts as a one-item array. */
export function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return asString(value) === undefined ? [] : [value.trim()];
  if (!Array.isArray(value)) return [];
  return value.map(asString).filter((item): item is string => item !== undefined);
}

/** One dependency, with `version` only when there is one (the contract's field is optional, not nullable). */
export function dependency(ecosystem: Ecosystem, manifest: string, name: string, kind: Kind, version?: string): Dependency {
  const trimmed = version?.trim();
  return trimmed === undefined || trimmed === '' ? { ecosystem, manifest, name, kind } : { ecosystem, manifest, name, version: trimmed, kind };
}

/** A ManifestInfo without the optional fields that are undefined. */
export function manifestInfo(
  dependencies: Dependency[],
  fields: { name?: string | undefined; description?: string | undefined; license?: string | undefined; workspace?: WorkspaceDeclaration | undefined },
): ManifestInfo {
  const info: { -readonly [K in keyof ManifestInfo]: ManifestInfo[K] } = { dependencies };
  if (fields.name !== undefined) info.name = fields.name;
  if (fields.description !== undefined) info.description = fields.description;
  if (fields.license !== undefined) info.license = fields.license;
  if (fields.workspace !== undefined && fields.workspace.patterns.length > 0) info.workspace = fields.workspace;
  return info;
}

/** The directory of a `/`-separated path (`''` for the root). */
export function directoryOf(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash === -1 ? '' : filePath.slice(0, slash);
}

/**
 * `relative` resolved against `directory`, both `/`-separated inside the checkout; null when it would
 * leave the checkout or is absolute (a manifest never gets to name files outside it).
 */
export function joinInside(directory: string, relative: string): string | null {
  if (relative.startsWith('/') || /^[A-Za-z]:[\\/]/.test(relative)) return null;
  const parts = directory === '' ? [] : directory.split('/');
  for (const part of relative.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The directories from `directory` up to the checkout root, nearest first. */
export function directoriesUpward(directory: string): string[] {
  const out = [directory];
  for (let current = directory; current !== ''; ) {
    current = directoryOf(current);
    out.push(current);
  }
  return out;
}

// Property references may chain (`a = "${b}${b}"`, `b = "${c}${c}"` ...); a bound keeps a hostile chain
// from growing a version string exponentially.
const MAX_EXPANDED_LENGTH = 1024;

/**
 * `text` with every match of `reference` replaced by `lookup` of its first captured name, unknown ones
 * kept as written; the text unchanged when it, or the result, would pass a small bound.
 */
export function expandReferences(text: string, reference: RegExp, lookup: (name: string) => string | undefined): string {
  if (text.length > MAX_EXPANDED_LENGTH) return text;
  let length = text.length;
  let overflow = false;
  const result = text.replace(reference, (match: string, ...args: unknown[]) => {
    const offset = args.findIndex((arg) => typeof arg === 'number');
    const name = args.slice(0, offset === -1 ? args.length : offset).find((arg): arg is string => typeof arg === 'string');
    const value = overflow || name === undefined ? undefined : lookup(name);
    if (value === undefined) return match;
    length += value.length - match.length;
    if (length > MAX_EXPANDED_LENGTH) {
      overflow = true;
      return match;
    }
    return value;
  });
  return overflow ? text : result;
}
