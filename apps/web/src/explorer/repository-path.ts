/** `docs/setup.md#install` from `README.md`, `../LICENSE` from `docs/README.md`; null when it climbs out of the repository. */
export function resolveRepositoryPath(fromFile: string, href: string): string | null {
  const target = href.split(/[?#]/)[0] ?? '';
  if (target === '') return null;
  const base = target.startsWith('/') ? [] : fromFile.split('/').slice(0, -1);
  const parts = [...base];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(decodeSegment(segment));
    }
  }
  return parts.length === 0 ? null : parts.join('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
