export { startWorkers, pipelineSettings } from './worker-runtime.js';
export type { WorkerPool } from './runtime/worker-pool.js';
