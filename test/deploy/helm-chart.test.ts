import { STAGE_NAMES, STAGE_QUEUES } from '@repolens/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHelm, HelmRunner, type Manifest } from './helm-runner.js';
import { configMapValues, kinds, mainContainer, maybe, one, podSpec, secretValues, workloads } from './manifests.js';

const helm = findHelm();
if ('missing' in helm) process.stderr.write(`helm chart tests skipped: ${helm.missing}\n`);

/** Every optional feature on: the Ingress, KEDA, a language-model key (the databases are bundled by default). */
const ALL_FEATURES = {
  ingress: { enabled: true, hosts: ['repolens.example.org'], tls: [{ secretName: 'repolens-tls', hosts: ['repolens.example.org'] }] },
  worker: { keda: { enabled: true } },
  secrets: {
    llmApiKey: 'sk-test-not-a-real-key',
    webhookSecret: 'shared-webhook-secret',
    githubWebhookSecret: 'webhook-secret-value',
    gitlabWebhookToken: 'gitlab-webhook-token',
    extra: { SOME_OTHER_SECRET: 'other-secret-value' },
  },
  config: { LLM_BASE_URL: 'https://llm.example.org/v1', LLM_MODEL: 'some-model', MAX_REPOSITORY_BYTES: 4 * 1024 ** 3 },
};
const EXTERNAL_DATABASES = {
  postgresql: { enabled: false },
  redis: { enabled: false },
  externalDatabase: { url: 'postgres://repolens:db-password@db.example.org:5432/repolens' },
  externalRedis: { url: 'rediss://:redis-password@cache.example.org:6380' },
};

