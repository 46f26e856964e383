export { buildApp } from './app.js';
export { openAppRuntime, type AppRuntime } from './app-runtime.js';
export type { AppDeps } from './app-deps.js';
