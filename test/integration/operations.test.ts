import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson } from '../support/http.js';
import { testConfig } from '../support/test-config.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

describe('operations endpoints', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(testConfig(), { workers: false });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('reports liveness and readiness with what it checked', async () => {
    expect(await getJson(`${stack.baseUrl}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await getJson(`${stack.baseUrl}/ready`)).toEqual({
      status: 200,
      body: { status: 'ready', checks: { postgres: true, redis: true, migrations: true } },
    });
  });

  it('exposes Prometheus metrics with queue depths per stage queue', async () => {
    const response = await fetch(`${stack.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/repolens_queue_depth\{[^}]*queue="pipeline-code-analysis"[^}]*state="waiting"[^}]*\} 0/);
    expect(text).toContain('repolens_active_runs');
    expect(text).toContain('repolens_http_request_duration_seconds_bucket');
  });

  it('documents the API as OpenAPI', async () => {
    const { status, body } = await getJson<{ openapi: string; paths: Record<string, unknown> }>(`${stack.baseUrl}/api/docs/json`);
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/repositories',
        '/api/repositories/{id}',
        '/api/runs',
        '/api/runs/{runId}/cancel',
        '/api/runs/{runId}/retry',
        '/api/dashboard',
        '/api/repositories/{id}/search',
        '/api/repositories/{id}/chat',
      ]),
    );
  });

  it('serves the web page at the root', async () => {
    const response = await fetch(`${stack.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('RepoLens');
  });
});
