import type { CreateRepositoryResponse, FeedMessage, FileAnalysis, SearchResponse, StageFeedMessage } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFeed } from '../support/feed-client.js';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { analyse, commitFiles, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

/** The small project and a few more modules, so most of a re-analysis is reuse. */
function project(): Record<string, string> {
  const files = smallProject();
  for (const name of ['cache', 'queue', 'clock']) {
    files[`src/${name}.ts`] = `import { formatBytes } from './format.js';\n\n/** The ${name} helper. */\nexport function ${name}Size(bytes: number): string {\n  return formatBytes(bytes);\n}\n`;
  }
  return files;
}

const CHANGED_FORMAT = [
  'export function formatBytes(bytes: number): string {',
  '  return `${(bytes / 1024).toFixed(1)} KB`;',
  '}',
  '',
  '/** A duration in milliseconds as minutes and seconds. */',
  'export function formatElapsedDuration(ms: number): string {',
  '  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;',
  '}',
  '',
].join('\n');

/** The run's whole feed, replayed from its first event (the run has ended). */
async function feedOf(wsUrl: string, runId: string): Promise<FeedMessage[]> {
  const feed = await recordFeed(wsUrl, runId);
  await feed.closed;
  return feed.messages;
}

function completed(messages: readonly FeedMessage[], stage: StageFeedMessage['stage']): StageFeedMessage | undefined {
  return messages.find((message): message is StageFeedMessage => message.type === 'stage' && message.stage === stage && message.status === 'completed');
}

describe('re-analysing a repository after a push', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig());
  });
  afterAll(async () => {
    await stack.close();
  });

  it('parses and cuts only the changed file, reuses the rest, says so, and finds what changed', async () => {
    const files = project();
    const codeFiles = Object.keys(files).filter((file) => file.endsWith('.ts'));
    const fixture = createFixtureRepository(files);
    const first = await analyse(stack.baseUrl, fixture.url);
    expect(first.run.status).toBe('completed');
    const firstFeed = await feedOf(stack.wsUrl, first.run.id);
    expect(completed(firstFeed, 'code_analysis')?.details).toMatchObject({ filesParsed: codeFiles.length, filesReused: 0 });

    const head = commitFiles(fixture.dir, { 'src/format.ts': CHANGED_FORMAT }, 'Add formatElapsedDuration');
    const again = await postJson<CreateRepositoryResponse>(`${stack.baseUrl}/api/repositories/${first.repositoryId}/reanalyze`, {});
    expect(again.status).toBe(202);
    expect(await runEnded(stack.baseUrl, again.body.runId)).toMatchObject({ status: 'completed', commitSha: head });

    // The feed says what was reused: one file parsed, the others' analyses and passages taken over.
    const feed = await feedOf(stack.wsUrl, again.body.runId);
    const code = completed(feed, 'code_analysis');
    expect(code?.details).toMatchObject({ filesParsed: 1, filesReused: codeFiles.length - 1 });
    expect(code?.message).toContain(`Parsed 1 file, reused ${codeFiles.length - 1} unchanged`);
    const embedding = completed(feed, 'embedding');
    expect(embedding?.details?.['filesChunksReused']).toBe(codeFiles.length - 1);
    expect(embedding?.message).toMatch(/passages of \d+ files reused unchanged/);
    expect(feed.some((message) => message.type === 'stage' && message.stage === 'code_analysis' && message.details?.['filesReused'] === codeFiles.length - 1)).toBe(true);

    // The changed file has its new symbols; every other file the very analysis of the first run.
    const before = await stack.deps.db.results.load(first.run.id, 'code_analysis');
    const after = await stack.deps.db.results.load(again.body.runId, 'code_analysis');
    const byPath = (analysis: typeof after): Map<string, FileAnalysis> => new Map((analysis?.files ?? []).map((file) => [file.path, file]));
    expect(byPath(after).get('src/format.ts')?.symbols.map((symbol) => symbol.name)).toEqual(['formatBytes', 'formatElapsedDuration']);
    for (const file of codeFiles.filter((path) => path !== 'src/format.ts')) expect(byPath(after).get(file)).toEqual(byPath(before).get(file));
    expect(after?.importGraph.edges).toEqual(before?.importGraph.edges);

    const search = await getJson<SearchResponse>(
      `${stack.baseUrl}/api/repositories/${first.repositoryId}/search?q=${encodeURIComponent('formatElapsedDuration')}&k=3`,
    );
    expect(search.status).toBe(200);
    expect(search.body.results[0]).toMatchObject({ path: 'src/format.ts', symbol: 'formatElapsedDuration' });
  });
});