describe.skipIf('missing' in helm)(`helm chart (${'version' in helm ? helm.version : 'no helm'})`, () => {
  let runner: HelmRunner;
  let defaults: Manifest[];
  let full: Manifest[];

  beforeAll(async () => {
    if (!('bin' in helm)) return;
    runner = new HelmRunner(helm.bin);
    [defaults, full] = await Promise.all([runner.render(), runner.render(ALL_FEATURES)]);
  });
  afterAll(() => runner?.close());

  it('passes helm lint --strict with the default values and with every option on', async () => {
    expect(await runner.lint()).toContain('0 chart(s) failed');
    expect(await runner.lint(ALL_FEATURES)).toContain('0 chart(s) failed');
    expect(await runner.lint(EXTERNAL_DATABASES)).toContain('0 chart(s) failed');
  });

  it('renders the api, worker and web Deployments with their Services, bundled databases, and no optional extras', () => {
    for (const component of ['api', 'worker', 'web']) {
      expect(one(defaults, 'Deployment', component).metadata.name).toBe(`rl-repolens-${component}`);
      expect(one(defaults, 'PodDisruptionBudget', component).spec?.['maxUnavailable']).toBe(1);
    }
    for (const component of ['api', 'web', 'postgresql', 'redis']) one(defaults, 'Service', component);
    expect(one(defaults, 'StatefulSet', 'postgresql')).toBeDefined();
    expect(one(defaults, 'StatefulSet', 'redis')).toBeDefined();
    expect(kinds(defaults)).not.toContain('Ingress');
    expect(kinds(defaults)).not.toContain('ScaledObject');
  });

  it('probes the api, the web page and the worker on /health (liveness) and /ready (readiness)', () => {
    for (const component of ['api', 'web']) {
      const container = mainContainer(one(defaults, 'Deployment', component));
      expect(container.livenessProbe?.httpGet?.path, component).toBe('/health');
      expect(container.readinessProbe?.httpGet?.path, component).toBe('/ready');
    }
    const worker = mainContainer(one(defaults, 'Deployment', 'worker'));
    const workerPort = worker.ports?.find((port) => port.name === 'metrics');
    expect(workerPort?.containerPort).toBe(9464);
    expect(worker.livenessProbe?.httpGet).toMatchObject({ path: '/health', port: 'metrics' });
    expect(worker.readinessProbe?.httpGet).toMatchObject({ path: '/ready', port: 'metrics' });
    for (const component of ['postgresql', 'redis']) {
      const container = mainContainer(one(defaults, 'StatefulSet', component));
      expect(container.livenessProbe?.exec?.command, component).toBeDefined();
      expect(container.readinessProbe?.exec?.command, component).toBeDefined();
    }
  });

  it('gives every container resource requests and a memory limit, and runs it as non-root on a read-only root', () => {
    for (const workload of workloads(defaults)) {
      const pod = podSpec(workload);
      expect(pod.securityContext?.runAsNonRoot, workload.metadata.name).toBe(true);
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        const where = `${workload.metadata.name}/${container.name}`;
        expect(container.resources?.requests?.['cpu'], where).toBeDefined();
        expect(container.resources?.requests?.['memory'], where).toBeDefined();
        expect(container.resources?.limits?.['memory'], where).toBeDefined();
        expect(container.securityContext?.allowPrivilegeEscalation, where).toBe(false);
        expect(container.securityContext?.readOnlyRootFilesystem, where).toBe(true);
        expect(container.securityContext?.capabilities?.drop, where).toContain('ALL');
      }
    }
  });

  it('mounts one shared ReadWriteMany claim at DATA_DIR in the api and the worker', () => {
    const claim = one(defaults, 'PersistentVolumeClaim');
    expect(claim.spec?.['accessModes']).toEqual(['ReadWriteMany']);
    const dataDir = one(defaults, 'ConfigMap', 'config').data?.['DATA_DIR'];
    expect(dataDir).toBe('/data');
    for (const component of ['api', 'worker']) {
      const deployment = one(defaults, 'Deployment', component);
      const volume = podSpec(deployment).volumes?.find((candidate) => candidate.persistentVolumeClaim?.claimName === claim.metadata.name);
      expect(volume, `${component} mounts ${claim.metadata.name}`).toBeDefined();
      const mount = mainContainer(deployment).volumeMounts?.find((candidate) => candidate.name === volume?.name);
      expect(mount?.mountPath, component).toBe(dataDir);
    }
  });

  it('reads configuration from the ConfigMap and secrets from the Secret, and keeps secrets out of every ConfigMap', () => {
    const secret = one(full, 'Secret');
    const secrets = secretValues(secret);
    for (const component of ['api', 'worker']) {
      const envFrom = mainContainer(one(full, 'Deployment', component)).envFrom ?? [];
      expect(envFrom.map((source) => source.configMapRef?.name ?? source.secretRef?.name)).toEqual(['rl-repolens-config', secret.metadata.name]);
    }
    expect(secrets['LLM_API_KEY']).toBe(ALL_FEATURES.secrets.llmApiKey);
    expect(secrets['GITHUB_WEBHOOK_SECRET']).toBe('webhook-secret-value');
    expect(secrets['WEBHOOK_SECRET']).toBe('shared-webhook-secret');
    expect(secrets['GITLAB_WEBHOOK_TOKEN']).toBe('gitlab-webhook-token');
    expect(secrets['SOME_OTHER_SECRET']).toBe('other-secret-value');
    expect(Buffer.from(secrets['TOKEN_ENCRYPTION_KEY'] ?? '', 'base64')).toHaveLength(32);

    const config = one(full, 'ConfigMap', 'config').data ?? {};
    expect(config['LLM_BASE_URL']).toBe('https://llm.example.org/v1');
    // Helm reads numbers as floats; the variable must still be an integer the config schema accepts.
    expect(config['MAX_REPOSITORY_BYTES']).toBe('4294967296');
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'TOKEN_ENCRYPTION_KEY', 'LLM_API_KEY', 'WEBHOOK_SECRET', 'GITHUB_WEBHOOK_SECRET', 'GITLAB_WEBHOOK_TOKEN']) {
      expect(config).not.toHaveProperty(key);
    }
    const secretTexts = ['postgres-password', 'redis-password', 'TOKEN_ENCRYPTION_KEY', 'LLM_API_KEY', 'WEBHOOK_SECRET', 'GITHUB_WEBHOOK_SECRET', 'GITLAB_WEBHOOK_TOKEN'].map(
      (key) => secrets[key],
    );
    for (const value of configMapValues(full)) {
      for (const secretText of secretTexts) {
        expect(secretText).toBeTruthy();
        expect(value).not.toContain(secretText);
      }
    }
  });

  it('sets no webhook secret unless given one, and puts the retention settings in the ConfigMap', () => {
    const secrets = secretValues(one(defaults, 'Secret'));
    for (const key of ['WEBHOOK_SECRET', 'GITHUB_WEBHOOK_SECRET', 'GITLAB_WEBHOOK_TOKEN']) expect(secrets).not.toHaveProperty(key);
    const config = one(defaults, 'ConfigMap', 'config').data ?? {};
    expect(config).toMatchObject({ RETENTION_RUNS_PER_REPOSITORY: '3', RETENTION_GC_INTERVAL_SECONDS: '3600', EMBEDDING_CACHE_MAX_AGE_DAYS: '30' });
  });

  it('connects to the bundled databases with the passwords they are started with', () => {
    const secret = one(defaults, 'Secret');
    const secrets = secretValues(secret);
    const database = new URL(secrets['DATABASE_URL'] ?? '');
    expect(database.hostname).toBe(one(defaults, 'Service', 'postgresql').metadata.name);
    expect(decodeURIComponent(database.password)).toBe(secrets['postgres-password']);
    const postgresEnv = mainContainer(one(defaults, 'StatefulSet', 'postgresql')).env ?? [];
    expect(postgresEnv.find((variable) => variable.name === 'POSTGRES_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: secret.metadata.name,
      key: 'postgres-password',
    });

    const redis = new URL(secrets['REDIS_URL'] ?? '');
    expect(redis.hostname).toBe(one(defaults, 'Service', 'redis').metadata.name);
    expect(decodeURIComponent(redis.password)).toBe(secrets['redis-password']);
  });

  it('scales workers on CPU with an HPA by default, and on every stage queue with KEDA when asked, never both', () => {
    const hpa = one(defaults, 'HorizontalPodAutoscaler', 'worker');
    expect(hpa.spec?.['scaleTargetRef']).toMatchObject({ kind: 'Deployment', name: 'rl-repolens-worker' });
    expect(JSON.stringify(hpa.spec?.['metrics'])).toContain('"name":"cpu"');
    expect(one(defaults, 'Deployment', 'worker').spec).not.toHaveProperty('replicas');

    expect(kinds(full)).not.toContain('HorizontalPodAutoscaler');
    const scaled = one(full, 'ScaledObject', 'worker');
    expect(scaled.spec?.['scaleTargetRef']).toEqual({ name: 'rl-repolens-worker' });
    const triggers = scaled.spec?.['triggers'] as ReadonlyArray<{ type: string; metadata: Record<string, string>; authenticationRef?: { name: string } }>;
    expect(triggers.map((trigger) => trigger.type)).toContain('cpu');
    const watched = triggers.filter((trigger) => trigger.type === 'redis').map((trigger) => trigger.metadata['listName']);
    const expected = STAGE_NAMES.flatMap((stage) => [`repolens:${STAGE_QUEUES[stage].queue}:wait`, `repolens:${STAGE_QUEUES[stage].queue}:prioritized`]);
    expect(watched.sort()).toEqual(expected.sort());

    const auth = one(full, 'TriggerAuthentication', 'worker-redis');
    const target = (auth.spec?.['secretTargetRef'] as ReadonlyArray<{ parameter: string; name: string; key: string }>)[0];
    expect(target).toMatchObject({ parameter: 'password', name: one(full, 'Secret').metadata.name, key: 'redis-password' });
    expect(secretValues(one(full, 'Secret'))).toHaveProperty('redis-password');
  });

  it('routes /api (with its WebSockets) to the api and the rest to the web page, with long proxy timeouts', async () => {
    const ingress = one(full, 'Ingress');
    const annotations = ingress.metadata.annotations ?? {};
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(3600);
    const backendOf = (manifests: Manifest[], path: string): string | undefined => {
      const rules = one(manifests, 'Ingress').spec?.['rules'] as ReadonlyArray<{
        http: { paths: ReadonlyArray<{ path: string; backend: { service: { name: string; port: { name: string } } } }> };
      }>;
      return rules[0]?.http.paths.find((entry) => entry.path === path)?.backend.service.name;
    };
    expect(backendOf(full, '/api')).toBe('rl-repolens-api');
    expect(backendOf(full, '/')).toBe('rl-repolens-web');
    expect(ingress.spec?.['tls']).toEqual(ALL_FEATURES.ingress.tls);

    const withoutWeb = await runner.render({ ...ALL_FEATURES, web: { enabled: false } });
    expect(maybe(withoutWeb, 'Deployment', 'web')).toBeUndefined();
    expect(backendOf(withoutWeb, '/')).toBe('rl-repolens-api');
  });

  it('uses external databases instead of the bundled ones when given their URLs', async () => {
    const manifests = await runner.render(EXTERNAL_DATABASES);
    expect(kinds(manifests)).not.toContain('StatefulSet');
    const secrets = secretValues(one(manifests, 'Secret'));
    expect(secrets['DATABASE_URL']).toBe(EXTERNAL_DATABASES.externalDatabase.url);
    expect(secrets['REDIS_URL']).toBe(EXTERNAL_DATABASES.externalRedis.url);
    expect(secrets).not.toHaveProperty('postgres-password');
  });

  it('refuses values that could not work, naming the value to fix', async () => {
    await expect(runner.render({ postgresql: { enabled: false } })).rejects.toThrow(/externalDatabase\.url/);
    await expect(runner.render({ redis: { enabled: false } })).rejects.toThrow(/externalRedis\.url/);
    await expect(runner.render({ config: { LLM_API_KEY: 'sk-oops' } })).rejects.toThrow(/config\.LLM_API_KEY looks like a secret/);
    await expect(runner.render({ ...EXTERNAL_DATABASES, worker: { keda: { enabled: true } } })).rejects.toThrow(/worker\.keda\.redisAddress/);
    await expect(runner.render({ api: { replica: 3 } })).rejects.toThrow(/replica/);
    await expect(runner.render({ secrets: { githubWebhookSecret: 'short' } })).rejects.toThrow(/githubWebhookSecret/);
    await expect(runner.render({ secrets: { webhookSecret: 'shared-webhook-secret', extra: { WEBHOOK_SECRET: 'another-one-here' } } })).rejects.toThrow(
      /secrets\.extra\.WEBHOOK_SECRET/,
    );
  });
});
