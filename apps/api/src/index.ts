export { buildApp } from './app.js';
export { openAppRuntime, type AppRuntime } from './app-runtime.js';
export type { AppDeps } from './app-deps.js';
export { rebuildIndexForModel, type ModelMismatch, type RebuildOutcome } from './services/rebuild-index.js';
