import { shortSha } from '../format.js';
import { SelectionLink, useNavigation } from '../navigation.js';

export interface AnalysisBehindNoteProps {
  /** `running`: a newer analysis is under way; `ended`: the newest one stopped without completing. */
  readonly behind: 'running' | 'ended';
  readonly commitSha: string | null;
  readonly finishedAt: string | null;
  readonly latestRunId: string | null;
}

/** Says that overview, code and chat show an earlier completed analysis, which commit that is, and where the newer one is. */
export function AnalysisBehindNote({ behind, commitSha, finishedAt, latestRunId }: AnalysisBehindNoteProps) {
  const { selection } = useNavigation();
  const commit = shortSha(commitSha);
  const analysed = finishedAt === null ? '' : `, analysed ${new Date(finishedAt).toLocaleString()}`;
  return (
    <p className={`notice notice--${behind === 'running' ? 'running' : 'warning'}`} role="status">
      {behind === 'running' ? 'A new analysis is running. ' : 'The latest analysis did not complete. '}
      Until {behind === 'running' ? 'it completes' : 'one does'}, this shows {commit !== null ? <>commit <code>{commit}</code></> : 'the previous analysis'}
      {analysed}.{' '}
      {latestRunId !== null ? (
        <SelectionLink to={{ ...selection, runId: latestRunId, view: 'analysis', lines: null }}>
          {behind === 'running' ? 'Follow its progress' : 'See what happened'}
        </SelectionLink>
      ) : null}
    </p>
  );
}
