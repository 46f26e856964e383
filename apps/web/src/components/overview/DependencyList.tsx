import { DEPENDENCY_KINDS, type Dependency } from '@repolens/contracts';

export interface DependencyListProps {
  readonly dependencies: readonly Dependency[];
}

const KIND_TITLES: Record<Dependency['kind'], string> = {
  runtime: 'Runtime',
  dev: 'Development',
  peer: 'Peer',
  optional: 'Optional',
  build: 'Build',
};

/** Declared dependencies by kind; each with its version range and the manifest that declares it. */
export function DependencyList({ dependencies }: DependencyListProps) {
  const groups = DEPENDENCY_KINDS.map((kind) => ({ kind, items: dependencies.filter((dependency) => dependency.kind === kind) })).filter((group) => group.items.length > 0);
  return (
    <section className="panel" aria-labelledby="dependencies-title">
      <h2 id="dependencies-title">Dependencies</h2>
      <div className="dependencies">
        {groups.map((group) => (
          <details key={group.kind} className="dependencies__group" open={group.kind === 'runtime' || groups.length === 1}>
            <summary>
              {KIND_TITLES[group.kind]} <span className="muted">({group.items.length})</span>
            </summary>
            <ul className="dependencies__list">
              {group.items.map((dependency) => (
                <li key={`${dependency.manifest}:${dependency.name}`}>
                  <code>{dependency.name}</code>
                  {dependency.version !== undefined ? <span className="muted"> {dependency.version}</span> : null}
                  <span className="dependencies__manifest" title={`${dependency.ecosystem}, declared in ${dependency.manifest}`}>
                    {dependency.manifest}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </div>
    </section>
  );
}
