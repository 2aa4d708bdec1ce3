import type { FilterScope } from './filter-expression.js';
import type { ParsedPath, PathStep } from './parse-path.js';

type ChildStep = PathStep & { type: 'child' };

/**
 * A set of positions in the compiled paths, interned: the walk carries one per node, and equal sets are the
 * same object, so transitions are cached and "seen this node in this state" is one integer comparison.
 */
export class StateSet {
  /** Transitions by key through the steps without filters, for the keys some of those steps name. */
  readonly byKey = new Map<string | number, StateSet>();
  /**
   * The transition through any key no step names: wildcards and `..` only. Most keys of a document (property
   * names, array indexes) are named by no path, so they share it instead of each costing a transition.
   */
  otherKeys: StateSet | undefined;
  /** The names that steps without filters accept; a key outside them takes `otherKeys`. */
  readonly namedKeys: ReadonlySet<string>;
  /** Whether a name is an array index (`[0]`): array indexes must then be looked up by name too. */
  readonly namesIndexes: boolean;
  /** States whose step has a filter: their transitions depend on the child's value, not only its key. */
  readonly filtered: readonly number[];
  /** Unions of a key transition with the filter steps that passed, by `${set id}:${passed mask}`. */
  readonly withFilters = new Map<string, StateSet>();
  readonly isEmpty: boolean;
  readonly isDead: boolean;

  constructor(
    readonly id: number,
    /** Encoded states: path index * STRIDE + step index. */
    readonly states: readonly number[],
    /** Indexes of the paths that end at the node carrying this set. */
    readonly matches: readonly number[],
    filtered: readonly number[],
    namedKeys: ReadonlySet<string>,
  ) {
    this.filtered = filtered;
    this.namedKeys = namedKeys;
    this.namesIndexes = [...namedKeys].some((name) => /^(?:0|[1-9]\d*)$/.test(name));
    // Nothing left to match below a node carrying this set.
    this.isEmpty = states.length === 0;
    // Nothing to match at or below it: the walk does not even visit it.
    this.isDead = states.length === 0 && matches.length === 0;
  }
}

const STRIDE = 1024;
/** Filter steps active at once beyond this are evaluated without the union cache (never seen in real rulesets). */
const MAX_CACHED_FILTERS = 30;

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

  /**
   * The states at a child reached from a node in `set` through `key`. Steps without filters depend on the key
   * alone and are cached by it; filter steps are evaluated on the child, and their union with the rest is cached
   * by which of them passed, so the walk interns a new set only the first time a combination occurs.
   */
  next(set: StateSet, key: string | number, scope: FilterScope): StateSet {
    let byKey: StateSet | undefined;
    const named =
      typeof key === 'number' ? set.namesIndexes && set.namedKeys.has(String(key)) : set.namedKeys.has(key);
    if (named) {
      byKey = set.byKey.get(key);
      if (!byKey) {
        byKey = this.transition(set, key, undefined);
        set.byKey.set(key, byKey);
      }
    } else {
      byKey = set.otherKeys;
      if (!byKey) {
        byKey = this.transition(set, undefined, undefined);
        set.otherKeys = byKey;
      }
    }
    if (set.filtered.length === 0) return byKey;
    let passed = 0;
    for (let index = 0; index < set.filtered.length; index++) {
      const state = set.filtered[index] as number;
      const step = this.stepAt(Math.floor(state / STRIDE), state % STRIDE) as ChildStep;
      if (acceptsName(step, key) && step.filter?.(scope)) passed |= 1 << Math.min(index, MAX_CACHED_FILTERS);
    }
    if (passed === 0) return byKey;
    if (set.filtered.length > MAX_CACHED_FILTERS) return this.transition(set, key, scope);
    const cacheKey = `${byKey.id}:${passed}`;
    let combined = set.withFilters.get(cacheKey);
    if (!combined) {
      const states = new Set<number>([
        ...byKey.states,
        ...byKey.matches.map((path) => this.finalState(path)),
      ]);
      for (let index = 0; index < set.filtered.length; index++) {
        if (!(passed & (1 << index))) continue;
        const state = set.filtered[index] as number;
        this.addWithClosure(states, Math.floor(state / STRIDE), (state % STRIDE) + 1);
      }
      combined = this.intern(states);
      set.withFilters.set(cacheKey, combined);
    }
    return combined;
  }

  /**
   * The transition through `key` (undefined: a key no step names); filter steps are skipped without a scope and
   * evaluated with one.
   */
  private transition(
    set: StateSet,
    key: string | number | undefined,
    scope: FilterScope | undefined,
  ): StateSet {
    const result = new Set<number>();
    for (const state of set.states) {
      const pathIndex = Math.floor(state / STRIDE);
      const stepIndex = state % STRIDE;
      const step = this.stepAt(pathIndex, stepIndex);
      if (!step) continue;
      if (step.type === 'descendant') {
        this.addWithClosure(result, pathIndex, stepIndex);
      } else if (acceptsName(step, key) && (!step.filter || (scope !== undefined && step.filter(scope)))) {
        this.addWithClosure(result, pathIndex, stepIndex + 1);
      }
    }
    return this.intern(result);
  }

  private finalState(pathIndex: number): number {
    return pathIndex * STRIDE + (this.paths[pathIndex]?.steps.length ?? 0);
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
      const filtered: number[] = [];
      const namedKeys = new Set<string>();
      for (const state of sorted) {
        const pathIndex = Math.floor(state / STRIDE);
        const step = this.stepAt(pathIndex, state % STRIDE);
        if (step) {
          live.push(state);
          if (step.type === 'child' && step.filter) filtered.push(state);
          else if (step.type === 'child' && step.names) for (const name of step.names) namedKeys.add(name);
        } else {
          matches.push(pathIndex);
        }
      }
      set = new StateSet(this.interned.size, live, matches, filtered, namedKeys);
      this.interned.set(key, set);
    }
    return set;
  }
}

function acceptsName(step: ChildStep, key: string | number | undefined): boolean {
  if (!step.names) return true;
  return key !== undefined && step.names.has(typeof key === 'number' ? String(key) : key);
}
