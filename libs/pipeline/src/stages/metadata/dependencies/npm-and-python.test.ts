import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDir } from '../../../git/testing/fixture-repository.js';
import { manifestReaderFor } from './index.js';
import { dependencyLines, readManifestFixture } from './manifest-fixture.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('package.json', () => {
  it('reads every section as its kind, and the workspaces in both forms', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'package.json': JSON.stringify({
          name: '@acme/widgets',
          description: 'Widgets.',
          licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }],
          workspaces: ['packages/*', '!packages/legacy'],
          dependencies: { react: '^19.0.0', shared: 'workspace:*' },
          devDependencies: { vitest: '^4.0.0' },
          peerDependencies: { 'react-dom': '>=18' },
          optionalDependencies: { fsevents: '2.3.3' },
        }),
      },
      'package.json',
    );
    expect(info).toMatchObject({ name: '@acme/widgets', description: 'Widgets.', license: 'MIT OR Apache-2.0' });
    expect(info.workspace).toEqual({ patterns: ['packages/*', '!packages/legacy'], memberManifest: 'package.json' });
    expect(dependencyLines(info)).toEqual([
      'runtime react ^19.0.0',
      'runtime shared workspace:*',
      'dev vitest ^4.0.0',
      'peer react-dom >=18',
      'optional fsevents 2.3.3',
    ]);
    expect(info.dependencies[0]).toEqual({ ecosystem: 'npm', manifest: 'package.json', name: 'react', version: '^19.0.0', kind: 'runtime' });

    const yarn = await readManifestFixture(temp.dir, { 'yarn/package.json': JSON.stringify({ workspaces: { packages: ['apps/*'], nohoist: ['**/x'] } }) }, 'yarn/package.json');
    expect(yarn.workspace?.patterns).toEqual(['apps/*']);
  });
});

describe('requirements files', () => {
  it('reads pins, ranges, extras, markers, URLs and VCS lines, and follows -r includes inside the checkout', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'requirements.txt': [
          '# pinned',
          '-r requirements/base.txt',
          'requests[socks]>=2.31,<3 ; python_version >= "3.8"',
          'Django==5.0.1  # web',
          'numpy',
          'urllib3==2.2.1 \\',
          '    --hash=sha256:abc123',
          '-e .',
          '-e git+https://github.com/o/editable.git#egg=editable',
          '--index-url https://pypi.example/simple',
          '-c constraints.txt',
          'git+https://github.com/o/lib.git@v1#egg=lib',
          'pkg @ https://example.com/pkg-1.0.tar.gz',
          'https://example.com/wheels/torch-2.2.0-cp311-none-linux_x86_64.whl',
          './local/package',
          '-r ../../outside.txt',
          '',
        ].join('\n'),
        'requirements/base.txt': 'attrs>=23\n-r ../requirements.txt\n',
        'constraints.txt': 'never-listed==1\n',
      },
      'requirements.txt',
    );
    expect(info.dependencies.map((d) => `${d.manifest} ${d.kind} ${d.name} ${d.version ?? '-'}`)).toEqual([
      'requirements/base.txt runtime attrs >=23',
      'requirements.txt runtime requests >=2.31,<3',
      'requirements.txt runtime Django ==5.0.1',
      'requirements.txt runtime numpy -',
      'requirements.txt runtime urllib3 ==2.2.1',
      'requirements.txt runtime editable -',
      'requirements.txt runtime lib -',
      'requirements.txt runtime pkg -',
      'requirements.txt runtime torch ==2.2.0',
    ]);
  });

  it('takes dev kinds from file names, included files keeping theirs', async () => {
    const files = {
      'requirements.txt': 'flask>=3\n',
      'requirements-dev.txt': '-r requirements.txt\n-r lint.txt\npytest>=8\n',
      'lint.txt': 'ruff\n',
      'requirements/test.txt': 'hypothesis\n',
      'dev-requirements.in': 'black\n',
    };
    const dev = await readManifestFixture(temp.dir, files, 'requirements-dev.txt');
    expect(dev.dependencies.map((d) => `${d.manifest} ${d.kind} ${d.name}`)).toEqual([
      'requirements.txt runtime flask',
      'lint.txt dev ruff',
      'requirements-dev.txt dev pytest',
    ]);
    expect(dependencyLines(await readManifestFixture(temp.dir, {}, 'requirements/test.txt'))).toEqual(['dev hypothesis -']);
    expect(dependencyLines(await readManifestFixture(temp.dir, {}, 'dev-requirements.in'))).toEqual(['dev black -']);
    expect(manifestReaderFor('docs/notes.txt')).toBeNull();
  });
});

