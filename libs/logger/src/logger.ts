import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Fields every line of a run carries (SPEC §5). */
export interface RunLogContext {
  readonly runId: string;
  readonly repositoryId: string;
  readonly stage?: string;
  readonly jobId?: string;
  readonly attempt?: number;
}

const SECRET_PATHS = [
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'apiKey',
  '*.apiKey',
  '*.*.apiKey',
];

export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    name: service,
    level,
    base: { service },
    redact: { paths: SECRET_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

export function createLogger(service: string, level: string): Logger {
  return pino(loggerOptions(service, level));
}

const runContext = new AsyncLocalStorage<Logger>();

/** Runs `fn` with a child logger bound to the run, so code deeper down logs with the run's ids. */
export function withRunLogger<TResult>(log: Logger, context: RunLogContext, fn: (log: Logger) => TResult): TResult {
  const child = log.child(context);
  return runContext.run(child, () => fn(child));
}

/** The logger bound to the current run, or `fallback` outside a run. */
export function currentLogger(fallback: Logger): Logger {
  return runContext.getStore() ?? fallback;
}
