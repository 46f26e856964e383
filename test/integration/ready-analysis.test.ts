import type { ChatResponse, CreateRepositoryResponse, FileTreeResponse, RepositoryDetail } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { analyse, commitFiles, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('a repository stays explorable while it is analysed again', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  // Runs first, while no worker is running: the submitted analysis stays queued.
  it('has no ready analysis before the first one completes', async () => {
    const submitted = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories`, { url: createFixtureRepository(smallProject()).url });
    const detail = (await getJson<RepositoryDetail>(`${stack.baseUrl}/api/repositories/${submitted.body.repositoryId}`)).body;
    expect(detail.readyAnalysis).toBeNull();
  });

  it('reports the previous completed analysis, which the explorer and chat keep answering from, until the new one completes', async () => {
    const fixture = createFixtureRepository(smallProject());
    const workers = await stack.startWorkers();
    const first = await analyse(stack.baseUrl, fixture.url);
    const detailUrl = `${stack.baseUrl}/api/repositories/${first.repositoryId}`;
    const ready = (await getJson<RepositoryDetail>(detailUrl)).body;
    expect(ready.status).toBe('ready');
    expect(ready.readyAnalysis).toMatchObject({ runId: first.run.id, commitSha: fixture.head, summary: { metadata: { license: { spdxId: 'MIT' } } } });
    expect(ready.readyAnalysis?.summary).toEqual(ready.analysis);

    // No worker takes the re-analysis, so it stays queued for as long as the checks below take.
    await workers.close();
    const head = commitFiles(fixture.dir, { 'src/jitter.ts': 'export function jitter(ms: number): number {\n  return ms * Math.random();\n}\n' });
    const again = await postJson<CreateRepositoryResponse>(`${detailUrl}/reanalyze`, {});
    expect(again.status).toBe(202);

    const during = (await getJson<RepositoryDetail>(detailUrl)).body;
    expect(during.status).toBe('queued');
    expect(during.latestRun?.id).toBe(again.body.runId);
    expect(during.analysis.metadata).toBeNull();
    expect(during.readyAnalysis).toMatchObject({ runId: first.run.id, commitSha: fixture.head, finishedAt: first.run.finishedAt });
    expect(during.readyAnalysis?.summary.metadata?.license?.spdxId).toBe('MIT');
    const tree = await getJson<FileTreeResponse>(`${detailUrl}/files`);
    expect(tree.body).toMatchObject({ runId: first.run.id, commitSha: fixture.head });
    const answer = await postJson<ChatResponse>(`${detailUrl}/chat`, { question: 'Where is computeRetryDelay defined?' });
    expect(answer.status).toBe(200);

    await stack.startWorkers();
    expect(await runEnded(stack.baseUrl, again.body.runId)).toMatchObject({ status: 'completed', commitSha: head });
    const after = (await getJson<RepositoryDetail>(detailUrl)).body;
    expect(after.readyAnalysis).toMatchObject({ runId: again.body.runId, commitSha: head });
  });
});
