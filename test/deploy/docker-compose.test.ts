import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@repolens/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

// Docker images cannot be pulled here, so the compose file is checked as what it is: a description
// that must give the api and every worker the same image, configuration and shared files. That stages
// then move between workers through the queues is shown by test/integration/dedicated-workers.test.ts.

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ServiceSchema = z.object({
  build: z.string().optional(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  volumes: z.array(z.string()).optional(),
  deploy: z.object({ replicas: z.number().int() }).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
});
const ComposeSchema = z.object({ services: z.record(z.string(), ServiceSchema), volumes: z.record(z.string(), z.unknown().nullable()) });

const compose = ComposeSchema.parse(parse(readFileSync(path.join(repositoryRoot, 'docker-compose.yml'), 'utf8'), { merge: true }));
const service = (name: string) => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no ${name} service`);
  return found;
};

describe('docker-compose.yml', () => {
  const api = service('api');
  const worker = service('worker');

  it('runs the api and two workers from one image built from this repository', () => {
    expect(worker.deploy?.replicas).toBe(2);
    expect(api.build).toBe('.');
    expect(worker.build).toBe(api.build);
    expect(worker.image).toBe(api.image);
    expect(api.command?.join(' ')).toContain('apps/api/dist/server.js');
    expect(worker.command?.join(' ')).toContain('apps/worker/dist/main.js');
  });

  it('gives every replica the same database, Redis and data directory on one shared volume', () => {
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'REPOLENS_MODE']) {
      expect(worker.environment?.[key], key).toBe(api.environment?.[key]);
    }
    const dataDir = String(api.environment?.['DATA_DIR']);
    const mount = api.volumes?.find((volume) => volume.endsWith(`:${dataDir}`));
    expect(mount, 'the api mounts a volume at DATA_DIR').toBeDefined();
    expect(worker.volumes).toContain(mount);
    expect(Object.keys(compose.volumes)).toContain(mount?.split(':')[0]);
  });

  it('starts workers after Redis, PostgreSQL and the api (which applies the migrations) are healthy', () => {
    expect(worker.depends_on).toMatchObject({
      redis: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
      api: { condition: 'service_healthy' },
    });
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['redis', 'postgres']));
  });

  it('configures a valid production setup for the api and the workers', () => {
    for (const environment of [api.environment, worker.environment]) {
      const env = Object.fromEntries(Object.entries(environment ?? {}).map(([key, value]) => [key, String(value)]));
      const config = loadConfig({ ...env, TOKEN_ENCRYPTION_KEY: 'a'.repeat(64) }, { rootDir: repositoryRoot });
      expect(config.db.url).toContain('@postgres:5432/');
      expect(config.redis.url).toBe('redis://redis:6379');
    }
  });
});
