import { ImportGraphSchema, STAGE_RESULT_SCHEMAS, type ImportGraph, type StageName, type StageResults } from '@repolens/contracts';
import type { Pool } from 'pg';

/** Each stage's full result, per run; read back by later stages and by the API. */
export class StageResultsRepo {
  constructor(private readonly pool: Pool) {}

  async save<TStage extends StageName>(runId: string, stage: TStage, result: StageResults[TStage]): Promise<void> {
    await this.pool.query(
      `INSERT INTO stage_results (run_id, stage, result) VALUES ($1, $2, $3)
       ON CONFLICT (run_id, stage) DO UPDATE SET result = EXCLUDED.result, created_at = now()`,
      [runId, stage, JSON.stringify(result)],
    );
  }

  async load<TStage extends StageName>(runId: string, stage: TStage): Promise<StageResults[TStage] | null> {
    const { rows } = await this.pool.query<{ result: unknown }>(
      'SELECT result FROM stage_results WHERE run_id = $1 AND stage = $2',
      [runId, stage],
    );
    if (rows[0] === undefined) return null;
    return STAGE_RESULT_SCHEMAS[stage].parse(rows[0].result) as StageResults[TStage];
  }

  async loadAll(runId: string, stages: readonly StageName[]): Promise<Partial<StageResults>> {
    const { rows } = await this.pool.query<{ stage: StageName; result: unknown }>(
      'SELECT stage, result FROM stage_results WHERE run_id = $1 AND stage = ANY($2::text[])',
      [runId, [...stages]],
    );
    const results: Partial<Record<StageName, unknown>> = {};
    for (const row of rows) results[row.stage] = STAGE_RESULT_SCHEMAS[row.stage].parse(row.result);
    return results as Partial<StageResults>;
  }

  /** Just the import graph of a run's code analysis, without its per-file details. */
  async loadImportGraph(runId: string): Promise<ImportGraph | null> {
    const { rows } = await this.pool.query<{ graph: unknown }>(
      "SELECT result->'importGraph' AS graph FROM stage_results WHERE run_id = $1 AND stage = 'code_analysis'",
      [runId],
    );
    return rows[0]?.graph == null ? null : ImportGraphSchema.parse(rows[0].graph);
  }
}
