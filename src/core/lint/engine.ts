import { type DocumentSet, isReference } from './document/document-set.js';
import type { SourceFile } from './document/source-file.js';
import { PathAutomaton, type StateSet } from './jsonpath/automaton.js';
import type { FilterScope } from './jsonpath/filter-expression.js';
import { type ParsedPath, parsePath } from './jsonpath/parse-path.js';
import type {
  AnyRule,
  JsonPath,
  LintedDocument,
  Report,
  RuleContext,
  RuleTarget,
  SeverityName,
  SpecFormat,
} from './types.js';

/** A rule switched on by a ruleset, with the severity the ruleset gives it. */
export interface ActiveRule {
  rule: AnyRule;
  severity: SeverityName;
}

/**
 * A node as reached by the walk: its value, its logical parent (through `$ref`s), and where it is written: the file,
 * and its path there, kept implicit (parent keys up to the nearest `$ref` target) so that most nodes never build one.
 */
export class WalkNode implements RuleTarget {
  // Declared, not defined: plain assignments in the constructor keep one hidden class and cost less per node.
  declare readonly value: unknown;
  declare readonly key: string | number | undefined;
  declare readonly parent: WalkNode | undefined;
  declare readonly file: SourceFile;
  /** The node's path in `file` when it starts a `$ref` target or the root; undefined below those. */
  declare readonly base: readonly (string | number)[] | undefined;
  declare readonly resolvedStates: StateSet;
  declare readonly rawStates: StateSet;

  constructor(
    value: unknown,
    key: string | number | undefined,
    parent: WalkNode | undefined,
    file: SourceFile,
    base: readonly (string | number)[] | undefined,
    resolvedStates: StateSet,
    rawStates: StateSet,
  ) {
    this.value = value;
    this.key = key;
    this.parent = parent;
    this.file = file;
    this.base = base;
    this.resolvedStates = resolvedStates;
    this.rawStates = rawStates;
  }

  get path(): JsonPath {
    const keys: (string | number)[] = [];
    for (let node: WalkNode | undefined = this; node?.parent; node = node.parent) {
      keys.push(node.key as string | number);
    }
    return keys.reverse();
  }

  /** The path of the node in the file it is written in. */
  physicalPath(): (string | number)[] {
    const keys: (string | number)[] = [];
    for (let node: WalkNode | undefined = this; node; node = node.parent) {
      if (node.base) return [...node.base, ...keys.reverse()];
      keys.push(node.key as string | number);
    }
    return keys.reverse();
  }
}

/** A report as a rule made it, before it is placed in a file. */
export interface RawReport {
  rule: ActiveRule;
  target: RuleTarget;
  report: Report;
}

const EXIT = Symbol('exit');

interface Binding {
  ruleIndex: number;
  selectsKey: boolean;
}

/** The rules of a ruleset with their paths compiled: build once, run on every document. */
export class CompiledRules {
  readonly resolved: PathAutomaton;
  readonly raw: PathAutomaton;
  private readonly resolvedBindings: Binding[] = [];
  private readonly rawBindings: Binding[] = [];

  constructor(readonly rules: readonly ActiveRule[]) {
    const resolvedPaths: ParsedPath[] = [];
    const rawPaths: ParsedPath[] = [];
    rules.forEach(({ rule }, ruleIndex) => {
      const givens = typeof rule.given === 'string' ? [rule.given] : rule.given;
      for (const given of givens) {
        const parsed = parsePath(given);
        const resolved = rule.resolved !== false;
        (resolved ? resolvedPaths : rawPaths).push(parsed);
        (resolved ? this.resolvedBindings : this.rawBindings).push({
          ruleIndex,
          selectsKey: parsed.selectsKey,
        });
      }
    });
    this.resolved = new PathAutomaton(resolvedPaths);
    this.raw = new PathAutomaton(rawPaths);
  }

  bindingsOf(resolved: boolean): readonly Binding[] {
    return resolved ? this.resolvedBindings : this.rawBindings;
  }
}

