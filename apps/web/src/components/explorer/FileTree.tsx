import { useEffect, useMemo, useState } from 'react';
import type { FileTreeEntry } from '@repolens/contracts';
import { ancestorsOf, buildFileTree, filterFiles, type TreeDirectory } from '../../explorer/file-tree.js';
import { SelectionLink, useNavigation } from '../../navigation.js';

export interface FileTreeProps {
  readonly files: readonly FileTreeEntry[];
  readonly selectedPath: string | null;
}

const MAX_FILTERED = 200;

/**
 * The analysed files as folders that open and close, or, while the filter has text, as a flat list of
 * the matching paths. Folders are buttons and files are links, so Tab and Enter reach everything.
 */
export function FileTree({ files, selectedPath }: FileTreeProps) {
  const root = useMemo(() => buildFileTree(files), [files]);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(selectedPath === null ? [] : ancestorsOf(selectedPath)));
  const [filter, setFilter] = useState('');

  // Opening a file from elsewhere (a citation, a search result) opens the folders above it.
  useEffect(() => {
    if (selectedPath === null) return;
    setOpen((current) => {
      const missing = ancestorsOf(selectedPath).filter((directory) => !current.has(directory));
      return missing.length === 0 ? current : new Set([...current, ...missing]);
    });
  }, [selectedPath]);

  const toggle = (directory: string): void =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(directory)) next.delete(directory);
      else next.add(directory);
      return next;
    });

  const filtered = filter.trim() === '' ? null : filterFiles(files, filter, MAX_FILTERED);
  return (
    <div className="file-tree">
      <label htmlFor="file-filter" className="visually-hidden">
        Filter files
      </label>
      <input id="file-filter" type="search" placeholder={`Filter ${files.length.toLocaleString()} files`} value={filter} onChange={(event) => setFilter(event.target.value)} />
      <nav aria-label="Files" className="file-tree__scroll">
        {filtered !== null ? (
          filtered.length === 0 ? (
            <p className="muted">No file matches.</p>
          ) : (
            <ul className="tree">
              {filtered.map((file) => (
                <li key={file.path}>
                  <FileLink path={file.path} label={file.path} selected={file.path === selectedPath} />
                </li>
              ))}
            </ul>
          )
        ) : (
          <DirectoryContents directory={root} open={open} onToggle={toggle} selectedPath={selectedPath} />
        )}
      </nav>
    </div>
  );
}

interface DirectoryContentsProps {
  readonly directory: TreeDirectory;
  readonly open: ReadonlySet<string>;
  readonly onToggle: (path: string) => void;
  readonly selectedPath: string | null;
}

function DirectoryContents({ directory, open, onToggle, selectedPath }: DirectoryContentsProps) {
  return (
    <ul className="tree">
      {directory.directories.map((child) => {
        const expanded = open.has(child.path);
        return (
          <li key={child.path}>
            <button type="button" className="tree__folder" aria-expanded={expanded} onClick={() => onToggle(child.path)}>
              <span className="tree__chevron" aria-hidden="true">
                {expanded ? '▾' : '▸'}
              </span>
              {child.name}
              <span className="tree__count">{child.fileCount}</span>
            </button>
            {expanded ? <DirectoryContents directory={child} open={open} onToggle={onToggle} selectedPath={selectedPath} /> : null}
          </li>
        );
      })}
      {directory.files.map((file) => (
        <li key={file.entry.path}>
          <FileLink path={file.entry.path} label={file.name} selected={file.entry.path === selectedPath} />
        </li>
      ))}
    </ul>
  );
}

function FileLink({ path, label, selected }: { readonly path: string; readonly label: string; readonly selected: boolean }) {
  const { selection } = useNavigation();
  return (
    <SelectionLink to={{ ...selection, view: 'code', file: path, lines: null }} className="tree__file" aria-current={selected ? 'page' : undefined} title={path}>
      {label}
    </SelectionLink>
  );
}
