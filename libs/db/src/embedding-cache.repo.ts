import type { Pool } from 'pg';

/** Which model a vector belongs to; vectors of different models or sizes are never mixed. */
export interface VectorModel {
  readonly modelId: string;
  readonly dimension: number;
}

/** Rows read or written per statement, so one statement's parameters stay a few megabytes. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * A read marks a row used only when its mark is older than this: eviction works in days, and most reads
 * (a re-analysis soon after the last one) then write nothing.
 */
const TOUCH_AFTER = '1 hour';

/** Rows deleted per statement when evicting, so no statement holds many locks for long. */
const EVICTIONS_PER_STATEMENT = 5_000;

/** What the cache keeps: rows used within `maxAgeDays`, and at most `maxRows` of them (null: no cap). */
export interface CacheEvictionPolicy {
  readonly maxAgeDays: number;
  readonly maxRows: number | null;
}

/**
 * The embedding cache in Postgres, shared by every worker of a deployment: vectors by model and the
 * SHA-256 (hex) of the text they were computed from. Vectors are stored as little-endian float32.
 */
export class EmbeddingCacheRepo {
  constructor(private readonly pool: Pool) {}

  /**
   * The stored vectors among `hashes` (hex); hashes with none are absent from the map. The rows read are
   * marked used in the same statement (see TOUCH_AFTER); rows another statement is marking are skipped
   * rather than waited for, so concurrent readers never block or deadlock each other.
   */
  async get(model: VectorModel, hashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    for (let start = 0; start < hashes.length; start += ROWS_PER_STATEMENT) {
      const { rows } = await this.pool.query<{ hash: string; vector: Buffer }>(
        `WITH wanted AS (SELECT decode(h, 'hex') AS content_hash FROM unnest($3::text[]) AS h),
         stale AS (
           SELECT ctid FROM embedding_cache
           WHERE model_id = $1 AND dimension = $2 AND content_hash IN (SELECT content_hash FROM wanted)
             AND last_used_at < now() - interval '${TOUCH_AFTER}'
           FOR UPDATE SKIP LOCKED
         ),
         touched AS (UPDATE embedding_cache SET last_used_at = now() WHERE ctid IN (SELECT ctid FROM stale))
         SELECT encode(content_hash, 'hex') AS hash, vector FROM embedding_cache
         WHERE model_id = $1 AND dimension = $2 AND content_hash IN (SELECT content_hash FROM wanted)`,
        [model.modelId, model.dimension, hashes.slice(start, start + ROWS_PER_STATEMENT)],
      );
      for (const row of rows) found.set(row.hash, readVector(row.vector, model.dimension));
    }
    return found;
  }

  /** Stores vectors; a hash already stored for the model keeps its vector. */
  async put(model: VectorModel, entries: ReadonlyArray<{ readonly hash: string; readonly vector: Float32Array }>): Promise<void> {
    for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
      const batch = entries.slice(start, start + ROWS_PER_STATEMENT);
      if (batch.some((entry) => entry.vector.length !== model.dimension)) throw new Error(`a vector for ${model.modelId} is not ${model.dimension} long`);
      await this.pool.query(
        `INSERT INTO embedding_cache (model_id, dimension, content_hash, vector)
         SELECT $1, $2, decode(h, 'hex'), v FROM unnest($3::text[], $4::bytea[]) AS t(h, v)
         ON CONFLICT DO NOTHING`,
        [model.modelId, model.dimension, batch.map((entry) => entry.hash), batch.map((entry) => writeVector(entry.vector))],
      );
    }
  }

  /**
   * Deletes rows unused for longer than the policy allows, then the least recently used ones beyond its
   * row cap; in batches, skipping rows a reader is marking at that moment. Returns how many went.
   */
  async evict(policy: CacheEvictionPolicy): Promise<number> {
    let evicted = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM embedding_cache WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM embedding_cache WHERE last_used_at < now() - make_interval(days => $1::int)
           LIMIT $2 FOR UPDATE SKIP LOCKED))`,
        [policy.maxAgeDays, EVICTIONS_PER_STATEMENT],
      );
      evicted += rowCount ?? 0;
      if ((rowCount ?? 0) < EVICTIONS_PER_STATEMENT) break;
    }
    if (policy.maxRows === null) return evicted;
    const { rows } = await this.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM embedding_cache');
    let excess = (rows[0]?.count ?? 0) - policy.maxRows;
    while (excess > 0) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM embedding_cache WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM embedding_cache ORDER BY last_used_at LIMIT $1 FOR UPDATE SKIP LOCKED))`,
        [Math.min(excess, EVICTIONS_PER_STATEMENT)],
      );
      if ((rowCount ?? 0) === 0) break;
      evicted += rowCount ?? 0;
      excess -= rowCount ?? 0;
    }
    return evicted;
  }

  /** How many vectors are stored for a model (for operations and tests). */
  async count(model: VectorModel): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM embedding_cache WHERE model_id = $1 AND dimension = $2',
      [model.modelId, model.dimension],
    );
    return rows[0]?.count ?? 0;
  }
}

function writeVector(vector: Float32Array): Buffer {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes;
}

function readVector(bytes: Buffer, dimension: number): Float32Array {
  const vector = new Float32Array(dimension);
  for (let index = 0; index < dimension; index += 1) vector[index] = bytes.readFloatLE(index * 4);
  return vector;
}
