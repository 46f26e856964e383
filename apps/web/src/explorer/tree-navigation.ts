import type { TreeDirectory } from './file-tree.js';

/** One row of the file tree as shown: the folders that are open decide which rows there are. */
export interface VisibleTreeItem {
  readonly path: string;
  readonly name: string;
  readonly kind: 'directory' | 'file';
  /** 1 for the top level. */
  readonly level: number;
  /** The folder it sits in; null at the top level. */
  readonly parent: string | null;
  /** Folders only: whether its contents are shown. */
  readonly expanded: boolean;
}

/** What a key pressed on a tree row does (WAI-ARIA tree view pattern). */
export type TreeKeyAction =
  | { readonly type: 'focus'; readonly path: string }
  | { readonly type: 'expand'; readonly path: string }
  | { readonly type: 'collapse'; readonly path: string }
  /** Enter or Space: a file opens, a folder opens or closes. */
  | { readonly type: 'activate'; readonly path: string };

/** The rows of the tree in display order: each folder, then (when open) its contents, then the files. */
export function visibleTreeItems(root: TreeDirectory, open: ReadonlySet<string>): VisibleTreeItem[] {
  const items: VisibleTreeItem[] = [];
  const walk = (directory: TreeDirectory, level: number): void => {
    const parent = directory.path === '' ? null : directory.path;
    for (const child of directory.directories) {
      const expanded = open.has(child.path);
      items.push({ path: child.path, name: child.name, kind: 'directory', level, parent, expanded });
      if (expanded) walk(child, level + 1);
    }
    for (const file of directory.files) {
      items.push({ path: file.entry.path, name: file.name, kind: 'file', level, parent, expanded: false });
    }
  };
  walk(root, 1);
  return items;
}

/** Rows of a flat list of files (the filter's matches), one level deep. */
export function flatTreeItems(paths: readonly string[]): VisibleTreeItem[] {
  return paths.map((path) => ({ path, name: path, kind: 'file', level: 1, parent: null, expanded: false }));
}

/**
 * The tree view keys: Up/Down to the previous/next row, Home/End to the first/last, Right opens a
 * closed folder or goes to an open one's first child, Left closes an open folder or goes to the
 * parent, Enter/Space activate, and a typed character goes to the next row whose name starts with it.
 * null: the key is not the tree's, and is left to the browser.
 */
export function treeKeyAction(items: readonly VisibleTreeItem[], currentPath: string, key: string): TreeKeyAction | null {
  const index = items.findIndex((item) => item.path === currentPath);
  const current = items[index];
  if (current === undefined) return null;
  const focus = (item: VisibleTreeItem | undefined): TreeKeyAction | null => (item === undefined ? null : { type: 'focus', path: item.path });

  switch (key) {
    case 'ArrowDown':
      return focus(items[index + 1]);
    case 'ArrowUp':
      return focus(items[index - 1]);
    case 'Home':
      return focus(items[0]);
    case 'End':
      return focus(items.at(-1));
    case 'ArrowRight':
      if (current.kind !== 'directory') return null;
      if (!current.expanded) return { type: 'expand', path: current.path };
      // The next row is the folder's first child, if it has any.
      return items[index + 1]?.parent === current.path ? focus(items[index + 1]) : null;
    case 'ArrowLeft':
      if (current.kind === 'directory' && current.expanded) return { type: 'collapse', path: current.path };
      return current.parent === null ? null : focus(items.find((item) => item.path === current.parent));
    case 'Enter':
    case ' ':
      return { type: 'activate', path: current.path };
    default:
      return key.length === 1 && key.trim() !== '' ? focus(nextStartingWith(items, index, key)) : null;
  }
}

/** The next row after `index` (wrapping round) whose name starts with `character`, case ignored. */
function nextStartingWith(items: readonly VisibleTreeItem[], index: number, character: string): VisibleTreeItem | undefined {
  const wanted = character.toLocaleLowerCase();
  for (let step = 1; step < items.length; step += 1) {
    const item = items[(index + step) % items.length];
    if (item !== undefined && item.name.toLocaleLowerCase().startsWith(wanted)) return item;
  }
  return undefined;
}

/** The row that takes Tab: the one last focused if still shown, else the open file, else the first row. */
export function treeTabStop(items: readonly VisibleTreeItem[], activePath: string | null, selectedPath: string | null): string | null {
  const shown = (path: string | null) => path !== null && items.some((item) => item.path === path);
  if (shown(activePath)) return activePath;
  if (shown(selectedPath)) return selectedPath;
  return items[0]?.path ?? null;
}
