import { readFileInside } from '../../../fs/read-file-inside.js';
import type { ManifestSource } from './manifest.js';

/**
 * Files of a checkout for manifest readers, read at most once each, never through a final symlink or
 * outside the root; a file that is absent, too big or unreadable reads as null.
 */
export function createManifestSource(checkoutDir: string, maxBytes: number): ManifestSource {
  const cache = new Map<string, Promise<string | null>>();
  return {
    readFile(relativePath) {
      let text = cache.get(relativePath);
      if (text === undefined) {
        text = readFileInside(checkoutDir, relativePath, maxBytes).then(
          (buffer) => buffer.toString('utf8').replace(/^\uFEFF/, ''),
          () => null,
        );
        cache.set(relativePath, text);
      }
      return text;
    },
  };
}
