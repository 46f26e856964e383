import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@repolens/logger';
import type { Metrics } from '@repolens/metrics';
import type { Health, Readiness } from '@repolens/contracts';

export interface MetricsAddress {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
}

export interface MetricsServer {
  /** The port it listens on. */
  readonly port: number;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: Health | Readiness): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The worker's probes (`GET /health` liveness, `GET /ready` readiness, as the API's) and its Prometheus endpoint, `GET /metrics`: this process's own metrics (stage durations, retries,
 * runs ended) plus the deployment-wide gauges, refreshed just before each scrape.
 */
export async function serveMetrics(input: {
  metrics: Metrics;
  refresh: () => Promise<void>;
  /** Whether Redis and Postgres answer and migrations are applied, for `GET /ready`. */
  readiness: () => Promise<Readiness>;
  log: Logger;
  address: MetricsAddress;
}): Promise<MetricsServer> {
  const { metrics, refresh, log } = input;
  const server = createServer((request, response) => {
    const route = request.method === 'GET' ? request.url?.split('?')[0] : undefined;
    if (route === '/health') {
      sendJson(response, 200, { status: 'ok' } satisfies Health);
      return;
    }
    if (route === '/ready') {
      input.readiness().then(
        (readiness) => sendJson(response, readiness.status === 'ready' ? 200 : 503, readiness),
        () => sendJson(response, 503, { status: 'not_ready', checks: { postgres: false, redis: false, migrations: false } } satisfies Readiness),
      );
      return;
    }
    if (route !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    refresh()
      .then(() => metrics.registry.metrics())
      .then(
        (body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        (err: unknown) => {
          log.error({ err }, 'could not collect metrics');
          response.writeHead(500).end();
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(input.address.port, input.address.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
