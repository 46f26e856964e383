import type { StageView } from '../feed/feed-reducer.js';
import { StageRow } from './StageRow.js';

export interface StageTimelineProps {
  readonly stages: readonly StageView[];
  readonly now: number;
}

/** The five stages in run order, each with its own status, bar, message and elapsed time. */
export function StageTimeline({ stages, now }: StageTimelineProps) {
  return (
    <ol className="stages" aria-label="Analysis stages">
      {stages.map((stage) => (
        <StageRow key={stage.stage} stage={stage} now={now} />
      ))}
    </ol>
  );
}
