import { z } from 'zod';

/**
 * `PUT /api/repositories/:id/credentials`: an access token kept for the repository's re-syncs (webhook,
 * schedule and re-analysis runs that bring no token of their own). Checked against the host before it is
 * kept; stored encrypted, never logged or returned.
 */
export const RepositoryCredentialsBodySchema = z.object({
  accessToken: z.string().min(1).max(4096),
});
export type RepositoryCredentialsBody = z.infer<typeof RepositoryCredentialsBodySchema>;

/** Whether a token is kept, and since when; the token itself never leaves the server. */
export const RepositoryCredentialsViewSchema = z.object({
  repositoryId: z.uuid(),
  hasStoredToken: z.boolean(),
  /** When the kept token was stored; null without one. */
  storedAt: z.string().nullable(),
});
export type RepositoryCredentialsView = z.infer<typeof RepositoryCredentialsViewSchema>;