/**
 * Walks a document once, through `$ref`s, handing every rule the nodes its `given` selects.
 * Each (node, automaton state) pair is visited at most once, so shared components and YAML aliases cost one
 * visit however often they are referenced, and the walk stays linear in the number of `$ref`s.
 * Iterative: nesting depth costs heap, never stack.
 */
export function walkDocument(
  documents: DocumentSet,
  compiled: CompiledRules,
  formats: ReadonlySet<SpecFormat>,
  /** When given, milliseconds spent in each rule are added to it (`MSCTL_LINT_TIMING=1`). */
  timings?: Map<string, number>,
): RawReport[] {
  const reports: RawReport[] = [];
  const applicable = compiled.rules.map(({ rule }) => appliesTo(rule, formats));
  const root = documents.root;
  const document: LintedDocument = { source: root.source, data: root.data, formats };
  const states = compiled.rules.map(({ rule }) => (rule.createState ? rule.createState() : undefined));
  let current: RuleTarget | undefined;
  const contexts: RuleContext<unknown>[] = compiled.rules.map((active, ruleIndex) => ({
    document,
    get state() {
      return states[ruleIndex];
    },
    report(report: Report) {
      const target = report.target ?? current;
      if (target) reports.push({ rule: active, target, report });
    },
    resolve(value: unknown) {
      return resolveValue(documents, value);
    },
  }));
  const checkedObjects = compiled.rules.map(() => new WeakSet<object>());

  const deliver = (node: WalkNode, matches: readonly number[], resolved: boolean) => {
    const bindings = compiled.bindingsOf(resolved);
    for (const pathIndex of matches) {
      const binding = bindings[pathIndex];
      if (!binding || !applicable[binding.ruleIndex]) continue;
      const { ruleIndex } = binding;
      if (!binding.selectsKey && typeof node.value === 'object' && node.value !== null) {
        if (checkedObjects[ruleIndex]?.has(node.value)) continue;
        checkedObjects[ruleIndex]?.add(node.value);
      }
      current = binding.selectsKey
        ? new WalkNode(
            node.key,
            node.key,
            node.parent,
            node.file,
            node.base,
            node.resolvedStates,
            node.rawStates,
          )
        : node;
      const rule = compiled.rules[ruleIndex]?.rule as AnyRule;
      const started = timings ? performance.now() : 0;
      try {
        rule.check(current, contexts[ruleIndex] as RuleContext<unknown>);
      } catch (error) {
        throw ruleFailure(rule, current, error);
      }
      if (timings) timings.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - started);
    }
  };

  const scope = new MutableScope(root.data);
  // One visit key per object in the common case; a Set only for objects reached in several automaton states.
  const visited = new Map<object, number | Set<number>>();
  // The objects being walked, from the root down to the current node: a `$ref` to one of them is circular.
  const onPath = new Set<object>();
  // Walk nodes, and EXIT markers each above the object whose subtree is done (no allocation per node).
  const stack: (WalkNode | object | typeof EXIT)[] = [
    new WalkNode(root.data, undefined, undefined, root, [], compiled.resolved.initial, compiled.raw.initial),
  ];

  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === EXIT) {
      onPath.delete(stack.pop() as object);
      continue;
    }
    const node = entry as WalkNode;
    if (node.resolvedStates.matches.length > 0) deliver(node, node.resolvedStates.matches, true);
    if (node.rawStates.matches.length > 0) deliver(node, node.rawStates.matches, false);
    const value = node.value;
    if (typeof value !== 'object' || value === null) continue;
    if (node.resolvedStates.isEmpty && node.rawStates.isEmpty) continue;
    const visitKey = node.resolvedStates.id * 1_000_003 + node.rawStates.id;
    const seen = visited.get(value);
    if (seen === undefined) {
      visited.set(value, visitKey);
    } else if (typeof seen === 'number') {
      if (seen === visitKey) continue;
      visited.set(value, new Set([seen, visitKey]));
    } else {
      if (seen.has(visitKey)) continue;
      seen.add(visitKey);
    }
    onPath.add(value);
    stack.push(value, EXIT);

    // Array indexes are not listed, only counted: arrays are most of a description's nodes.
    const isArray = Array.isArray(value);
    const keys: readonly string[] | undefined = isArray ? undefined : Object.keys(value);
    scope.parent = value;
    scope.parentNode = node;
    for (let position = (isArray ? value.length : (keys as string[]).length) - 1; position >= 0; position--) {
      const key: string | number = isArray ? position : ((keys as string[])[position] as string);
      const child = (value as Record<string | number, unknown>)[key];
      scope.key = key;
      // A set with nothing left to match below its node gives its children the empty set, even when it matches
      // its own node (the root's set for a `$` path): inheriting it would match every child again.
      let resolvedStates = compiled.resolved.empty;
      let rawStates = compiled.raw.empty;
      let target: Resolved | undefined;
      if (!node.rawStates.isEmpty) {
        scope.value = child;
        rawStates = compiled.raw.next(node.rawStates, key, scope);
      }
      if (!node.resolvedStates.isEmpty) {
        target = isReference(child) ? followReference(documents, node.file, child) : undefined;
        if (target && typeof target.value === 'object' && target.value !== null && onPath.has(target.value)) {
          // A circular reference: its target is being walked above us. Rules see the `$ref` object itself, as in
          // Spectral, and the walk does not go round the loop.
          target = undefined;
        }
        scope.value = target ? target.value : child;
        resolvedStates = compiled.resolved.next(node.resolvedStates, key, scope);
      }
      if (target && !resolvedStates.isDead) {
        stack.push(
          new WalkNode(target.value, key, node, target.file, target.path, resolvedStates, compiled.raw.empty),
        );
        if (!rawStates.isDead) {
          stack.push(
            new WalkNode(child, key, node, node.file, undefined, compiled.resolved.empty, rawStates),
          );
        }
      } else if (!resolvedStates.isDead || !rawStates.isDead) {
        const resolvedHere = target ? compiled.resolved.empty : resolvedStates;
        stack.push(new WalkNode(child, key, node, node.file, undefined, resolvedHere, rawStates));
      }
    }
  }

  compiled.rules.forEach(({ rule }, ruleIndex) => {
    if (!applicable[ruleIndex] || !rule.finish) return;
    current = undefined;
    const started = performance.now();
    try {
      rule.finish(contexts[ruleIndex] as RuleContext<unknown>);
    } catch (error) {
      throw ruleFailure(rule, undefined, error);
    }
    timings?.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - started);
  });
  return reports;
}

