import { describe, expect, it } from 'vitest';
import { manifestReaderFor } from './index.js';

function read(manifestPath: string, text: string) {
  const reader = manifestReaderFor(manifestPath);
  if (reader === null) throw new Error(`no reader for ${manifestPath}`);
  return reader.read(text, manifestPath);
}

const summary = (deps: ReturnType<typeof read>['dependencies']) => deps.map((d) => `${d.kind} ${d.name} ${d.version ?? '-'}`);

describe('manifest readers', () => {
  it('reads package.json sections as kinds', () => {
    const info = read(
      'package.json',
      JSON.stringify({
        name: '@acme/widgets',
        description: 'Widgets.',
        license: 'MIT',
        dependencies: { react: '^19.0.0' },
        devDependencies: { vitest: '^4.0.0' },
        peerDependencies: { 'react-dom': '>=18' },
        optionalDependencies: { fsevents: '2.3.3' },
      }),
    );
    expect(info).toMatchObject({ name: '@acme/widgets', description: 'Widgets.', license: 'MIT' });
    expect(summary(info.dependencies)).toEqual(['runtime react ^19.0.0', 'dev vitest ^4.0.0', 'peer react-dom >=18', 'optional fsevents 2.3.3']);
    expect(info.dependencies[0]).toEqual({ ecosystem: 'npm', manifest: 'package.json', name: 'react', version: '^19.0.0', kind: 'runtime' });
  });

  it('reads requirements files, with dev kinds from the file name', () => {
    const text = [
      '# pinned',
      'requests[socks]>=2.31,<3 ; python_version >= "3.8"',
      'Django==5.0.1  # web',
      'numpy',
      '-r base.txt',
      '-e .',
      '--index-url https://pypi.example/simple',
      'git+https://github.com/o/lib.git#egg=lib',
      'pkg @ https://example.com/pkg.whl',
      '',
    ].join('\n');
    expect(summary(read('requirements.txt', text).dependencies)).toEqual([
      'runtime requests >=2.31,<3',
      'runtime Django ==5.0.1',
      'runtime numpy -',
      'runtime lib -',
      'runtime pkg -',
    ]);
    expect(read('requirements-dev.txt', 'pytest>=8\n').dependencies[0]?.kind).toBe('dev');
    expect(read('dev-requirements.txt', 'pytest\n').dependencies[0]?.kind).toBe('dev');
    expect(read('requirements/test.txt', 'pytest\n').dependencies[0]?.kind).toBe('dev');
    expect(manifestReaderFor('docs/notes.txt')).toBeNull();
  });

  it('reads PEP 621, PEP 735 and Poetry tables of pyproject.toml', () => {
    const pep621 = read(
      'pyproject.toml',
      `[project]
name = "widgets"
description = "Widgets for Python."
license = "Apache-2.0"
dependencies = ["httpx>=0.27", "pydantic[email]~=2.6"]

[project.optional-dependencies]
test = ["pytest>=8"]
fast = ["orjson"]

[dependency-groups]
lint = ["ruff"]

[build-system]
requires = ["hatchling>=1.20"]
`,
    );
    expect(pep621).toMatchObject({ name: 'widgets', description: 'Widgets for Python.', license: 'Apache-2.0' });
    expect(summary(pep621.dependencies)).toEqual([
      'runtime httpx >=0.27',
      'runtime pydantic ~=2.6',
      'dev pytest >=8',
      'optional orjson -',
      'dev ruff -',
      'build hatchling >=1.20',
    ]);

    const poetry = read(
      'pyproject.toml',
      `[tool.poetry]
name = "legacy"
description = "Old style."

[tool.poetry.dependencies]
python = "^3.10"
requests = "^2.31"
rich = { version = "^13.0", extras = ["jupyter"] }

[tool.poetry.group.dev.dependencies]
black = "^24.0"
`,
    );
    expect(poetry.name).toBe('legacy');
    expect(summary(poetry.dependencies)).toEqual(['runtime requests ^2.31', 'runtime rich ^13.0', 'dev black ^24.0']);
  });

  it('reads go.mod require lines and blocks', () => {
    const info = read(
      'go.mod',
      `module github.com/acme/tool

go 1.22

require github.com/spf13/cobra v1.8.0

require (
\tgolang.org/x/sync v0.6.0
\tgithub.com/inconshreveable/mousetrap v1.1.0 // indirect
)

replace (
\tgithub.com/old/thing => ../thing
)
`,
    );
    expect(info.name).toBe('github.com/acme/tool');
    expect(summary(info.dependencies)).toEqual([
      'runtime github.com/spf13/cobra v1.8.0',
      'runtime golang.org/x/sync v0.6.0',
      'runtime github.com/inconshreveable/mousetrap v1.1.0',
    ]);
  });

  it('reads Cargo.toml sections, target tables and renamed packages', () => {
    const info = read(
      'Cargo.toml',
      `[package]
name = "widgets"
description = "Widgets in Rust."
license = "MIT OR Apache-2.0"

[dependencies]
serde = { version = "1.0", features = ["derive"] }
tokio = "1"
local = { path = "../local" }
json = { package = "serde_json", version = "1" }

[dev-dependencies]
proptest = "1.4"

[build-dependencies]
cc = "1.0"

[target.'cfg(windows)'.dependencies]
winapi = "0.3"
`,
    );
    expect(info).toMatchObject({ name: 'widgets', license: 'MIT OR Apache-2.0' });
    expect(summary(info.dependencies)).toEqual([
      'runtime serde 1.0',
      'runtime tokio 1',
      'runtime local -',
      'runtime serde_json 1',
      'dev proptest 1.4',
      'build cc 1.0',
      'runtime winapi 0.3',
    ]);
  });

  it('throws on malformed manifests so the stage can skip them', () => {
    expect(() => read('package.json', '{ "name": ')).toThrow();
    expect(() => read('Cargo.toml', '[package\nname = ')).toThrow();
    expect(() => read('go.mod', 'require x v1\n')).toThrow(/module/);
  });
});
