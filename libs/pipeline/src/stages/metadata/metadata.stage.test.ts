import { execFileSync } from 'node:child_process';
import { rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataResultSchema, type InitializationResult } from '@repolens/contracts';
import type { PipelineSettings } from '../../settings.js';
import { createRecordingContext } from '../../git/testing/recording-context.js';
import { createFixtureRepository, createTempDir, type FixtureRepository } from '../../git/testing/fixture-repository.js';
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
    limits: { maxFileBytes: 8_000_000, maxFiles: 10_000, maxRepositoryBytes: 512 * 1024 * 1024, cloneTimeoutMs: 60_000 },
    network: { allowPrivateAddresses: false, allowSsh: false },
    embedding: { modelId: 'repolens/code-embed-stub', modelsDir: path.join(temp.dir, 'models'), allowRemoteModels: false, batchSize: 8 },
  };
}

/** Clones `url` with the real initialization stage and returns a context for the metadata stage. */
async function contextAfterClone(url: string) {
  const request = { url, ref: null, accessToken: null, allowPartial: false };
  const initCtx = createRecordingContext({ dataDir, request });
  const initialization: InitializationResult = await createInitializationStage(settings()).run(initCtx);
  const ctx = createRecordingContext({ dataDir, request, results: { initialization }, runId: initCtx.runId });
  return { ctx, initialization };
}

/** Commits everything with author and committer dated `isoDate`, as history imported from elsewhere is. */
async function commitAt(origin: FixtureRepository, isoDate: string, message: string, files: Record<string, string | Buffer> = {}): Promise<void> {
  await origin.write(files);
  const env = {
    PATH: process.env['PATH'],
    HOME: os.tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: 'Dana Dated',
    GIT_AUTHOR_EMAIL: 'dana@example.com',
    GIT_COMMITTER_NAME: 'Dana Dated',
    GIT_COMMITTER_EMAIL: 'dana@example.com',
    GIT_AUTHOR_DATE: isoDate,
    GIT_COMMITTER_DATE: isoDate,
  };
  execFileSync('git', ['add', '--all'], { cwd: origin.dir, env });
  execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', message], { cwd: origin.dir, env });
}

