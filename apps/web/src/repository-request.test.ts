import { describe, expect, it } from 'vitest';
import { CreateRepositoryBodySchema } from '@repolens/contracts';
import { canRememberToken, createRepositoryBody, type RepositoryFormValues } from './repository-request.js';

const EMPTY: RepositoryFormValues = { url: '', ref: '', accessToken: '', rememberToken: false, allowPartial: false };

describe('the keep-token box', () => {
  it('is disabled until a token is typed', () => {
    expect(canRememberToken('')).toBe(false);
    expect(canRememberToken('   ')).toBe(false);
    expect(canRememberToken('ghp_secret')).toBe(true);
  });
});

describe('createRepositoryBody', () => {
  it('sends only the URL when nothing else is filled in', () => {
    expect(createRepositoryBody({ ...EMPTY, url: '  https://github.com/acme/tool  ' })).toEqual({ url: 'https://github.com/acme/tool' });
  });

  it('sends the token without asking to keep it unless the box is ticked', () => {
    const body = createRepositoryBody({ ...EMPTY, url: 'https://github.com/acme/tool', accessToken: 'ghp_secret' });
    expect(body).toEqual({ url: 'https://github.com/acme/tool', accessToken: 'ghp_secret' });
  });

  it('asks to keep the token when the box is ticked', () => {
    const body = createRepositoryBody({ ...EMPTY, url: 'https://github.com/acme/tool', ref: 'v2', accessToken: ' ghp_secret\n', rememberToken: true, allowPartial: true });
    expect(body).toEqual({ url: 'https://github.com/acme/tool', ref: 'v2', accessToken: 'ghp_secret', rememberToken: true, allowPartial: true });
    expect(CreateRepositoryBodySchema.safeParse(body).success).toBe(true);
  });

  it('never asks to keep a token that is not there, even if the box was ticked before the token was cleared', () => {
    const body = createRepositoryBody({ ...EMPTY, url: 'https://github.com/acme/tool', accessToken: '  ', rememberToken: true });
    expect(body).toEqual({ url: 'https://github.com/acme/tool' });
  });
});
