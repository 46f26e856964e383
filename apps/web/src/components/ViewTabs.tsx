import { useNavigation, SelectionLink } from '../navigation.js';
import type { View } from '../url-state.js';

const TABS: ReadonlyArray<{ readonly view: View; readonly label: string }> = [
  { view: 'analysis', label: 'Analysis' },
  { view: 'overview', label: 'Overview' },
  { view: 'code', label: 'Code' },
];

export interface ViewTabsProps {
  readonly current: View;
  /** Overview and code need a completed analysis. */
  readonly explorable: boolean;
}

/** The repository's views as links (each has its own address), the current one marked for screen readers. */
export function ViewTabs({ current, explorable }: ViewTabsProps) {
  const { selection } = useNavigation();
  return (
    <nav className="view-tabs" aria-label="Repository views">
      {TABS.map(({ view, label }) =>
        view !== 'analysis' && !explorable ? (
          <span key={view} className="view-tabs__tab view-tabs__tab--disabled" aria-disabled="true" title="Available once the analysis is complete">
            {label}
          </span>
        ) : (
          <SelectionLink
            key={view}
            to={{ ...selection, view, ...(view === 'code' ? {} : { lines: null }) }}
            className="view-tabs__tab"
            aria-current={view === current ? 'page' : undefined}
          >
            {label}
          </SelectionLink>
        ),
      )}
      {explorable ? (
        // Below the width where the chat sits beside the view, it comes after it: this jumps there.
        <a className="view-tabs__jump" href="#chat-question">
          Chat ↓
        </a>
      ) : null}
    </nav>
  );
}
