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
  /**
   * Whether the walk may reach the node's value again by another way: it is, or is inside, a `$ref` target or
   * a file with YAML aliases. Only such values are remembered as visited, and only for them must a rule be kept
   * from seeing one object twice: most of a document is reached once.
   */
  declare readonly shared: boolean;

  constructor(
    value: unknown,
    key: string | number | undefined,
    parent: WalkNode | undefined,
    file: SourceFile,
    base: readonly (string | number)[] | undefined,
    resolvedStates: StateSet,
    rawStates: StateSet,
    shared: boolean,
  ) {
    this.value = value;
    this.key = key;
    this.parent = parent;
    this.file = file;
    this.base = base;
    this.resolvedStates = resolvedStates;
    this.rawStates = rawStates;
    this.shared = shared;
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
  const targets = referenceTargets(documents);
  if (targets) {
    const reports = walkOnce(documents, compiled, formats, timings, targets);
    if (reports) return reports;
  }
  return walkOnce(documents, compiled, formats, timings, undefined) as RawReport[];
}

/**
 * Every object a `$ref` of the document set leads to; undefined when a file has YAML aliases, whose values sit at
 * several places without a `$ref` saying so.
 */
function referenceTargets(documents: DocumentSet): Set<object> | undefined {
  const targets = new Set<object>();
  for (const file of documents.sources) {
    if (file.sharesValues) return undefined;
    for (const reference of documents.referencesOf(file)) {
      const resolution = documents.resolve(file, reference);
      if (resolution.ok && typeof resolution.value === 'object' && resolution.value !== null) {
        targets.add(resolution.value);
      }
    }
  }
  return targets;
}

/**
 * One walk. With `targets`, only values inside them are remembered as visited; if the walk meets a `$ref` target
 * not listed (a `$ref` the text scan read differently), it gives up, returning undefined, for a walk that
 * remembers every value.
 */
