/**
 * The vocabulary of the lint engine: rules, the targets they receive, and the findings they produce.
 * Everything a rule author needs is in this file; see `src/core/lint/README.md` for how to add a rule.
 */

/** Severity names as written in rules, presets and Spectral rulesets. */
export type SeverityName = 'error' | 'warn' | 'info' | 'hint';

/** Spectral's numeric severities: 0 error, 1 warning, 2 information, 3 hint. */
export type Severity = 0 | 1 | 2 | 3;

export const SEVERITY_BY_NAME: Readonly<Record<SeverityName, Severity>> = {
  error: 0,
  warn: 1,
  info: 2,
  hint: 3,
};

export const SEVERITY_NAMES: readonly SeverityName[] = ['error', 'warn', 'info', 'hint'];

/**
 * Document formats, spelled as Spectral spells them so that a ruleset's `formats: [oas3]` works unchanged.
 * `oas3` is any 3.x document; `oas3_0` and `oas3_1` narrow it.
 */
export type SpecFormat = 'oas2' | 'oas3' | 'oas3_0' | 'oas3_1';

/** A path into a document: property names and array indexes, from the root. */
export type JsonPath = readonly (string | number)[];

/** Zero-based, like Spectral's and the Language Server Protocol's positions. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One problem found in one place. Its shape is Spectral's JSON output plus a few fields of ours. */
export interface Finding {
  /** The rule id. */
  code: string;
  message: string;
  /** Where the problem is, inside `source` (a path through the file the node is written in, not through `$ref`s). */
  path: (string | number)[];
  severity: Severity;
  range: Range;
  /** Absolute path (or URL) of the file the problem is in. */
  source: string;
  documentationUrl?: string;
  /** Stable identity of the finding across runs: rule, file (relative to the working directory) and JSON pointer. */
  fingerprint: string;
  /** The `msctl.yaml` service whose `api` this finding belongs to, when linting a workspace. */
  service?: string;
}

/**
 * What a rule asks to receive and gets, once per matching node: the node and how it was reached.
 * Paths are logical: they go through `$ref`s as if the document were inlined.
 */
export interface RuleTarget {
  value: unknown;
  path: JsonPath;
  /** The property name or index under which the node was reached (Spectral's `@key`); undefined at the root. */
  key: string | number | undefined;
  /**
   * The node the target was reached from (through `$ref`s, as `path` goes); undefined at the root and on targets a
   * rule builds itself. Lets a rule whose `given` ends in a keyword (`$..enum`) read the object holding it, where a
   * filter on every node (`$..[?(@.enum)]`) would cost the walk a fresh automaton state per node.
   */
  parent?: RuleTarget;
}

/** What a rule reports. `path` is relative to the target and may go into nodes that do not exist (e.g. a missing field). */
export interface Report {
  message: string;
  /** The node the problem is about; defaults to the target being checked. */
  target?: RuleTarget;
  path?: JsonPath;
  /** Overrides the configured severity for this one finding; rarely right. */
  severity?: SeverityName;
}

/** The document under lint, as a rule sees it. */
export interface LintedDocument {
  /** Absolute path of the root file. */
  source: string;
  /** The parsed root document, `$ref`s not resolved. */
  data: unknown;
  formats: ReadonlySet<SpecFormat>;
}

export interface RuleContext<State = undefined> {
  document: LintedDocument;
  /** Per-document scratch space of the rule, created by `Rule.createState`. */
  state: State;
  report(report: Report): void;
  /**
   * Follows a `$ref` (including chains) to the node it names; returns the value unchanged when it is not a
   * reference. Relative `$ref`s resolve against the file the reference object is written in, wherever the rule
   * found it (below its target, or below a value an earlier `resolve` returned from another file).
   */
  resolve(value: unknown): unknown;
}

/**
 * Which collection a rule belongs to:
 * `oas` rules mirror Spectral's `spectral:oas` (same id, same meaning);
 * `governance` rules are ours, on top of it.
 */
export type RuleFamily = 'oas' | 'governance';

/**
 * The smallest preset that turns the rule on.
 * `recommended`: in `msctl:oas` (for `oas` rules, as in Spectral's recommended set) and `msctl:recommended`;
 * `strict`: only in `msctl:strict`; `all`: off unless a ruleset names it (Spectral's `recommended: false`).
 */
export type RulePreset = 'recommended' | 'strict' | 'all';

/** The text of `docs/rules/<id>.md`, generated from the rule. */
export interface RuleDocumentation {
  /** Why the rule exists: what goes wrong without it. */
  rationale: string;
  /** A YAML snippet that the rule accepts. */
  good?: string;
  /** A YAML snippet that the rule reports. */
  bad?: string;
  /** Where and why this rule deliberately differs from Spectral's rule of the same id. */
  divergence?: string;
}

/**
 * A lint rule. One rule per file in `src/core/lint/rules/<id>.ts`, listed in `rules/index.ts`.
 *
 * The engine walks each document once and calls `check` for every node matched by `given`
 * (Spectral-style JSONPath). `finish` runs after the walk, for rules that compare nodes with each other.
 */
export interface Rule<State = undefined> {
  id: string;
  /** One sentence, shown in `--help`-like listings and SARIF; also the default message. */
  description: string;
  severity: SeverityName;
  family: RuleFamily;
  preset: RulePreset;
  /** The formats the rule applies to; all when omitted. */
  formats?: readonly SpecFormat[];
  /** JSONPath expressions selecting the nodes to check, e.g. `$.paths[*][*]`, `$..parameters[?(@.in == 'query')]`. */
  given: string | readonly string[];
  /**
   * `false` to see `$ref` objects as written instead of what they point at (Spectral's `resolved: false`);
   * such rules see only the root file, and the `path` of their reports is taken as written (a `$ref` on it is
   * not followed).
   */
  resolved?: boolean;
  documentation: RuleDocumentation;
  createState?: () => State;
  /**
   * Loads what `check` needs for this document when that is too big to load with every run (the generated schema
   * validators); awaited before the walk of each document the rule applies to, so that `check` stays synchronous.
   */
  prepare?(document: LintedDocument): Promise<void>;
  check(target: RuleTarget, context: RuleContext<State>): void;
  finish?(context: RuleContext<State>): void;
}

/** A rule of any state type, as stored in the registry. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds rules of differing state types
export type AnyRule = Rule<any>;

/** The HTTP methods that are Operation keys in a Path Item object. */
export const HTTP_METHODS: readonly string[] = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

/** JSONPath selecting every Operation object. */
export const OPERATIONS_PATH = `$.paths[*][${HTTP_METHODS.join(',')}]`;
