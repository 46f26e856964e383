import { directoryOf, joinInside, type WorkspaceDeclaration } from './dependencies/manifest.js';

/**
 * The member directories of a workspace declaration: directories (holding the member manifest, where the
 * declaration names one) whose path matches an include glob and no `!` exclude glob, globs being relative
 * to the declaring manifest.
 */
export function expandWorkspaceMembers(
  manifestPath: string,
  declaration: WorkspaceDeclaration,
  listing: { readonly files: readonly string[]; readonly directories: readonly string[] },
): string[] {
  const base = directoryOf(manifestPath);
  type Matcher = (filePath: string) => boolean;
  const includes: Matcher[] = [];
  const excludes: Matcher[] = [];
  for (const raw of declaration.patterns.slice(0, MAX_PATTERNS)) {
    const negated = raw.startsWith('!');
    const pattern = raw.length > MAX_PATTERN_LENGTH ? null : joinInside(base, negated ? raw.slice(1) : raw);
    if (pattern === null || pattern === base) continue;
    (negated ? excludes : includes).push(globMatcher(pattern));
  }
  if (includes.length === 0) return [];

  const { memberManifest } = declaration;
  const suffix = `/${memberManifest ?? ''}`;
  const candidates =
    memberManifest === undefined ? listing.directories : listing.files.filter((file) => file.endsWith(suffix)).map((file) => file.slice(0, -suffix.length));
  const members = candidates.filter((directory) => includes.some((matches) => matches(directory)) && !excludes.some((matches) => matches(directory)));
  return [...new Set(members)].sort();
}

// Bounds on what a (possibly hostile) manifest's globs can cost.
const MAX_PATTERNS = 100;
const MAX_PATTERN_LENGTH = 256;
const MAX_BRACE_EXPANSIONS = 32;

/**
 * A glob (`packages/*`, `crates/**`, `apps/{web,api}`, `libs/?x`) as a predicate over `/` paths. Matching
 * works segment by segment without regular expressions, so no pattern can make it backtrack for long.
 */
export function globMatcher(glob: string): (filePath: string) => boolean {
  const alternatives = expandBraces(glob).map((pattern) => pattern.split('/').filter((segment, index, all) => segment !== '**' || all[index - 1] !== '**'));
  return (filePath) => {
    const segments = filePath.split('/');
    return alternatives.some((pattern) => matchSegments(pattern, segments));
  };
}

/** `a/{b,c}/d` → `a/b/d`, `a/c/d` (one level of braces per group, a bounded number of results). */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  const close = open === -1 ? -1 : glob.indexOf('}', open);
  if (close === -1) return [glob];
  const options = glob.slice(open + 1, close).split(',');
  const rest = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const option of options) {
    for (const tail of rest) {
      if (out.length < MAX_BRACE_EXPANSIONS) out.push(glob.slice(0, open) + option + tail);
    }
  }
  return out;
}

/** Pattern segments against path segments, `**` standing for any number of segments; memoised, so O(P·S). */
function matchSegments(pattern: readonly string[], segments: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const match = (p: number, s: number): boolean => {
    const key = p * (segments.length + 1) + s;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    const current = pattern[p];
    if (current === undefined) result = s === segments.length;
    else if (current === '**') result = match(p + 1, s) || (s < segments.length && match(p, s + 1));
    else result = s < segments.length && matchSegment(current, segments[s] as string) && match(p + 1, s + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** `*` and `?` within one segment, by the linear two-pointer method (one resume point, no backtracking tree). */
function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const char = pattern.charAt(p);
    if (p < pattern.length && (char === '?' || char === text.charAt(t))) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && char === '*') {
      star = p;
      resume = t;
      p += 1;
    } else if (star !== -1) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else return false;
  }
  while (pattern.charAt(p) === '*') p += 1;
  return p === pattern.length;
}
