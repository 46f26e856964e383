-- Keeping indexes current. Pushes name a repository by whatever URL the Git host gives; this is the
-- form both sides are compared in (case-folded, no `.git`, no trailing slash), so a repository submitted
-- as `https://github.com/Owner/Repo.git` matches a push from `https://github.com/owner/repo`.
CREATE FUNCTION repository_url_key(url text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(regexp_replace(url, '(\.git)?/*$', '', 'i')) $$;
CREATE INDEX repositories_url_key_idx ON repositories (repository_url_key(url));

-- A cron re-sync per repository. This row is the truth; the BullMQ job scheduler is made from it (and
-- removed while paused), so a paused schedule keeps its expression.
CREATE TABLE repository_schedules (
  repository_id uuid PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
  cron text NOT NULL,
  timezone text,
  paused boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
