import type { Chunk } from '@repolens/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLexicalIndex, loadLexicalIndex } from './lexical-index.js';
import { LexicalIndexThread } from './lexical-index-thread.js';

function chunksOf(count: number, name: string): Chunk[] {
  return Array.from({ length: count }, (_, id) => ({
    id,
    path: `src/${name}/part-${id}.ts`,
    startLine: 1,
    endLine: 2,
    kind: 'code',
    language: 'TypeScript',
    symbol: `${name}Step${id}`,
    text: `src/${name}/part-${id}.ts ${name}Step${id}\nexport function ${name}Step${id}() { return retryDelay(${id}) }`,
  }));
}

describe('the lexical index thread', () => {
  const thread = new LexicalIndexThread();
  afterAll(() => thread.close());

  it('builds the same index as the calling thread would, for builds that overlap', async () => {
    const first = chunksOf(300, 'parse');
    const second = chunksOf(200, 'render');
    const one = thread.writer();
    const two = thread.writer();
    one.add(first.slice(0, 100));
    two.add(second.slice(0, 150));
    one.add(first.slice(100));
    two.add(second.slice(150));
    const [oneJson, twoJson] = await Promise.all([one.serialized(), two.serialized()]);
    expect(oneJson).toBe(buildLexicalIndex(first).serialize());
    expect(twoJson).toBe(buildLexicalIndex(second).serialize());
    expect(loadLexicalIndex(oneJson).search('parseStep42', 1)[0]?.id).toBe(42);
    expect(thread.finishedByThread).toBe(2);
  });

  it('finishes a build in the calling thread when its thread stops halfway', async () => {
    const chunks = chunksOf(250, 'load');
    const writer = thread.writer();
    writer.add(chunks.slice(0, 120));
    const byThread = thread.finishedByThread;
    await thread.close();
    writer.add(chunks.slice(120));
    expect(await writer.serialized()).toBe(buildLexicalIndex(chunks).serialize());
    expect(thread.finishedByThread).toBe(byThread);

    // The next build starts a new thread.
    const next = thread.writer();
    next.add(chunks);
    expect(await next.serialized()).toBe(buildLexicalIndex(chunks).serialize());
    expect(thread.finishedByThread).toBe(byThread + 1);
  });

  it('drops a discarded build without disturbing another', async () => {
    const kept = chunksOf(50, 'keep');
    const dropped = thread.writer();
    const writer = thread.writer();
    dropped.add(chunksOf(50, 'drop'));
    writer.add(kept);
    dropped.discard();
    expect(await writer.serialized()).toBe(buildLexicalIndex(kept).serialize());
  });
});
