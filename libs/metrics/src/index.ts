export { createMetrics, type Metrics } from './metrics.js';
export { refreshOperationalGauges, type OperationalSources, type QueueStateCounts } from './operational-gauges.js';
