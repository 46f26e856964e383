import { getFile, getFileTree } from '../../api-client.js';
import { useAsync } from '../../use-async.js';
import type { LineRange } from '../../url-state.js';
import { CodeViewer } from './CodeViewer.js';
import { FileTree } from './FileTree.js';
import { SymbolOutline } from './SymbolOutline.js';
import { SymbolSearch } from './SymbolSearch.js';

export interface CodeExplorerProps {
  readonly repositoryId: string;
  /** Names the completed analysis shown; a new one (a re-analysis completed) loads the files again. */
  readonly analysisKey: string;
  readonly file: string | null;
  readonly lines: LineRange | null;
}

/** Symbol search, the file tree and the open file's outline beside the code of that file. */
export function CodeExplorer({ repositoryId, analysisKey, file, lines }: CodeExplorerProps) {
  const tree = useAsync(`${repositoryId}\n${analysisKey}`, () => getFileTree(repositoryId));
  const content = useAsync(file === null ? null : `${repositoryId}\n${analysisKey}\n${file}`, () => getFile(repositoryId, file ?? ''));

  return (
    <div className="explorer">
      <aside className="explorer__side panel" aria-label="Files and symbols">
        <SymbolSearch repositoryId={repositoryId} />
        <h3 className="side-title">Files</h3>
        {tree === null || tree.status === 'loading' ? <p className="muted">Loading the file tree…</p> : null}
        {tree?.status === 'failed' ? (
          <p className="form-error" role="alert">
            Could not load the files: {tree.error.message}
          </p>
        ) : null}
        {tree?.status === 'done' ? <FileTree files={tree.data.files} selectedPath={file} /> : null}
        {content?.status === 'done' ? <SymbolOutline path={content.data.path} symbols={content.data.symbols} /> : null}
      </aside>
      <div className="explorer__main panel">
        {file === null ? (
          <div className="viewer viewer--empty">
            <p className="muted">Pick a file from the tree, search for a symbol, or follow a citation from the chat.</p>
          </div>
        ) : content === null || content.status === 'loading' ? (
          <p className="muted">Loading {file}…</p>
        ) : content.status === 'failed' ? (
          <div className="outcome outcome--failed" role="alert">
            <p className="outcome__title">{file} cannot be shown</p>
            <p className="outcome__reason">
              {content.error.message} <code>{content.error.code}</code>
            </p>
          </div>
        ) : (
          <CodeViewer file={content.data} lines={lines} />
        )}
      </div>
    </div>
  );
}
