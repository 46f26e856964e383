// transformers.js's BertNormalizer (in @huggingface/tokenizers) walks the text one character at a
// time and tests each with a regular expression; these whole-string expressions give the same text
// in a fraction of the time.

export interface BertNormalizerConfig {
  readonly clean_text?: boolean | undefined;
  readonly handle_chinese_chars?: boolean | undefined;
  readonly strip_accents?: boolean | null | undefined;
  readonly lowercase?: boolean | undefined;
}

/**
 * Removed by clean_text: NUL, U+FFFD and control, format, private-use and surrogate code points,
 * except tab, newline and carriage return (which become spaces with the rest of the whitespace).
 */
const REMOVED_CHARACTERS = /[\0\uFFFD]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
/** JavaScript's `\s`, tested per UTF-16 unit as the original does. */
const WHITESPACE = /\s/g;
/**
 * CJK ideographs get spaces around them. The original compares UTF-16 code units with its ranges,
 * so only the Basic Multilingual Plane ranges can ever match; so it is here.
 */
const CJK_IDEOGRAPHS = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/g;
const NONSPACING_MARKS = /\p{Mn}/gu;
/** Printable ASCII with tab, newline and carriage return: the common case, where most steps change nothing. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7E]*$/;

/** The normalising function BertNormalizer applies for this configuration. */
export function createBertNormalizer(config: BertNormalizerConfig): (text: string) => string {
  const cleanText = config.clean_text === true;
  const handleChineseChars = config.handle_chinese_chars === true;
  const lowercase = config.lowercase === true;
  // Accents are stripped when lowercasing unless strip_accents is explicitly false, or when asked to.
  const stripAccents = lowercase ? config.strip_accents !== false : config.strip_accents === true;

  return (input) => {
    let text = input;
    if (PLAIN_ASCII.test(text)) {
      // No control, CJK or non-ASCII character: only the whitespace and the case can change.
      if (cleanText) text = text.replace(WHITESPACE, ' ');
      return lowercase ? text.toLowerCase() : text;
    }
    if (cleanText) text = text.replace(REMOVED_CHARACTERS, '').replace(WHITESPACE, ' ');
    if (handleChineseChars) text = text.replace(CJK_IDEOGRAPHS, ' $& ');
    if (lowercase) text = text.toLowerCase();
    if (stripAccents) text = text.normalize('NFD').replace(NONSPACING_MARKS, '');
    return text;
  };
}
