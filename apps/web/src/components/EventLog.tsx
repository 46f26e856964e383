import { READY_STAGE, STAGE_LABELS } from '@repolens/contracts';
import type { FeedState } from '../feed/feed-reducer.js';

export interface EventLogProps {
  readonly feed: FeedState;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Every event of the run, once each and in order, folded away until asked for. */
export function EventLog({ feed }: EventLogProps) {
  const count = feed.log.length + feed.logOmitted;
  return (
    <details className="event-log">
      <summary>
        Event log <span className="muted">({count.toLocaleString()} events)</span>
      </summary>
      {feed.logOmitted > 0 ? <p className="muted event-log__omitted">{feed.logOmitted.toLocaleString()} earlier events are not shown.</p> : null}
      {feed.log.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="event-log__lines">
          {feed.log.map((line) => (
            <li key={line.seq} className={`event-log__line event-log__line--${line.status}`} data-seq={line.seq}>
              <time dateTime={line.timestamp}>{TIME.format(new Date(line.timestamp))}</time>
              <span className="event-log__stage" title={line.stage === null || line.stage === READY_STAGE ? undefined : STAGE_LABELS[line.stage]}>
                {line.stage ?? 'run'}
              </span>
              <span className="event-log__status">{line.status}</span>
              <span className="event-log__message">
                {line.message}
                {line.error !== null ? <code>{line.error.code}</code> : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
