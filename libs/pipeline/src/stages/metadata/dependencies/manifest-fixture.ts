import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestReaderFor } from './index.js';
import type { ManifestInfo } from './manifest.js';
import { createManifestSource } from './manifest-source.js';

/**
 * For tests: writes `files` under `dir` (a fresh directory per call) and reads `manifestPath` with its
 * reader, other files reachable as the stage makes them.
 */
export async function readManifestFixture(dir: string, files: Readonly<Record<string, string>>, manifestPath: string): Promise<ManifestInfo> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, ...relative.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  const reader = manifestReaderFor(manifestPath);
  if (reader === null) throw new Error(`no reader for ${manifestPath}`);
  const source = createManifestSource(dir, 1024 * 1024);
  const text = await source.readFile(manifestPath);
  if (text === null) throw new Error(`${manifestPath} was not written`);
  return reader.read(text, manifestPath, source);
}

/** `kind name version` lines, as a person reads a dependency list. */
export function dependencyLines(info: ManifestInfo): string[] {
  return info.dependencies.map((item) => `${item.kind} ${item.name} ${item.version ?? '-'}`);
}
