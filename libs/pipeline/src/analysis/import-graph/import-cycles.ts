/** More cycles than this are a tangle a person reads no further into. */
export const MAX_CYCLES = 50;

/**
 * Import cycles: the strongly connected components of more than one file, and files that import
 * themselves, all of them (the caller caps the list at MAX_CYCLES). Each is listed once, its files in
 * path order; bigger cycles first. Tarjan's algorithm over numbered files, with an explicit stack so
 * that a long chain of imports cannot overflow the call stack.
 */
export function importCycles(
  successors: ReadonlyMap<string, ReadonlySet<string>>,
  selfImports: ReadonlySet<string>,
): string[][] {
  // Number the files in path order and lay the edges out flat: far less garbage than sets and iterators.
  const nodeSet = new Set<string>(successors.keys());
  for (const targets of successors.values()) for (const target of targets) nodeSet.add(target);
  const nodes = [...nodeSet].sort(compareText);
  const idOf = new Map(nodes.map((node, id) => [node, id]));
  const firstEdge = new Int32Array(nodes.length + 1);
  const edgeTargets: number[] = [];
  nodes.forEach((node, id) => {
    firstEdge[id] = edgeTargets.length;
    for (const target of successors.get(node) ?? []) edgeTargets.push(idOf.get(target) as number);
  });
  firstEdge[nodes.length] = edgeTargets.length;

  const UNVISITED = -1;
  const order = new Int32Array(nodes.length).fill(UNVISITED);
  const lowLink = new Int32Array(nodes.length);
  const nextEdge = new Int32Array(nodes.length);
  const onStack = new Uint8Array(nodes.length);
  const stack: number[] = [];
  const work: number[] = [];
  const components: string[][] = [];
  let visited = 0;

  for (let start = 0; start < nodes.length; start += 1) {
    if (order[start] !== UNVISITED) continue;
    order[start] = lowLink[start] = visited++;
    nextEdge[start] = firstEdge[start] as number;
    stack.push(start);
    onStack[start] = 1;
    work.push(start);
    while (work.length > 0) {
      const node = work[work.length - 1] as number;
      const edge = nextEdge[node] as number;
      if (edge < (firstEdge[node + 1] as number)) {
        nextEdge[node] = edge + 1;
        const target = edgeTargets[edge] as number;
        if (order[target] === UNVISITED) {
          order[target] = lowLink[target] = visited++;
          nextEdge[target] = firstEdge[target] as number;
          stack.push(target);
          onStack[target] = 1;
          work.push(target);
        } else if (onStack[target] === 1) {
          lowLink[node] = Math.min(lowLink[node] as number, order[target] as number);
        }
        continue;
      }
      work.pop();
      if (lowLink[node] === order[node]) {
        const component: string[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component.push(nodes[member] as string);
        } while (member !== node);
        if (component.length > 1 || selfImports.has(nodes[node] as string)) components.push(component.sort(compareText));
      }
      const parent = work[work.length - 1];
      if (parent !== undefined) lowLink[parent] = Math.min(lowLink[parent] as number, lowLink[node] as number);
    }
  }
  for (const node of selfImports) if (!idOf.has(node)) components.push([node]);

  components.sort((a, b) => b.length - a.length || compareText(a[0] as string, b[0] as string));
  return components;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
