const SNIFF_BYTES = 8000;
/** Above this share of control characters a file is data, not text. */
const MAX_CONTROL_RATIO = 0.1;

/** Byte order marks of UTF-16 and UTF-32 text, whose bytes include NULs by design. */
export function hasWideByteOrderMark(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff);
}

/**
 * Whether the start of a file is binary: git's test (a NUL among the first 8000 bytes) plus a share of
 * control characters no text has. UTF-16 and UTF-32 files with a byte order mark are text.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (hasWideByteOrderMark(bytes)) return false;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) return true;
  let control = 0;
  for (const byte of sample) if (isControl(byte)) control += 1;
  return sample.length > 0 && control / sample.length > MAX_CONTROL_RATIO;
}

// Tab, line feed, vertical tab, form feed, carriage return and escape (ANSI colours) occur in text.
function isControl(byte: number): boolean {
  return (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1b) || byte === 0x7f;
}
