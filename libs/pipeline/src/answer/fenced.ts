// Repository text is shown as quoted data. A fence longer than any backtick run inside the text keeps
// the text from closing the block early and turning into markup of the answer.

function longestBacktickRun(text: string): number {
  return Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
}

/** A fenced code block holding `text` verbatim. */
export function fenced(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** An inline code span holding `text` on one line. */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const ticks = '`'.repeat(longestBacktickRun(oneLine) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}
