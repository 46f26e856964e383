/** A table as aligned text and as Markdown; the first `textColumns` columns are left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, textColumns: number): { text: string; markdown: string } {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((value, column) => (column < textColumns ? value.padEnd(widths[column] ?? 0) : value.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const text = [line(header), ...rows.map(line)].join('\n');
  const markdown = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, column) => (column < textColumns ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  return { text, markdown };
}
