import type { Dependency } from '@repolens/contracts';

/** What one manifest says about its project. */
export interface ManifestInfo {
  readonly dependencies: Dependency[];
  readonly name?: string;
  readonly description?: string;
  /** The license as the manifest states it (an SPDX id or expression, when well formed). */
  readonly license?: string;
}

export interface ManifestReader {
  /** True for the manifest's file name (the last path segment) and path. */
  matches(fileName: string, filePath: string): boolean;
  /** Parses the file; throws on a malformed one. */
  read(text: string, filePath: string): ManifestInfo;
}

/** A plain object, as JSON or TOML tables are, or undefined. */
export function asTable(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
