export type BadgeTone = 'neutral' | 'running' | 'done' | 'failed' | 'warning';

export interface StatusBadgeProps {
  readonly tone: BadgeTone;
  readonly children: string;
}

export function StatusBadge({ tone, children }: StatusBadgeProps) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
