import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** For tests: a real git repository in a temporary directory, built with the git command line. */
export interface FixtureRepository {
  readonly dir: string;
  /** `file://` URL of the repository. */
  readonly url: string;
  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string;
  /** Runs git with `input` on stdin (`mktree`, `update-index --index-info`) and returns its trimmed stdout. */
  gitWithInput(input: string, ...args: string[]): string;
  /** Writes files (paths relative to the repository, `/`-separated), creating directories. */
  write(files: Readonly<Record<string, string | Buffer>>): Promise<void>;
  /** Writes the files, stages everything and commits; returns the new commit's id. */
  commit(message: string, files?: Readonly<Record<string, string | Buffer>>, author?: FixtureAuthor): Promise<string>;
}

export interface FixtureAuthor {
  readonly name: string;
  readonly email: string;
}

const DEFAULT_AUTHOR: FixtureAuthor = { name: 'Fixture Author', email: 'fixture@example.com' };

/** A temporary directory and the function that removes it. */
export async function createTempDir(prefix = 'repolens-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Creates an empty repository (branch `main`) at `parentDir/name`. */
export async function createFixtureRepository(parentDir: string, name = 'origin'): Promise<FixtureRepository> {
  const dir = path.join(parentDir, name);
  await mkdir(dir, { recursive: true });
  const run = (args: string[], author: FixtureAuthor = DEFAULT_AUTHOR, input?: string): string =>
    execFileSync('git', args, {
      cwd: dir,
      env: fixtureEnv(author),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      ...(input === undefined ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input, stdio: ['pipe', 'pipe', 'pipe'] }),
    }).trim();
  run(['init', '--quiet', '--initial-branch=main']);

  const write = async (files: Readonly<Record<string, string | Buffer>>): Promise<void> => {
    for (const [relative, content] of Object.entries(files)) {
      const target = path.join(dir, ...relative.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  };

  return {
    dir,
    url: pathToFileURL(dir).href,
    git: (...args) => run(args),
    gitWithInput: (input, ...args) => run(args, DEFAULT_AUTHOR, input),
    write,
    async commit(message, files = {}, author = DEFAULT_AUTHOR) {
      await write(files);
      run(['add', '--all'], author);
      run(['commit', '--quiet', '--allow-empty', '-m', message], author);
      return run(['rev-parse', 'HEAD'], author);
    },
  };
}

function fixtureEnv(author: FixtureAuthor): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: os.tmpdir(),
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
}
