import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lutimes, mkdir, mkdtemp, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CreateRepositoryResponse, ErrorBody, FileContentResponse, FileTreeResponse, GarbageCollectionReport, RunView, SearchResponse } from '@repolens/contracts';
import { createDatabase, type Database } from '@repolens/db';
import { createLogger } from '@repolens/logger';
import { createGarbageCollector, type GarbageCollector } from '@repolens/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { analyse, eventually, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const KEEP = 2;

describe('retention of old runs’ checkouts and indexes', () => {
  let stack: TestStack;
  let repositoryId: string;
  /** The repository's runs, oldest first. */
  const runs: RunView[] = [];

  const collector = (): GarbageCollector =>
    createGarbageCollector({
      db: stack.deps.db,
      dataDir: stack.config.pipeline.dataDir,
      retention: stack.config.retention,
      log: createLogger('test', 'silent'),
    });
  const onDisk = async (kind: 'checkouts' | 'indexes'): Promise<string[]> => {
    const dir = path.join(stack.config.pipeline.dataDir, kind);
    return existsSync(dir) ? (await readdir(dir)).sort() : [];
  };
  const ids = (...indexes: number[]): string[] => indexes.map((index) => runs[index]?.id ?? `missing run ${index}`).sort();
  const reanalyse = async (): Promise<RunView> => {
    const started = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories/${repositoryId}/reanalyze`, {});
    expect(started.status).toBe(202);
    const run = await runEnded(stack.baseUrl, started.body.runId);
    expect(run.status).toBe('completed');
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    stack = await startTestStack(testConfig({ RETENTION_RUNS_PER_REPOSITORY: String(KEEP) }));
    const first = await analyse(stack.baseUrl, createFixtureRepository(smallProject()).url);
    expect(first.run.status).toBe('completed');
    repositoryId = first.repositoryId;
    runs.push(first.run);
    // N + 2 runs in all.
    for (let more = 1; more < KEEP + 2; more += 1) await reanalyse();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('keeps the indexes of the newest N finished runs and only the ready run’s checkout', async () => {
    // The end of each run asks for its repository's collection: the superseded checkouts go without waiting.
    await eventually(async () => ((await onDisk('checkouts')).length === 1 ? true : null), 'the superseded checkouts to be removed');
    await collector().collect();

    expect(await onDisk('indexes')).toEqual(ids(2, 3));
    expect(await onDisk('checkouts')).toEqual(ids(3));
    for (const old of [runs[0], runs[1]]) {
      expect((await stack.deps.db.runArtefacts.state(old?.id ?? ''))?.indexRemovedAt).toBeInstanceOf(Date);
    }
    // The history stays.
    const history = await getJson<RunView>(`${stack.baseUrl}/api/runs/${runs[0]?.id}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ status: 'completed', stages: expect.arrayContaining([expect.objectContaining({ stage: 'embedding', status: 'completed' })]) });
  });

  it('answers 410 for the files of a collected run, and still serves and searches the ready one', async () => {
    const base = `${stack.baseUrl}/api/repositories/${repositoryId}`;
    const collected = runs[0]?.id ?? '';
    for (const url of [`${base}/files?runId=${collected}`, `${base}/files/src/retry.ts?runId=${collected}`, `${base}/symbols?q=withRetries&runId=${collected}`]) {
      const response = await getJson<ErrorBody>(url);
      expect(response.status, url).toBe(410);
      expect(response.body.error.code, url).toBe('RUN_ARTEFACTS_DELETED');
    }

    // A run still among the newest keeps its index (tree and symbols), not its checkout (file text).
    const kept = runs[2]?.id ?? '';
    const tree = await getJson<FileTreeResponse>(`${base}/files?runId=${kept}`);
    expect(tree.status).toBe(200);
    expect(tree.body.runId).toBe(kept);
    const text = await getJson<ErrorBody>(`${base}/files/src/retry.ts?runId=${kept}`);
    expect(text.status).toBe(410);
    expect(text.body.error.code).toBe('RUN_ARTEFACTS_DELETED');

    const ready = runs[3]?.id ?? '';
    const file = await getJson<FileContentResponse>(`${base}/files/src/retry.ts`);
    expect(file.status).toBe(200);
    expect(file.body).toMatchObject({ runId: ready, path: 'src/retry.ts' });
    expect(file.body.text).toContain('computeRetryDelay');
    const pinned = await getJson<FileContentResponse>(`${base}/files/src/retry.ts?runId=${ready}`);
    expect(pinned.status).toBe(200);

    const search = await getJson<SearchResponse>(`${base}/search?q=computeRetryDelay`);
    expect(search.status).toBe(200);
    expect(search.body.results[0]?.path).toBe('src/retry.ts');
  });

  it('refuses a run that is not one of the repository’s', async () => {
    const base = `${stack.baseUrl}/api/repositories/${repositoryId}`;
    expect((await getJson<ErrorBody>(`${base}/files?runId=${randomUUID()}`)).status).toBe(404);
    const other = await stack.deps.db.repositories.upsert({ url: `https://example.com/acme/other-${randomUUID()}.git`, name: 'other', ref: null });
    const otherRun = await stack.deps.db.runs.create({ repositoryId: other.id, ref: null, trigger: 'interactive' });
    const response = await getJson<ErrorBody>(`${base}/files?runId=${otherRun}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('lets two workers collect at once: each artefact is removed by one of them, and none fails', async () => {
    await reanalyse();
    const [first, second] = [collector(), collector()];
    const settled = await Promise.allSettled([first.collect(), second.collect(), first.collect({ repositoryId }), second.collect({ repositoryId })]);
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const reports = settled.map((outcome) => (outcome as PromiseFulfilledResult<GarbageCollectionReport>).value);
    // runs[2]'s index left the newest N: whoever marked it removed it (the worker's own run-end collection may have been first).
    expect(reports.reduce((sum, report) => sum + report.indexesRemoved, 0)).toBeLessThanOrEqual(1);
    await eventually(async () => ((await onDisk('checkouts')).length === 1 ? true : null), 'the superseded checkout to be removed');
    expect(await onDisk('indexes')).toEqual(ids(3, 4));
    expect(await onDisk('checkouts')).toEqual(ids(4));
  });

  it('sweeps leftover directories of collected or deleted runs, and nothing else', async () => {
    const dataDir = stack.config.pipeline.dataDir;
    const outside = await mkdtemp(path.join(os.tmpdir(), 'repolens-outside-'));
    await writeFile(path.join(outside, 'keep.txt'), 'not RepoLens data\n');
    const longAgo = new Date(Date.now() - 3 * 3600 * 1000);

    // A collected run's checkout, made again by a stage that was still finishing.
    const collected = path.join(dataDir, 'checkouts', runs[0]?.id ?? '');
    await mkdir(path.join(collected, 'src'), { recursive: true });
    await symlink(outside, path.join(collected, 'src', 'outside'));
    // Directories of runs the database does not know: old ones go, a recent one may be another tool's.
    const unknownOld = path.join(dataDir, 'indexes', randomUUID());
    const unknownRecent = path.join(dataDir, 'indexes', randomUUID());
    const linkedOld = path.join(dataDir, 'checkouts', randomUUID());
    await mkdir(unknownOld, { recursive: true });
    await mkdir(unknownRecent, { recursive: true });
    await utimes(unknownOld, longAgo, longAgo);
    await symlink(outside, linkedOld);
    await lutimes(linkedOld, longAgo, longAgo);
    const notARun = path.join(dataDir, 'indexes', 'notes');
    await mkdir(notARun, { recursive: true });

    const report = await collector().collect();
    expect(report.outcome).toBe('collected');
    expect(report.leftoversRemoved).toBe(3);
    expect(existsSync(collected)).toBe(false);
    expect(existsSync(unknownOld)).toBe(false);
    expect(existsSync(linkedOld)).toBe(false);
    expect(existsSync(unknownRecent)).toBe(true);
    expect(existsSync(notARun)).toBe(true);
    expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('not RepoLens data\n');
    // The ready run and the runs kept by retention are untouched.
    expect(await onDisk('checkouts')).toEqual(ids(4));
  });
});

describe('embedding cache eviction', () => {
  let db: Database;
  const model = { modelId: `retention-test-${randomUUID()}`, dimension: 4 };
  const hash = (n: number): string => n.toString(16).padStart(64, '0');
  const vector = (n: number): Float32Array => Float32Array.from([n, n, n, n]);
  const lastUsed = async (n: number): Promise<Date | null> => {
    const { rows } = await db.pool.query<{ last_used_at: Date }>(
      "SELECT last_used_at FROM embedding_cache WHERE model_id = $1 AND content_hash = decode($2, 'hex')",
      [model.modelId, hash(n)],
    );
    return rows[0]?.last_used_at ?? null;
  };
  const age = async (n: number, days: number): Promise<void> => {
    await db.pool.query(
      "UPDATE embedding_cache SET last_used_at = now() - make_interval(days => $3) WHERE model_id = $1 AND content_hash = decode($2, 'hex')",
      [model.modelId, hash(n), days],
    );
  };

  beforeAll(() => {
    db = createDatabase(inject('databaseUrl'));
  });
  afterAll(async () => {
    await db.pool.query('DELETE FROM embedding_cache WHERE model_id = $1', [model.modelId]);
    await db.close();
  });

  it('marks vectors used when read, and evicts the ones unused for longer than the maximum age', async () => {
    await db.embeddingCache.put(model, [1, 2, 3].map((n) => ({ hash: hash(n), vector: vector(n) })));
    for (const n of [1, 2, 3]) await age(n, 40);

    const read = await db.embeddingCache.get(model, [hash(1)]);
    expect([...(read.get(hash(1)) ?? [])]).toEqual([1, 1, 1, 1]);
    expect(Date.now() - ((await lastUsed(1))?.getTime() ?? 0)).toBeLessThan(60_000);

    expect(await db.embeddingCache.evict({ maxAgeDays: 30, maxRows: null })).toBeGreaterThanOrEqual(2);
    expect(await db.embeddingCache.count(model)).toBe(1);
    expect(await lastUsed(1)).not.toBeNull();
  });

  it('keeps at most the maximum number of rows, evicting the least recently used first', async () => {
    await db.embeddingCache.put(model, [4, 5, 6].map((n) => ({ hash: hash(n), vector: vector(n) })));
    // Older than every other row in the database, yet within the maximum age.
    await age(4, 29);
    await age(5, 28);
    const { rows } = await db.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM embedding_cache');
    const total = rows[0]?.count ?? 0;

    expect(await db.embeddingCache.evict({ maxAgeDays: 30, maxRows: total - 2 })).toBe(2);
    expect(await lastUsed(4)).toBeNull();
    expect(await lastUsed(5)).toBeNull();
    expect(await lastUsed(6)).not.toBeNull();
  });
});
