import { Lexer, type Token, type Tokens } from 'marked';
import type { ReadmeSection } from '@repolens/contracts';

// README.md, readme.rst, README, Readme.txt ...; Markdown first when there are several.
const README_NAME = /^readme(\.(md|markdown|mdown|mkd|mdx|rst|txt|adoc|asciidoc|org))?$/i;
const MARKDOWN_NAME = /\.(md|markdown|mdown|mkd|mdx)$/i;

/** The README among a directory's file names, or null. */
export function findReadme(fileNames: readonly string[]): string | null {
  const candidates = fileNames.filter((name) => README_NAME.test(name));
  candidates.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return candidates[0] ?? null;
}

function rank(name: string): number {
  if (MARKDOWN_NAME.test(name)) return 0;
  return name.includes('.') ? 1 : 2;
}

export interface ParsedReadme {
  readonly sections: ReadmeSection[];
  /** The first paragraph of prose (badge-only paragraphs skipped), for a description. */
  readonly firstParagraph: string | null;
}

/**
 * Splits a README into sections at its headings (Markdown's; reStructuredText's underlined titles read as
 * setext headings). Text before the first heading becomes a level-0 section titled `title`.
 */
export function parseReadme(source: string, title: string): ParsedReadme {
  const text = source.replace(/\r\n?/g, '\n');
  const tokens = Lexer.lex(text);
  const lineStarts = lineStartOffsets(text);

  const headings: Array<{ start: number; end: number; heading: string; level: number }> = [];
  let firstParagraph: string | null = null;
  let offset = 0;
  for (const token of tokens) {
    // Top-level tokens cover the text in order; searching keeps this right if marked ever drops characters.
    const found = text.indexOf(token.raw, offset);
    const start = found === -1 ? offset : found;
    offset = start + token.raw.length;
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      headings.push({ start, end: offset, heading: plainText(heading.tokens).trim() || heading.text.trim(), level: heading.depth });
    } else if (token.type === 'paragraph' && firstParagraph === null) {
      const prose = plainText((token as Tokens.Paragraph).tokens).replace(/\s+/g, ' ').trim();
      if (prose.length > 0) firstParagraph = prose.length > 500 ? `${prose.slice(0, 497)}...` : prose;
    }
  }

  const sections: ReadmeSection[] = [];
  const preamble = text.slice(0, headings[0]?.start ?? text.length);
  if (preamble.trim() !== '') {
    sections.push(section(title, 0, preamble.trim(), 0, preamble.length, text, lineStarts));
  }
  headings.forEach((heading, index) => {
    const next = headings[index + 1]?.start ?? text.length;
    sections.push(section(heading.heading, heading.level, text.slice(heading.end, next).trim(), heading.start, next, text, lineStarts));
  });
  return { sections, firstParagraph };
}

function section(
  heading: string,
  level: number,
  body: string,
  start: number,
  end: number,
  text: string,
  lineStarts: readonly number[],
): ReadmeSection {
  // A section spans its first to its last non-blank character, not the blank lines around it.
  while (start < end - 1 && /\s/.test(text.charAt(start))) start += 1;
  let last = end - 1;
  while (last > start && /\s/.test(text.charAt(last))) last -= 1;
  const startLine = lineOf(start, lineStarts);
  return { heading, level, text: body, startLine, endLine: Math.max(startLine, lineOf(last, lineStarts)) };
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line of a character offset. */
function lineOf(offset: number, lineStarts: readonly number[]): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** The words of inline Markdown: no images, no HTML tags, link text kept. */
function plainText(tokens: readonly Token[] | undefined): string {
  if (tokens === undefined) return '';
  let out = '';
  for (const token of tokens) {
    if (token.type === 'image' || token.type === 'html') continue;
    if (token.type === 'br') out += ' ';
    else if ('tokens' in token && Array.isArray(token.tokens)) out += plainText(token.tokens);
    else if ('text' in token && typeof token.text === 'string') out += token.text;
  }
  return out;
}
