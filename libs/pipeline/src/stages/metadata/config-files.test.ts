import { describe, expect, it } from 'vitest';
import { projectFileRole } from './config-files.js';

describe('projectFileRole', () => {
  it('names CI files of the common services', () => {
    for (const file of [
      '.github/workflows/ci.yml',
      '.github/workflows/release.yaml',
      '.gitlab-ci.yml',
      '.circleci/config.yml',
      'Jenkinsfile',
      'ci/Jenkinsfile.nightly',
      'azure-pipelines.yml',
      '.travis.yml',
      'bitbucket-pipelines.yml',
      '.drone.yml',
      '.buildkite/pipeline.yml',
      'appveyor.yml',
    ]) {
      expect([file, projectFileRole(file)]).toEqual([file, 'ci']);
    }
  });

  it('names Docker files anywhere in the tree', () => {
    for (const file of ['Dockerfile', 'docker/Dockerfile.dev', 'api.dockerfile', 'docker-compose.yml', 'docker-compose.override.yaml', 'compose.yaml', '.dockerignore', 'Containerfile']) {
      expect([file, projectFileRole(file)]).toEqual([file, 'docker']);
    }
  });

  it('names other configuration, and nothing else', () => {
    for (const file of [
      'tsconfig.json',
      'packages/web/tsconfig.build.json',
      '.eslintrc.cjs',
      'eslint.config.js',
      '.prettierrc',
      'babel.config.json',
      'webpack.config.js',
      'vite.config.ts',
      '.editorconfig',
      'Makefile',
      'setup.cfg',
      'tox.ini',
      '.github/dependabot.yml',
      '.pre-commit-config.yaml',
      'gradle/libs.versions.toml',
    ]) {
      expect([file, projectFileRole(file)]).toEqual([file, 'config']);
    }
    for (const file of ['src/index.ts', 'README.md', 'docs/ci.md', '.github/workflows/README.md', 'package.json', 'src/config.ts']) {
      expect([file, projectFileRole(file)]).toEqual([file, null]);
    }
  });
});
