/**
 * What a query points at directly: stack-trace frames (file, line, function) and file paths. A pasted
 * trace names the exact place an error came from, which beats any similarity score.
 */
export interface StackFrame {
  /** As written, `/`-separated, without `file://`; may be absolute or carry a prefix the repository lacks. */
  readonly path: string;
  readonly line: number | null;
  /** The function's own name (`decorateFastify` of `Object.decorateFastify [as decorate]`), when given. */
  readonly functionName: string | null;
}

export interface QueryReferences {
  /** Innermost first, where the error was raised, as most runtimes print them (Python's are reversed to match). */
  readonly frames: readonly StackFrame[];
  /** File paths written outside frames (`lib/reply.js`, `src/main.rs`). */
  readonly paths: readonly string[];
}

/** A file name: something with an extension of letters and digits (`x.go`, `reply.test.js`, `Bar.java`). */
const FILE = String.raw`[^\s()'"\x60<>\[\]{},;|]*?[\w$-]\.[A-Za-z][A-Za-z0-9]{0,7}`;

/** V8 (Node, Chrome): `at fn (file:12:3)`, `at async Obj.fn [as alias] (file:12:3)`. */
const V8_NAMED = new RegExp(String.raw`\bat\s+(?:async\s+)?(?:new\s+)?([^\s()]+?)(?:\s+\[as\s+[^\]]+\])?\s+\((${FILE}):(\d+)(?::\d+)?\)`, 'g');
/** Python: `File "pkg/mod.py", line 3, in handler`. */
const PYTHON = new RegExp(String.raw`File\s+"([^"]+)",\s+line\s+(\d+)(?:,\s+in\s+([\w<>.]+))?`, 'g');
/** Java, Kotlin, Scala: `at com.acme.Bar.method(Bar.java:42)`. */
const JVM = /\bat\s+([\w$.<>]+)\(([\w$-]+\.(?:java|kt|scala|groovy)):(\d+)\)/g;
/** Go: the function on one line, its file on the next: `main.(*Server).handle(...)\n\t/src/server.go:42 +0x1d`. */
const GO = new RegExp(String.raw`^\s*([\w./*()$-]+)\([^\n]*\)\s*\n\s+(${FILE}):(\d+)`, 'gm');
/** Ruby: `app/models/user.rb:12:in 'save'`. */
const RUBY = new RegExp(String.raw`(${FILE}):(\d+):in\s+[\x60'‘]([^'’\s]+)['’]`, 'g');
/** Everything else, anonymous V8 frames included: `file:12`, `file:12:3`, `file(12)` (C#, MSVC). */
const FILE_LINE = new RegExp(String.raw`(${FILE})(?::(\d+)(?::\d+)?|\((\d+)(?:,\d+)?\))`, 'g');
/** A path written plainly: at least one `/` before a file name, or a bare file name in backticks or quotes. */
const PLAIN_PATH = new RegExp(String.raw`(?:^|[\s(\x60'"])((?:[\w.@$-]+/)+[\w.$-]*[\w$-]\.[A-Za-z][A-Za-z0-9]{0,7})(?=$|[\s):,;\x60'"?!]|\.(?:\s|$))`, 'gm');
const QUOTED_FILE = /[`'"]([\w$-]+\.[A-Za-z][A-Za-z0-9]{0,7})[`'"]/g;

/** Extensions that are not files in prose (`e.g.`, version numbers are excluded by the letter rule). */
const NOT_FILES = /\.(?:g|e|i|com|org|net|io|dev)$/i;

/** Longer runs without spaces (minified code, base64) hold no path worth finding, and cost the patterns dearly. */
const LONG_RUN = /\S{257,}/g;

export function queryReferences(pasted: string): QueryReferences {
  const query = pasted.replace(LONG_RUN, ' ');
  const frames: StackFrame[] = [];
  const seen = new Set<string>();
  const taken: Array<[number, number]> = [];
  const add = (path: string, line: number | null, functionName: string | null, start: number, end: number): void => {
    const normalised = normalisePath(path);
    if (normalised === null) return;
    taken.push([start, end]);
    const key = `${normalised}:${line ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    frames.push({ path: normalised, line, functionName: functionName === null ? null : ownName(functionName) });
  };
  const overlapsTaken = (start: number, end: number): boolean => taken.some(([a, b]) => start < b && end > a);

  const found: Array<{ index: number; end: number; path: string; line: number | null; fn: string | null }> = [];
  for (const match of query.matchAll(V8_NAMED)) found.push({ index: match.index, end: match.index + match[0].length, fn: match[1]!, path: match[2]!, line: Number(match[3]) });
  // Python prints the most recent call last: its frames fill their places in reverse, innermost first.
  const python = Array.from(query.matchAll(PYTHON));
  python.forEach((match, i) => {
    const place = python[python.length - 1 - i]!;
    found.push({ index: place.index, end: place.index + place[0].length, path: match[1]!, line: Number(match[2]), fn: match[3] ?? null });
  });
  for (const match of query.matchAll(JVM)) found.push({ index: match.index, end: match.index + match[0].length, fn: match[1]!, path: match[2]!, line: Number(match[3]) });
  for (const match of query.matchAll(GO)) found.push({ index: match.index, end: match.index + match[0].length, fn: match[1]!, path: match[2]!, line: Number(match[3]) });
  for (const match of query.matchAll(RUBY)) found.push({ index: match.index, end: match.index + match[0].length, path: match[1]!, line: Number(match[2]), fn: match[3]! });
  // Frames in the order written, whatever their format.
  for (const frame of found.sort((a, b) => a.index - b.index)) add(frame.path, frame.line, frame.fn, frame.index, frame.end);
  for (const match of query.matchAll(FILE_LINE)) {
    const end = match.index + match[0].length;
    if (overlapsTaken(match.index, end)) continue;
    add(match[1]!, Number(match[2] ?? match[3]), null, match.index, end);
  }

  const paths: string[] = [];
  const addPath = (raw: string, start: number): void => {
    const normalised = normalisePath(raw);
    if (normalised === null || overlapsTaken(start, start + raw.length) || paths.includes(normalised)) return;
    if (frames.some((frame) => frame.path === normalised)) return;
    paths.push(normalised);
  };
  for (const match of query.matchAll(PLAIN_PATH)) addPath(match[1]!, match.index + match[0].indexOf(match[1]!));
  for (const match of query.matchAll(QUOTED_FILE)) addPath(match[1]!, match.index + 1);
  return { frames, paths };
}

/** `/`-separated, without a URL scheme, `./` or a Windows drive; null for what is no file (`node:events`, `e.g`). */
function normalisePath(raw: string): string | null {
  let path = raw.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/^file:\/(?:localhost\/)?/i, '/').replace(/^[A-Za-z]:\//, '/');
  // Built-in modules and URLs are not files of any repository.
  if (/^(?:node|internal|bun|deno|https?|data|blob|chrome-extension):/i.test(path)) return null;
  // Bundler schemes (`webpack:///./src/x.js`) prefix the path proper.
  path = path.replace(/^[a-z][a-z-]*:\/?/i, '').replace(/^(?:\.\/)+/, '');
  if (path === '' || NOT_FILES.test(path) || /^\d/.test(path.split('/').at(-1) ?? '')) return null;
  return path;
}

/** `Object.decorateFastify` → `decorateFastify`; `Reply.send` → `send`; `<anonymous>` → none. */
function ownName(name: string): string | null {
  const own = name.split('.').filter((part) => part !== '').at(-1) ?? '';
  return /^[A-Za-z_$][\w$]*$/.test(own) && own !== 'Object' && own !== 'anonymous' ? own : null;
}
