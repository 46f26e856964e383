-- Rebuilds of an index asked for because the configured embedding model is not the one it was built
-- with: at most one per repository, commit and model, however many API processes notice the change.
CREATE TABLE index_rebuilds (
  repository_id uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  commit_sha text NOT NULL,
  model_id text NOT NULL,
  dimension integer NOT NULL,
  -- The run that rebuilds it; null when a run already in progress will build it with the new model.
  run_id uuid REFERENCES runs (id) ON DELETE SET NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository_id, commit_sha, model_id, dimension)
);
