import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunArtefactFiles } from './run-artefact-files.js';

const RUN = '3f0c9a52-8d1e-4b7a-9c61-2a5d0e4f7b10';
const OTHER_RUN = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

describe('removing run artefacts from disk', () => {
  let base: string;
  let dataDir: string;
  let outside: string;
  let files: RunArtefactFiles;

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'repolens-artefacts-'));
    dataDir = path.join(base, 'data');
    outside = path.join(base, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'precious.txt'), 'not RepoLens data\n');
    files = new RunArtefactFiles(dataDir);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it("removes a run's checkout and index, leaving other runs' alone", async () => {
    for (const dir of [`checkouts/${RUN}/src`, `indexes/${RUN}`, `checkouts/${OTHER_RUN}`]) await mkdir(path.join(dataDir, dir), { recursive: true });
    await writeFile(path.join(dataDir, 'checkouts', RUN, 'src', 'a.ts'), 'export {};\n');
    expect(await files.remove('checkout', RUN)).toBe(true);
    expect(await files.remove('index', RUN)).toBe(true);
    expect(await readdir(path.join(dataDir, 'checkouts'))).toEqual([OTHER_RUN]);
    expect(await readdir(path.join(dataDir, 'indexes'))).toEqual([]);
    // Again: nothing left to remove, and no error.
    expect(await files.remove('checkout', RUN)).toBe(false);
  });

  it('never follows a symbolic link inside a checkout, in place of a run directory, or in place of its parent', async () => {
    const checkout = path.join(dataDir, 'checkouts', RUN);
    await mkdir(checkout, { recursive: true });
    await symlink(outside, path.join(checkout, 'linked-dir'));
    await symlink(path.join(outside, 'precious.txt'), path.join(checkout, 'linked-file'));
    await mkdir(path.join(dataDir, 'indexes'), { recursive: true });
    await symlink(outside, path.join(dataDir, 'indexes', RUN));

    expect(await files.remove('checkout', RUN)).toBe(true);
    expect(await files.remove('index', RUN)).toBe(true);
    expect(await readFile(path.join(outside, 'precious.txt'), 'utf8')).toBe('not RepoLens data\n');
    expect(await readdir(path.join(dataDir, 'indexes'))).toEqual([]);

    // `checkouts` itself a link to elsewhere: refused, nothing there is touched.
    await rm(path.join(dataDir, 'checkouts'), { recursive: true });
    await mkdir(path.join(outside, RUN));
    await symlink(outside, path.join(dataDir, 'checkouts'));
    expect(await files.remove('checkout', RUN)).toBe(false);
    expect((await readdir(outside)).sort()).toEqual([RUN, 'precious.txt'].sort());
    expect(await files.onDisk('checkout')).toEqual([]);
  });

  it('refuses anything that is not a run id, so no path can climb out of the data directory', async () => {
    for (const name of ['..', '../outside', `${RUN}/..`, '', 'checkouts', `../../${RUN}`]) {
      await expect(files.remove('checkout', name)).rejects.toThrow(/not a run id/);
    }
  });

  it('lists only directories named like runs', async () => {
    await mkdir(path.join(dataDir, 'indexes', RUN), { recursive: true });
    await mkdir(path.join(dataDir, 'indexes', 'not-a-run'), { recursive: true });
    expect((await files.onDisk('index')).map((entry) => entry.runId)).toEqual([RUN]);
  });
});
