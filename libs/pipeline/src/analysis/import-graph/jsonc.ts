/**
 * JSON with comments and trailing commas, as tsconfig.json and jsconfig.json allow; null when it is not
 * even that. The comments and commas are blanked out, strings left alone, then JSON.parse reads the rest.
 */
export function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(withoutCommentsAndTrailingCommas(text));
  } catch {
    return null;
  }
}

function withoutCommentsAndTrailingCommas(text: string): string {
  let output = '';
  // Where the last comma was written to `output`, while only whitespace and comments have followed it.
  let pendingComma = -1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < text.length) {
    const char = text[index] as string;
    const next = text[index + 1];
    if (char === '"') {
      const end = endOfString(text, index);
      output += text.slice(index, end);
      index = end;
      pendingComma = -1;
    } else if (char === '/' && next === '/') {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
    } else if (char === '/' && next === '*') {
      const close = text.indexOf('*/', index + 2);
      index = close < 0 ? text.length : close + 2;
      output += ' ';
    } else if ((char === '}' || char === ']') && pendingComma >= 0) {
      output = `${output.slice(0, pendingComma)} ${output.slice(pendingComma + 1)}${char}`;
      pendingComma = -1;
      index += 1;
    } else {
      if (char === ',') pendingComma = output.length;
      else if (!/\s/.test(char)) pendingComma = -1;
      output += char;
      index += 1;
    }
  }
  return output;
}

/** The index just past the string starting at `start` (a double quote), escapes included. */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') index += 2;
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return text.length;
}
