-- Retention. The garbage collection removes a run's checkout and index once nothing needs them; the run
-- row, its stage executions, events and results stay (the history, and what later runs reuse). These
-- columns say when each went, so the API answers 410 for them instead of reading a directory that is gone.
ALTER TABLE runs
  ADD COLUMN checkout_removed_at timestamptz,
  ADD COLUMN index_removed_at timestamptz;
-- The runs whose files may still be on disk: all that a collection looks at.
CREATE INDEX runs_artefacts_present_idx ON runs (repository_id) WHERE checkout_removed_at IS NULL OR index_removed_at IS NULL;

-- When a cached vector was last read or written (a read touches it at most hourly, so reads rarely write);
-- vectors unused for longer than EMBEDDING_CACHE_MAX_AGE_DAYS are evicted. Rows already there count as used now.
ALTER TABLE embedding_cache ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX embedding_cache_last_used_idx ON embedding_cache (last_used_at);

-- An access token kept for a repository's re-syncs (webhook, schedule, re-analysis) at its owner's request:
-- sealed with AES-256-GCM under the deployment's token key, bound to the repository id, so a value copied
-- to another repository's row does not open. Deleted with the repository.
CREATE TABLE repository_credentials (
  repository_id uuid PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
  sealed_token text NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
