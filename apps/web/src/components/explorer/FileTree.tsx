import { useEffect, useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { FileTreeEntry } from '@repolens/contracts';
import { ancestorsOf, buildFileTree, filterFiles, type TreeDirectory } from '../../explorer/file-tree.js';
import { flatTreeItems, treeKeyAction, treeTabStop, visibleTreeItems, type VisibleTreeItem } from '../../explorer/tree-navigation.js';
import { SelectionLink, useNavigation } from '../../navigation.js';

export interface FileTreeProps {
  readonly files: readonly FileTreeEntry[];
  readonly selectedPath: string | null;
}

const MAX_FILTERED = 200;

/**
 * The analysed files as folders that open and close, or, while the filter has text, as a flat list of
 * the matching paths. A WAI-ARIA tree view: Tab enters it at one row (roving tabindex), the arrow keys
 * move between rows and open or close folders, Enter or Space opens a file. Files are real links, so
 * they also open in a new tab.
 */
export function FileTree({ files, selectedPath }: FileTreeProps) {
  const { selection, select } = useNavigation();
  const root = useMemo(() => buildFileTree(files), [files]);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(selectedPath === null ? [] : ancestorsOf(selectedPath)));
  const [filter, setFilter] = useState('');
  const [activePath, setActivePath] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const idPrefix = useId();

  // Opening a file from elsewhere (a citation, a search result) opens the folders above it.
  useEffect(() => {
    if (selectedPath === null) return;
    setOpen((current) => {
      const missing = ancestorsOf(selectedPath).filter((directory) => !current.has(directory));
      return missing.length === 0 ? current : new Set([...current, ...missing]);
    });
  }, [selectedPath]);

  const setExpanded = (directory: string, expanded: boolean): void =>
    setOpen((current) => {
      if (current.has(directory) === expanded) return current;
      const next = new Set(current);
      if (expanded) next.add(directory);
      else next.delete(directory);
      return next;
    });

  const filtered = useMemo(() => (filter.trim() === '' ? null : filterFiles(files, filter, MAX_FILTERED)), [files, filter]);
  const items = useMemo(() => (filtered !== null ? flatTreeItems(filtered.map((file) => file.path)) : visibleTreeItems(root, open)), [filtered, root, open]);
  const itemByPath = useMemo(() => new Map(items.map((item) => [item.path, item])), [items]);
  const tabStop = treeTabStop(items, activePath, selectedPath);

  const focusItem = (path: string): void => {
    treeRef.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)?.focus();
  };

  const activate = (item: VisibleTreeItem): void => {
    if (item.kind === 'directory') setExpanded(item.path, !item.expanded);
    else select({ ...selection, view: 'code', file: item.path, lines: null });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const path = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset['path'];
    if (path === undefined) return;
    const action = treeKeyAction(items, path, event.key);
    if (action === null) return;
    event.preventDefault();
    switch (action.type) {
      case 'focus':
        focusItem(action.path);
        break;
      case 'expand':
        setExpanded(action.path, true);
        break;
      case 'collapse':
        setExpanded(action.path, false);
        break;
      case 'activate': {
        const item = itemByPath.get(action.path);
        if (item !== undefined) activate(item);
        break;
      }
    }
  };

  const onFocus = (event: FocusEvent<HTMLUListElement>): void => {
    const path = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset['path'];
    if (path !== undefined) setActivePath(path);
  };

  // From the filter box, Down goes into the tree.
  const onFilterKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && tabStop !== null) {
      event.preventDefault();
      focusItem(tabStop);
    }
  };

  const row = (item: VisibleTreeItem, position: { readonly index: number; readonly size: number }): RowProps => ({
    'data-path': item.path,
    'aria-level': item.level,
    'aria-posinset': position.index + 1,
    'aria-setsize': position.size,
    tabIndex: item.path === tabStop ? 0 : -1,
  });

  return (
    <div className="file-tree">
      <label htmlFor="file-filter" className="visually-hidden">
        Filter files
      </label>
      <input
        id="file-filter"
        type="search"
        placeholder={`Filter ${files.length.toLocaleString()} files`}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={onFilterKeyDown}
        aria-describedby={`${idPrefix}-keys`}
      />
      <p id={`${idPrefix}-keys`} className="visually-hidden">
        Press Down to move into the file list; in it, the arrow keys move and open folders, Enter opens a file.
      </p>
      <div className="file-tree__scroll">
        {filtered !== null && filtered.length === 0 ? (
          <p className="muted">No file matches.</p>
        ) : (
          <ul className="tree" role="tree" aria-label="Files" ref={treeRef} onKeyDown={onKeyDown} onFocus={onFocus}>
            {filtered !== null ? (
              items.map((item, index) => (
                <li key={item.path} role="none">
                  <FileRow path={item.path} label={item.name} selected={item.path === selectedPath} rowProps={row(item, { index, size: items.length })} />
                </li>
              ))
            ) : (
              <DirectoryRows directory={root} itemByPath={itemByPath} row={row} onToggle={activate} selectedPath={selectedPath} groupId={(path) => `${idPrefix}-group-${encodeURIComponent(path)}`} />
            )}
          </ul>
        )}
      </div>
    </div>
  );
}

