-- Vectors by the content they were computed from, per model and dimension: an unchanged chunk is
-- embedded once, whichever run, repository or worker meets it again. `content_hash` is SHA-256 of the
-- text as embedded; `vector` holds `dimension` little-endian float32 values.
CREATE TABLE embedding_cache (
  model_id text NOT NULL,
  dimension integer NOT NULL CHECK (dimension > 0),
  content_hash bytea NOT NULL,
  vector bytea NOT NULL CHECK (octet_length(vector) = dimension * 4),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, dimension, content_hash)
);
