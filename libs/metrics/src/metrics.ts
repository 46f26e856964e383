import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics of SPEC §5, with their names and labels defined once for api and worker. */
export interface Metrics {
  readonly registry: Registry;
  readonly runDuration: Histogram<'status'>;
  readonly stageDuration: Histogram<'stage' | 'status'>;
  readonly runsFinished: Counter<'status' | 'error_code'>;
  readonly activeRuns: Gauge;
  readonly queueDepth: Gauge<'queue' | 'state'>;
  readonly activeWorkers: Gauge<'queue'>;
  readonly retryAttempts: Counter<'stage' | 'error_code'>;
  readonly runRetries: Counter<'stage'>;
  readonly deadLetterSize: Gauge;
  readonly websocketConnections: Gauge<'kind'>;
  readonly chatLatency: Histogram<'mode'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'repolens_process_' });
  const registers = [registry];
  return {
    registry,
    runDuration: new Histogram({
      name: 'repolens_run_duration_seconds',
      help: 'Processing time of a run, from its first stage starting to its end',
      labelNames: ['status'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    stageDuration: new Histogram({
      name: 'repolens_stage_duration_seconds',
      help: 'Duration of one stage attempt',
      labelNames: ['stage', 'status'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    runsFinished: new Counter({
      name: 'repolens_runs_finished_total',
      help: 'Runs that ended, by status and error code',
      labelNames: ['status', 'error_code'],
      registers,
    }),
    activeRuns: new Gauge({ name: 'repolens_active_runs', help: 'Runs queued or running', registers }),
    queueDepth: new Gauge({
      name: 'repolens_queue_depth',
      help: 'Jobs per stage queue and state',
      labelNames: ['queue', 'state'],
      registers,
    }),
    activeWorkers: new Gauge({
      name: 'repolens_active_workers',
      help: 'Worker processes consuming each queue',
      labelNames: ['queue'],
      registers,
    }),
    retryAttempts: new Counter({
      name: 'repolens_retry_attempts_total',
      help: 'Stage attempts that failed and were retried',
      labelNames: ['stage', 'error_code'],
      registers,
    }),
    runRetries: new Counter({
      name: 'repolens_run_retries_total',
      help: 'Failed or timed-out runs retried through the API, by the stage they resumed from',
      labelNames: ['stage'],
      registers,
    }),
    deadLetterSize: new Gauge({ name: 'repolens_dead_letter_runs', help: 'Failed or timed-out runs kept for inspection', registers }),
    websocketConnections: new Gauge({
      name: 'repolens_websocket_connections',
      help: 'Open WebSocket connections',
      labelNames: ['kind'],
      registers,
    }),
    chatLatency: new Histogram({
      name: 'repolens_chat_latency_seconds',
      help: 'Time to answer a chat question',
      labelNames: ['mode'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'repolens_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status_code'],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
  };
}
