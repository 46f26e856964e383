import { describe, expect, it } from 'vitest';
import { expandWorkspaceMembers, globMatcher } from './workspace-members.js';

const listing = {
  files: [
    'package.json',
    'packages/ui/package.json',
    'packages/legacy/package.json',
    'packages/notes/README.md',
    'apps/web/package.json',
    'apps/api/package.json',
    'tools/scripts/deep/package.json',
    'crates/core/Cargo.toml',
  ],
  directories: ['apps', 'apps/api', 'apps/web', 'libs', 'libs/core', 'packages', 'packages/legacy', 'packages/notes', 'packages/ui', 'tools'],
};

describe('expandWorkspaceMembers', () => {
  it('matches globs against directories that hold the member manifest, excluding negations', () => {
    const declaration = { patterns: ['packages/*', '!packages/legacy', 'apps/{web,api}', 'tools/**', '../outside/*'], memberManifest: 'package.json' };
    expect(expandWorkspaceMembers('package.json', declaration, listing)).toEqual(['apps/api', 'apps/web', 'packages/ui', 'tools/scripts/deep']);
  });

  it('takes patterns relative to the declaring manifest, and plain directories where no manifest is needed', () => {
    expect(expandWorkspaceMembers('apps/package.json', { patterns: ['./web'], memberManifest: 'package.json' }, listing)).toEqual(['apps/web']);
    expect(expandWorkspaceMembers('settings.gradle', { patterns: ['libs/core', 'missing'] }, listing)).toEqual(['libs/core']);
  });

  it('matches globs segment by segment', () => {
    expect(globMatcher('crates/*')('crates/core')).toBe(true);
    expect(globMatcher('crates/*')('crates/core/sub')).toBe(false);
    expect(globMatcher('a/**/b')('a/b')).toBe(true);
    expect(globMatcher('a/**/b')('a/x/y/b')).toBe(true);
    expect(globMatcher('lib?')('lib1')).toBe(true);
    expect(globMatcher('a.b')('axb')).toBe(false);
    expect(globMatcher('pkg-*-x')('pkg-long-name-x')).toBe(true);
    expect(globMatcher('{apps,libs}/*')('libs/core')).toBe(true);
  });

  it('answers at once for patterns that make backtracking matchers hang', () => {
    const hostile = globMatcher(`${'**/'.repeat(50)}${'a*'.repeat(40)}b`);
    const deepPath = Array.from({ length: 30 }, () => 'a'.repeat(200)).join('/');
    expect(hostile(deepPath)).toBe(false);
  });
});
