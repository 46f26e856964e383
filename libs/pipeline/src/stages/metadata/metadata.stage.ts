import type { Dependency, MetadataResult } from '@repolens/contracts';
import { readFileInside } from '../../fs/read-file-inside.js';
import { parseRepositoryUrl } from '../../git/repository-url.js';
import { requireResult, type Stage, type StageContext } from '../../stage.js';
import { isConfigFile } from './config-files.js';
import { manifestReaderFor, type ManifestInfo } from './dependencies/index.js';
import { readGitInfo } from './git-info.js';
import { chooseLicense, LICENSE_FILE_NAME, licenseOfText, spdxOfManifestField } from './license.js';
import { listProjectFiles } from './project-files.js';
import { findReadme, parseReadme } from './readme.js';

const MAX_TEXT_BYTES = 2 * 1024 * 1024;
const MAX_MANIFESTS = 200;
// Which root manifest names the project when several do.
const IDENTITY_ORDER = ['package.json', 'pyproject.toml', 'Cargo.toml', 'go.mod'];

/** README sections, dependencies, license, configuration files and git history of the checkout. */
export function createMetadataStage(): Stage<'metadata'> {
  return {
    name: 'metadata',
    async run(ctx: StageContext): Promise<MetadataResult> {
      const init = requireResult(ctx, 'initialization');
      const root = ctx.workspace.checkoutDir;
      const repositoryName = parseRepositoryUrl(init.cloneUrl, { allowLocal: true }).name;

      ctx.report({ progress: 0.1, message: 'Listing project files' });
      const files = await listProjectFiles(root, ctx.signal);
      const rootFiles = files.filter((file) => !file.includes('/'));

      ctx.report({ progress: 0.3, message: 'Reading manifests' });
      const manifests = await readManifests(ctx, files);
      const rootManifests = manifests
        .filter((manifest) => !manifest.path.includes('/'))
        .sort((a, b) => identityRank(a.path) - identityRank(b.path));

      ctx.report({ progress: 0.5, message: 'Reading the README' });
      const readmePath = findReadme(rootFiles);
      const readmeText = readmePath === null ? null : await readText(ctx, readmePath);
      const readme = readmeText === null ? null : parseReadme(readmeText, repositoryName);

      ctx.report({ progress: 0.6, message: 'Identifying the license' });
      const license = await identifyLicense(ctx, rootFiles, rootManifests);

      ctx.report({ progress: 0.7, message: 'Reading the git history' });
      const git = await readGitInfo(root, ctx.signal);
      ctx.signal.throwIfAborted();

      const dependencies: Dependency[] = manifests.flatMap((manifest) => manifest.info.dependencies);
      return {
        name: firstOf(rootManifests, (info) => info.name) ?? repositoryName,
        description: firstOf(rootManifests, (info) => info.description) ?? readme?.firstParagraph ?? null,
        readme: readmePath === null || readme === null ? null : { path: readmePath, sections: readme.sections },
        dependencies,
        license,
        git,
        configFiles: files.filter(isConfigFile).sort(),
      };
    },
  };
}

interface ReadManifest {
  readonly path: string;
  readonly info: ManifestInfo;
}

/** Every manifest that parses; a malformed one is logged and left out. Shallowest first. */
async function readManifests(ctx: StageContext, files: readonly string[]): Promise<ReadManifest[]> {
  const candidates = files
    .filter((file) => manifestReaderFor(file) !== null)
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
    .slice(0, MAX_MANIFESTS);
  const manifests: ReadManifest[] = [];
  for (const manifest of candidates) {
    ctx.signal.throwIfAborted();
    const reader = manifestReaderFor(manifest);
    const text = reader === null ? null : await readText(ctx, manifest);
    if (reader === null || text === null) continue;
    try {
      manifests.push({ path: manifest, info: reader.read(text, manifest) });
    } catch (err) {
      ctx.log.warn({ err, manifest }, 'skipping a manifest that could not be parsed');
    }
  }
  return manifests;
}

async function identifyLicense(
  ctx: StageContext,
  rootFiles: readonly string[],
  rootManifests: readonly ReadManifest[],
): Promise<MetadataResult['license']> {
  const licenseFiles: Array<{ path: string; spdxId: string | null }> = [];
  for (const file of rootFiles.filter((name) => LICENSE_FILE_NAME.test(name)).sort()) {
    const text = await readText(ctx, file);
    if (text !== null) licenseFiles.push({ path: file, spdxId: licenseOfText(text) });
  }
  let manifestLicense: { path: string; spdxId: string } | null = null;
  for (const manifest of rootManifests) {
    const spdxId = manifest.info.license === undefined ? null : spdxOfManifestField(manifest.info.license);
    if (spdxId !== null) {
      manifestLicense = { path: manifest.path, spdxId };
      break;
    }
  }
  return chooseLicense(licenseFiles, manifestLicense);
}

/** A checkout file as UTF-8 text, or null (logged) when it cannot be read. */
async function readText(ctx: StageContext, relativePath: string): Promise<string | null> {
  try {
    const buffer = await readFileInside(ctx.workspace.checkoutDir, relativePath, MAX_TEXT_BYTES);
    return buffer.toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    ctx.log.warn({ err, file: relativePath }, 'skipping a file that could not be read');
    return null;
  }
}

function identityRank(manifestPath: string): number {
  const rank = IDENTITY_ORDER.indexOf(manifestPath);
  return rank === -1 ? IDENTITY_ORDER.length : rank;
}

function firstOf(manifests: readonly ReadManifest[], pick: (info: ManifestInfo) => string | undefined): string | undefined {
  for (const manifest of manifests) {
    const value = pick(manifest.info);
    if (value !== undefined) return value;
  }
  return undefined;
}
