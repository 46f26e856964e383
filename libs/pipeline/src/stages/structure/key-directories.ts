import type { StructureResult } from '@repolens/contracts';

type KeyDirectory = StructureResult['keyDirectories'][number];
type KeyDirectoryKind = KeyDirectory['kind'];

const KIND_BY_NAME: Readonly<Record<string, KeyDirectoryKind>> = {
  src: 'source', source: 'source', lib: 'source', app: 'source', apps: 'source', packages: 'source', pkg: 'source', cmd: 'source', internal: 'source',
  test: 'tests', tests: 'tests', __tests__: 'tests', spec: 'tests', specs: 'tests', e2e: 'tests',
  docs: 'docs', doc: 'docs', documentation: 'docs',
  config: 'config', configs: 'config', '.config': 'config', conf: 'config',
  '.github': 'ci', '.gitlab': 'ci', '.circleci': 'ci', '.buildkite': 'ci',
  scripts: 'scripts', script: 'scripts', tools: 'scripts',
  examples: 'examples', example: 'examples', samples: 'examples', demo: 'examples', demos: 'examples',
};

// Deep enough for `apps/api/src`, shallow enough to keep vendored trees' `test` folders out.
const MAX_DEPTH = 3;

/**
 * Collects key directories from directory paths given parent first (walk order). A directory inside
 * one of the same kind adds nothing (`src/lib`), one of another kind does (`packages/web/test`).
 */
export class KeyDirectoryCollector {
  private readonly found: KeyDirectory[] = [];

  add(dirPath: string): void {
    const segments = dirPath.split('/');
    if (segments.length > MAX_DEPTH) return;
    const kind = KIND_BY_NAME[(segments.at(-1) ?? '').toLowerCase()];
    if (kind === undefined) return;
    const nested = this.found.some((key) => key.kind === kind && dirPath.startsWith(`${key.path}/`));
    if (!nested) this.found.push({ path: dirPath, kind });
  }

  get directories(): KeyDirectory[] {
    return [...this.found].sort((a, b) => a.path.localeCompare(b.path));
  }
}
