import { memo, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { FileContentResponse } from '@repolens/contracts';
import { canHighlight, highlightLines, type HighlightedToken } from '../../explorer/highlighter.js';
import { formatBytes } from '../../format.js';
import { useNavigation } from '../../navigation.js';
import { formatLineRange, type LineRange } from '../../url-state.js';
import { selectionHref } from '../../use-selection.js';

export interface CodeViewerProps {
  readonly file: FileContentResponse;
  readonly lines: LineRange | null;
}

/**
 * A file's text with line numbers, coloured once its grammar has loaded (plain until then, and for
 * languages without one). Each line number links to that line; Shift+click extends the highlighted
 * range. Tab reaches one line number and the arrow keys move between them, so a long file is one
 * stop for the keyboard. The highlighted lines are scrolled into view whenever they change.
 */
export function CodeViewer({ file, lines }: CodeViewerProps) {
  const { selection, select } = useNavigation();
  const text = useMemo(() => file.text.replace(/\r\n?/g, '\n'), [file.text]);
  const plainLines = useMemo(() => splitLines(text), [text]);
  const [highlighted, setHighlighted] = useState<{ readonly text: string; readonly tokens: HighlightedToken[][] } | null>(null);
  const codeRef = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState<{ readonly path: string; readonly line: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    highlightLines(text, file.language).then(
      (tokens) => {
        if (!cancelled && tokens !== null) setHighlighted({ text, tokens });
      },
      // Without colours the file still reads; nothing to tell the reader.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [text, file.language]);

  useEffect(() => {
    if (lines === null) return;
    const target = codeRef.current?.querySelector(`#L${lines.start}`);
    target?.scrollIntoView({ block: lines.end - lines.start > 20 ? 'start' : 'center' });
  }, [lines?.start, lines?.end, file.path]);

  const tokens = highlighted !== null && highlighted.text === text ? highlighted.tokens : null;
  const lineCount = plainLines.length;
  // One line number takes Tab (roving tabindex): the one last focused, else the first highlighted line.
  const tabLine = Math.min(lineCount, focused?.path === file.path ? focused.line : (lines?.start ?? 1));
  const { repositoryId, runId } = selection;
  const lineHrefs = useMemo(
    () => Array.from({ length: lineCount }, (_, index) => selectionHref({ repositoryId, runId, view: 'code', file: file.path, lines: { start: index + 1, end: index + 1 } })),
    [repositoryId, runId, file.path, lineCount],
  );

  const lineOf = (target: EventTarget): number | null => {
    const link = (target as HTMLElement).closest<HTMLElement>('.code__number');
    const line = Number(link?.dataset['line']);
    return Number.isInteger(line) && line > 0 ? line : null;
  };
  const focusLine = (line: number): void => {
    codeRef.current?.querySelector<HTMLElement>(`#L${Math.max(1, Math.min(lineCount, line))} .code__number`)?.focus();
  };

  // A plain click (or Enter) highlights the line, Shift extends the highlighted range; other modifiers open the link as usual.
  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    const line = lineOf(event.target);
    if (line === null || event.button !== 0 || event.metaKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    const range = event.shiftKey && lines !== null ? { start: Math.min(lines.start, line), end: Math.max(lines.end, line) } : { start: line, end: line };
    select({ ...selection, view: 'code', file: file.path, lines: range }, 'replace');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const line = lineOf(event.target);
    if (line === null || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = LINE_KEYS[event.key]?.(line, lineCount);
    if (target === undefined) return;
    event.preventDefault();
    focusLine(target);
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>): void => {
    const line = lineOf(event.target);
    if (line !== null) setFocused({ path: file.path, line });
  };

  return (
    <section className="viewer" aria-labelledby="viewer-title">
      <header className="viewer__head">
        <h2 id="viewer-title" className="viewer__path">
          {file.path}
        </h2>
        <p className="viewer__meta">
          {[file.language, `${file.lines.toLocaleString()} lines`, formatBytes(file.bytes), file.encoding === 'utf-8' ? null : file.encoding]
            .filter((part) => part !== null)
            .join(' · ')}
          {lines !== null ? (
            <span className="viewer__selection">
              {' · '}showing {lines.start === lines.end ? `line ${lines.start}` : `lines ${formatLineRange(lines)}`}
            </span>
          ) : null}
        </p>
        {!canHighlight(file.language, text) && file.language !== null ? <p className="hint">Shown without colours: no grammar for {file.language} here, or the file is very large.</p> : null}
        <p id="viewer-keys" className="hint viewer__keys">
          Up and Down move between lines, Enter highlights a line, Shift+Enter extends the highlight.
        </p>
      </header>
      <div className="code" ref={codeRef} role="region" aria-label={`Contents of ${file.path}`} aria-describedby="viewer-keys" onClick={onClick} onKeyDown={onKeyDown} onFocus={onFocus}>
        {plainLines.map((plain, index) => {
          const number = index + 1;
          return (
            <CodeLine
              key={number}
              number={number}
              href={lineHrefs[index] ?? '#'}
              marked={lines !== null && number >= lines.start && number <= lines.end}
              tabStop={number === tabLine}
              plain={plain}
              tokens={tokens?.[index]}
            />
          );
        })}
      </div>
    </section>
  );
}

/** Where each key moves the focus from a line number. */
const PAGE_LINES = 20;
const LINE_KEYS: Readonly<Record<string, (line: number, count: number) => number>> = {
  ArrowDown: (line) => line + 1,
  ArrowUp: (line) => line - 1,
  PageDown: (line) => line + PAGE_LINES,
  PageUp: (line) => line - PAGE_LINES,
  Home: () => 1,
  End: (_, count) => count,
};

interface CodeLineProps {
  readonly number: number;
  readonly href: string;
  readonly marked: boolean;
  readonly tabStop: boolean;
  readonly plain: string;
  readonly tokens: readonly HighlightedToken[] | undefined;
}

/** One line; memoised, so moving the focus or the highlight re-renders only the lines that change. */
const CodeLine = memo(function CodeLine({ number, href, marked, tabStop, plain, tokens }: CodeLineProps) {
  return (
    <div id={`L${number}`} className={marked ? 'code__line code__line--marked' : 'code__line'} data-line={number}>
      <a className="code__number" href={href} data-line={number} tabIndex={tabStop ? 0 : -1} aria-label={`Line ${number}`} aria-current={marked ? 'location' : undefined}>
        {number}
      </a>
      <span className="code__text">{tokens !== undefined ? tokens.map(renderToken) : plain}</span>
    </div>
  );
});

function renderToken(token: HighlightedToken, index: number) {
  if (token.color === undefined && token.fontStyle === undefined) return token.content;
  return (
    <span key={index} style={{ color: token.color, fontStyle: token.fontStyle === 'italic' ? 'italic' : undefined, fontWeight: token.fontStyle === 'bold' ? 600 : undefined }}>
      {token.content}
    </span>
  );
}

/** Lines as an editor shows them: a final newline ends the last line instead of starting an empty one. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}
