/**
 * Where each line of a source text starts, so string offsets become rows in JavaScript instead of by
 * asking the syntax tree (every node property read is a call into the native binding).
 */
export class SourceLines {
  readonly source: string;
  /** Offset of the first character of each row; one more entry when the text ends with a newline. */
  readonly #starts: number[];

  constructor(source: string) {
    this.source = source;
    const starts = [0];
    for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
    this.#starts = starts;
  }

  /** Lines as an editor numbers them: a final newline ends the last line rather than starting one. */
  get count(): number {
    const starts = this.#starts.length;
    if (this.source.length === 0) return 0;
    return this.#starts[starts - 1] === this.source.length ? starts - 1 : starts;
  }

  /** 0-based row of a string offset. */
  rowOf(offset: number): number {
    const starts = this.#starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Offset where a row starts. */
  start(row: number): number {
    return this.#starts[row] ?? this.source.length;
  }

  /** Offset just past a row's last character, before its line break. */
  end(row: number): number {
    const next = this.#starts[row + 1];
    if (next === undefined) return this.source.length;
    return next >= 2 && this.source.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** A row's text without its line break. */
  text(row: number): string {
    return this.source.slice(this.start(row), this.end(row));
  }
}

/** Whether `source[from, to)` holds anything but whitespace. */
export function hasNonSpace(source: string, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) {
    const code = source.charCodeAt(index);
    // Space, tab, CR, LF, VT, FF, no-break space and the byte order mark count as whitespace.
    if (code > 32 && code !== 0xa0 && code !== 0xfeff) return true;
  }
  return false;
}
