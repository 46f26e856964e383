export * from './stages.js';
export * from './errors.js';
export * from './events.js';
export * from './queues.js';
export * from './results.js';
export * from './search.js';
export * from './http.js';
export * from './chat.js';
