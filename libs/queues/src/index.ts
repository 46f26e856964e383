export { StageQueues, type QueueDepth, type StageQueuePolicy, type StageQueuesOptions } from './stage-queues.js';
export { ResyncQueue, type ResyncQueueOptions, type ScheduleSpec } from './resync-queue.js';
export { MaintenanceQueue, type MaintenanceQueueOptions } from './maintenance-queue.js';
export { launchRun, type LaunchOutcome, type LaunchRunInput, type RunLauncherDeps } from './run-launcher.js';
export { checkCronSchedule, type CronCheck } from './cron-schedule.js';
