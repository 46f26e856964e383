import { createRecordSplitter } from './record-splitter.js';

/** One progress line of git's stderr, e.g. `Receiving objects:  45% (450/1000), 1.2 MiB | 3 MiB/s`. */
export interface GitProgress {
  /** The phase, lower case: `receiving objects`, `resolving deltas`, `remote: counting objects`, ... */
  readonly stage: string;
  /** 0–100 within the phase. */
  readonly progress: number;
  readonly processed: number;
  readonly total: number;
}

// Every git phase title has two words or more (`Receiving objects`), which keeps `fatal: 100% ...` out.
const PROGRESS_LINE = /^((?:remote:\s*)?[A-Za-z]+ [A-Za-z ]*?):\s+(\d{1,3})% \((\d+)\/(\d+)\)/;

/**
 * Reads git's `--progress` output as it streams. Git redraws a line with `\r` and chunks do not follow
 * line ends, so text is buffered up to each line end before it is parsed; a line over the record limit is
 * cut (see record-splitter.ts), so a server that never ends a line cannot grow the buffer.
 */
export function createProgressParser(onProgress: (progress: GitProgress) => void): (chunk: Buffer | string) => void {
  const lines = createRecordSplitter('\r\n', (line) => {
    const match = PROGRESS_LINE.exec(line.trim());
    if (match === null) return;
    const [, stage = '', percent = '0', processed = '0', total = '0'] = match;
    onProgress({
      stage: stage.toLowerCase().replace(/\s+/g, ' '),
      progress: Math.min(100, Number(percent)),
      processed: Number(processed),
      total: Number(total),
    });
  });
  return (chunk) => {
    lines.push(chunk.toString());
  };
}
