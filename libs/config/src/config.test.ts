import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { defaultWorkerName } from './worker-identity.js';

const rootDir = '/srv/repolens';

describe('loadConfig', () => {
  it('gives local defaults: local repositories allowed, SPEC stage policies', () => {
    const config = loadConfig({}, { rootDir });
    expect(config.mode).toBe('local');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(config.pipeline.allowLocalRepositories).toBe(true);
    expect(config.pipeline.dataDir).toBe('/srv/repolens/.repolens-data');
    expect(config.queues.stages['code_analysis']).toMatchObject({ timeoutMs: 600_000, retries: 3, attempts: 4, concurrency: 5 });
    expect(config.queues.stages['embedding']).toMatchObject({ timeoutMs: 300_000, retries: 2, concurrency: 3 });
  });

  it('turns local repositories off in production unless explicitly allowed', () => {
    expect(loadConfig({ REPOLENS_MODE: 'production' }, { rootDir }).pipeline.allowLocalRepositories).toBe(false);
    const allowed = loadConfig({ REPOLENS_MODE: 'production', ALLOW_LOCAL_REPOSITORIES: 'true' }, { rootDir });
    expect(allowed.pipeline.allowLocalRepositories).toBe(true);
  });

  it('applies per-stage overrides', () => {
    const config = loadConfig({ STAGE_EMBEDDING_TIMEOUT_MS: '1000', STAGE_EMBEDDING_RETRIES: '0' }, { rootDir });
    expect(config.queues.stages['embedding']).toMatchObject({ timeoutMs: 1000, retries: 0, attempts: 1 });
  });

  it('indexes documentation besides the README unless INDEX_DOCS turns it off', () => {
    expect(loadConfig({}, { rootDir }).pipeline.indexDocumentation).toBe(true);
    expect(loadConfig({ INDEX_DOCS: 'false' }, { rootDir }).pipeline.indexDocumentation).toBe(false);
  });

  it('names every bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', STAGE_METADATA_CONCURRENCY: '0' }, { rootDir });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('REDIS_URL');
      expect(message).toContain('STAGE_METADATA_CONCURRENCY');
    }
  });

  it('has no language model unless an endpoint and a model are both set', () => {
    expect(loadConfig({}, { rootDir }).llm).toBeNull();
    const config = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5-coder' }, { rootDir });
    expect(config.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: null, model: 'qwen2.5-coder', timeoutMs: 60_000, maxRetries: 2 });
    expect(() => loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' }, { rootDir })).toThrow(/LLM_MODEL/);
    expect(() => loadConfig({ LLM_BASE_URL: 'ftp://models', LLM_MODEL: 'm' }, { rootDir })).toThrow(/LLM_BASE_URL/);
  });

  it('takes webhook secrets per host, falling back to the shared one, and none by default', () => {
    expect(loadConfig({}, { rootDir }).resync).toMatchObject({ githubSecret: null, gitlabToken: null });
    const shared = loadConfig({ WEBHOOK_SECRET: 'shared-secret', GITLAB_WEBHOOK_TOKEN: 'gitlab-token' }, { rootDir });
    expect(shared.resync).toMatchObject({ githubSecret: 'shared-secret', gitlabToken: 'gitlab-token' });
    expect(() => loadConfig({ GITHUB_WEBHOOK_SECRET: 'short' }, { rootDir })).toThrow(/GITHUB_WEBHOOK_SECRET/);
  });

  it('keeps three finished runs per repository and cached vectors for 30 days by default, with no other limit', () => {
    expect(loadConfig({}, { rootDir }).retention).toEqual({
      runsPerRepository: 3,
      maxAgeDays: null,
      intervalSeconds: 3600,
      embeddingCache: { maxAgeDays: 30, maxRows: null },
    });
    const strict = loadConfig(
      { RETENTION_RUNS_PER_REPOSITORY: '1', RETENTION_DAYS: '14', EMBEDDING_CACHE_MAX_AGE_DAYS: '7', EMBEDDING_CACHE_MAX_ROWS: '500000' },
      { rootDir },
    );
    expect(strict.retention).toMatchObject({ runsPerRepository: 1, maxAgeDays: 14, embeddingCache: { maxAgeDays: 7, maxRows: 500_000 } });
  });

  it('refuses retention settings that are not whole numbers in range, naming them', () => {
    expect(() => loadConfig({ RETENTION_RUNS_PER_REPOSITORY: '0' }, { rootDir })).toThrow(/RETENTION_RUNS_PER_REPOSITORY/);
    expect(() => loadConfig({ RETENTION_DAYS: '0' }, { rootDir })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ EMBEDDING_CACHE_MAX_AGE_DAYS: 'a month' }, { rootDir })).toThrow(/EMBEDDING_CACHE_MAX_AGE_DAYS/);
    expect(() => loadConfig({ RETENTION_GC_INTERVAL_SECONDS: '1' }, { rootDir })).toThrow(/RETENTION_GC_INTERVAL_SECONDS/);
  });

  it('names the worker after its host and process unless WORKER_NAME is set', () => {
    expect(loadConfig({}, { rootDir }).worker.name).toBe(defaultWorkerName());
    expect(defaultWorkerName('ip-10-0-0-7.internal', 41)).toBe('ip-10-0-0-7.internal:41');
    // A hostname with characters a name may not carry still gives a valid one.
    expect(defaultWorkerName('build host (1)', 7)).toBe('build-host--1-:7');
    expect(defaultWorkerName('h'.repeat(200), 12345)).toHaveLength(100);
    expect(loadConfig({ WORKER_NAME: 'worker-a.eu:1' }, { rootDir }).worker.name).toBe('worker-a.eu:1');
  });

  it('refuses a WORKER_NAME with a space, another character or over 100 long, naming it', () => {
    expect(() => loadConfig({ WORKER_NAME: 'worker a' }, { rootDir })).toThrow(/WORKER_NAME/);
    expect(() => loadConfig({ WORKER_NAME: 'w'.repeat(101) }, { rootDir })).toThrow(/WORKER_NAME/);
    expect(() => loadConfig({ WORKER_NAME: 'wörker' }, { rootDir })).toThrow(ConfigError);
  });

  it('consumes every stage by default, or only the WORKER_STAGES listed, in pipeline order', () => {
    expect(loadConfig({}, { rootDir }).worker.stages).toEqual(['initialization', 'metadata', 'structure', 'code_analysis', 'embedding']);
    const dedicated = loadConfig({ WORKER_STAGES: ' embedding, code_analysis,embedding ' }, { rootDir });
    expect(dedicated.worker.stages).toEqual(['code_analysis', 'embedding']);
  });

  it('refuses unknown or missing stage names in WORKER_STAGES with the list of stages', () => {
    const attempt = () => loadConfig({ WORKER_STAGES: 'metadata,embeddings,clone' }, { rootDir });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/WORKER_STAGES: unknown stage "embeddings", "clone"; the stages are initialization, metadata, structure, code_analysis, embedding/);
    expect(() => loadConfig({ WORKER_STAGES: ' , ' }, { rootDir })).toThrow(/WORKER_STAGES: name at least one of/);
  });
});
