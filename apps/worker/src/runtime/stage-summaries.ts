import type { EventDetails, StageName, StageResults } from '@repolens/contracts';

export interface StageSummary {
  readonly message: string;
  readonly details: EventDetails;
}

const count = (value: number): string => value.toLocaleString('en-US');
const files = (value: number): string => `${count(value)} ${value === 1 ? 'file' : 'files'}`;

/** What a completed stage tells the person watching, and what is kept as its output summary. */
export function summarizeStage<TStage extends StageName>(stage: TStage, result: StageResults[TStage]): StageSummary {
  const any = result as StageResults[StageName];
  switch (stage) {
    case 'initialization': {
      const r = any as StageResults['initialization'];
      const partial = r.notes.length === 0 ? '' : ` (partial: ${r.notes.join('; ')})`;
      return {
        message: `Cloned ${r.ref} at ${r.commitSha.slice(0, 7)}: ${count(r.fileCount)} files${partial}`,
        details: { commitSha: r.commitSha, ref: r.ref, files: r.fileCount, bytes: r.sizeBytes, partial: r.notes.length > 0 },
      };
    }
    case 'metadata': {
      const r = any as StageResults['metadata'];
      return {
        message: `Found ${count(r.dependencies.length)} dependencies${r.license === null ? '' : `, license ${r.license.spdxId}`}`,
        details: { dependencies: r.dependencies.length, license: r.license?.spdxId ?? null, readmeSections: r.readme?.sections.length ?? 0 },
      };
    }
    case 'structure': {
      const r = any as StageResults['structure'];
      const top = r.languages[0]?.language;
      return {
        message: `Mapped ${count(r.totalFiles)} files in ${count(r.directories)} directories${top === undefined ? '' : `, mostly ${top}`}`,
        details: { files: r.totalFiles, bytes: r.totalBytes, directories: r.directories, languages: r.languages.length },
      };
    }
    case 'code_analysis': {
      const r = any as StageResults['code_analysis'];
      const languages = Object.keys(r.byLanguage).length;
      const inLanguages = `in ${count(languages)} ${languages === 1 ? 'language' : 'languages'}`;
      // A re-analysis says how much it reused; a first one, as ever, how much it parsed.
      const parsed =
        r.filesReused === 0
          ? `Parsed ${count(r.totals.files)} files ${inLanguages}`
          : `Parsed ${files(r.filesParsed)}, reused ${count(r.filesReused)} unchanged (${count(r.totals.files)} files ${inLanguages})`;
      return {
        message: `${parsed}: ${count(r.totals.functions)} functions, ${count(r.totals.classes)} classes, ${count(r.totals.methods)} methods; ${count(r.importGraph.edges.length)} import links`,
        details: {
          files: r.totals.files,
          filesParsed: r.filesParsed,
          filesReused: r.filesReused,
          failed: r.totals.failed,
          symbols: r.totals.symbols,
          lines: r.totals.lines,
          languages,
          importLinks: r.importGraph.edges.length,
          importCycles: r.importGraph.cycles.length,
        },
      };
    }
    case 'embedding': {
      const r = any as StageResults['embedding'];
      const reused =
        r.filesChunksReused === 0 && r.chunksReused === 0
          ? ''
          : ` (${count(r.chunksEmbedded)} embedded, ${count(r.chunksReused)} vectors reused; passages of ${files(r.filesChunksReused)} reused unchanged)`;
      return {
        message: `Indexed ${count(r.chunkCount)} passages${r.model === null ? ' (lexical search only)' : ` with ${r.model.id}`}${reused}`,
        details: {
          chunks: r.chunkCount,
          model: r.model?.id ?? null,
          dense: r.model !== null,
          chunksEmbedded: r.chunksEmbedded,
          chunksReused: r.chunksReused,
          filesChunksReused: r.filesChunksReused,
        },
      };
    }
    default:
      return { message: 'Done', details: {} };
  }
}
