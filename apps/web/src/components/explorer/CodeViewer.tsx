import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
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
 * range. The highlighted lines are scrolled into view whenever they change.
 */
export function CodeViewer({ file, lines }: CodeViewerProps) {
  const { selection, select } = useNavigation();
  const text = useMemo(() => file.text.replace(/\r\n?/g, '\n'), [file.text]);
  const plainLines = useMemo(() => splitLines(text), [text]);
  const [highlighted, setHighlighted] = useState<{ readonly text: string; readonly tokens: HighlightedToken[][] } | null>(null);
  const codeRef = useRef<HTMLDivElement>(null);

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
  const lineHref = (range: LineRange) => selectionHref({ ...selection, view: 'code', file: file.path, lines: range });
  const onLineClick = (event: MouseEvent<HTMLAnchorElement>, line: number): void => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    const range = event.shiftKey && lines !== null ? { start: Math.min(lines.start, line), end: Math.max(lines.end, line) } : { start: line, end: line };
    select({ ...selection, view: 'code', file: file.path, lines: range }, 'replace');
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
      </header>
      <div className="code" ref={codeRef} role="region" aria-label={`Contents of ${file.path}`} tabIndex={0}>
        {plainLines.map((plain, index) => {
          const number = index + 1;
          const marked = lines !== null && number >= lines.start && number <= lines.end;
          return (
            <div key={number} id={`L${number}`} className={marked ? 'code__line code__line--marked' : 'code__line'} data-line={number}>
              <a className="code__number" href={lineHref({ start: number, end: number })} onClick={(event) => onLineClick(event, number)} tabIndex={-1} aria-label={`Line ${number}`}>
                {number}
              </a>
              <span className="code__text">{tokens?.[index] !== undefined ? tokens[index].map(renderToken) : plain}</span>
            </div>
          );
        })}
      </div>
    </section>
  );
}

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
