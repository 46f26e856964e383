/** Names shorter than this are only matched exactly: a typo there is as likely another word. */
const MIN_FUZZY_LENGTH = 5;
/** Edits allowed: one for names of 5–9 characters, two from 10. */
const TWO_EDITS_FROM = 10;
/** A partial name must cover at least this share of the defined one (`getTrustProxy` of `getTrustProxyFn`). */
const MIN_PARTIAL_COVER = 0.6;

export interface CloseName {
  readonly name: string;
  /** 0–1: how sure the name is the one meant (1 would be exact, which this never returns). */
  readonly closeness: number;
}

/** Names grouped by length, so a lookup reads only names of a length that can match. */
export function namesByLength(names: Iterable<string>): Map<number, string[]> {
  const byLength = new Map<number, string[]>();
  for (const name of names) {
    if (name.length < MIN_FUZZY_LENGTH) continue;
    const group = byLength.get(name.length);
    if (group === undefined) byLength.set(name.length, [name]);
    else group.push(name);
  }
  return byLength;
}

/**
 * Defined names a lowercased term probably means: misspelt by a letter or two (`compileSerialisationSchema`),
 * or written in part (`getTrustProxy` for `getTrustProxyFn`, `ContentTypeParser` for `addContentTypeParser`).
 * Case is already folded by the caller. `byLength`: the names, from `namesByLength`.
 */
export function closeNames(term: string, byLength: ReadonlyMap<number, readonly string[]>): CloseName[] {
  if (term.length < MIN_FUZZY_LENGTH) return [];
  const maxEdits = term.length >= TWO_EDITS_FROM ? 2 : 1;
  const longest = Math.max(term.length + maxEdits, Math.floor(term.length / MIN_PARTIAL_COVER));
  const found: CloseName[] = [];
  for (let length = Math.max(MIN_FUZZY_LENGTH, term.length - maxEdits); length <= longest; length += 1) {
    for (const name of byLength.get(length) ?? []) compare(name);
  }
  return found;

  function compare(name: string): void {
    if (name === term) return;
    if (name.length >= term.length && name.includes(term)) {
      const cover = term.length / name.length;
      if (cover >= MIN_PARTIAL_COVER) found.push({ name, closeness: (name.startsWith(term) ? 0.5 : 0.4) + 0.3 * cover });
      return;
    }
    if (Math.abs(name.length - term.length) > maxEdits) return;
    const edits = editDistance(term, name, maxEdits);
    if (edits <= maxEdits) found.push({ name, closeness: edits === 1 ? 0.8 : 0.65 });
  }
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions), or
 * `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
