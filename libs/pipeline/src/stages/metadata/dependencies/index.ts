import { cargoToml } from './cargo.js';
import { composerJson } from './composer.js';
import { gemfile } from './gemfile.js';
import { goMod, goWork } from './go-mod.js';
import { gradleBuild, gradleSettings } from './gradle.js';
import type { ManifestReader } from './manifest.js';
import { mavenPom } from './maven-pom.js';
import { npmManifest } from './npm.js';
import { nugetProject } from './nuget.js';
import { pipfile } from './pipfile.js';
import { pyprojectToml } from './pyproject.js';
import { requirementsTxt } from './requirements-txt.js';
import { setupCfg } from './setup-cfg.js';

export { createManifestSource } from './manifest-source.js';
export type { ManifestInfo, ManifestReader, ManifestSource, WorkspaceDeclaration } from './manifest.js';

const READERS: readonly ManifestReader[] = [
  npmManifest,
  requirementsTxt,
  pyprojectToml,
  setupCfg,
  pipfile,
  goMod,
  goWork,
  cargoToml,
  mavenPom,
  gradleBuild,
  gradleSettings,
  gemfile,
  composerJson,
  nugetProject,
];

/** The reader for a manifest path, or null when the file is not a manifest. */
export function manifestReaderFor(filePath: string): ManifestReader | null {
  const fileName = filePath.slice(filePath.lastIndexOf('/') + 1);
  return READERS.find((reader) => reader.matches(fileName, filePath)) ?? null;
}
