import { rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataResultSchema, type InitializationResult } from '@repolens/contracts';
import type { PipelineSettings } from '../../settings.js';
import { createRecordingContext } from '../../git/testing/recording-context.js';
import { createFixtureRepository, createTempDir } from '../../git/testing/fixture-repository.js';
import { createInitializationStage } from '../initialization.stage.js';
import { createMetadataStage } from './metadata.stage.js';
import { ensureRunCheckout } from '../../git/ensure-run-checkout.js';

const MIT = 'MIT License\n\nCopyright (c) 2024 Acme\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software...\n';
const README = '<p align="center"><img src="logo.svg"></p>\n\n# Widgets\n\nWidgets for the web.\n\n## Install\n\n```sh\nnpm i @acme/widgets\n```\n';

let temp: { dir: string; cleanup: () => Promise<void> };
let dataDir = '';

beforeAll(async () => {
  temp = await createTempDir();
  dataDir = path.join(temp.dir, 'data');
});

afterAll(async () => {
  await temp.cleanup();
});

function settings(): PipelineSettings {
  return {
    dataDir,
    allowLocalRepositories: true,
    cloneDepth: 0,
    limits: { maxFileBytes: 1_000_000, maxFiles: 10_000 },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(temp.dir, 'models'), allowRemoteModels: false, batchSize: 8 },
  };
}

/** Clones `url` with the real initialization stage and returns a context for the metadata stage. */
async function contextAfterClone(url: string) {
  const request = { url, ref: null, accessToken: null };
  const initCtx = createRecordingContext({ dataDir, request });
  const initialization: InitializationResult = await createInitializationStage(settings()).run(initCtx);
  const ctx = createRecordingContext({ dataDir, request, results: { initialization }, runId: initCtx.runId });
  return { ctx, initialization };
}

describe('metadata stage', () => {
  it('reads the README, manifests, license, configuration and history of a project', async () => {
    const origin = await createFixtureRepository(temp.dir, 'widgets');
    const alice = { name: 'Alice Example', email: 'alice@example.com' };
    const bob = { name: 'Bøb Exämple', email: 'bob@example.com' };
    await origin.commit('start', { 'README.md': README, LICENSE: MIT }, alice);
    await origin.commit(
      'packages',
      {
        'package.json': JSON.stringify({ name: '@acme/widgets', description: 'Composable widgets.', license: 'MIT', dependencies: { lit: '^3.0.0' }, devDependencies: { vitest: '^4.0.0' } }),
        'packages/web/package.json': JSON.stringify({ name: '@acme/web', dependencies: { react: '^19.0.0' } }),
        'requirements-dev.txt': 'pytest>=8\n',
        'broken/Cargo.toml': '[package\nname = ',
        'test/fixtures/app/package.json': JSON.stringify({ dependencies: { 'fixture-only': '1.0.0' } }),
        '.gitignore': 'generated/\n',
        'tsconfig.json': '{}',
        'tsconfig.build.json': '{}',
        '.github/workflows/ci.yml': 'on: push\n',
        Dockerfile: 'FROM node:20\n',
        Makefile: 'all:\n',
        'src/index.ts': 'export {};\n',
      },
      bob,
    );
    // Committed despite .gitignore: present in the checkout, yet not part of the project.
    await origin.write({ 'generated/package.json': JSON.stringify({ dependencies: { 'generated-only': '1.0.0' } }) });
    origin.git('add', '--force', 'generated/package.json');
    const head = await origin.commit('generated', {}, alice);

    const { ctx } = await contextAfterClone(origin.url);
    const result = await createMetadataStage().run(ctx);

    expect(MetadataResultSchema.parse(result)).toEqual(result);
    expect(result.name).toBe('@acme/widgets');
    expect(result.description).toBe('Composable widgets.');
    expect(result.readme?.path).toBe('README.md');
    expect(result.readme?.sections.map((s) => [s.heading, s.level, s.startLine, s.endLine])).toEqual([
      ['widgets', 0, 1, 1],
      ['Widgets', 1, 3, 5],
      ['Install', 2, 7, 11],
    ]);
    expect(result.dependencies.map((d) => `${d.manifest} ${d.kind} ${d.name}`)).toEqual([
      'package.json runtime lit',
      'package.json dev vitest',
      'requirements-dev.txt dev pytest',
      'packages/web/package.json runtime react',
    ]);
    expect(result.license).toEqual({ spdxId: 'MIT', file: 'LICENSE' });
    expect(result.git).toEqual({
      branch: 'main',
      commit: head,
      commitCount: 3,
      contributors: [
        { name: 'Alice Example', commits: 2 },
        { name: 'Bøb Exämple', commits: 1 },
      ],
      lastCommitDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      historyTruncated: false,
    });
    expect(result.configFiles).toEqual(['.github/workflows/ci.yml', 'Dockerfile', 'Makefile', 'tsconfig.build.json', 'tsconfig.json']);
    expect(ctx.logs.some((log) => log.level === 40 && log['manifest'] === 'broken/Cargo.toml')).toBe(true);
  });

  it('falls back to the URL and README, and follows no symlink out of the checkout', async () => {
    const outside = path.join(temp.dir, 'outside-license.txt');
    await writeFile(outside, MIT);
    const origin = await createFixtureRepository(temp.dir, 'plain-project');
    await symlink(outside, path.join(origin.dir, 'LICENSE'));
    await origin.commit('only a readme', { 'readme.rst': 'Plain\n=====\n\nA plain project with no manifest.\n' });

    const { ctx } = await contextAfterClone(origin.url);
    const result = await createMetadataStage().run(ctx);

    expect(result.name).toBe('plain-project');
    expect(result.description).toBe('A plain project with no manifest.');
    expect(result.readme).toEqual({
      path: 'readme.rst',
      sections: [{ heading: 'Plain', level: 1, text: 'A plain project with no manifest.', startLine: 1, endLine: 4 }],
    });
    expect(result.license).toBeNull();
    expect(result.dependencies).toEqual([]);
  });

  it('reads the pinned commit after a worker without the checkout restores it (as the runner does)', async () => {
    const origin = await createFixtureRepository(temp.dir, 'restored');
    const first = await origin.commit('first', { 'README.md': '# Restored\n\nFirst.\n' });
    const { ctx } = await contextAfterClone(origin.url);
    await origin.commit('second', { 'README.md': '# Restored\n\nSecond.\n' });
    await rm(ctx.workspace.checkoutDir, { recursive: true, force: true });

    expect(await ensureRunCheckout(ctx)).toBe('restored');
    const result = await createMetadataStage().run(ctx);
    expect(result.git.commit).toBe(first);
    expect(result.readme?.sections[0]?.text).toBe('First.');
  });
});
