-- At most one queued or running run per repository: two simultaneous submissions of the same URL
-- share one run instead of racing to create two.
CREATE UNIQUE INDEX runs_one_active_per_repository ON runs (repository_id) WHERE status IN ('queued', 'running');
