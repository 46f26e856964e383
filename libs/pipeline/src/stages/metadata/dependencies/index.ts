import { cargoToml } from './cargo.js';
import { goMod } from './go-mod.js';
import type { ManifestReader } from './manifest.js';
import { npmManifest } from './npm.js';
import { pyprojectToml } from './pyproject.js';
import { requirementsTxt } from './requirements-txt.js';

export type { ManifestInfo, ManifestReader } from './manifest.js';

const READERS: readonly ManifestReader[] = [npmManifest, requirementsTxt, pyprojectToml, goMod, cargoToml];

/** The reader for a manifest path, or null when the file is not a manifest. */
export function manifestReaderFor(filePath: string): ManifestReader | null {
  const fileName = filePath.slice(filePath.lastIndexOf('/') + 1);
  return READERS.find((reader) => reader.matches(fileName, filePath)) ?? null;
}
