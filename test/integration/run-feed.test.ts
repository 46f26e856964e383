import type { CreateRepositoryResponse, FeedMessage } from '@repolens/contracts';
import { CHANNELS } from '@repolens/contracts';
import { channelName, runEndMessage, stageMessage } from '@repolens/realtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, largeProject } from '../support/fixture-repository.js';
import { postJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const seqs = (messages: FeedMessage[]): number[] => messages.map((m) => m.seq);
const oneToN = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('the progress feed', () => {
  let first: TestStack;
  let second: TestStack;

  beforeAll(async () => {
    const config = testConfig();
    first = await startTestStack(config);
    // A second API process of the same deployment (same database, Redis and prefix), without workers.
    second = await startTestStack(config, { workers: false });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  async function newRun(): Promise<{ runId: string; repositoryId: string }> {
    const repository = await first.deps.db.repositories.upsert({ url: `file:///feed-test/${Math.random()}`, name: 'feed-test', ref: null });
    const runId = await first.deps.db.runs.create({ repositoryId: repository.id, ref: null, trigger: 'interactive' });
    if (runId === null) throw new Error('a fresh repository has no active run');
    return { runId, repositoryId: repository.id };
  }

  it('is the same, complete and in order on sockets served by two API processes', async () => {
    const fixture = createFixtureRepository(largeProject(60));
    const submitted = await postJson<CreateRepositoryResponse>(`${first.baseUrl}/api/repositories`, { url: fixture.url });
    const [onFirst, onSecond] = await Promise.all([
      recordFeed(first.wsUrl, submitted.body.runId),
      recordFeed(second.wsUrl, submitted.body.runId),
    ]);
    await Promise.all([onFirst.closed, onSecond.closed]);
    expect(onFirst.messages.at(-1)).toMatchObject({ type: 'run', status: 'completed' });
    expect(seqs(onFirst.messages)).toEqual(oneToN(onFirst.messages.length));
    expect(onSecond.messages).toEqual(onFirst.messages);
  });

  it('never shares or skips a sequence number between concurrent writers', async () => {
    const ids = await newRun();
    const feed = await recordFeed(first.wsUrl, ids.runId);
    const writers = Array.from({ length: 5 }, (_, writer) =>
      (async () => {
        for (let i = 0; i < 40; i += 1) {
          await first.deps.publisher.publishWhileActive(
            stageMessage(ids, { stage: 'code_analysis', status: 'progress', progress: i / 40, message: `writer ${writer} event ${i}` }),
          );
        }
      })(),
    );
    await Promise.all(writers);
    await first.deps.db.runs.transition(ids.runId, 'running');
    await first.deps.publisher.endRun(ids.runId, 'completed', { events: () => [runEndMessage(ids, 'completed', 'done')] });
    await feed.closed;
    expect(seqs(feed.messages)).toEqual(oneToN(201));
    expect(new Set(feed.messages.map((m) => (m.type === 'stage' ? m.message : 'end'))).size).toBe(201);
  });

  it('fills a gap left by a lost publish and ignores a repeated one', async () => {
    const ids = await newRun();
    const feed = await recordFeed(second.wsUrl, ids.runId);
    const event = (n: number) => stageMessage(ids, { stage: 'metadata', status: 'progress', progress: n / 10, message: `event ${n}` });

    await first.deps.publisher.publish(event(1));
    // Stored but never announced, as if the PUBLISH had been lost.
    await first.deps.db.events.append(event(2));
    const third = await first.deps.publisher.publish(event(3));
    // Announced twice, as a retried publish might be.
    await first.deps.redis.publish(channelName(first.config.redis.prefix, CHANNELS.runEvents(ids.runId)), JSON.stringify(third));
    await first.deps.publisher.endRun(ids.runId, 'cancelled', { events: () => [runEndMessage(ids, 'cancelled', 'stopped')] });
    await feed.closed;

    expect(seqs(feed.messages)).toEqual([1, 2, 3, 4]);
    expect(feed.messages.slice(0, 3).map((m) => (m.type === 'stage' ? m.message : ''))).toEqual(['event 1', 'event 2', 'event 3']);
  });

  it('refuses stage events once the run has ended, so nothing follows the end message', async () => {
    const ids = await newRun();
    await first.deps.db.runs.transition(ids.runId, 'cancelled');
    const late = await first.deps.publisher.publishWhileActive(
      stageMessage(ids, { stage: 'embedding', status: 'completed', progress: 1, message: 'too late' }),
    );
    expect(late).toBeNull();
    expect(await first.deps.db.events.listAfter(ids.runId, 0)).toEqual([]);
  });
});