/** A rule that throws is a bug in the rule: say which rule, on which node, so that the report is actionable. */
function ruleFailure(rule: AnyRule, target: RuleTarget | undefined, error: unknown): Error {
  const where = target ? ` at ${[...target.path].join('.') || 'the document root'}` : ' after the walk';
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`Lint rule ${rule.id} failed${where}: ${message}`, { cause: error });
}

function appliesTo(rule: AnyRule, formats: ReadonlySet<SpecFormat>): boolean {
  return !rule.formats || rule.formats.length === 0 || rule.formats.some((format) => formats.has(format));
}

interface Resolved {
  value: unknown;
  file: SourceFile;
  path: readonly (string | number)[];
}

function followReference(
  documents: DocumentSet,
  file: SourceFile,
  reference: { $ref: string },
): Resolved | undefined {
  const resolution = documents.resolve(file, reference.$ref);
  return resolution.ok ? resolution : undefined;
}

function resolveValue(documents: DocumentSet, value: unknown): unknown {
  if (!isReference(value)) return value;
  const resolution = documents.resolve(documents.fileOfReference(value), value.$ref);
  return resolution.ok ? resolution.value : value;
}

/** One scope object for every filter evaluation of a walk, updated in place: filters run on hot paths. */
class MutableScope implements FilterScope {
  value: unknown;
  key: string | number | undefined;
  parent: unknown;
  parentNode: WalkNode | undefined;

  constructor(readonly root: unknown) {}

  get parentKey(): string | number | undefined {
    return this.parentNode?.key;
  }

  path = (): JsonPath => [...(this.parentNode?.path ?? []), this.key as string | number];
}
