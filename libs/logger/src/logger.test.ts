import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { currentLogger, loggerOptions, withRunLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: pino(loggerOptions('test', 'info'), stream) };
}

describe('logger', () => {
  it('binds run id, repository id and stage to every line inside a run', async () => {
    const { lines, log } = capture();
    await withRunLogger(log, { runId: 'run-1', repositoryId: 'repo-1', stage: 'metadata' }, async () => {
      await Promise.resolve();
      currentLogger(log).info('deep inside');
    });
    log.info('outside');
    expect(lines[0]).toMatchObject({ runId: 'run-1', repositoryId: 'repo-1', stage: 'metadata', msg: 'deep inside' });
    expect(lines[1]).not.toHaveProperty('runId');
  });

  it('never writes access tokens', () => {
    const { lines, log } = capture();
    log.info({ accessToken: 'ghp_secret', request: { accessToken: 'ghp_secret2' } }, 'submitted');
    expect(JSON.stringify(lines)).not.toContain('ghp_secret');
  });

  it('never writes a language model API key, even when the whole config is logged', () => {
    const { lines, log } = capture();
    log.info({ config: { llm: { baseUrl: 'https://api.example.com/v1', apiKey: 'sk-live-secret' } }, apiKey: 'sk-live-secret2' }, 'starting');
    expect(JSON.stringify(lines)).not.toContain('sk-live-secret');
    expect(JSON.stringify(lines)).toContain('https://api.example.com/v1');
  });
});
