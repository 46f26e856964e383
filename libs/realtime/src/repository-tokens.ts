import type { RepositoryCredentialsRepo } from '@repolens/db';
import type { TokenCipher } from './token-cipher.js';

/** Bound into each sealed value, so a token copied to another repository's row (or a run's key) does not open. */
const contextOf = (repositoryId: string): string => `repository:${repositoryId}`;

/**
 * Access tokens a repository's owner asked RepoLens to keep for re-syncs (pushes, schedules, re-analyses):
 * sealed with AES-256-GCM before they reach Postgres, opened only by the processes that clone.
 */
export class RepositoryTokens {
  constructor(
    private readonly repo: RepositoryCredentialsRepo,
    private readonly cipher: TokenCipher,
  ) {}

  /** Keeps `token` for the repository, replacing any kept before; returns when it was stored. */
  async remember(repositoryId: string, token: string): Promise<Date> {
    return this.repo.put(repositoryId, this.cipher.encrypt(token, contextOf(repositoryId)));
  }

  /** The kept token; null when none is kept, or it no longer opens (another key, or altered). */
  async get(repositoryId: string): Promise<string | null> {
    const stored = await this.repo.get(repositoryId);
    return stored === null ? null : this.cipher.decrypt(stored.sealed, contextOf(repositoryId));
  }

  async storedAt(repositoryId: string): Promise<Date | null> {
    return this.repo.storedAt(repositoryId);
  }

  async forget(repositoryId: string): Promise<boolean> {
    return this.repo.remove(repositoryId);
  }
}
