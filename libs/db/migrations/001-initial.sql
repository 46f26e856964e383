-- Repositories, their runs (a flow-run history), stage executions (a task-execution history),
-- the ordered event feed of every run, each stage's results, and conversations.

CREATE TABLE repositories (
  id uuid PRIMARY KEY,
  url text NOT NULL,
  name text NOT NULL,
  ref text,
  latest_run_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX repositories_url_ref_key ON repositories (url, (coalesce(ref, '')));

CREATE TABLE runs (
  id uuid PRIMARY KEY,
  repository_id uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out')),
  trigger text NOT NULL CHECK (trigger IN ('interactive', 'reanalyze', 'webhook', 'schedule')),
  ref text,
  commit_sha text,
  current_stage text,
  overall_progress real NOT NULL DEFAULT 0,
  -- The last sequence number handed out to this run's events; bumped atomically with each insert.
  last_seq integer NOT NULL DEFAULT 0,
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX runs_repository_created_idx ON runs (repository_id, created_at DESC);
CREATE INDEX runs_status_idx ON runs (status, created_at DESC);

ALTER TABLE repositories
  ADD CONSTRAINT repositories_latest_run_fk FOREIGN KEY (latest_run_id) REFERENCES runs (id) ON DELETE SET NULL;

CREATE TABLE stage_executions (
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  stage text NOT NULL,
  position smallint NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0,
  progress real NOT NULL DEFAULT 0,
  message text,
  started_at timestamptz,
  finished_at timestamptz,
  duration_ms integer,
  error_code text,
  error_message text,
  output_summary jsonb,
  PRIMARY KEY (run_id, stage)
);
CREATE INDEX stage_executions_failed_idx ON stage_executions (stage, error_code) WHERE status = 'failed';

CREATE TABLE run_events (
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  message jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE stage_results (
  run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  stage text NOT NULL,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stage)
);

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  repository_id uuid NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  content text NOT NULL,
  citations jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, id);
