import path from 'node:path';
import { fileURLToPath } from 'node:url';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from '@repolens/config';
import { createLogger, loggerOptions } from '@repolens/logger';
import { buildApp } from './app.js';
import { openAppRuntime } from './app-runtime.js';
import { describeStartupFailure } from './startup-failure.js';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Boots the API, then prints the URL to open. Workers run in their own processes (apps/worker). */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { rootDir });
  const log = createLogger('api', config.logLevel);
  const runtime = await openAppRuntime(config, log);
  const app = await buildApp(runtime.deps, { logger: { ...loggerOptions('api', config.logLevel) } });

  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err !== undefined) log.error({ err }, 'shutting down after an error');
    // Reverse order of construction: stop taking requests, then close connections.
    await app.close();
    await runtime.close();
  });

  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.http.port;
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? 'localhost' : config.http.host;
  process.stdout.write(`\nRepoLens is running: open http://${host}:${port}/ (API docs at /api/docs)\n\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : describeStartupFailure(error);
  process.stderr.write(`RepoLens failed to start: ${message}\n`);
  process.exit(1);
});
