import type { FilterScope } from './filter-expression.js';
import type { ParsedPath, PathStep } from './parse-path.js';

/**
 * A set of positions in the compiled paths, interned: the walk carries one per node, and equal sets are the
 * same object, so transitions are cached and "seen this node in this state" is one integer comparison.
 */
export class StateSet {
  /** Transitions by key, for sets without filters (whose next set depends on the key alone). */
  readonly byKey: Map<string | number, StateSet> | undefined;

  constructor(
    readonly id: number,
    /** Encoded states: path index * STRIDE + step index. */
    readonly states: readonly number[],
    /** Indexes of the paths that end at the node carrying this set. */
    readonly matches: readonly number[],
    hasFilter: boolean,
  ) {
    this.byKey = hasFilter ? undefined : new Map();
  }

  /** Nothing left to match below a node carrying this set. */
  get isEmpty(): boolean {
    return this.states.length === 0;
  }

  /** Nothing to match at or below a node carrying this set: the walk does not even visit it. */
  get isDead(): boolean {
    return this.states.length === 0 && this.matches.length === 0;
  }
}

const STRIDE = 1024;

/** All JSONPath expressions of all rules, run together in one walk as one nondeterministic automaton. */
export class PathAutomaton {
  private readonly interned = new Map<string, StateSet>();
  readonly initial: StateSet;
  /** The set with nothing left to match: the walk does not go below a node carrying it. */
  readonly empty: StateSet;

  constructor(readonly paths: readonly ParsedPath[]) {
    this.empty = this.intern(new Set());
    const start = new Set<number>();
    for (let index = 0; index < paths.length; index++) this.addWithClosure(start, index, 0);
    this.initial = this.intern(start);
  }

  /** The states at a child reached from a node in `set` through `key`. */
  next(set: StateSet, key: string | number, scope: FilterScope): StateSet {
    const cached = set.byKey?.get(key);
    if (cached) return cached;
    const result = new Set<number>();
    for (const state of set.states) {
      const pathIndex = Math.floor(state / STRIDE);
      const stepIndex = state % STRIDE;
      const step = this.stepAt(pathIndex, stepIndex);
      if (!step) continue;
      if (step.type === 'descendant') {
        this.addWithClosure(result, pathIndex, stepIndex);
      } else if (stepAccepts(step, key, scope)) {
        this.addWithClosure(result, pathIndex, stepIndex + 1);
      }
    }
    const next = this.intern(result);
    set.byKey?.set(key, next);
    return next;
  }

  private stepAt(pathIndex: number, stepIndex: number): PathStep | undefined {
    return this.paths[pathIndex]?.steps[stepIndex];
  }

  private addWithClosure(target: Set<number>, pathIndex: number, stepIndex: number): void {
    const steps = this.paths[pathIndex]?.steps ?? [];
    if (steps.length >= STRIDE) return;
    let index = stepIndex;
    target.add(pathIndex * STRIDE + index);
    // `..` also matches zero levels: the step after it is active on the same node.
    while (index < steps.length && steps[index]?.type === 'descendant') {
      index++;
      target.add(pathIndex * STRIDE + index);
    }
  }

  private intern(states: Set<number>): StateSet {
    const sorted = [...states].sort((left, right) => left - right);
    const key = sorted.join(',');
    let set = this.interned.get(key);
    if (!set) {
      const live: number[] = [];
      const matches: number[] = [];
      let hasFilter = false;
      for (const state of sorted) {
        const pathIndex = Math.floor(state / STRIDE);
        const step = this.stepAt(pathIndex, state % STRIDE);
        if (step) {
          live.push(state);
          if (step.type === 'child' && step.filter) hasFilter = true;
        } else {
          matches.push(pathIndex);
        }
      }
      set = new StateSet(this.interned.size, live, matches, hasFilter);
      this.interned.set(key, set);
    }
    return set;
  }
}

function stepAccepts(step: PathStep & { type: 'child' }, key: string | number, scope: FilterScope): boolean {
  if (step.names && !step.names.has(typeof key === 'number' ? String(key) : key)) return false;
  return step.filter ? step.filter(scope) : true;
}
