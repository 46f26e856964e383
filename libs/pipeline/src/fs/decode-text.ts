import chardet from 'chardet';
import iconv from 'iconv-lite';
import { looksBinary } from './binary-content.js';

export type DecodedText = { readonly text: string; readonly encoding: string } | { readonly skipped: string };

/** chardet reads this much; encodings show early and the whole of a large file would cost time. */
const DETECTION_SAMPLE_BYTES = 64 * 1024;
/** chardet's confidence (0–100) below which its guess is noise: random bytes score 2 to 5. */
const MIN_CONFIDENCE = 10;
/** A decoding that needs replacement characters for more than this share of its text is wrong. */
const MAX_REPLACEMENT_RATIO = 0.005;

/**
 * Text from a file's bytes: UTF-8 (a byte order mark dropped), UTF-16 and UTF-32 with a byte order
 * mark, otherwise the encoding chardet recognises (ISO-8859-*, windows-125x, Shift_JIS …), decoded with
 * iconv-lite. Binary content and text no encoding explains come back as `skipped` with the reason.
 */
export function decodeText(bytes: Buffer): DecodedText {
  const marked = decodeByByteOrderMark(bytes);
  if (marked !== null) return marked;
  if (looksBinary(bytes)) return { skipped: 'binary file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: find out what it is
  }

  const [guess] = chardet.analyse(bytes.subarray(0, DETECTION_SAMPLE_BYTES));
  if (guess === undefined || guess.confidence < MIN_CONFIDENCE || guess.name.startsWith('UTF')) {
    return { skipped: 'text encoding could not be recognised' };
  }
  if (!iconv.encodingExists(guess.name)) return { skipped: `text encoding ${guess.name} cannot be decoded` };
  const text = iconv.decode(bytes, guess.name);
  let replacements = 0;
  for (const char of text) if (char === '\uFFFD') replacements += 1;
  if (replacements > Math.max(1, text.length * MAX_REPLACEMENT_RATIO)) {
    return { skipped: `text encoding could not be recognised (the likeliest, ${guess.name}, does not fit)` };
  }
  return { text, encoding: guess.name.toLowerCase() };
}

function decodeByByteOrderMark(bytes: Buffer): DecodedText | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return strictDecode(bytes.subarray(3), 'utf-8');
  // UTF-32 first: its little-endian mark begins like UTF-16's.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { text: iconv.decode(bytes, 'utf-32le'), encoding: 'utf-32le' };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { text: iconv.decode(bytes, 'utf-32be'), encoding: 'utf-32be' };
  if (b0 === 0xff && b1 === 0xfe) return strictDecode(bytes.subarray(2), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return strictDecode(bytes.subarray(2), 'utf-16be');
  return null;
}

function strictDecode(bytes: Buffer, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): DecodedText {
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), encoding };
  } catch {
    return { skipped: `text is marked as ${encoding.toUpperCase()} but is not valid ${encoding.toUpperCase()}` };
  }
}
