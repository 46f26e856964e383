import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Chunk, CreateRepositoryResponse, EmbeddingResult } from '@repolens/contracts';
import { loadRepositoryIndex, resolveIndexDir } from '@repolens/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { postJson, waitForRun } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const MODEL = { modelId: 'repolens/code-embed-v1', dimension: 128 };

/**
 * The small project with a marker of this test in every file, so no other test of the run (they share
 * the database, and so the cache) has embedded these texts before.
 */
function uniqueProject(marker: string): Record<string, string> {
  const files = smallProject();
  return Object.fromEntries(
    Object.entries(files).map(([file, content]) => {
      if (file === 'package.json') return [file, content.replace('"retry-kit"', `"retry-kit-${marker}"`)];
      if (file.endsWith('.ts')) return [file, `// fixture ${marker}\n${content}`];
      if (file.endsWith('.md')) return [file, `${content}\nFixture ${marker}.\n`];
      return [file, content];
    }),
  );
}

function commitChange(dir: string, file: string, content: string): void {
  writeFileSync(path.join(dir, file), content);
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada Tester', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Tester', GIT_COMMITTER_EMAIL: 'ada@example.com' };
  execFileSync('git', ['commit', '--quiet', '-am', `change ${file}`], { cwd: dir, env });
}

describe('the embedding cache', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig({ EMBEDDING_MODEL: MODEL.modelId }));
  });
  afterAll(async () => {
    await stack.close();
  });

  async function analyse(body: { url: string; ref?: string }): Promise<{ result: EmbeddingResult; chunks: readonly Chunk[] }> {
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, body);
    expect(submitted.status).toBe(202);
    expect(submitted.body.existing).toBe(false);
    await waitForRun(stack.baseUrl, submitted.body.runId, (run) => run.status === 'completed', 90_000);
    const result = await stack.deps.db.results.load(submitted.body.runId, 'embedding');
    if (result === null) throw new Error('the run stored no embedding result');
    const index = await loadRepositoryIndex(resolveIndexDir(stack.config.pipeline.dataDir, result.indexPath));
    return { result, chunks: index.chunks };
  }

  it('embeds an unchanged chunk once across runs, and after a change only the changed file\'s chunks', async () => {
    const marker = randomUUID();
    const fixture = createFixtureRepository(uniqueProject(marker));
    const before = await stack.deps.db.embeddingCache.count(MODEL);

    const first = await analyse({ url: fixture.url });
    expect(first.result.model).toEqual({ id: MODEL.modelId, dimension: MODEL.dimension });
    // Texts carrying the marker are new to the cache; texts every small project shares (the license, the
    // structure summary) may have been embedded by an earlier test of the run, and are then reused.
    const texts = new Set(first.chunks.map((chunk) => chunk.text));
    const marked = [...texts].filter((text) => text.includes(marker));
    expect(marked.length).toBeGreaterThan(3);
    expect(first.result.chunksEmbedded).toBeGreaterThanOrEqual(marked.length);
    expect(first.result.chunksEmbedded + first.result.chunksReused).toBe(texts.size);
    expect(await stack.deps.db.embeddingCache.count(MODEL)).toBe(before + first.result.chunksEmbedded);

    // The same commit again, as another repository entry (another ref naming it): nothing to embed.
    const again = await analyse({ url: fixture.url, ref: 'main' });
    expect(again.result).toMatchObject({ chunkCount: first.result.chunkCount, chunksEmbedded: 0, chunksReused: first.result.chunkCount });

    // One file changes: only the chunks whose text changed are embedded, and they are all that file's.
    const format = uniqueProject(marker)['src/format.ts'] ?? '';
    commitChange(fixture.dir, 'src/format.ts', format.replace('KB', 'KiB'));
    const changed = await analyse({ url: fixture.url });
    const known = new Set(first.chunks.map((chunk) => chunk.text));
    const fresh = changed.chunks.filter((chunk) => !known.has(chunk.text));
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((chunk) => chunk.path))).toEqual(new Set(['src/format.ts']));
    expect(changed.result).toMatchObject({ chunksEmbedded: fresh.length, chunksReused: changed.result.chunkCount - fresh.length });
  });

  it('stores and returns vectors by model and content hash, keeping models apart', async () => {
    const cache = stack.deps.db.embeddingCache;
    const hash = randomUUID().replaceAll('-', '').padEnd(64, '0');
    const vector = Float32Array.from({ length: 4 }, (_, i) => i / 3 - 0.5);
    await cache.put({ modelId: 'test/tiny', dimension: 4 }, [{ hash, vector }]);
    // A second store of the same hash keeps the first vector.
    await cache.put({ modelId: 'test/tiny', dimension: 4 }, [{ hash, vector: new Float32Array(4) }]);

    const found = await cache.get({ modelId: 'test/tiny', dimension: 4 }, [hash, 'f'.repeat(64)]);
    expect([...found.keys()]).toEqual([hash]);
    expect(found.get(hash)).toEqual(vector);
    expect((await cache.get({ modelId: 'test/other', dimension: 4 }, [hash])).size).toBe(0);
  });
});
