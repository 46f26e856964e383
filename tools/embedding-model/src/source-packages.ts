import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { coveredByPattern, debianPackageLicense, permissiveExpression } from './licenses.js';

/** Languages we take training pairs from, and where Debian installs their source. */
export const DEBIAN_SOURCE_ROOTS = {
  python: ['/usr/lib/python3/dist-packages/'],
  // golang-1.19-src is Go's standard library.
  go: ['/usr/share/gocode/src/', '/usr/share/go-1.19/src/'],
  javascript: ['/usr/share/nodejs/', '/usr/lib/nodejs/'],
} as const;
export type DebianSourceLanguage = keyof typeof DEBIAN_SOURCE_ROOTS;

export interface SourceFile {
  readonly absolute: string;
  /** The path a reader of that package would use, e.g. `requests/adapters.py`, `github.com/gorilla/mux/mux.go`. */
  readonly relative: string;
}

export interface SourcePackage {
  readonly name: string;
  readonly origin: 'debian' | 'npm';
  readonly version: string;
  readonly license: string;
  /** Packages of one family (versions of one library) always land on the same side of the split. */
  readonly family: string;
  readonly files: readonly SourceFile[];
  /** Files left out because another license covers them. */
  readonly excludedFiles: number;
}

export interface RejectedPackage {
  readonly name: string;
  readonly origin: 'debian' | 'npm';
  readonly version: string | null;
  readonly reason: string;
}

const SOURCE_EXTENSIONS = /\.(py|go|js|mjs|cjs|ts|mts|cts)$/;
/** Tests, fixtures, examples, vendored copies and bundles say little about how code is described. */
const EXCLUDED_SEGMENTS = new Set([
  'test', 'tests', 'testing', 'testdata', 'testutil', 'fixtures', '__tests__', 'vendor', '_vendor', 'vendored',
  'third_party', 'thirdparty', 'examples', 'example', 'benchmarks', 'bench', 'node_modules', 'min', 'umd', 'browser',
]);
const EXCLUDED_FILES = /(^test_.*\.py$|_test\.(py|go)$|^conftest\.py$|\.(test|spec|min|bundle)\.[cm]?[jt]s$|\.d\.[cm]?ts$)/;

/** True for a file worth reading for docstring → function pairs. */
export function isTrainingSourcePath(relative: string): boolean {
  if (!SOURCE_EXTENSIONS.test(relative)) return false;
  const segments = relative.split('/');
  const base = segments.at(-1) ?? '';
  if (EXCLUDED_FILES.test(base)) return false;
  return !segments.slice(0, -1).some((segment) => EXCLUDED_SEGMENTS.has(segment.toLowerCase()));
}

/**
 * `golang-github-urfave-cli-v2-dev` and `golang-github-urfave-cli-dev` are one family; so are Debian's
 * `node-semver` and npm's `semver`.
 */
export function packageFamily(name: string): string {
  return name
    .replace(/-dev$/, '')
    .replace(/[-.]v\d+$/, '')
    .replace(/^(golang|python3|node)-/, '');
}

/** An installed Debian package's source files under the language's root, when its license allows. */
export function readDebianPackage(name: string, language: DebianSourceLanguage): SourcePackage | RejectedPackage {
  const version = dpkgVersion(name);
  if (version === null) return { name, origin: 'debian', version: null, reason: 'not installed' };
  const copyrightFile = `/usr/share/doc/${name}/copyright`;
  if (!existsSync(copyrightFile)) return { name, origin: 'debian', version, reason: 'no copyright file' };
  const license = debianPackageLicense(readFileSync(copyrightFile, 'utf8'));
  if ('rejected' in license) return { name, origin: 'debian', version, reason: license.rejected };
  const files: SourceFile[] = [];
  let excludedFiles = 0;
  for (const absolute of dpkgFiles(name)) {
    const root = DEBIAN_SOURCE_ROOTS[language].find((prefix) => absolute.startsWith(prefix));
    if (root === undefined) continue;
    const relative = absolute.slice(root.length);
    if (!isTrainingSourcePath(relative)) continue;
    if (license.excludedPatterns.some((pattern) => coveredByPattern(relative, pattern))) {
      excludedFiles += 1;
      continue;
    }
    files.push({ absolute, relative });
  }
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return { name, origin: 'debian', version, license: license.license, family: packageFamily(name), files, excludedFiles };
}

function dpkgVersion(name: string): string | null {
  try {
    const output = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}\t${Version}', name], { encoding: 'utf8' });
    const [status, version] = output.split('\t');
    return status?.startsWith('ii') === true && version !== undefined ? version : null;
  } catch {
    return null;
  }
}

function dpkgFiles(name: string): string[] {
  const output = execFileSync('dpkg', ['-L', name], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return output.split('\n').filter((line) => line.startsWith('/'));
}

interface LockfilePackage {
  readonly version?: string;
  readonly link?: boolean;
}

/**
 * Every package installed under `node_modules` (as its lockfile lists them), with its license read from
 * its own package.json. Files of nested `node_modules` belong to the nested package, not the outer one.
 */
export function readNpmPackages(repositoryRoot: string): Array<SourcePackage | RejectedPackage> {
  const lockfile = JSON.parse(readFileSync(path.join(repositoryRoot, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, LockfilePackage>;
  };
  const seen = new Set<string>();
  const packages: Array<SourcePackage | RejectedPackage> = [];
  for (const [location, entry] of Object.entries(lockfile.packages).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!location.startsWith('node_modules/') || entry.link === true) continue;
    const dir = path.join(repositoryRoot, location);
    const manifestFile = path.join(dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string; version?: string; license?: unknown };
    const name = manifest.name ?? location.split('node_modules/').at(-1) ?? location;
    const version = manifest.version ?? entry.version ?? '0.0.0';
    if (seen.has(`${name}@${version}`)) continue;
    seen.add(`${name}@${version}`);
    const declared = licenseField(manifest.license);
    const license = declared === null ? null : permissiveExpression(declared);
    if (license === null) {
      packages.push({ name, origin: 'npm', version, reason: `license ${declared ?? 'not declared'}` });
      continue;
    }
    const files = listPackageFiles(dir).map((relative) => ({ absolute: path.join(dir, relative), relative: `${name}/${relative}` }));
    packages.push({ name, origin: 'npm', version, license, family: packageFamily(name.replace(/^@types\//, '')), files, excludedFiles: 0 });
  }
  return packages;
}

function licenseField(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') return value.type;
  return null;
}

function listPackageFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!EXCLUDED_SEGMENTS.has(entry.name.toLowerCase())) files.push(...listPackageFiles(dir, relative));
    } else if (entry.isFile() && isTrainingSourcePath(relative)) {
      files.push(relative);
    }
  }
  return files;
}
