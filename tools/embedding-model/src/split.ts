import { createHash } from 'node:crypto';
import type { CodePair } from './pairs.js';

export type Split = 'train' | 'validation' | 'heldout';

/** The languages evaluated on their own; TypeScript pairs count with JavaScript. */
export type EvalLanguage = 'python' | 'go' | 'javascript';

export function evalLanguageOf(language: string): EvalLanguage | null {
  if (language === 'python' || language === 'go') return language;
  if (language === 'javascript' || language === 'typescript') return 'javascript';
  return null;
}

/** A stable pseudo-random order: the same names always sort the same way, on every machine. */
export function stableHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface FamilyChoice {
  /** Families to choose from, with their pair counts. */
  readonly counts: ReadonlyMap<string, number>;
  /** Stop once the chosen families hold at least this many pairs. */
  readonly targetPairs: number;
  /** Tiny families would make trivial searches; huge ones would hold out too much of one style. */
  readonly minFamilyPairs: number;
  readonly maxFamilyPairs: number;
  readonly salt: string;
}

/** Whole families, in a seeded order, until the target is reached. */
export function chooseFamilies(choice: FamilyChoice): Set<string> {
  const ordered = [...choice.counts.keys()].sort((a, b) => {
    const ha = stableHash(`${choice.salt}:${a}`);
    const hb = stableHash(`${choice.salt}:${b}`);
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  });
  const chosen = new Set<string>();
  let total = 0;
  for (const family of ordered) {
    if (total >= choice.targetPairs) break;
    const count = choice.counts.get(family) ?? 0;
    if (count < choice.minFamilyPairs || count > choice.maxFamilyPairs) continue;
    chosen.add(family);
    total += count;
  }
  return chosen;
}

/** Code compared without its header and whitespace, so copies of one function count once. */
export function codeKey(pair: CodePair): string {
  const body = pair.code.slice(pair.code.indexOf('\n') + 1);
  return stableHash(body.replace(/\s+/g, ' ').trim());
}

export function queryKey(pair: CodePair): string {
  return pair.query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** At most `limit` pairs of a package, picked in a seeded order and kept in file order. */
export function capPairs(pairs: readonly CodePair[], limit: number, salt: string): CodePair[] {
  if (pairs.length <= limit) return [...pairs];
  const keep = new Set(
    pairs
      .map((pair, index) => ({ index, key: stableHash(`${salt}:${pair.path}:${pair.symbol}:${index}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, limit)
      .map((entry) => entry.index),
  );
  return pairs.filter((_, index) => keep.has(index));
}
