import type { Dependency, MetadataResult } from '@repolens/contracts';
import { readFileInside } from '../../fs/read-file-inside.js';
import { parseRepositoryUrl } from '../../git/repository-url.js';
import { requireResult, type Stage, type StageContext } from '../../stage.js';
import { readCommitActivity } from './commit-activity.js';
import { projectFileRole, type ProjectFileRole } from './config-files.js';
import { createManifestSource, manifestReaderFor, type ManifestInfo, type ManifestSource } from './dependencies/index.js';
import { readGitInfo } from './git-info.js';
import { chooseLicense, LICENSE_FILE_NAME, licenseOfText, spdxOfManifestField } from './license.js';
import { listProjectFiles, type ProjectListing } from './project-files.js';
import { findReadme, parseReadme } from './readme.js';
import { expandWorkspaceMembers } from './workspace-members.js';

const MAX_TEXT_BYTES = 2 * 1024 * 1024;
// Real manifests are kilobytes; these bound what a hostile repository can make the stage parse.
const MAX_MANIFEST_BYTES = 1024 * 1024;
const MAX_MANIFESTS = 200;
// Far above any real project's count; a generated manifest with more says nothing a person would read.
const MAX_DEPENDENCIES = 10_000;
// Which root manifest names the project when several do.
const IDENTITY_ORDER = [
  'package.json', 'pyproject.toml', 'Cargo.toml', 'go.mod', 'pom.xml', 'settings.gradle.kts', 'settings.gradle', 'composer.json', 'setup.cfg',
];

/** README sections, dependencies, workspaces, license, CI/Docker/config files and git history of the checkout. */
export function createMetadataStage(): Stage<'metadata'> {
  return {
    name: 'metadata',
    async run(ctx: StageContext): Promise<MetadataResult> {
      const init = requireResult(ctx, 'initialization');
      const root = ctx.workspace.checkoutDir;
      // Only the name is wanted: the URL was vetted when the run started, so every kind is accepted here.
      const repositoryName = parseRepositoryUrl(init.cloneUrl, { allowLocal: true, allowSsh: true, allowPrivateAddresses: true }).name;

      ctx.report({ progress: 0.1, message: 'Listing project files' });
      const listing = await listProjectFiles(root, ctx.signal);
      const rootFiles = listing.files.filter((file) => !file.includes('/'));

      ctx.report({ progress: 0.3, message: 'Reading manifests' });
      const { manifests, workspaces } = await readManifests(ctx, listing, createManifestSource(root, MAX_MANIFEST_BYTES));
      const rootManifests = manifests
        .filter((manifest) => !manifest.path.includes('/'))
        .sort((a, b) => identityRank(a.path) - identityRank(b.path));

      ctx.report({ progress: 0.5, message: 'Reading the README' });
      const readmePath = findReadme(rootFiles);
      const readmeText = readmePath === null ? null : await readText(ctx, readmePath, MAX_TEXT_BYTES);
      const readme = readmeText === null ? null : parseReadme(readmeText, repositoryName);

      ctx.report({ progress: 0.6, message: 'Identifying the license' });
      const license = await identifyLicense(ctx, rootFiles, rootManifests);

      ctx.report({ progress: 0.7, message: 'Reading the git history' });
      const git = await readGitInfo(root, ctx.signal);
      const commitActivity = await readCommitActivity(root, ctx.signal);
      ctx.signal.throwIfAborted();

      const roles = filesByRole(listing.files);
      return {
        name: firstOf(rootManifests, (info) => info.name) ?? repositoryName,
        description: firstOf(rootManifests, (info) => info.description) ?? readme?.firstParagraph ?? null,
        readme: readmePath === null || readme === null ? null : { path: readmePath, sections: readme.sections },
        dependencies: cappedDependencies(ctx, uniqueDependencies(manifests.flatMap((manifest) => manifest.info.dependencies))),
        workspaces,
        license,
        git,
        commitActivity,
        configFiles: roles.config,
        ciFiles: roles.ci,
        dockerFiles: roles.docker,
      };
    },
  };
}

interface ReadManifest {
  readonly path: string;
  readonly info: ManifestInfo;
}

/**
 * Every manifest that parses (a malformed one is logged and left out), shallowest first, and the workspace
 * members the root manifests declare; at most MAX_MANIFESTS of them, root manifests first and then members.
 */