describe('pyproject.toml', () => {
  it('reads PEP 621 with extras, PEP 735 groups, PDM, uv and Hatch dev dependencies and build requirements', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'pyproject.toml': `[project]
name = "widgets"
description = "Widgets for Python."
classifiers = ["License :: OSI Approved :: Apache Software License", "Programming Language :: Python"]
dependencies = ["httpx>=0.27", "pydantic[email]~=2.6"]

[project.optional-dependencies]
test = ["pytest>=8"]
fast = ["orjson"]

[dependency-groups]
lint = ["ruff"]

[tool.pdm.dev-dependencies]
docs = ["mkdocs>=1.5"]

[tool.uv]
dev-dependencies = ["mypy"]

[tool.hatch.envs.default]
dependencies = ["coverage[toml]"]

[build-system]
requires = ["hatchling>=1.20"]
`,
      },
      'pyproject.toml',
    );
    expect(info).toMatchObject({ name: 'widgets', description: 'Widgets for Python.', license: 'Apache-2.0' });
    expect(dependencyLines(info)).toEqual([
      'runtime httpx >=0.27',
      'runtime pydantic ~=2.6',
      'dev pytest >=8',
      'optional orjson -',
      'dev ruff -',
      'dev mkdocs >=1.5',
      'dev mypy -',
      'dev coverage -',
      'build hatchling >=1.20',
    ]);
  });

  it('reads Poetry dependencies, optional ones and groups', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'pyproject.toml': `[tool.poetry]
name = "legacy"
description = "Old style."
license = "MIT"

[tool.poetry.dependencies]
python = "^3.10"
requests = "^2.31"
rich = { version = "^13.0", extras = ["jupyter"] }
uvloop = { version = "^0.19", optional = true }

[tool.poetry.group.dev.dependencies]
black = "^24.0"

[tool.poetry.group.test.dependencies]
pytest = "^8.0"
`,
      },
      'pyproject.toml',
    );
    expect(info).toMatchObject({ name: 'legacy', license: 'MIT' });
    expect(dependencyLines(info)).toEqual(['runtime requests ^2.31', 'runtime rich ^13.0', 'optional uvloop ^0.19', 'dev black ^24.0', 'dev pytest ^8.0']);
  });
});

describe('setup.cfg', () => {
  it('reads install_requires, extras, tests_require and setup_requires, with configparser continuation lines', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'setup.cfg': `[metadata]
name = widgets
description = Widgets; for everyone
classifiers =
    Programming Language :: Python :: 3
    License :: OSI Approved :: BSD License
    License :: OSI Approved :: MIT License

[options]
packages = find:
install_requires =
    requests>=2.31 ; python_version >= "3.8"
    # a comment inside the list
    click
setup_requires = setuptools_scm>=8
tests_require = pytest; tox

[options.extras_require]
test =
    pytest-cov
yaml = PyYAML>=6

[options.packages.find]
where = src
`,
      },
      'setup.cfg',
    );
    expect(info).toMatchObject({ name: 'widgets', description: 'Widgets; for everyone', license: 'MIT' });
    expect(dependencyLines(info)).toEqual([
      'runtime requests >=2.31',
      'runtime click -',
      'dev pytest-cov -',
      'optional PyYAML >=6',
      'dev pytest -',
      'dev tox -',
      'build setuptools_scm >=8',
    ]);
  });

  it('reads install_requires given as `file:`', async () => {
    const info = await readManifestFixture(
      temp.dir,
      { 'pkg/setup.cfg': '[options]\ninstall_requires = file: requirements.in\n', 'pkg/requirements.in': '# deps\nattrs\nhttpx>=0.27\n' },
      'pkg/setup.cfg',
    );
    expect(dependencyLines(info)).toEqual(['runtime attrs -', 'runtime httpx >=0.27']);
  });
});

describe('Pipfile', () => {
  it('reads packages and dev-packages with their versions', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        Pipfile: `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
requests = "*"
django = { version = ">=4.2", extras = ["argon2"] }
mylib = { git = "https://github.com/o/mylib.git", ref = "main" }

[dev-packages]
pytest = "==8.1.1"

[requires]
python_version = "3.12"
`,
      },
      'Pipfile',
    );
    expect(dependencyLines(info)).toEqual(['runtime requests *', 'runtime django >=4.2', 'runtime mylib -', 'dev pytest ==8.1.1']);
  });
});
