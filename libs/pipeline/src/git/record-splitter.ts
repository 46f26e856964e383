/** Longest record (a line of git's stderr, an entry of `-z` output) kept; the rest of a longer one is dropped. */
export const MAX_RECORD_CHARS = 8 * 1024;

export interface RecordSplitter {
  /** Reads a chunk of the stream; false once `onRecord` asked to stop. */
  push(chunk: string): boolean;
  /** Passes on the text after the last separator, if any. */
  end(): void;
}

/**
 * Cuts streamed text into records at any of `separators`, as the chunks arrive. A record longer than
 * `maxChars` is passed on cut to its first `maxChars` characters, so one endless line from a hostile
 * server costs neither memory nor (by joining chunk after chunk) quadratic time. `onRecord` returns false
 * to stop reading.
 */
export function createRecordSplitter(
  separators: string,
  onRecord: (record: string) => boolean | void,
  maxChars = MAX_RECORD_CHARS,
): RecordSplitter {
  const separator = new RegExp(`[${separators}]`, 'g');
  let pending = '';
  const keep = (text: string): void => {
    if (pending.length < maxChars) pending += text.slice(0, maxChars - pending.length);
  };
  return {
    push(chunk) {
      separator.lastIndex = 0;
      let start = 0;
      for (let match = separator.exec(chunk); match !== null; match = separator.exec(chunk)) {
        keep(chunk.slice(start, match.index));
        start = match.index + 1;
        const record = pending;
        pending = '';
        if (onRecord(record) === false) return false;
      }
      keep(chunk.slice(start));
      return true;
    },
    end() {
      if (pending === '') return;
      const record = pending;
      pending = '';
      onRecord(record);
    },
  };
}
