import { lazy, Suspense } from 'react';
import type { RepositoryDetail } from '@repolens/contracts';
import { shownAnalysis } from '../../explorability.js';
import { formatBytes } from '../../format.js';
import { SelectionLink, useNavigation } from '../../navigation.js';
import { DependencyList } from './DependencyList.js';
import { ReadmeView } from './ReadmeView.js';

// The chart library is the page's largest; it loads with the overview, not with the first page.
const LanguagesChart = lazy(() => import('./LanguagesChart.js'));
const ActivityChart = lazy(() => import('./ActivityChart.js'));

export interface OverviewProps {
  readonly repository: RepositoryDetail;
}

/** What the analysis found, at a glance: description, figures, languages, activity, people, dependencies, README. */
export function Overview({ repository }: OverviewProps) {
  const { selection } = useNavigation();
  const { metadata, structure, code, notes } = shownAnalysis(repository);
  const git = metadata?.git;
  const stats: Array<[string, string]> = [];
  if (structure !== null) stats.push(['Files', structure.totalFiles.toLocaleString()], ['Size', formatBytes(structure.totalBytes)]);
  if (code !== null) {
    stats.push(['Lines of code', code.codeLines.toLocaleString()], ['Functions', code.functions.toLocaleString()], ['Classes', code.classes.toLocaleString()], ['Symbols', code.symbols.toLocaleString()]);
  }
  if (git !== undefined) stats.push(['Commits', `${git.commitCount.toLocaleString()}${git.historyTruncated ? '+' : ''}`], ['Contributors', git.contributors.length.toLocaleString()]);

  return (
    <div className="overview">
      <section className="panel overview__summary" aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        {metadata?.description != null && metadata.description !== '' ? <p className="overview__description">{metadata.description}</p> : null}
        <p className="overview__facts">
          {metadata?.license != null ? (
            <span>
              License <strong>{metadata.license.spdxId}</strong>
            </span>
          ) : (
            <span>No license found</span>
          )}
          {git?.branch != null ? <span>Branch {git.branch}</span> : null}
          {git?.lastCommitDate != null ? <span>Last commit {new Date(git.lastCommitDate).toLocaleDateString()}</span> : null}
        </p>
        <dl className="stats">
          {stats.map(([label, value]) => (
            <div key={label} className="stats__item">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="overview__grid">
        {structure !== null && structure.languages.length > 0 ? (
          <section className="panel" aria-labelledby="languages-title">
            <h2 id="languages-title">Languages</h2>
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <LanguagesChart languages={structure.languages} />
            </Suspense>
          </section>
        ) : null}
        {metadata !== null && metadata.commitActivity.length > 0 ? (
          <section className="panel" aria-labelledby="activity-title">
            <h2 id="activity-title">Commit activity</h2>
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <ActivityChart activity={metadata.commitActivity} />
            </Suspense>
          </section>
        ) : null}
        {structure !== null && structure.keyDirectories.length > 0 ? (
          <section className="panel" aria-labelledby="directories-title">
            <h2 id="directories-title">Key directories</h2>
            <ul className="key-directories">
              {structure.keyDirectories.map((directory) => (
                <li key={directory.path}>
                  <code>{directory.path}/</code> <span className="badge badge--neutral">{directory.kind}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {git !== undefined && git.contributors.length > 0 ? (
          <section className="panel" aria-labelledby="contributors-title">
            <h2 id="contributors-title">Contributors</h2>
            <ol className="contributors">
              {git.contributors.slice(0, 10).map((contributor) => (
                <li key={contributor.name}>
                  <span>{contributor.name}</span>
                  <span className="muted">
                    {contributor.commits.toLocaleString()} commit{contributor.commits === 1 ? '' : 's'}
                  </span>
                </li>
              ))}
            </ol>
            {git.historyTruncated ? <p className="hint">From the fetched history only (shallow clone).</p> : null}
          </section>
        ) : null}
      </div>

      {metadata !== null && metadata.dependencies.length > 0 ? <DependencyList dependencies={metadata.dependencies} /> : null}

      {notes.length > 0 ? (
        <section className="panel" aria-labelledby="notes-title">
          <h2 id="notes-title">Left out of the analysis</h2>
          <ul className="notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {metadata?.readme != null ? (
        <ReadmeView repositoryId={repository.id} path={metadata.readme.path} />
      ) : (
        <section className="panel">
          <h2>README</h2>
          <p className="muted">
            This repository has no README. <SelectionLink to={{ ...selection, view: 'code' }}>Browse its code</SelectionLink> instead.
          </p>
        </section>
      )}
    </div>
  );
}
