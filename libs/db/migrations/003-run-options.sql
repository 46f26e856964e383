-- What the submitter asked for beyond URL and ref (e.g. partial analysis over limits).
ALTER TABLE runs ADD COLUMN allow_partial boolean NOT NULL DEFAULT false;
