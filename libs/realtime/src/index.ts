export { createRedis, channelName } from './redis-connection.js';
export { EventPublisher } from './event-publisher.js';
export { RunEventHub } from './run-event-hub.js';
export { openRunFeed, type RunFeed, type RunFeedOptions } from './run-feed.js';
export { requestCancel, onCancelRequest } from './cancel-signal.js';
export { RunCredentials } from './run-credentials.js';
export { ProgressThrottle } from './progress-throttle.js';
export { stageMessage, readyMessage, runEndMessage, runResumedMessage, type RunIds, type StageEventInput } from './feed-messages.js';
export { TokenCipher, loadTokenKey } from './token-cipher.js';