describe('metadata stage', () => {
  it('reads the README, manifests, workspaces, license, CI/Docker/config files and history of a project', async () => {
    const origin = await createFixtureRepository(temp.dir, 'widgets');
    await commitAt(origin, '2024-01-10T10:00:00Z', 'start', { 'README.md': README, LICENSE: MIT });
    await commitAt(origin, '2024-01-25T10:00:00Z', 'packages', {
      'package.json': JSON.stringify({
        name: '@acme/widgets',
        description: 'Composable widgets.',
        license: 'MIT',
        workspaces: ['packages/*', 'apps/*/'],
        dependencies: { lit: '^3.0.0' },
        devDependencies: { vitest: '^4.0.0' },
      }),
      'packages/web/package.json': JSON.stringify({ name: '@acme/web', dependencies: { react: '^19.0.0' }, devDependencies: { '@acme/widgets': 'workspace:*' } }),
      'packages/docs/README.md': '# Not a package\n',
      'apps/site/package.json': JSON.stringify({ name: '@acme/site', peerDependencies: { '@acme/web': '*' } }),
      'requirements-dev.txt': '-r requirements.txt\npytest>=8\n',
      'requirements.txt': 'flask==3.0.3\n',
      'broken/Cargo.toml': '[package\nname = ',
      'broken/pom.xml': '<project><dependencies></project>',
      'big/package.json': `{"name":"big","description":"${'x'.repeat(1_100_000)}"}`,
      'test/fixtures/app/package.json': JSON.stringify({ dependencies: { 'fixture-only': '1.0.0' } }),
      '.gitignore': 'generated/\n',
      'tsconfig.json': '{}',
      'tsconfig.build.json': '{}',
      '.github/workflows/ci.yml': 'on: push\n',
      '.gitlab-ci.yml': 'test:\n  script: npm test\n',
      Dockerfile: 'FROM node:20\n',
      'docker-compose.yml': 'services: {}\n',
      '.dockerignore': 'node_modules\n',
      Makefile: 'all:\n',
      '.editorconfig': 'root = true\n',
      'src/index.ts': 'export {};\n',
    });
    // Committed despite .gitignore: present in the checkout, yet not part of the project.
    await origin.write({ 'generated/package.json': JSON.stringify({ dependencies: { 'generated-only': '1.0.0' } }) });
    origin.git('add', '--force', 'generated/package.json');
    // No commit in February.
    await commitAt(origin, '2024-03-05T10:00:00Z', 'generated');
    const head = origin.git('rev-parse', 'HEAD');

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
    expect(result.workspaces).toEqual(['apps/site', 'packages/web']);
    expect(result.dependencies.map((d) => `${d.manifest} ${d.kind} ${d.name} ${d.version ?? '-'}`)).toEqual([
      'package.json runtime lit ^3.0.0',
      'package.json dev vitest ^4.0.0',
      // requirements-dev.txt includes requirements.txt: its requirement keeps its own file and counts once.
      'requirements.txt runtime flask ==3.0.3',
      'requirements-dev.txt dev pytest >=8',
      'apps/site/package.json peer @acme/web *',
      'packages/web/package.json runtime react ^19.0.0',
      'packages/web/package.json dev @acme/widgets workspace:*',
    ]);
    expect(result.license).toEqual({ spdxId: 'MIT', file: 'LICENSE' });
    expect(result.git).toEqual({
      branch: 'main',
      commit: head,
      commitCount: 3,
      contributors: [{ name: 'Dana Dated', commits: 3 }],
      lastCommitDate: '2024-03-05T10:00:00.000Z',
      historyTruncated: false,
    });
    expect(result.commitActivity).toEqual([
      { month: '2024-01', commits: 2 },
      { month: '2024-02', commits: 0 },
      { month: '2024-03', commits: 1 },
    ]);
    expect(result.ciFiles).toEqual(['.github/workflows/ci.yml', '.gitlab-ci.yml']);
    expect(result.dockerFiles).toEqual(['.dockerignore', 'Dockerfile', 'docker-compose.yml']);
    expect(result.configFiles).toEqual(['.editorconfig', 'Makefile', 'broken/pom.xml', 'tsconfig.build.json', 'tsconfig.json']);
    const warned = (file: string) => ctx.logs.some((log) => log.level === 40 && (log['manifest'] === file || log['file'] === file));
    expect(['broken/Cargo.toml', 'broken/pom.xml', 'big/package.json'].filter(warned)).toEqual(['broken/Cargo.toml', 'broken/pom.xml', 'big/package.json']);
  });

  it('reads a polyglot repository: every ecosystem, their workspaces, and the license from a manifest', async () => {
    const origin = await createFixtureRepository(temp.dir, 'polyglot');
    await origin.commit('all of it', {
      'pom.xml': `<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId><artifactId>acme-platform</artifactId><version>1.0.0</version>
<description>Acme platform.</description>
<licenses><license><name>Apache License, Version 2.0</name></license></licenses>
<modules><module>core</module></modules>
<properties><slf4j.version>2.0.12</slf4j.version></properties>
<dependencies><dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>\${slf4j.version}</version></dependency></dependencies>
</project>`,
      'core/pom.xml': `<project><parent><groupId>com.acme</groupId><artifactId>acme-platform</artifactId><version>1.0.0</version></parent><artifactId>core</artifactId>
<dependencies><dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>\${slf4j.version}</version><scope>test</scope></dependency></dependencies></project>`,
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'crates/engine/Cargo.toml': '[package]\nname = "engine"\n\n[dependencies]\nrayon = "1.10"\n',
      'go.work': 'go 1.22\nuse ./svc\n',
      'svc/go.mod': 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
      Gemfile: 'source "https://rubygems.org"\ngem "sinatra", "~> 4.0"\ngroup :test do\n  gem "rspec"\nend\n',
      'composer.json': JSON.stringify({ name: 'acme/web', require: { php: '^8.2', 'slim/slim': '^4.12' } }),
      'dotnet/Acme.Api/Acme.Api.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Serilog" Version="3.1.1" /></ItemGroup></Project>',
      'app/build.gradle.kts': 'dependencies {\n    implementation("com.squareup.okhttp3:okhttp:4.12.0")\n    testImplementation("junit:junit:4.13.2")\n}\n',
      'settings.gradle.kts': 'rootProject.name = "acme-gradle"\ninclude(":app")\n',
      'Pipfile': '[packages]\nrequests = "*"\n',
      'setup.cfg': '[options]\ninstall_requires =\n    attrs\n',
    });

    const { ctx } = await contextAfterClone(origin.url);
    const result = await createMetadataStage().run(ctx);

    expect(MetadataResultSchema.parse(result)).toEqual(result);
    expect(result.name).toBe('acme-platform');
    expect(result.description).toBe('Acme platform.');
    expect(result.license).toEqual({ spdxId: 'Apache-2.0', file: 'pom.xml' });
    expect(result.workspaces).toEqual(['app', 'core', 'crates/engine', 'svc']);
    const lines = result.dependencies.map((d) => `${d.ecosystem} ${d.manifest} ${d.kind} ${d.name} ${d.version ?? '-'}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'maven pom.xml runtime org.slf4j:slf4j-api 2.0.12',
        'maven core/pom.xml dev org.slf4j:slf4j-simple 2.0.12',
        'cargo crates/engine/Cargo.toml runtime rayon 1.10',
        'go svc/go.mod runtime github.com/go-chi/chi/v5 v5.0.12',
        'rubygems Gemfile runtime sinatra ~> 4.0',
        'rubygems Gemfile dev rspec -',
        'composer composer.json runtime slim/slim ^4.12',
        'nuget dotnet/Acme.Api/Acme.Api.csproj runtime Serilog 3.1.1',
        'gradle app/build.gradle.kts runtime com.squareup.okhttp3:okhttp 4.12.0',
        'gradle app/build.gradle.kts dev junit:junit 4.13.2',
        'pypi Pipfile runtime requests *',
        'pypi setup.cfg runtime attrs -',
      ]),
    );
    expect(lines).toHaveLength(12);
  });

  it('reads at most 200 manifests, the workspace members before the rest', async () => {
    const origin = await createFixtureRepository(temp.dir, 'many-manifests');
    const examples = Object.fromEntries(Array.from({ length: 230 }, (_, index) => [`examples/e${String(index).padStart(3, '0')}/requirements.txt`, `example-${index}\n`]));
    await origin.commit('many', {
      'package.json': JSON.stringify({ name: 'many', workspaces: ['packages/*'] }),
      'packages/zeta/package.json': JSON.stringify({ dependencies: { 'zeta-dep': '1.0.0' } }),
      ...examples,
    });

    const { ctx } = await contextAfterClone(origin.url);
    const result = await createMetadataStage().run(ctx);

    const manifests = new Set(result.dependencies.map((d) => d.manifest));
    // 200 read: package.json (no dependencies of its own), the member, and 198 of the 230 examples.
    expect(manifests.size).toBe(199);
    expect(result.dependencies.some((d) => d.name === 'zeta-dep')).toBe(true);
    expect(ctx.logs.some((log) => log.level === 40 && log['manifests'] === 232)).toBe(true);
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
    expect(result.workspaces).toEqual([]);
    expect(result.commitActivity).toHaveLength(1);
    expect(result.commitActivity[0]?.commits).toBe(1);
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
