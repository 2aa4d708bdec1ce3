/** A node of the system: a service we build, or a backing infra service. */
export interface GraphNode {
  name: string;
  kind: 'service' | 'infra';
  dependsOn: readonly string[];
}

/** The dependency graph of services and infra: the one model behind `up` order, cycle checks and `graph`. */
export class ServiceGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;

  constructor(nodes: Iterable<GraphNode>) {
    this.nodes = new Map([...nodes].map((node) => [node.name, node]));
  }

  /** Builds the graph of a workspace's services and infra. */
  static fromWorkspace(workspace: {
    services: Record<string, { dependsOn: readonly string[] }>;
    infra: Record<string, unknown>;
  }): ServiceGraph {
    return new ServiceGraph([
      ...Object.keys(workspace.infra).map((name) => ({ name, kind: 'infra' as const, dependsOn: [] })),
      ...Object.entries(workspace.services).map(([name, service]) => ({
        name,
        kind: 'service' as const,
        dependsOn: service.dependsOn,
      })),
    ]);
  }

  /** Every elementary cycle reachable through known nodes, each as `[a, b, a]`, each reported once. */
  findCycles(): string[][] {
    const cycles: string[][] = [];
    const seen = new Set<string>();
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (name: string): void => {
      state.set(name, 'visiting');
      stack.push(name);
      for (const dependency of this.nodes.get(name)?.dependsOn ?? []) {
        if (!this.nodes.has(dependency)) continue;
        const dependencyState = state.get(dependency);
        if (dependencyState === 'visiting') {
          const cycle = [...stack.slice(stack.indexOf(dependency)), dependency];
          const key = canonicalCycleKey(cycle);
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push(cycle);
          }
        } else if (dependencyState === undefined) {
          visit(dependency);
        }
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of this.nodes.keys()) if (!state.has(name)) visit(name);
    return cycles;
  }

  /** The named nodes and everything they depend on, transitively. Throws on unknown names. */
  closure(names: readonly string[]): Set<string> {
    const result = new Set<string>();
    const pending = [...names];
    while (pending.length > 0) {
      const name = pending.pop() as string;
      if (result.has(name)) continue;
      const node = this.nodes.get(name);
      if (!node) throw new RangeError(`unknown service "${name}"`);
      result.add(name);
      pending.push(...node.dependsOn);
    }
    return result;
  }

  /**
   * Start order as levels: every node's dependencies stand in earlier levels, so each level can start in
   * parallel. Reverse it for shutdown. Assumes the graph has no cycle (the loader rejects them).
   */
  levels(selection: Iterable<string> = this.nodes.keys()): string[][] {
    const selected = new Set(selection);
    const depth = new Map<string, number>();
    const depthOf = (name: string): number => {
      const known = depth.get(name);
      if (known !== undefined) return known;
      depth.set(name, 0);
      let value = 0;
      for (const dependency of this.nodes.get(name)?.dependsOn ?? []) {
        if (selected.has(dependency)) value = Math.max(value, depthOf(dependency) + 1);
      }
      depth.set(name, value);
      return value;
    };
    const levels: string[][] = [];
    for (const name of [...selected].sort()) {
      const level = depthOf(name);
      levels[level] = [...(levels[level] ?? []), name];
    }
    return levels.filter((level) => level.length > 0);
  }

  /** Nodes that depend on `name` directly. */
  dependentsOf(name: string): string[] {
    return [...this.nodes.values()]
      .filter((node) => node.dependsOn.includes(name))
      .map((node) => node.name)
      .sort();
  }

  /** Every node that depends on `name`, transitively: what a failure of `name` blocks. */
  blockedBy(name: string): string[] {
    const result = new Set<string>();
    const pending = this.dependentsOf(name);
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (result.has(next)) continue;
      result.add(next);
      pending.push(...this.dependentsOf(next));
    }
    return [...result].sort();
  }
}

function canonicalCycleKey(cycle: readonly string[]): string {
  const ring = cycle.slice(0, -1);
  const start = ring.indexOf([...ring].sort()[0] as string);
  return [...ring.slice(start), ...ring.slice(0, start)].join('\u0000');
}