/** What makes an element a row of the tree, besides its role. */
interface RowProps {
  readonly 'data-path': string;
  readonly 'aria-level': number;
  readonly 'aria-posinset': number;
  readonly 'aria-setsize': number;
  readonly tabIndex: number;
}

interface DirectoryRowsProps {
  readonly directory: TreeDirectory;
  readonly itemByPath: ReadonlyMap<string, VisibleTreeItem>;
  readonly row: (item: VisibleTreeItem, position: { readonly index: number; readonly size: number }) => RowProps;
  readonly onToggle: (item: VisibleTreeItem) => void;
  readonly selectedPath: string | null;
  readonly groupId: (path: string) => string;
}

/** A folder's rows: its folders (each with its own rows beneath it when open), then its files. */
function DirectoryRows({ directory, itemByPath, row, onToggle, selectedPath, groupId }: DirectoryRowsProps) {
  const size = directory.directories.length + directory.files.length;
  return (
    <>
      {directory.directories.map((child, index) => {
        const item = itemByPath.get(child.path);
        if (item === undefined) return null;
        return (
          <li key={child.path} role="none">
            <span
              role="treeitem"
              className="tree__folder"
              aria-label={child.name}
              aria-expanded={item.expanded}
              aria-owns={item.expanded ? groupId(child.path) : undefined}
              title={`${child.path}/ · ${child.fileCount.toLocaleString()} files`}
              onClick={() => onToggle(item)}
              {...row(item, { index, size })}
            >
              <span className="tree__chevron" aria-hidden="true">
                {item.expanded ? '▾' : '▸'}
              </span>
              <span className="tree__name">{child.name}</span>
              <span className="tree__count" aria-hidden="true">
                {child.fileCount}
              </span>
            </span>
            {item.expanded ? (
              <ul className="tree" role="group" id={groupId(child.path)}>
                <DirectoryRows directory={child} itemByPath={itemByPath} row={row} onToggle={onToggle} selectedPath={selectedPath} groupId={groupId} />
              </ul>
            ) : null}
          </li>
        );
      })}
      {directory.files.map((file, index) => {
        const item = itemByPath.get(file.entry.path);
        if (item === undefined) return null;
        return (
          <li key={file.entry.path} role="none">
            <FileRow path={file.entry.path} label={file.name} selected={file.entry.path === selectedPath} rowProps={row(item, { index: directory.directories.length + index, size })} />
          </li>
        );
      })}
    </>
  );
}

interface FileRowProps {
  readonly path: string;
  readonly label: string;
  readonly selected: boolean;
  readonly rowProps: RowProps;
}

function FileRow({ path, label, selected, rowProps }: FileRowProps) {
  const { selection } = useNavigation();
  return (
    <SelectionLink
      to={{ ...selection, view: 'code', file: path, lines: null }}
      className="tree__file"
      role="treeitem"
      aria-current={selected ? 'page' : undefined}
      title={path}
      {...rowProps}
    >
      {label}
    </SelectionLink>
  );
}
