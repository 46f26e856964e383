/**
 * Passages that contain a stretch of the query word for word. A pasted error message or log line is
 * usually written in the code that raises it (`'Request body is too large'`), often as a template whose
 * placeholders the pasted text has filled in (`"expected '%s' fastify version"`, `` `unknown level ${x}` ``,
 * `"{} not found"`); bag-of-words scores see neither the order of its words nor the template.
 */

/** Literal words in a row that make a phrase worth noticing; shorter runs happen by chance in prose. */
const MIN_RUN = 5;
/** …unless the whole query is that phrase (`Missing schema $id property`). */
const MIN_WHOLE_QUERY_RUN = 3;
/** A run this long (or the whole query, if shorter) is as strong as evidence gets. */
const FULL_RUN = 10;
/** The boost for a full run; shorter runs get a share of it. */
const PHRASE_BOOST = 0.6;
/** Words of the query read for phrases: a whole bug report, but not an unbounded paste. */
const MAX_QUERY_WORDS = 600;
/** How many words a placeholder may stand for (`%s` → `5.12.8` is three words). */
const MAX_PLACEHOLDER_WORDS = 3;

/** printf (`%s`, `%-5.2f`), JS and Ruby interpolation, and `{}`/`{0}`/`{name}` formats. */
const PLACEHOLDER = /%[-+ #0]*\d*(?:\.\d+)?[a-zA-Z]|\$\{[^}\n]*\}|#\{[^}\n]*\}|\{\d*\}|\{[A-Za-z_][\w.]*\}/g;
const WILDCARD = '\u0000';
const TOKEN = /[\p{L}\p{N}_$]+|\u0000/gu;

function tokens(text: string): string[] {
  return Array.from(text.replace(PLACEHOLDER, ` ${WILDCARD} `).toLowerCase().matchAll(TOKEN), (match) => match[0]);
}

/**
 * A boost for each candidate with a line holding a run of consecutive query words (placeholders standing
 * in for up to three words), growing with the run's length. Only candidates are read: retrieval has
 * already found the passages worth it.
 */
export function phraseBoosts(query: string, candidates: Iterable<{ readonly id: number; readonly text: string }>): Map<number, number> {
  const queryWords = tokens(query)
    .filter((word) => word !== WILDCARD)
    .slice(0, MAX_QUERY_WORDS);
  const boosts = new Map<number, number>();
  const needed = queryWords.length <= MIN_RUN ? Math.max(MIN_WHOLE_QUERY_RUN, queryWords.length) : MIN_RUN;
  if (queryWords.length < needed) return boosts;
  const full = Math.min(FULL_RUN, queryWords.length);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < queryWords.length; i += 1) pairs.add(`${queryWords[i]} ${queryWords[i + 1]}`);
  for (const candidate of candidates) {
    let best: SharedRun = { literal: 0, span: 0 };
    for (const line of candidate.text.split('\n')) {
      const lineTokens = tokens(line);
      // Only lines sharing two words in a row with the query can hold a run: most are skipped here.
      if (!lineTokens.some((token, i) => pairs.has(`${token} ${lineTokens[i + 1]}`))) continue;
      const run = longestSharedRun(queryWords, lineTokens);
      if (run.literal > best.literal || (run.literal === best.literal && run.span > best.span)) best = run;
    }
    // Its strength is the stretch of the query it covers (the words placeholders stood for included): full
    // for a run of FULL_RUN words or the whole query, half for the shortest run that counts.
    if (best.literal >= needed) boosts.set(candidate.id, PHRASE_BOOST * Math.min(1, best.span / full));
  }
  return boosts;
}

/** A run of query words through a line: the words matched literally, and the query words it covers. */
export interface SharedRun {
  readonly literal: number;
  readonly span: number;
}

/**
 * The run through `line` matching the most query words literally, in order, where a placeholder in the
 * line may stand for up to three query words (or none). Dynamic programming over the query positions
 * where runs end, which stay few: a line token only extends runs at the positions of the same word.
 */
export function longestSharedRun(queryWords: readonly string[], line: readonly string[]): SharedRun {
  const positions = new Map<string, number[]>();
  queryWords.forEach((word, i) => {
    const at = positions.get(word);
    if (at === undefined) positions.set(word, [i + 1]);
    else at.push(i + 1);
  });
  // Runs ending with query word i-1 (1-based i) at the previous line token.
  let runs = new Map<number, SharedRun>();
  let best: SharedRun = { literal: 0, span: 0 };
  const better = (a: SharedRun | undefined, b: SharedRun): boolean => a === undefined || b.literal > a.literal || (b.literal === a.literal && b.span > a.span);
  for (const token of line) {
    const next = new Map<number, SharedRun>();
    if (token === WILDCARD) {
      for (const [i, run] of runs) {
        // Standing for nothing, or for the next m query words.
        for (let m = 0; m <= MAX_PLACEHOLDER_WORDS && i + m <= queryWords.length; m += 1) {
          const extended = { literal: run.literal, span: run.span + m };
          if (better(next.get(i + m), extended)) next.set(i + m, extended);
        }
      }
    } else {
      for (const i of positions.get(token) ?? []) {
        const previous = runs.get(i - 1);
        const run = { literal: (previous?.literal ?? 0) + 1, span: (previous?.span ?? 0) + 1 };
        next.set(i, run);
        if (better(best, run)) best = run;
      }
    }
    runs = next;
  }
  return best;
}
