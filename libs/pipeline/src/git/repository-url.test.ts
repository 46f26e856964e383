import { describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { parseRepositoryUrl } from './repository-url.js';

const remoteOnly = { allowLocal: false };
const withLocal = { allowLocal: true };

function codeOf(input: string, opts = remoteOnly): string {
  try {
    parseRepositoryUrl(input, opts);
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'accepted';
}

describe('parseRepositoryUrl', () => {
  it('accepts an https URL and names it owner/repo', () => {
    expect(parseRepositoryUrl('  https://github.com/octo/hello-world.git  ', remoteOnly)).toEqual({
      kind: 'https',
      cloneUrl: 'https://github.com/octo/hello-world.git',
      displayUrl: 'https://github.com/octo/hello-world',
      name: 'octo/hello-world',
      embeddedToken: null,
    });
  });

  it('drops query, fragment and trailing slashes and keeps nested groups', () => {
    const parsed = parseRepositoryUrl('https://GitLab.com/group/sub/project/?tab=readme#top', remoteOnly);
    expect(parsed.cloneUrl).toBe('https://gitlab.com/group/sub/project');
    expect(parsed.name).toBe('group/sub/project');
  });

  it('takes a token out of the URL', () => {
    const withPassword = parseRepositoryUrl('https://x-access-token:ghp_secret123@github.com/o/r', remoteOnly);
    expect(withPassword.embeddedToken).toBe('ghp_secret123');
    expect(withPassword.cloneUrl).toBe('https://github.com/o/r');
    expect(JSON.stringify(withPassword).match(/ghp_secret123/g)).toHaveLength(1);

    const tokenAsUser = parseRepositoryUrl('https://ghp_other@github.com/o/r.git', remoteOnly);
    expect(tokenAsUser.embeddedToken).toBe('ghp_other');
    expect(tokenAsUser.cloneUrl).toBe('https://github.com/o/r.git');
  });

  it.each([
    ['http://github.com/o/r', 'UNSUPPORTED_URL_SCHEME'],
    ['ssh://git@github.com/o/r.git', 'UNSUPPORTED_URL_SCHEME'],
    ['git://github.com/o/r.git', 'UNSUPPORTED_URL_SCHEME'],
    ['git@github.com:o/r.git', 'UNSUPPORTED_URL_SCHEME'],
    ['ext::sh -c touch% pwned', 'INVALID_REPOSITORY_URL'],
    ['ext::true', 'UNSUPPORTED_URL_SCHEME'],
    ['ftp://example.com/r', 'UNSUPPORTED_URL_SCHEME'],
    ['', 'INVALID_REPOSITORY_URL'],
    ['not a url', 'INVALID_REPOSITORY_URL'],
    ['--upload-pack=touch pwned', 'INVALID_REPOSITORY_URL'],
    ['-u', 'INVALID_REPOSITORY_URL'],
    ['https://github.com', 'INVALID_REPOSITORY_URL'],
    ['https://', 'INVALID_REPOSITORY_URL'],
    ['github.com/o/r', 'INVALID_REPOSITORY_URL'],
    ['./relative/repo', 'INVALID_REPOSITORY_URL'],
    ['../up', 'INVALID_REPOSITORY_URL'],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('suggests the https form for a URL typed without a scheme', () => {
    expect(() => parseRepositoryUrl('github.com/o/r', remoteOnly)).toThrow(/https:\/\/github.com\/o\/r/);
  });

  it('explains that relative paths are refused', () => {
    expect(() => parseRepositoryUrl('some/dir', withLocal)).toThrow(/Relative paths are not accepted/);
  });

  it('accepts local repositories only when enabled', () => {
    expect(codeOf('/srv/repos/app.git')).toBe('LOCAL_REPOSITORIES_DISABLED');
    expect(codeOf('file:///srv/repos/app.git')).toBe('LOCAL_REPOSITORIES_DISABLED');

    expect(parseRepositoryUrl('/srv/repos/../repos/app.git', withLocal)).toEqual({
      kind: 'local',
      cloneUrl: 'file:///srv/repos/app.git',
      displayUrl: '/srv/repos/app.git',
      name: 'app',
      embeddedToken: null,
    });
    expect(parseRepositoryUrl('file:///srv/my%20repo', withLocal)).toMatchObject({
      kind: 'local',
      cloneUrl: 'file:///srv/my%20repo',
      displayUrl: '/srv/my repo',
      name: 'my repo',
    });
  });

  it('refuses file URLs naming another host', () => {
    expect(codeOf('file://server/share/repo', withLocal)).toBe('INVALID_REPOSITORY_URL');
  });
});
