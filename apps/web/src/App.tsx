import { useEffect, useState } from 'react';
import { toAppError, type AppError } from '@repolens/contracts';
import { getRun } from './api-client.js';
import { ThemeSwitch } from './components/ThemeSwitch.js';
import { NavigationProvider, SelectionLink } from './navigation.js';
import { HomePage } from './pages/HomePage.js';
import { RepositoryPage } from './pages/RepositoryPage.js';
import { EMPTY_SELECTION } from './url-state.js';
import { useSelection } from './use-selection.js';

export function App() {
  const [selection, select] = useSelection();
  const [notice, setNotice] = useState<string | null>(null);
  const [runError, setRunError] = useState<AppError | null>(null);
  const { repositoryId, runId } = selection;

  // An address with only a run in it: the run says which repository it belongs to.
  useEffect(() => {
    setRunError(null);
    if (runId === null || repositoryId !== null) return undefined;
    let cancelled = false;
    getRun(runId).then(
      (run) => {
        if (!cancelled) select({ ...selection, repositoryId: run.repositoryId, view: 'analysis' }, 'replace');
      },
      (error: unknown) => {
        if (!cancelled) setRunError(toAppError(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [repositoryId, runId, select, selection]);

  // A notice is about the page it was given on.
  useEffect(() => setNotice((current) => (current !== null && repositoryId === null ? null : current)), [repositoryId]);

  return (
    <NavigationProvider selection={selection} select={select}>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <div className="page">
        <header className="site-header">
          <SelectionLink to={EMPTY_SELECTION} className="site-header__title">
            RepoLens
          </SelectionLink>
          <p className="site-header__tagline">Analyse a Git repository, watch every stage, then ask it questions.</p>
          <ThemeSwitch />
        </header>
        <main id="content" tabIndex={-1}>
          {runError !== null ? (
            <p className="outcome outcome--failed" role="alert">
              Could not open this analysis: {runError.message} <code>{runError.code}</code>
            </p>
          ) : null}
          {repositoryId === null ? (
            runId === null ? <HomePage onNotice={setNotice} /> : null
          ) : (
            <RepositoryPage key={repositoryId} repositoryId={repositoryId} notice={notice} onDismissNotice={() => setNotice(null)} />
          )}
        </main>
      </div>
    </NavigationProvider>
  );
}
