import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTempDir } from '../../../git/testing/fixture-repository.js';
import { dependencyLines, readManifestFixture } from './manifest-fixture.js';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  temp = await createTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

describe('go.mod and go.work', () => {
  it('reads require lines and blocks, indirect requirements kept as runtime', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'go.mod': `module github.com/acme/tool // the CLI

go 1.22

toolchain go1.22.1

require github.com/spf13/cobra v1.8.0

require (
\tgolang.org/x/sync v0.6.0
\tgithub.com/inconshreveable/mousetrap v1.1.0 // indirect
\t"github.com/quoted/path" v0.1.0
)

replace (
\tgithub.com/old/thing => ../thing
)

exclude github.com/bad/mod v1.0.0
`,
      },
      'go.mod',
    );
    expect(info.name).toBe('github.com/acme/tool');
    expect(dependencyLines(info)).toEqual([
      'runtime github.com/spf13/cobra v1.8.0',
      'runtime golang.org/x/sync v0.6.0',
      'runtime github.com/inconshreveable/mousetrap v1.1.0',
      'runtime github.com/quoted/path v0.1.0',
    ]);
  });

  it('reads go.work use directives as the workspace', async () => {
    const info = await readManifestFixture(temp.dir, { 'go.work': 'go 1.22\n\nuse (\n\t./cmd/tool\n\t./lib // shared\n)\nuse ./extra\n' }, 'go.work');
    expect(info.workspace).toEqual({ patterns: ['./cmd/tool', './lib', './extra'], memberManifest: 'go.mod' });
  });

  it('rejects malformed files', async () => {
    await expect(readManifestFixture(temp.dir, { 'a/go.mod': 'require x v1\n' }, 'a/go.mod')).rejects.toThrow(/module/);
    await expect(readManifestFixture(temp.dir, { 'b/go.mod': 'module x\nrequire (\n\ty v1\n' }, 'b/go.mod')).rejects.toThrow(/unterminated/);
  });
});

describe('Cargo.toml', () => {
  it('reads sections, target tables, renamed and optional packages', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'Cargo.toml': `[package]
name = "widgets"
description = "Widgets in Rust."
license = "MIT OR Apache-2.0"

[dependencies]
serde = { version = "1.0", features = ["derive"] }
tokio = "1"
local = { path = "../local" }
json = { package = "serde_json", version = "1" }
simd = { version = "0.2", optional = true }

[dev-dependencies]
proptest = "1.4"

[build-dependencies]
cc = "1.0"

[target.'cfg(windows)'.dependencies]
winapi = "0.3"
`,
      },
      'Cargo.toml',
    );
    expect(info).toMatchObject({ name: 'widgets', license: 'MIT OR Apache-2.0' });
    expect(dependencyLines(info)).toEqual([
      'runtime serde 1.0',
      'runtime tokio 1',
      'runtime local -',
      'runtime serde_json 1',
      'optional simd 0.2',
      'dev proptest 1.4',
      'build cc 1.0',
      'runtime winapi 0.3',
    ]);
  });

  it('reads workspace members and resolves `workspace = true` from the root', async () => {
    const files = {
      'Cargo.toml': `[workspace]
members = ["crates/*", "tools/gen"]
exclude = ["crates/experimental"]

[workspace.package]
license = "Apache-2.0"

[workspace.dependencies]
anyhow = "1.0.80"
serde = { version = "1.0.197", features = ["derive"] }
`,
      'crates/core/Cargo.toml': `[package]
name = "core"
license.workspace = true

[dependencies]
anyhow.workspace = true
serde = { workspace = true, features = ["rc"] }

[dev-dependencies]
insta = "1"
`,
    };
    const root = await readManifestFixture(temp.dir, files, 'Cargo.toml');
    expect(root.workspace).toEqual({ patterns: ['crates/*', 'tools/gen', '!crates/experimental'], memberManifest: 'Cargo.toml' });
    expect(dependencyLines(root)).toEqual(['runtime anyhow 1.0.80', 'runtime serde 1.0.197']);

    const member = await readManifestFixture(temp.dir, {}, 'crates/core/Cargo.toml');
    expect(member).toMatchObject({ name: 'core', license: 'Apache-2.0' });
    expect(dependencyLines(member)).toEqual(['runtime anyhow 1.0.80', 'runtime serde 1.0.197', 'dev insta 1']);
  });

  it('rejects malformed TOML', async () => {
    await expect(readManifestFixture(temp.dir, { 'bad/Cargo.toml': '[package\nname = ' }, 'bad/Cargo.toml')).rejects.toThrow();
  });
});

describe('composer.json', () => {
  it('reads require and require-dev without platform requirements', async () => {
    const info = await readManifestFixture(
      temp.dir,
      {
        'composer.json': JSON.stringify({
          name: 'acme/shop',
          description: 'A shop.',
          license: ['MIT', 'GPL-3.0-or-later'],
          require: { php: '>=8.2', 'ext-json': '*', 'lib-icu': '*', 'composer-plugin-api': '^2.0', 'laravel/framework': '^11.0', 'guzzlehttp/guzzle': '^7.8' },
          'require-dev': { 'phpunit/phpunit': '^11.0', 'ext-xdebug': '*' },
        }),
      },
      'composer.json',
    );
    expect(info).toMatchObject({ name: 'acme/shop', description: 'A shop.', license: 'MIT OR GPL-3.0-or-later' });
    expect(info.dependencies.every((d) => d.ecosystem === 'composer')).toBe(true);
    expect(dependencyLines(info)).toEqual(['runtime laravel/framework ^11.0', 'runtime guzzlehttp/guzzle ^7.8', 'dev phpunit/phpunit ^11.0']);
  });
});
