import { describe, expect, it } from 'vitest';
import { isProbablyBinary, languageOfPath, languageTypeOf } from './languages.js';

describe('languageOfPath', () => {
  it.each([
    ['src/index.ts', 'TypeScript'],
    ['src/App.tsx', 'TSX'],
    ['lib/a.js', 'JavaScript'],
    ['lib/a.mjs', 'JavaScript'],
    ['lib/a.cjs', 'JavaScript'],
    ['ui/Button.jsx', 'JavaScript'],
    ['tool.PY', 'Python'],
    ['main.go', 'Go'],
    ['App.java', 'Java'],
    ['lib.rs', 'Rust'],
    ['x.c', 'C'],
    ['x.hpp', 'C++'],
    ['Program.cs', 'C#'],
    ['a.rb', 'Ruby'],
    ['index.php', 'PHP'],
    ['README.md', 'Markdown'],
    ['package.json', 'JSON'],
    ['.github/workflows/ci.yml', 'YAML'],
    ['Cargo.toml', 'TOML'],
    ['run.sh', 'Shell'],
    ['index.html', 'HTML'],
    ['style.css', 'CSS'],
    ['schema.sql', 'SQL'],
    ['Dockerfile', 'Dockerfile'],
    ['docker/Dockerfile.dev', 'Dockerfile'],
    ['api.dockerfile', 'Dockerfile'],
    ['Makefile', 'Makefile'],
    ['.eslintrc.json', 'JSON with Comments'],
    ['tsconfig.json', 'JSON with Comments'],
    ['.env', 'Dotenv'],
    ['.gitignore', 'Ignore List'],
    ['makefile', 'Makefile'],
    ['LICENSE', 'Text'],
    ['requirements.txt', 'Pip Requirements'],
    ['notes.txt', 'Text'],
    ['include/x.h', 'C'],
    ['Classes/View.m', 'Objective-C'],
    ['script.pl', 'Perl'],
    ['analysis.R', 'R'],
    ['config.yaml', 'YAML'],
    ['build.gradle', 'Gradle'],
    ['build.gradle.kts', 'Gradle Kotlin DSL'],
    ['config.h.in', 'C'],
    ['lib/jquery.min.js', 'JavaScript'],
    ['types/index.d.ts', 'TypeScript'],
    ['main.kt', 'Kotlin'],
    ['App.swift', 'Swift'],
    ['main.zig', 'Zig'],
    ['Main.hs', 'Haskell'],
    ['lib.ex', 'Elixir'],
    ['main.tf', 'HCL'],
    ['defs.bzl', 'Starlark'],
    ['BUILD.bazel', 'Starlark'],
    ['query.sql', 'SQL'],
    ['model.sv', 'SystemVerilog'],
    ['deck.tex', 'TeX'],
  ])('%s is %s', (file, language) => {
    expect(languageOfPath(file)).toBe(language);
  });

  it.each(['bin/tool', '.envrc-unknown', 'image.png', 'archive.tar.gz', 'dir.ts/noext'])('%s has no language', (file) => {
    expect(languageOfPath(file)).toBeNull();
  });
});

describe('languageTypeOf', () => {
  it('gives linguist\'s type, which decides what counts in language statistics', () => {
    expect(languageTypeOf('TypeScript')).toBe('programming');
    expect(languageTypeOf('HTML')).toBe('markup');
    expect(languageTypeOf('JSON')).toBe('data');
    expect(languageTypeOf('Markdown')).toBe('prose');
    expect(languageTypeOf('No Such Language')).toBeNull();
  });
});

describe('isProbablyBinary', () => {
  it('calls text text and a NUL in the first 8000 bytes binary', () => {
    expect(isProbablyBinary(Buffer.from('plain text\nwith lines\n', 'utf8'))).toBe(false);
    expect(isProbablyBinary(Buffer.from('héllo wörld', 'utf8'))).toBe(false);
    expect(isProbablyBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBe(true);
    const lateNul = Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])]);
    expect(isProbablyBinary(lateNul)).toBe(false);
  });
});