function walkOnce(
  documents: DocumentSet,
  compiled: CompiledRules,
  formats: ReadonlySet<SpecFormat>,
  timings: Map<string, number> | undefined,
  targets: Set<object> | undefined,
): RawReport[] | undefined {
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
  const checkedObjects = compiled.rules.map(() => new Set<object>());

  const deliver = (node: WalkNode, matches: readonly number[], resolved: boolean) => {
    const bindings = compiled.bindingsOf(resolved);
    // Indexed: without TurboFan, `for...of` allocates an iterator and a result object per step on this hot path.
    for (let matchIndex = 0; matchIndex < matches.length; matchIndex++) {
      const binding = bindings[matches[matchIndex] as number];
      if (!binding || !applicable[binding.ruleIndex]) continue;
      const { ruleIndex } = binding;
      if (node.shared && !binding.selectsKey && typeof node.value === 'object' && node.value !== null) {
        const checked = checkedObjects[ruleIndex] as Set<object>;
        if (checked.has(node.value)) continue;
        checked.add(node.value);
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
            node.shared,
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
  const rootShared =
    !targets || (typeof root.data === 'object' && root.data !== null && targets.has(root.data));
  const stack: WalkNode[] = [
    new WalkNode(
      root.data,
      undefined,
      undefined,
      root,
      [],
      compiled.resolved.initial,
      compiled.raw.initial,
      rootShared,
    ),
  ];

  while (stack.length > 0) {
    const node = stack.pop() as WalkNode;
    const nodeResolved = node.resolvedStates;
    const nodeRaw = node.rawStates;
    if (nodeResolved.matches.length > 0) deliver(node, nodeResolved.matches, true);
    if (nodeRaw.matches.length > 0) deliver(node, nodeRaw.matches, false);
    const value = node.value;
    if (typeof value !== 'object' || value === null) continue;
    if (nodeResolved.isEmpty && nodeRaw.isEmpty) continue;
    const shared = node.shared;
    if (shared) {
      const visitKey = nodeResolved.id * 1_000_003 + nodeRaw.id;
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
    }

    // Array indexes are not listed, only counted: arrays are most of a description's nodes.
    const isArray = Array.isArray(value);
    const keys: readonly string[] | undefined = isArray ? undefined : Object.keys(value);
    scope.parent = value;
    scope.parentNode = node;
    for (let position = (isArray ? value.length : (keys as string[]).length) - 1; position >= 0; position--) {
      const key: string | number = isArray ? position : ((keys as string[])[position] as string);
      const child = (value as Record<string | number, unknown>)[key];
      scope.key = key;
      scope.value = child;
      // A set with nothing left to match below its node gives its children the empty set, even when it matches
      // its own node (the root's set for a `$` path): inheriting it would match every child again.
      const rawStates = nodeRaw.isEmpty ? compiled.raw.empty : compiled.raw.next(nodeRaw, key, scope);
      if (typeof child !== 'object' || child === null) {
        // A scalar has nothing below it: it is worth a node only when a path ends at it.
        const resolvedStates = nodeResolved.isEmpty
          ? compiled.resolved.empty
          : compiled.resolved.next(nodeResolved, key, scope);
        if (resolvedStates.matches.length > 0 || rawStates.matches.length > 0) {
          stack.push(new WalkNode(child, key, node, node.file, undefined, resolvedStates, rawStates, shared));
        }
        continue;
      }
      let resolvedStates = compiled.resolved.empty;
      let target: Resolved | undefined;
      if (!nodeResolved.isEmpty) {
        target = isReference(child) ? followReference(documents, node.file, child) : undefined;
        if (
          target &&
          typeof target.value === 'object' &&
          target.value !== null &&
          isOnPath(node, target.value)
        ) {
          // A circular reference: its target is being walked above us. Rules see the `$ref` object itself, as in
          // Spectral, and the walk does not go round the loop.
          target = undefined;
        }
        if (target) {
          scope.value = target.value;
          if (
            targets &&
            typeof target.value === 'object' &&
            target.value !== null &&
            !targets.has(target.value)
          ) {
            return undefined;
          }
        }
        resolvedStates = compiled.resolved.next(nodeResolved, key, scope);
      }
      const childShared = shared || targets === undefined || targets.has(child);
      if (target && !resolvedStates.isDead) {
        stack.push(
          new WalkNode(
            target.value,
            key,
            node,
            target.file,
            target.path,
            resolvedStates,
            compiled.raw.empty,
            true,
          ),
        );
        if (!rawStates.isDead) {
          stack.push(
            new WalkNode(
              child,
              key,
              node,
              node.file,
              undefined,
              compiled.resolved.empty,
              rawStates,
              childShared,
            ),
          );
        }
      } else if (!resolvedStates.isDead || !rawStates.isDead) {
        const resolvedHere = target ? compiled.resolved.empty : resolvedStates;
        stack.push(
          new WalkNode(child, key, node, node.file, undefined, resolvedHere, rawStates, childShared),
        );
      }
    }
  }

  compiled.rules.forEach(({ rule }, ruleIndex) => {
    if (!applicable[ruleIndex] || !rule.finish) return;
    current = undefined;
    const started = timings ? performance.now() : 0;
    try {
      rule.finish(contexts[ruleIndex] as RuleContext<unknown>);
    } catch (error) {
      throw ruleFailure(rule, undefined, error);
    }
    if (timings) timings.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - started);
  });
  return reports;
}

/**
 * Whether `value` is the value of `node` or of a node the walk came through to reach it: the walk is depth-first,
 * so these are exactly the objects being walked, and a `$ref` to one of them is circular. Only `$ref`s pay for the
 * question, which is cheaper than tracking the objects being walked for every node.
 */
function isOnPath(node: WalkNode, value: object): boolean {
  for (let current: WalkNode | undefined = node; current; current = current.parent) {
    if (current.value === value) return true;
  }
  return false;
}

/** A rule that throws is a bug in the rule: say which rule, on which node, so that the report is actionable. */
function ruleFailure(rule: AnyRule, target: RuleTarget | undefined, error: unknown): Error {
  const where = target ? ` at ${[...target.path].join('.') || 'the document root'}` : ' after the walk';
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`Lint rule ${rule.id} failed${where}: ${message}`, { cause: error });
}

/** Whether a rule runs on a document of these formats. */
export function appliesTo(rule: AnyRule, formats: ReadonlySet<SpecFormat>): boolean {
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
