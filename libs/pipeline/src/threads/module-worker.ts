import { Worker } from 'node:worker_threads';

/**
 * Running from TypeScript sources (tests, `npm run bench`), a worker needs a TypeScript loader of its
 * own: a `--import` flag in a worker's options registers it too late for the worker's entry module,
 * so this bootstrap registers tsx's hooks first and then imports the entry.
 */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import('tsx/esm/api').then(({ register }) => { register(); return import(workerData.entry); });
`;

/**
 * Starts a worker thread on the module `name` (without extension) beside `callerUrl` (the caller's
 * `import.meta.url`): its compiled `.js` in a build, its `.ts` source through tsx in tests. The entry
 * reads `workerData` as given (plus `entry` under tsx).
 */
export function startModuleWorker(callerUrl: string, name: string, workerData?: Record<string, unknown>): Worker {
  if (callerUrl.endsWith('.ts')) {
    const entry = new URL(`./${name}.ts`, callerUrl).href;
    return new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, workerData: { ...workerData, entry }, execArgv: ['--conditions=source'] });
  }
  return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
}
