import { describe, expect, it } from 'vitest';
import { listsDependencies, passageRole, queryIntent, roleWeights } from './passage-role.js';

describe('passageRole', () => {
  it('tells source from tests and prose by the path rules of the file classification', () => {
    expect(passageRole({ path: 'lib/reply.js', kind: 'code' })).toBe('source');
    expect(passageRole({ path: 'types/reply.d.ts', kind: 'code' })).toBe('source');
    expect(passageRole({ path: 'test/internals/reply.test.js', kind: 'code' })).toBe('test');
    expect(passageRole({ path: 'src/__tests__/retry.ts', kind: 'code' })).toBe('test');
    expect(passageRole({ path: 'pkg/server_test.go', kind: 'summary' })).toBe('test');
    expect(passageRole({ path: 'docs/Reference/Reply.md', kind: 'docs' })).toBe('docs');
    expect(passageRole({ path: 'README.md', kind: 'readme' })).toBe('docs');
    expect(passageRole({ path: 'CHANGELOG.md', kind: 'code' })).toBe('docs');
    expect(passageRole({ path: 'examples/hooks.js', kind: 'code' })).toBe('docs');
    expect(passageRole({ path: 'src/locales/de/messages.json', kind: 'code' })).toBe('docs');
    expect(passageRole({ path: 'README.md', kind: 'summary' })).toBe('source');
  });
});

describe('queryIntent and roleWeights', () => {
  it('favours source code for a question about behaviour', () => {
    const weights = roleWeights(queryIntent('how does reply.send pick the content type?'));
    expect(weights.source).toBeGreaterThan(weights.test);
    expect(weights.source).toBeGreaterThan(weights.docs);
  });

  it('favours tests or documentation when the question asks for them', () => {
    const tests = roleWeights(queryIntent('which tests cover the bodyLimit option?'));
    expect(tests.test).toBeGreaterThan(tests.source);
    const docs = roleWeights(queryIntent('what does the documentation say about hooks?'));
    expect(docs.docs).toBeGreaterThan(docs.source);
    expect(queryIntent('how do I install it with yarn').docs).toBe(true);
  });

  it('keeps documentation close to code for a how-to question', () => {
    const usage = roleWeights(queryIntent('how do I add a custom log level?'));
    expect(usage.docs).toBeGreaterThan(roleWeights(queryIntent('how is a custom log level added?')).docs);
  });

  it('recognises a question about the project\'s dependencies, not about a feature called dependencies', () => {
    expect(queryIntent('which library does it depend on to compile JSON schemas?').dependencies).toBe(true);
    expect(queryIntent('what router package does fastify use under the hood?').dependencies).toBe(true);
    expect(queryIntent('how are decorator dependencies checked?').dependencies).toBe(false);
  });
});

describe('listsDependencies', () => {
  it('is the project overview listing dependencies, not a file summary', () => {
    const overview = { kind: 'summary' as const, language: null, text: '// path: README.md · project summary\nRuntime dependencies (package.json): pino' };
    expect(listsDependencies(overview)).toBe(true);
    expect(listsDependencies({ ...overview, language: 'JavaScript' })).toBe(false);
    expect(listsDependencies({ ...overview, text: '// path: README.md · project structure\nStructure: 3 files' })).toBe(false);
  });
});
