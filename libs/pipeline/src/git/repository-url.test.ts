import { describe, expect, it } from 'vitest';
import { AppError } from '@repolens/contracts';
import { parseRepositoryUrl, repositoryUrlOptions, type ParseRepositoryUrlOptions } from './repository-url.js';

const remoteOnly = { allowLocal: false };
const withLocal = { allowLocal: true };

function codeOf(input: string, opts: ParseRepositoryUrlOptions = remoteOnly): string {
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
      host: 'github.com',
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
      host: null,
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

  it.each([
    'https://127.0.0.1/x.git',
    'https://[::1]/x.git',
    'https://[::ffff:127.0.0.1]/x.git',
    'https://169.254.169.254/latest',
    'https://2130706433/x',
    'https://0x7f000001/x',
    'https://0x7f.1/x',
    'https://0177.0.0.1/x',
    'https://10.0.0.1/x',
    'https://192.168.1.10/x',
    'https://100.64.0.1/x',
    'https://[fd00::1]/x',
    'https://0.0.0.0/x',
    'https://localhost/x',
    'https://LOCALHOST./x',
    'https://db.localhost/x',
    'https://token@127.0.0.1/x',
  ])('refuses %j, which names a forbidden address outright, with ADDRESS_NOT_ALLOWED', (input) => {
    expect(codeOf(input)).toBe('ADDRESS_NOT_ALLOWED');
  });

  it('accepts those addresses, and public literal ones, where private addresses are allowed', () => {
    expect(parseRepositoryUrl('https://127.0.0.1:8443/o/r.git', { allowLocal: false, allowPrivateAddresses: true }).host).toBe('127.0.0.1');
    expect(parseRepositoryUrl('https://localhost/o/r.git', { allowLocal: false, allowPrivateAddresses: true }).host).toBe('localhost');
    expect(parseRepositoryUrl('https://140.82.112.3/o/r.git', remoteOnly).cloneUrl).toBe('https://140.82.112.3/o/r.git');
  });

  it('never gives git the credentials of a URL, only keeps the token aside', () => {
    const parsed = parseRepositoryUrl('https://user:s3cr3t-token@github.com/o/r.git', remoteOnly);
    expect(parsed.embeddedToken).toBe('s3cr3t-token');
    const { embeddedToken: _token, ...stored } = parsed;
    expect(JSON.stringify(stored)).not.toContain('s3cr3t');
    expect(JSON.stringify(stored)).not.toContain('user@');
  });

  describe('ssh, where enabled', () => {
    const withSsh = { allowLocal: false, allowSsh: true };

    it('accepts ssh:// and scp-like addresses', () => {
      expect(parseRepositoryUrl('ssh://git@github.com:2222/octo/repo.git', withSsh)).toEqual({
        kind: 'ssh',
        cloneUrl: 'ssh://git@github.com:2222/octo/repo.git',
        host: 'github.com',
        displayUrl: 'ssh://git@github.com:2222/octo/repo',
        name: 'octo/repo',
        embeddedToken: null,
      });
      expect(parseRepositoryUrl('git@gitlab.com:group/sub/project.git', withSsh)).toEqual({
        kind: 'ssh',
        cloneUrl: 'git@gitlab.com:group/sub/project.git',
        host: 'gitlab.com',
        displayUrl: 'git@gitlab.com:group/sub/project',
        name: 'group/sub/project',
        embeddedToken: null,
      });
    });

    it.each([
      ['ssh://git@127.0.0.1/o/r.git', 'ADDRESS_NOT_ALLOWED'],
      ['git@localhost:o/r.git', 'ADDRESS_NOT_ALLOWED'],
      ['ssh://git@2130706433/o/r.git', 'ADDRESS_NOT_ALLOWED'],
      ['ssh://git:password@github.com/o/r.git', 'INVALID_REPOSITORY_URL'],
      ['ssh://-oProxyCommand=touch%20pwned@github.com/o/r.git', 'INVALID_REPOSITORY_URL'],
      ['ssh://github.com', 'INVALID_REPOSITORY_URL'],
      ['git@github.com:-o/r.git', 'INVALID_REPOSITORY_URL'],
      ['git+ssh://github.com/o/r.git', 'UNSUPPORTED_URL_SCHEME'],
    ])('refuses %j with %s', (input, code) => {
      expect(codeOf(input, withSsh)).toBe(code);
    });

    it('refuses ssh addresses unless enabled', () => {
      expect(codeOf('ssh://git@github.com/o/r.git')).toBe('UNSUPPORTED_URL_SCHEME');
      expect(codeOf('git@github.com:o/r.git')).toBe('UNSUPPORTED_URL_SCHEME');
    });
  });

  it('derives the options from the settings of a deployment', () => {
    expect(repositoryUrlOptions({ allowLocalRepositories: true, network: { allowSsh: false, allowPrivateAddresses: true } })).toEqual({
      allowLocal: true,
      allowSsh: false,
      allowPrivateAddresses: true,
    });
  });
});
