export { createDatabase, type Database } from './database.js';
export { ensureDatabase, dropDatabase } from './ensure-database.js';
export { migrate, migrationsApplied } from './migrate.js';
export { RepositoriesRepo, type RepositoryRecord } from './repositories.repo.js';
export { RunsRepo, type RunTrigger, type RunningStage } from './runs.repo.js';
export { EventsRepo, appendEvent } from './events.repo.js';
export { isUniqueViolation, type Queryable } from './queryable.js';
export { StageResultsRepo } from './stage-results.repo.js';
export { ConversationsRepo, type ConversationMessage } from './conversations.repo.js';
