export { StageQueues, type StageQueuePolicy, type StageQueuesOptions } from './stage-queues.js';
