import type { HeldOutSet } from './held-out-set.js';
import type { LabelledQuery } from './retrieval-runs.js';
import { mulberry32 } from './seeded-random.js';

/**
 * Long queries shaped like a pasted bug report: a paragraph of prose that describes what the broken
 * function was meant to do, an error message, and a stack trace whose frames name the target and
 * other functions of the same package (so the trace alone does not give the answer away). The target
 * is the innermost frame. Generated from a seed, so every run asks the same questions.
 */
export function bugReportQueries(set: HeldOutSet, count: number, seed: number): LabelledQuery[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const byPackage = new Map<string, number[]>();
  set.pairs.forEach((pair, index) => {
    const indices = byPackage.get(pair.package) ?? [];
    indices.push(index);
    byPackage.set(pair.package, indices);
  });
  const candidates = set.pairs.map((_, index) => index).filter((index) => (byPackage.get(set.pairs[index]!.package)?.length ?? 0) >= 4);

  const queries: LabelledQuery[] = [];
  const used = new Set<number>();
  while (queries.length < count && used.size < candidates.length) {
    const target = pick(candidates);
    if (used.has(target)) continue;
    used.add(target);
    const pair = set.pairs[target]!;
    const siblings = (byPackage.get(pair.package) ?? []).filter((index) => index !== target);
    const callers: number[] = [];
    const frameCount = 2 + Math.floor(random() * 3);
    while (callers.length < frameCount && callers.length < siblings.length) {
      const caller = pick(siblings);
      if (!callers.includes(caller)) callers.push(caller);
    }
    const frames = [...callers, target].map((index) => frameOf(set, index, random));
    const error = pick(ERRORS[set.language] ?? ERRORS['javascript']!);
    const prose = [
      pick(OPENINGS).replace('{package}', packageLabel(pair.package)),
      `As far as I can tell the failing code is the part that should ${lowerFirst(pair.query.replace(/\.$/, ''))}.`,
      pick(DETAILS),
      pick(EXPECTATIONS),
    ].join(' ');
    queries.push({ text: [prose, '', traceOf(set.language, error, frames), '', pick(CLOSINGS)].join('\n'), target });
  }
  return queries;
}

interface Frame {
  readonly path: string;
  readonly name: string;
  readonly line: number;
}

function frameOf(set: HeldOutSet, index: number, random: () => number): Frame {
  const pair = set.pairs[index]!;
  const span = Math.max(1, pair.endLine - pair.startLine);
  return { path: pair.path, name: pair.symbol, line: pair.startLine + 1 + Math.floor(random() * span) };
}

/** Outermost frame first for Python; innermost first for Go and JavaScript, as their runtimes print them. */
function traceOf(language: string, error: string, frames: readonly Frame[]): string {
  if (language === 'python') {
    const lines = ['Traceback (most recent call last):', '  File "/srv/app/main.py", line 27, in <module>'];
    for (const frame of frames) {
      lines.push(`  File "/usr/lib/python3/dist-packages/${frame.path}", line ${frame.line}, in ${frame.name.split('.').at(-1)}`);
    }
    return [...lines, error].join('\n');
  }
  const inner = [...frames].reverse();
  if (language === 'go') {
    const lines = [error, '', 'goroutine 1 [running]:'];
    for (const frame of inner) {
      const dir = frame.path.split('/').slice(0, -1).join('/');
      const [owner, ...member] = frame.name.split('.');
      const call = member.length === 0 ? frame.name : `(*${owner}).${member.join('.')}`;
      lines.push(`${dir}.${call}(...)`, `\t/go/pkg/mod/${frame.path}:${frame.line} +0x1a4`);
    }
    return [...lines, 'main.main()', '\t/srv/app/main.go:31 +0x25'].join('\n');
  }
  const lines = [error];
  for (const frame of inner) lines.push(`    at ${frame.name} (node_modules/${frame.path}:${frame.line}:17)`);
  return [...lines, '    at main (/srv/app/index.js:12:3)'].join('\n');
}

function packageLabel(name: string): string {
  return name.replace(/^(python3|golang)-/, '').replace(/-dev$/, '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const OPENINGS = [
  'After upgrading {package} to the latest release our nightly job started failing intermittently.',
  'We are seeing a crash in production that seems to come from {package}.',
  'Since last week our CI pipeline fails on one of the integration tests, and the trace points into {package}.',
  'I am not sure whether this is a bug in {package} or in how we call it, but it started after a dependency update.',
];
const DETAILS = [
  'It only happens with some inputs, and retrying sometimes helps, which makes me think there is state involved.',
  'The same call works on my laptop but not in the container, so it may depend on the environment or the locale.',
  'It happens roughly once every few hundred requests under load; with a single request I cannot reproduce it.',
  'Nothing in our code changed around this call, and pinning the previous version makes the problem go away.',
];
const EXPECTATIONS = [
  'I expected the call to return normally or at least fail with a clear message.',
  'Expected behaviour: no exception and the same result as before the upgrade.',
  'The documentation does not say this can fail, so I expected it to handle this case.',
];
const CLOSINGS = [
  'Environment: Debian 12, x86_64, running in Docker. Happy to provide more logs if needed.',
  'Let me know if you need a minimal reproduction; I can try to put one together.',
  'Any pointers on where to look would be appreciated.',
];
const ERRORS: Record<string, readonly string[]> = {
  python: [
    "TypeError: 'NoneType' object is not subscriptable",
    'ValueError: invalid literal for int() with base 10',
    "KeyError: 'name'",
    "AttributeError: 'str' object has no attribute 'decode'",
    'RuntimeError: dictionary changed size during iteration',
  ],
  go: [
    'panic: runtime error: invalid memory address or nil pointer dereference',
    'panic: runtime error: index out of range [3] with length 3',
    'panic: assignment to entry in nil map',
    'fatal error: concurrent map writes',
  ],
  javascript: [
    "TypeError: Cannot read properties of undefined (reading 'length')",
    'RangeError: Maximum call stack size exceeded',
    'TypeError: callback is not a function',
    'Error: ENOENT: no such file or directory',
  ],
};
