import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** An installed npm package whose source is evaluated, pinned to the version its questions were written for. */
export interface PinnedPackage {
  readonly name: string;
  readonly version: string;
}

/**
 * Copies an installed package (its shipped source, tests and docs; no nested node_modules) into a new git
 * repository with one commit, so the pipeline can clone it like any other repository. Fails when the
 * installed version is not the pinned one: the questions' line labels are only right for that version.
 */
export async function packageRepository(nodeModulesDir: string, pinned: PinnedPackage): Promise<{ dir: string; url: string; remove(): Promise<void> }> {
  const source = path.join(nodeModulesDir, ...pinned.name.split('/'));
  let manifest: { version?: unknown };
  try {
    manifest = JSON.parse(await readFile(path.join(source, 'package.json'), 'utf8')) as { version?: unknown };
  } catch (error) {
    throw new Error(`${pinned.name}@${pinned.version} is not installed in node_modules (run npm ci)`, { cause: error });
  }
  if (manifest.version !== pinned.version) {
    throw new Error(
      `${pinned.name} ${String(manifest.version)} is installed, but the questions are labelled for ${pinned.version}: ` +
        'install that version or relabel the questions',
    );
  }
  // Named after the package: the checkout's directory name can show up in what is indexed.
  const parent = await mkdtemp(path.join(tmpdir(), 'repolens-eval-repo-'));
  const dir = path.join(parent, pinned.name.replace(/\W+/g, '-'));
  await cp(source, dir, {
    recursive: true,
    filter: (from) => !path.relative(source, from).split(path.sep).includes('node_modules'),
  });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '--no-verify', '-m', `${pinned.name} ${pinned.version}`);
  return { dir, url: pathToFileURL(dir).href, remove: () => rm(parent, { recursive: true, force: true }) };
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'RepoLens eval',
      GIT_AUTHOR_EMAIL: 'eval@repolens.invalid',
      GIT_COMMITTER_NAME: 'RepoLens eval',
      GIT_COMMITTER_EMAIL: 'eval@repolens.invalid',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  });
}