async function readManifests(
  ctx: StageContext,
  listing: ProjectListing,
  source: ManifestSource,
): Promise<{ manifests: ReadManifest[]; workspaces: string[] }> {
  const candidates = listing.files.filter((file) => manifestReaderFor(file) !== null).sort(byDepthThenPath);
  const rootCandidates = candidates.filter((file) => !file.includes('/')).slice(0, MAX_MANIFESTS);
  const manifests: ReadManifest[] = [];
  for (const file of rootCandidates) await readManifest(ctx, file, source, manifests);

  const workspaces = new Set<string>();
  for (const manifest of manifests) {
    if (manifest.info.workspace === undefined) continue;
    for (const member of expandWorkspaceMembers(manifest.path, manifest.info.workspace, listing)) workspaces.add(member);
  }
  const isMemberManifest = (file: string): boolean => workspaces.has(file.slice(0, Math.max(0, file.lastIndexOf('/'))));
  const rest = candidates.filter((file) => file.includes('/'));
  // Member packages before examples and nested tooling, so the cap cuts those first.
  const ordered = [...rest.filter(isMemberManifest), ...rest.filter((file) => !isMemberManifest(file))];
  for (const file of ordered.slice(0, Math.max(0, MAX_MANIFESTS - rootCandidates.length))) await readManifest(ctx, file, source, manifests);
  if (candidates.length > MAX_MANIFESTS) {
    ctx.log.warn({ manifests: candidates.length, read: MAX_MANIFESTS }, 'reading only the shallowest manifests');
  }
  manifests.sort((a, b) => byDepthThenPath(a.path, b.path));
  return { manifests, workspaces: [...workspaces].sort() };
}

async function readManifest(ctx: StageContext, manifest: string, source: ManifestSource, out: ReadManifest[]): Promise<void> {
  ctx.signal.throwIfAborted();
  const reader = manifestReaderFor(manifest);
  const text = reader === null ? null : await readText(ctx, manifest, MAX_MANIFEST_BYTES);
  if (reader === null || text === null) return;
  try {
    out.push({ path: manifest, info: await reader.read(text, manifest, source) });
  } catch (err) {
    ctx.log.warn({ err, manifest }, 'skipping a manifest that could not be parsed');
  }
}

async function identifyLicense(
  ctx: StageContext,
  rootFiles: readonly string[],
  rootManifests: readonly ReadManifest[],
): Promise<MetadataResult['license']> {
  const licenseFiles: Array<{ path: string; spdxId: string | null }> = [];
  for (const file of rootFiles.filter((name) => LICENSE_FILE_NAME.test(name)).sort()) {
    const text = await readText(ctx, file, MAX_TEXT_BYTES);
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

/** CI, Docker and other configuration files, each list sorted and no file in two. */
function filesByRole(files: readonly string[]): Record<ProjectFileRole, string[]> {
  const roles: Record<ProjectFileRole, string[]> = { ci: [], docker: [], config: [] };
  for (const file of files) {
    const role = projectFileRole(file);
    if (role !== null) roles[role].push(file);
  }
  for (const list of Object.values(roles)) list.sort();
  return roles;
}

/** The same requirement stated twice (a `-r` include also read as a manifest of its own) counts once. */
function uniqueDependencies(dependencies: readonly Dependency[]): Dependency[] {
  const seen = new Set<string>();
  return dependencies.filter((item) => {
    const key = [item.ecosystem, item.manifest, item.name, item.kind, item.version ?? ''].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cappedDependencies(ctx: StageContext, dependencies: Dependency[]): Dependency[] {
  if (dependencies.length <= MAX_DEPENDENCIES) return dependencies;
  ctx.log.warn({ dependencies: dependencies.length, kept: MAX_DEPENDENCIES }, 'keeping only the first dependencies');
  return dependencies.slice(0, MAX_DEPENDENCIES);
}

/** A checkout file as UTF-8 text, or null (logged) when it cannot be read. */
async function readText(ctx: StageContext, relativePath: string, maxBytes: number): Promise<string | null> {
  try {
    const buffer = await readFileInside(ctx.workspace.checkoutDir, relativePath, maxBytes);
    return buffer.toString('utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    ctx.log.warn({ err, file: relativePath }, 'skipping a file that could not be read');
    return null;
  }
}

function byDepthThenPath(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
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
