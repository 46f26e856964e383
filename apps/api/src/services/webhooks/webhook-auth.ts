import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, type WebhookProvider } from '@repolens/contracts';

const GITHUB_SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * GitHub signs the raw body with HMAC-SHA256 under the hook's secret (`X-Hub-Signature-256: sha256=<hex>`).
 * Compared in constant time, so the answer's timing tells a forger nothing.
 */
export function isValidGithubSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  const hex = header === undefined ? undefined : GITHUB_SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/**
 * GitLab sends the hook's secret token as is (`X-Gitlab-Token`). Both sides are hashed first, so the
 * constant-time comparison also hides the token's length.
 */
export function isValidGitlabToken(expected: string, header: string | undefined): boolean {
  if (header === undefined || header === '') return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(header));
}

const PROVIDER_SETTINGS = {
  github: { label: 'GitHub', variable: 'GITHUB_WEBHOOK_SECRET', proof: 'X-Hub-Signature-256 signature' },
  gitlab: { label: 'GitLab', variable: 'GITLAB_WEBHOOK_TOKEN', proof: 'X-Gitlab-Token' },
} as const satisfies Record<WebhookProvider, { label: string; variable: string; proof: string }>;

/** Refuses a delivery whose signature or token does not prove it comes from the configured hook. */
export function authenticateDelivery(
  provider: WebhookProvider,
  secret: string | null,
  rawBody: Buffer,
  headers: { signature?: string | undefined; token?: string | undefined },
): void {
  const settings = PROVIDER_SETTINGS[provider];
  if (secret === null) {
    throw new AppError('WEBHOOK_UNAUTHORIZED', `${settings.label} webhooks are not enabled on this server (set ${settings.variable} or WEBHOOK_SECRET).`);
  }
  const valid = provider === 'github' ? isValidGithubSignature(secret, rawBody, headers.signature) : isValidGitlabToken(secret, headers.token);
  if (!valid) throw new AppError('WEBHOOK_UNAUTHORIZED', `The ${settings.proof} is missing or does not match this server's secret.`);
}
