import type { Dependency } from '@repolens/contracts';
import { dependency, manifestInfo, type ManifestReader } from './manifest.js';

/**
 * go.mod: `require` lines and blocks. Requirements marked `// indirect` are kept as runtime: since Go 1.17
 * go.mod lists every module the build needs, and those are compiled in like the direct ones; the contract
 * has no direct/transitive flag, and calling them optional would say something false.
 */
export const goMod: ManifestReader = {
  matches: (fileName) => fileName === 'go.mod',
  read(text, manifest) {
    const dependencies: Dependency[] = [];
    let moduleName: string | undefined;
    for (const { verb, args } of goModDirectives(text)) {
      if (verb === 'module' && args[0] !== undefined) moduleName = args[0];
      else if (verb === 'require' && args[0] !== undefined && args[1] !== undefined) {
        dependencies.push(dependency('go', manifest, args[0], 'runtime', args[1]));
      }
    }
    if (moduleName === undefined) throw new Error('go.mod has no module line');
    return manifestInfo(dependencies, { name: moduleName });
  },
};

/** go.work: its `use` directives are the workspace's modules. */
export const goWork: ManifestReader = {
  matches: (fileName) => fileName === 'go.work',
  read(text) {
    const patterns = goModDirectives(text)
      .filter((directive) => directive.verb === 'use' && directive.args[0] !== undefined)
      .map((directive) => directive.args[0] as string);
    return manifestInfo([], { workspace: { patterns, memberManifest: 'go.mod' } });
  },
};

interface Directive {
  readonly verb: string;
  readonly args: readonly string[];
}

/**
 * The directives of a go.mod or go.work file, as Go's modfile package reads them: `verb args` lines and
 * `verb ( ... )` blocks, `//` comments, and interpreted ("...") or raw (`...`) strings.
 */
export function goModDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  let blockVerb: string | null = null;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const tokens = tokenize(rawLine);
    if (tokens.length === 0) return;
    if (blockVerb !== null) {
      if (tokens[0] === ')') blockVerb = null;
      else directives.push({ verb: blockVerb, args: tokens });
      return;
    }
    const [verb, ...args] = tokens as [string, ...string[]];
    if (args[0] === '(') {
      if (args.length !== 1) throw new Error(`line ${index + 1}: unexpected tokens after "("`);
      blockVerb = verb;
    } else directives.push({ verb, args });
  });
  if (blockVerb !== null) throw new Error(`unterminated ${blockVerb} block`);
  return directives;
}

function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /\/\/.*$|"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\(|\))|([^\s()"`]+)/g;
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    if (match[0].startsWith('//')) break;
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}
