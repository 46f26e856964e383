import type { ReactNode } from 'react';
import { getFile } from '../../api-client.js';
import { SelectionLink, useNavigation } from '../../navigation.js';
import { resolveRepositoryPath } from '../../explorer/repository-path.js';
import { useAsync } from '../../use-async.js';
import { Markdown } from '../Markdown.js';

export interface ReadmeViewProps {
  readonly repositoryId: string;
  readonly path: string;
}

/** The README at the analysed commit, rendered safely; its links to repository files open in the code view. */
export function ReadmeView({ repositoryId, path }: ReadmeViewProps) {
  const { selection } = useNavigation();
  const readme = useAsync(`${repositoryId}\n${path}`, () => getFile(repositoryId, path));

  const renderRelativeLink = (href: string, children: ReactNode): ReactNode => {
    const target = resolveRepositoryPath(path, href);
    if (target === null) return children;
    return <SelectionLink to={{ ...selection, view: 'code', file: target, lines: null }}>{children}</SelectionLink>;
  };

  return (
    <section className="panel readme" aria-labelledby="readme-title">
      <h2 id="readme-title">{path}</h2>
      {readme === null || readme.status === 'loading' ? <p className="muted">Loading…</p> : null}
      {readme?.status === 'failed' ? <p className="form-error">Could not load the README: {readme.error.message}</p> : null}
      {readme?.status === 'done' ? (
        /\.(md|markdown|mdown)$/i.test(path) ? (
          <Markdown text={readme.data.text} renderRelativeLink={renderRelativeLink} />
        ) : (
          <pre className="readme__plain">{readme.data.text}</pre>
        )
      ) : null}
    </section>
  );
}
