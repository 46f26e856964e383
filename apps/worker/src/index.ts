export { startWorkers, pipelineSettings } from './worker-runtime.js';
export type { WorkerPool } from './runtime/worker-pool.js';
export type { MetricsAddress, MetricsServer } from './runtime/metrics-server.js';
export { createGarbageCollector, type GarbageCollector, type GarbageCollectorDeps, type CollectionScope } from './maintenance/garbage-collector.js';
