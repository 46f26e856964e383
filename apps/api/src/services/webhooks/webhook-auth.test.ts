import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authenticateDelivery, isValidGithubSignature, isValidGitlabToken } from './webhook-auth.js';

const secret = "It's a Secret to Everybody";
const body = Buffer.from('Hello, World!');
const sign = (key: string, payload: Buffer): string => `sha256=${createHmac('sha256', key).update(payload).digest('hex')}`;

describe('GitHub signatures', () => {
  it("accepts GitHub's documented example signature", () => {
    // The test vector of GitHub's "Validating webhook deliveries" guide.
    expect(isValidGithubSignature(secret, body, 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17')).toBe(true);
  });

  it('refuses a signature made with another secret, over another body, or malformed', () => {
    expect(isValidGithubSignature(secret, body, sign('another secret', body))).toBe(false);
    expect(isValidGithubSignature(secret, body, sign(secret, Buffer.from('Hello, World?')))).toBe(false);
    expect(isValidGithubSignature(secret, body, undefined)).toBe(false);
    expect(isValidGithubSignature(secret, body, 'sha1=0123')).toBe(false);
    expect(isValidGithubSignature(secret, body, sign(secret, body).slice(0, -2))).toBe(false);
  });
});

describe('GitLab tokens', () => {
  it('accepts the configured token only', () => {
    expect(isValidGitlabToken(secret, secret)).toBe(true);
    expect(isValidGitlabToken(secret, `${secret} `)).toBe(false);
    expect(isValidGitlabToken(secret, 'short')).toBe(false);
    expect(isValidGitlabToken(secret, undefined)).toBe(false);
  });
});

describe('authenticating a delivery', () => {
  it('refuses every delivery of a host with no secret configured, naming the variable to set', () => {
    expect(() => authenticateDelivery('gitlab', null, body, { token: secret })).toThrow(/GITLAB_WEBHOOK_TOKEN/);
  });

  it('refuses a forged delivery with WEBHOOK_UNAUTHORIZED', () => {
    expect(() => authenticateDelivery('github', secret, body, { signature: sign('guess', body) })).toThrow(
      expect.objectContaining({ code: 'WEBHOOK_UNAUTHORIZED' }),
    );
    expect(() => authenticateDelivery('github', secret, body, { signature: sign(secret, body) })).not.toThrow();
  });
});
