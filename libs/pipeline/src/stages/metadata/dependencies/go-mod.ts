import type { Dependency } from '@repolens/contracts';
import type { ManifestInfo, ManifestReader } from './manifest.js';

/** go.mod: `require` lines and blocks; `// indirect` requirements are kept (they are still built in). */
export const goMod: ManifestReader = {
  matches: (fileName) => fileName === 'go.mod',
  read(text, manifest): ManifestInfo {
    const dependencies: Dependency[] = [];
    let moduleName: string | undefined;
    let inRequireBlock = false;
    for (const rawLine of text.split(/\r?\n/)) {
      const line = rawLine.replace(/\/\/.*$/, '').trim();
      if (line === '') continue;
      if (inRequireBlock) {
        if (line === ')') inRequireBlock = false;
        else addRequirement(line, manifest, dependencies);
        continue;
      }
      const module = /^module\s+("?)([^\s"]+)\1$/.exec(line);
      if (module?.[2] !== undefined) moduleName = module[2];
      else if (/^require\s*\($/.test(line)) inRequireBlock = true;
      else if (line.startsWith('require ')) addRequirement(line.slice('require '.length).trim(), manifest, dependencies);
    }
    if (moduleName === undefined) throw new Error('go.mod has no module line');
    return { dependencies, name: moduleName };
  },
};

function addRequirement(line: string, manifest: string, out: Dependency[]): void {
  const [path, version] = line.split(/\s+/);
  if (path === undefined || version === undefined) return;
  out.push({ ecosystem: 'go', manifest, name: path.replace(/^"|"$/g, ''), version, kind: 'runtime' });
}
