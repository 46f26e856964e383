import type { Dependency } from '@repolens/contracts';
import { dependency, directoryOf, joinInside, type ManifestReader, type ManifestSource } from './manifest.js';
import { parseRequirement, type Requirement } from './pep508.js';

type Kind = Dependency['kind'];

const REQUIREMENTS_FILE = /^(.*[-_.])?requirements([-_.].*)?\.(txt|in)$/i;
const DEV_HINT = /(^|[-_./])(dev|develop|development|test|tests|testing|lint|linting|docs?|ci|typing|tox|bench|benchmarks?)([-_.]|$)/i;
const RUNTIME_HINT = /^(base|common|core|main|prod|production|install|runtime|requirements)?\.(txt|in)$/i;
// `-r other.txt` chains are short in practice; these bound a hostile one.
const MAX_INCLUDE_DEPTH = 5;
const MAX_FILES_PER_MANIFEST = 20;

/**
 * requirements.txt, requirements-dev.txt, dev-requirements.txt, requirements/test.txt, requirements.in ...
 * `-r`/`--requirement` includes inside the checkout are followed; their requirements are tagged with the
 * included file, and take its kind when its name says one (else the including file's).
 */
export const requirementsTxt: ManifestReader = {
  matches: (fileName, filePath) => REQUIREMENTS_FILE.test(fileName) || /(^|\/)requirements\/[^/]+\.(txt|in)$/i.test(filePath),
  async read(text, manifest, source) {
    const dependencies: Dependency[] = [];
    await readRequirements(text, manifest, kindOfFile(manifest) ?? 'runtime', { source, out: dependencies, visited: new Set([manifest]) }, 0);
    return { dependencies };
  },
};

/** `dev` for requirements-dev.txt or requirements/test.txt, `runtime` for requirements.txt or base.txt, else undefined. */
function kindOfFile(filePath: string): Kind | undefined {
  const fileName = filePath.slice(filePath.lastIndexOf('/') + 1);
  const stem = fileName.replace(/requirements/i, '');
  if (DEV_HINT.test(stem)) return 'dev';
  return RUNTIME_HINT.test(stem) || RUNTIME_HINT.test(fileName) ? 'runtime' : undefined;
}

interface IncludeState {
  readonly source: ManifestSource;
  readonly out: Dependency[];
  /** Files read so far, so an include cycle ends. */
  readonly visited: Set<string>;
}

async function readRequirements(text: string, manifest: string, kind: Kind, state: IncludeState, depth: number): Promise<void> {
  for (const line of logicalLines(text)) {
    const include = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)$/.exec(line)?.[1];
    if (include !== undefined) {
      const included = joinInside(directoryOf(manifest), include);
      if (included === null || state.visited.has(included)) continue;
      if (depth >= MAX_INCLUDE_DEPTH || state.visited.size >= MAX_FILES_PER_MANIFEST) continue;
      state.visited.add(included);
      const includedText = await state.source.readFile(included);
      if (includedText !== null) await readRequirements(includedText, included, kindOfFile(included) ?? kind, state, depth + 1);
      continue;
    }
    const requirement = requirementOfLine(line);
    if (requirement !== null) state.out.push(dependency('pypi', manifest, requirement.name, kind, requirement.version));
  }
}

/** Lines with comments, `\` continuations and per-requirement options (`--hash=...`) removed. */
function logicalLines(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const lines: string[] = [];
  for (const rawLine of joined.split(/\r?\n/)) {
    const line = rawLine
      .replace(/(^|\s)#(?!egg=).*$/, '')
      .replace(/\s--(hash|global-option|config-settings)[=\s]\S+/g, '')
      .trim();
    if (line !== '') lines.push(line);
  }
  return lines;
}

/**
 * A requirement by name: PEP 508 lines, `-e`/VCS/URL lines by their `#egg=` name, wheels by their file name.
 * Other options (`-c`, `--index-url`, `-e .`) and local paths name no package of their own.
 */
function requirementOfLine(line: string): Requirement | null {
  const editable = /^(?:-e|--editable)(?:\s*=\s*|\s+)(\S+)$/.exec(line)?.[1];
  const target = editable ?? line;
  if (editable === undefined && target.startsWith('-')) return null;
  const egg = /#egg=([A-Za-z0-9._-]+)/.exec(target)?.[1];
  if (egg !== undefined) return { name: egg };
  const wheel = /(?:^|\/)([A-Za-z0-9_.]+)-([0-9][^-/]*)-[^/]*\.whl$/.exec(target);
  if (wheel?.[1] !== undefined && wheel[2] !== undefined) return { name: wheel[1], version: `==${wheel[2]}` };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^[./~]/.test(target) || editable !== undefined) return null;
  return parseRequirement(target);
}
