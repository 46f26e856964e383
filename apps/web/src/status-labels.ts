import type { RepositoryStatus, RunStatus } from '@repolens/contracts';
import type { BadgeTone } from './components/StatusBadge.js';
import type { StageViewStatus } from './feed/feed-reducer.js';

interface StatusLook {
  readonly label: string;
  readonly tone: BadgeTone;
}

export const STAGE_STATUS_LOOKS = {
  pending: { label: 'Waiting', tone: 'neutral' },
  running: { label: 'Running', tone: 'running' },
  completed: { label: 'Done', tone: 'done' },
  failed: { label: 'Failed', tone: 'failed' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  stopped: { label: 'Stopped', tone: 'warning' },
} as const satisfies Record<StageViewStatus, StatusLook>;

export const REPOSITORY_STATUS_LOOKS = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Analysing', tone: 'running' },
  ready: { label: 'Ready', tone: 'done' },
  failed: { label: 'Failed', tone: 'failed' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
  timed_out: { label: 'Timed out', tone: 'failed' },
} as const satisfies Record<RepositoryStatus, StatusLook>;

export const RUN_STATUS_LOOKS = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Analysing', tone: 'running' },
  completed: { label: 'Ready', tone: 'done' },
  failed: { label: 'Failed', tone: 'failed' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
  timed_out: { label: 'Timed out', tone: 'failed' },
} as const satisfies Record<RunStatus, StatusLook>;
