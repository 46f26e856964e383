import type { Chunk } from '@repolens/contracts';

/** A chunk before the chunker numbers it. */
export type ChunkDraft = Omit<Chunk, 'id'>;

/** Minified or generated lines are cut so one chunk cannot hold megabytes. */
export const MAX_LINE_CHARS = 1_000;

/** The first line of every chunk's text: its path and what it is, so both are searchable and embedded. */
export function headerLine(path: string, label: string): string {
  return `// path: ${path} · ${label}`;
}

/** A chunk's text: its header line, then its lines (each cut at MAX_LINE_CHARS). */
export function chunkText(path: string, label: string, lines: readonly string[]): string {
  return [headerLine(path, label), ...lines.map(clipLine)].join('\n');
}

export function clipLine(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
}

/** Lines as editors number them; a final newline does not start another line. */
export function splitLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
