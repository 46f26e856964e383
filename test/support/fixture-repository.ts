import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Ada Tester', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Tester', GIT_COMMITTER_EMAIL: 'ada@example.com' },
  }).trim();
}

export interface FixtureRepository {
  readonly dir: string;
  readonly url: string;
  readonly head: string;
}

/** A real git repository on disk with the given files, committed on `main`. */
export function createFixtureRepository(files: Record<string, string>, options: { tag?: string } = {}): FixtureRepository {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'repolens-fixture-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Initial commit');
  if (options.tag !== undefined) git(dir, 'tag', options.tag);
  return { dir, url: `file://${dir}`, head: git(dir, 'rev-parse', 'HEAD') };
}

/** A small TypeScript project with a README and a function the tests search for. */
export function smallProject(): Record<string, string> {
  return {
    'README.md': '# Retry Kit\n\nA tiny library that retries failed network calls.\n\n## Usage\n\nCall `computeRetryDelay` to get the wait before the next attempt.\n',
    'package.json': JSON.stringify({ name: 'retry-kit', description: 'Retries failed network calls', license: 'MIT', dependencies: { undici: '^6.0.0' }, devDependencies: { vitest: '^4.0.0' } }, null, 2),
    'LICENSE': 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software...\n',
    'src/retry.ts': [
      "import { setTimeout as sleep } from 'node:timers/promises';",
      '',
      '/** Exponential backoff: the delay before retry number `attempt`, capped at `maxMs`. */',
      'export function computeRetryDelay(attempt: number, baseMs = 100, maxMs = 10_000): number {',
      '  const delay = baseMs * 2 ** attempt;',
      '  return Math.min(delay, maxMs);',
      '}',
      '',
      'export async function withRetries<T>(task: () => Promise<T>, attempts = 3): Promise<T> {',
      '  for (let attempt = 0; ; attempt += 1) {',
      '    try {',
      '      return await task();',
      '    } catch (error) {',
      '      if (attempt + 1 >= attempts) throw error;',
      '      await sleep(computeRetryDelay(attempt));',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/http-client.ts': [
      "import { withRetries } from './retry.js';",
      '',
      'export class HttpClient {',
      '  constructor(private readonly baseUrl: string) {}',
      '',
      '  async getJson(path: string): Promise<unknown> {',
      '    return withRetries(async () => {',
      '      const response = await fetch(new URL(path, this.baseUrl));',
      '      return response.json();',
      '    });',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/format.ts': 'export function formatBytes(bytes: number): string {\n  return `${(bytes / 1024).toFixed(1)} KB`;\n}\n',
  };
}

/** A project large enough that its code analysis and embedding take a few seconds (to interrupt them). */
export function largeProject(fileCount: number): Record<string, string> {
  const files: Record<string, string> = { 'README.md': '# Big project\n\nMany generated modules.\n' };
  for (let i = 0; i < fileCount; i += 1) {
    const body: string[] = [`import { helper${(i + 1) % fileCount} } from './module-${(i + 1) % fileCount}.js';`, ''];
    for (let f = 0; f < 12; f += 1) {
      body.push(`export function helper${i}_${f}(input: number): number {`, `  const scaled = input * ${f + 1};`, `  return scaled + ${i};`, '}', '');
    }
    body.push(`export function helper${i}(value: number): number {`, `  return helper${i}_0(value) + helper${i}_1(value);`, '}', '');
    body.push(`export class Service${i} {`, `  run(value: number): number {`, `    return helper${i}(value);`, '  }', '}', '');
    files[`src/module-${i}.ts`] = body.join('\n');
  }
  return files;
}
