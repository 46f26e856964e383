import { describe, expect, it } from 'vitest';
import { resolveRepositoryPath } from './repository-path.js';

describe('links in a README', () => {
  it('resolve against the README’s directory and stay inside the repository', () => {
    expect(resolveRepositoryPath('README.md', 'docs/setup.md#install')).toBe('docs/setup.md');
    expect(resolveRepositoryPath('docs/README.md', '../LICENSE')).toBe('LICENSE');
    expect(resolveRepositoryPath('docs/README.md', '/src/index.ts')).toBe('src/index.ts');
    expect(resolveRepositoryPath('README.md', 'docs/odd%20name.md')).toBe('docs/odd name.md');
    expect(resolveRepositoryPath('README.md', '../../etc/passwd')).toBeNull();
    expect(resolveRepositoryPath('README.md', '#usage')).toBeNull();
  });
});
