import type { ImportResolver, Resolution, ResolverFactoryInput } from './import-resolver.js';
import { EXTERNAL, UNRESOLVED } from './import-resolver.js';
import { baseName, extensionOf, parentDirectory, withoutExtension } from './repository-paths.js';

export const JAVA_EXTENSIONS = ['.java', '.kt'];
const JAVA_EXTENSION_SET = new Set(JAVA_EXTENSIONS);

/**
 * Java (and Kotlin, which imports the same way): `com.acme.util.Strings` is the file
 * com/acme/util/Strings.java under any source root (src/main/java, src, a module's own folder…), found
 * by its path suffix; `com.acme.util.*` is every file of that package folder. Static imports and nested
 * classes fall back to the outermost class file. An import counts as internal when its first two names
 * are folders of the repository's Java code (com/acme), so java.util and org.junit stay external.
 */
export async function createJavaResolver({ index }: ResolverFactoryInput): Promise<ImportResolver> {
  const classFiles = new Map<string, string[]>();
  const packageFolders = new Map<string, string[]>();
  const folderPairs = new Set<string>();
  const seenFolders = new Set<string>();
  for (const filePath of index.filesWithExtension(JAVA_EXTENSION_SET)) {
    pushTo(classFiles, baseName(withoutExtension(filePath)), filePath);
    const directory = parentDirectory(filePath);
    if (seenFolders.has(directory)) continue;
    seenFolders.add(directory);
    pushTo(packageFolders, baseName(directory), directory);
    const segments = directory.split('/');
    for (let at = 1; at < segments.length; at += 1) folderPairs.add(`${segments[at - 1]}/${segments[at]}`);
  }

  function classFile(names: readonly string[]): string | null {
    const relative = names.join('/');
    const candidates = classFiles.get(names[names.length - 1] as string) ?? [];
    return candidates.find((candidate) => endsWithPath(withoutExtension(candidate), relative)) ?? null;
  }

  function packageFiles(names: readonly string[]): string[] {
    const relative = names.join('/');
    const folders = (packageFolders.get(names[names.length - 1] as string) ?? []).filter((folder) => endsWithPath(folder, relative));
    const files = folders.flatMap((folder) => index.filesIn(folder));
    return files.filter((filePath) => JAVA_EXTENSION_SET.has(extensionOf(filePath))).sort();
  }

  function resolve(_fromFile: string, source: string): Resolution {
    let written = source.replace(/^static\s+/, '').trim();
    const wildcard = written.endsWith('.*');
    if (wildcard) written = written.slice(0, -2);
    const names = written.split('.').filter((name) => name !== '');
    if (names.length === 0) return EXTERNAL;
    if (wildcard) {
      const files = packageFiles(names);
      if (files.length > 0) return { kind: 'resolved', targets: files };
    }
    // Longest first: a class, else the class a static member or nested class belongs to.
    for (let length = names.length; length >= Math.min(2, names.length); length -= 1) {
      const hit = classFile(names.slice(0, length));
      if (hit !== null) return { kind: 'resolved', targets: [hit] };
    }
    return names.length >= 2 && folderPairs.has(`${names[0]}/${names[1]}`) ? UNRESOLVED : EXTERNAL;
  }

  return { scope: 'directory', readsNames: false, resolve, declaredEntryPoints: [] };
}

function endsWithPath(filePath: string, relative: string): boolean {
  return filePath === relative || filePath.endsWith(`/${relative}`);
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
