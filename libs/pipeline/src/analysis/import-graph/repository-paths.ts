/**
 * Path arithmetic on repository paths: forward slashes, relative to the repository root, no `./` and no
 * leading `/`; the root itself is ''. Hand-written because it runs for every import, and `path.posix`
 * would let `..` climb out of the repository without saying so.
 */

export function parentDirectory(filePath: string): string {
  const slash = filePath.lastIndexOf('/');
  return slash < 0 ? '' : filePath.slice(0, slash);
}

export function baseName(filePath: string): string {
  return filePath.slice(filePath.lastIndexOf('/') + 1);
}

/** The extension with its dot ('.ts'), or '' when the name has none. A leading dot is not one. */
export function extensionOf(filePath: string): string {
  const name = baseName(filePath);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

export function withoutExtension(filePath: string): string {
  const extension = extensionOf(filePath);
  return extension === '' ? filePath : filePath.slice(0, -extension.length);
}

/** `directory` and `name` joined with a slash, without one at the root. */
export function childPath(directory: string, name: string): string {
  return directory === '' ? name : `${directory}/${name}`;
}

/**
 * `relative` (which may hold `.`, `..` and empty segments) applied to `directory`; null when it climbs
 * above the repository root.
 */
export function joinPath(directory: string, relative: string): string | null {
  if (!relative.includes('.') && !relative.includes('//') && !relative.startsWith('/') && !relative.endsWith('/')) {
    return relative === '' ? directory : childPath(directory, relative);
  }
  const segments = directory === '' ? [] : directory.split('/');
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return null;
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/** Every directory above `filePath`, nearest first, ending with the root (''). */
export function* ancestorDirectories(filePath: string): Generator<string> {
  let directory = filePath;
  while (directory !== '') {
    directory = parentDirectory(directory);
    yield directory;
  }
}

/** How many leading path segments two paths share. */
export function sharedSegments(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  let shared = 0;
  while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared += 1;
  return shared;
}
