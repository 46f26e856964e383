import { RESYNC_OUTCOMES, type ErrorBody, type ResyncResult, type ScheduleList, type ScheduleView } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, smallProject } from '../support/fixture-repository.js';
import { getJson, postJson } from '../support/http.js';
import { analyse, commitFiles, eventually, latestRun, runEnded } from '../support/resync.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

const EVERY_SECOND = '* * * * * *';

async function send<TBody>(method: 'PUT' | 'DELETE', url: string, body?: unknown): Promise<{ status: number; body: TBody | null }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as TBody) };
}

describe('cron re-sync schedules', () => {
  let stack: TestStack;
  const scheduled: string[] = [];

  beforeAll(async () => {
    // Seconds-precision schedules are allowed here so a schedule fires within the test.
    stack = await startTestStack(testConfig({ SCHEDULE_MIN_INTERVAL_SECONDS: '1' }));
  });
  afterAll(async () => {
    // Schedules live in the test run's shared database: leave none behind for other stacks to revive.
    for (const repositoryId of scheduled) await stack.deps.db.schedules.remove(repositoryId);
    await stack.close();
  });

  it('creates, lists, pauses, resumes and removes a schedule', async () => {
    const fixture = createFixtureRepository(smallProject());
    const { repositoryId } = await analyse(stack.baseUrl, fixture.url);
    scheduled.push(repositoryId);
    const url = `${stack.baseUrl}/api/repositories/${repositoryId}/schedules`;

    const invalid = await send<ErrorBody>('PUT', url, { cron: 'every night' });
    expect(invalid.status).toBe(400);
    expect(invalid.body?.error.code).toBe('INVALID_SCHEDULE');
    const badZone = await send<ErrorBody>('PUT', url, { cron: '0 3 * * *', timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body?.error.message).toContain('Mars/Olympus');

    const created = await send<ScheduleView>('PUT', url, { cron: '0 3 * * *', timezone: 'Europe/Paris' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ repositoryId, cron: '0 3 * * *', timezone: 'Europe/Paris', paused: false, repositoryUrl: fixture.url });
    // 03:00 in Paris is 01:00 or 02:00 UTC, depending on daylight saving time.
    expect(new Date(created.body?.nextRunAt ?? '').getUTCHours()).toBeOneOf([1, 2]);

    const all = await getJson<ScheduleList>(`${stack.baseUrl}/api/schedules`);
    expect(all.body.schedules.find((schedule) => schedule.repositoryId === repositoryId)).toMatchObject({ cron: '0 3 * * *', paused: false });

    const paused = await postJson<ScheduleView>(`${url}/pause`, {});
    expect(paused.body).toMatchObject({ paused: true, nextRunAt: null, cron: '0 3 * * *' });
    expect(await stack.deps.resync.nextRun(repositoryId)).toBeNull();
    expect((await getJson<ScheduleList>(url)).body.schedules).toEqual([expect.objectContaining({ paused: true })]);

    const resumed = await postJson<ScheduleView>(`${url}/resume`, {});
    expect(resumed.body).toMatchObject({ paused: false, cron: '0 3 * * *' });
    expect(resumed.body.nextRunAt).not.toBeNull();

    const replaced = await send<ScheduleView>('PUT', url, { cron: '30 4 * * 1' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ cron: '30 4 * * 1', timezone: null });

    expect((await send('DELETE', url)).status).toBe(204);
    expect((await getJson<ScheduleList>(url)).body.schedules).toEqual([]);
    expect(await stack.deps.resync.nextRun(repositoryId)).toBeNull();
    expect((await send<ErrorBody>('DELETE', url)).status).toBe(404);
    expect((await postJson<ErrorBody>(`${url}/pause`, {})).status).toBe(404);
  });

  it('documents re-analysis, schedules and webhooks in the OpenAPI description', async () => {
    const { body } = await getJson<{ paths: Record<string, Record<string, unknown>> }>(`${stack.baseUrl}/api/docs/json`);
    expect(Object.keys(body.paths['/api/repositories/{id}/schedules'] ?? {}).sort()).toEqual(['delete', 'get', 'post', 'put']);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/schedules',
        '/api/repositories/{id}/schedules/pause',
        '/api/repositories/{id}/schedules/resume',
        '/api/repositories/{id}/reanalyze',
        '/api/webhooks/github',
        '/api/webhooks/gitlab',
      ]),
    );
  });

  it('re-analyses when the schedule fires and the branch has moved, and only then', async () => {
    const fixture = createFixtureRepository(smallProject());
    const { repositoryId, run: first } = await analyse(stack.baseUrl, fixture.url);
    scheduled.push(repositoryId);
    const url = `${stack.baseUrl}/api/repositories/${repositoryId}/schedules`;
    expect((await send('PUT', url, { cron: EVERY_SECOND })).status).toBe(201);

    // Ticks while the branch is where the latest analysis left it start nothing.
    const queue = stack.deps.resync.queue;
    await eventually(async () => {
      const done = await queue.getCompleted();
      return done.find((job) => (job.returnvalue as ResyncResult | undefined)?.outcome === RESYNC_OUTCOMES.unchanged) ?? null;
    }, 'a tick that finds nothing new');
    expect((await latestRun(stack.baseUrl, repositoryId))?.id).toBe(first.id);

    const head = commitFiles(fixture.dir, { 'src/backoff.ts': 'export const FACTOR = 2;\n' });
    const run = await eventually(async () => {
      const latest = await latestRun(stack.baseUrl, repositoryId);
      return latest !== null && latest.id !== first.id ? latest : null;
    }, 'the schedule to start a run');
    await postJson(`${url}/pause`, {});
    expect(await runEnded(stack.baseUrl, run.id)).toMatchObject({ status: 'completed', trigger: 'schedule', commitSha: head });
  });
});
