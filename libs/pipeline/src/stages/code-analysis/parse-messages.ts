import type { CodeFile, FileAnalysisOutcome } from './analyze-file.js';
import type { SourceFiles } from './read-source-file.js';

/** What the stage sends a parse worker: one file to read and analyse. */
export interface ParseRequest {
  readonly id: number;
  readonly file: CodeFile;
  readonly files: SourceFiles;
}

/** What a parse worker answers. */
export interface ParseReply extends FileAnalysisOutcome {
  readonly id: number;
}
