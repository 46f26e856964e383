import { ReadinessSchema } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('worker probes', () => {
  let stack: TestStack;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
    const pool = await stack.startWorkers();
    const server = await pool.serveMetrics({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers liveness and readiness like the API, beside its metrics', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(ReadinessSchema.parse(await ready.json())).toEqual({ status: 'ready', checks: { postgres: true, redis: true, migrations: true } });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('repolens_');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
