import { resolve as resolvePath } from 'node:path';
import { DocumentSet, isReference, type ResolveOptions } from './document/document-set.js';
import { detectFormats } from './document/format.js';
import { DocumentError } from './document/read-source.js';
import type { SourceFile } from './document/source-file.js';
import { ruleDocumentationUrl } from './documentation.js';
import { type ActiveRule, appliesTo, CompiledRules, walkDocument } from './engine.js';
import { fingerprintOf, isIgnored, placeReport } from './place-findings.js';
import { presetSeverities } from './presets.js';
import { findBuiltInRule } from './rules/index.js';
import type { Finding, JsonPath, Severity } from './types.js';

/** A ruleset ready to run: which rules, at which severity, and per-file adjustments (Spectral `overrides`). */
export interface LintRuleset {
  rules: readonly ActiveRule[];
  /** The severity of a finding after overrides for its file and path; undefined turns it off. */
  adjustSeverity?: (code: string, source: string, path: JsonPath, severity: Severity) => Severity | undefined;
  /** Documentation link of a rule; built-in rules link to `docs/rules/<id>.md`. */
  documentationUrl?: (ruleId: string) => string | undefined;
}

export interface LintOptions extends ResolveOptions {
  /** `msctl:recommended` when omitted. */
  ruleset?: LintRuleset;
  /** Fingerprints name files relative to this folder; the working directory by default. */
  cwd?: string;
  /** Collects milliseconds per rule, to find the slow ones. */
  timings?: Map<string, number>;
  /** Called once a document and its `$ref` files are parsed, before the walk: the CLI tunes V8 to the input's size. */
  afterParse?: (parsed: ParsedSize) => void;
}

/** How much text a document set parsed. */
export interface ParsedSize {
  characters: number;
}

export interface LintResult {
  /** Sorted by file, line, character, rule. */
  findings: Finding[];
  /** Every file read, the root documents first. */
  sources: string[];
  /** Documents that could not be linted at all (unreadable, unparseable): exit code 2 material. */
  failures: DocumentError[];
}

/** Engine findings, not rules: they exist whatever the ruleset says. */
export const INVALID_REF = 'invalid-ref';
export const UNRECOGNIZED_FORMAT = 'unrecognized-format';
/** What a parser accepted but a reader would be misled by (a key written twice), as Spectral's `parser` code. */
export const PARSER = 'parser';

let recommended: LintRuleset | undefined;

/** The built-in `msctl:recommended` ruleset (one object, so that its compiled paths are reused). */
export function recommendedRuleset(): LintRuleset {
  recommended ??= rulesetFromPreset(presetSeverities('msctl:recommended'));
  return recommended;
}

/** A ruleset of built-in rules by id and severity. */
export function rulesetFromPreset(severities: ReadonlyMap<string, ActiveRule['severity']>): LintRuleset {
  const rules: ActiveRule[] = [];
  for (const [id, severity] of severities) {
    const rule = findBuiltInRule(id);
    if (rule) rules.push({ rule, severity });
  }
  return { rules };
}

const compiledRulesets = new WeakMap<LintRuleset, CompiledRules>();

/** Lints one document and every file it references. Never prints, never exits; throws `DocumentError` only when the root cannot be read or parsed. */
export async function lintDocument(path: string, options: LintOptions = {}): Promise<LintResult> {
  const ruleset = options.ruleset ?? recommendedRuleset();
  const cwd = options.cwd ?? process.cwd();
  let compiled = compiledRulesets.get(ruleset);
  if (!compiled) {
    compiled = new CompiledRules(ruleset.rules);
    compiledRulesets.set(ruleset, compiled);
  }
  const timings = options.timings;
  // The clock only when timings are asked for: the first read of `performance` loads perf_hooks (0.9 MB).
  let started = timings ? performance.now() : 0;
  const documents = await DocumentSet.load(resolvePath(cwd, path), options);
  options.afterParse?.(parsedSize(documents));
  started = addTiming(timings, '(engine) read, parse, load $ref files', started);
  const formats = detectFormats(documents.root.data);
  const documentationUrl = ruleset.documentationUrl ?? defaultDocumentationUrl;
  const findings: Finding[] = [];
  const rulesBefore = sumOf(timings);
  const linted = { source: documents.root.source, data: documents.root.data, formats };
  for (const { rule } of ruleset.rules) {
    if (!rule.prepare || !appliesTo(rule, formats)) continue;
    // A rule's preparation (a validity check of the whole document) is its time, not the walk's.
    const preparing = timings ? performance.now() : 0;
    await rule.prepare(linted);
    if (timings) timings.set(rule.id, (timings.get(rule.id) ?? 0) + performance.now() - preparing);
  }
  const reports = walkDocument(documents, compiled, formats, timings);
  // The walk's own time: what the rules spent during it is theirs.
  started = addTiming(timings, '(engine) walk', started + (sumOf(timings) - rulesBefore));
  for (const raw of reports) {
    const finding = placeReport(raw, documents, cwd, documentationUrl);
    if (finding) findings.push(finding);
  }
  findings.push(...referenceFindings(documents, cwd), ...duplicateKeyFindings(documents, cwd));
  addTiming(timings, '(engine) place findings, check $refs', started);
  if (formats.size === 0) {
    const root = documents.root;
    // msctl's own rules are OpenAPI rules: on anything else their findings are noise. A ruleset's own rules
    // (Spectral lints any JSON or YAML) still speak.
    const builtIn = new Set(
      ruleset.rules.filter(({ rule }) => findBuiltInRule(rule.id) === rule).map(({ rule }) => rule.id),
    );
    const kept = findings.filter((finding) => !builtIn.has(finding.code));
    findings.length = 0;
    findings.push(...kept);
    findings.push(
      engineFinding(
        UNRECOGNIZED_FORMAT,
        'The document is not OpenAPI 2.0, 3.0 or 3.1: it has no `swagger: "2.0"` or `openapi: 3.x` field.',
        root,
        [],
        1,
        cwd,
      ),
    );
  }
  return {
    findings: finalizeFindings(findings, ruleset),
    sources: documents.sources.map((file) => file.source),
    failures: [],
  };
}

/** A document to lint, and the `msctl.yaml` service it is the `api` of, if any. */
export interface LintTarget {
  file: string;
  service?: string;
}

/** Lints several documents; a document that cannot be read is a failure in the result, not an exception. */
export async function lintFiles(
  targets: readonly (string | LintTarget)[],
  options: LintOptions = {},
): Promise<LintResult> {
  const result: LintResult = { findings: [], sources: [], failures: [] };
  const seenSources = new Set<string>();
  for (const target of targets) {
    const { file, service } = typeof target === 'string' ? { file: target, service: undefined } : target;
    try {
      const one = await lintDocument(file, options);
      for (const finding of one.findings) {
        // Set, not spread: a spread reads (computes) the fingerprint.
        if (service !== undefined) finding.service = service;
        result.findings.push(finding);
      }
      for (const source of one.sources) {
        if (seenSources.has(source)) continue;
        seenSources.add(source);
        result.sources.push(source);
      }
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      result.failures.push(error);
    }
  }
  // Two services sharing a file report its findings once, under the first service.
  // One document's findings are sorted and unique already.
  if (targets.length > 1) result.findings = sortedWithoutDuplicates(result.findings);
  return result;
}

/** Adds the time since `started` to a phase and returns now; does nothing without timings. */
function addTiming(timings: Map<string, number> | undefined, phase: string, started: number): number {
  if (!timings) return 0;
  const now = performance.now();
  timings.set(phase, (timings.get(phase) ?? 0) + now - started);
  return now;
}

function parsedSize(documents: DocumentSet): ParsedSize {
  let characters = 0;
  for (const file of documents.sources) characters += file.text.length;
  return { characters };
}

function sumOf(timings: Map<string, number> | undefined): number {
  let total = 0;
  for (const milliseconds of timings?.values() ?? []) total += milliseconds;
  return total;
}

function defaultDocumentationUrl(ruleId: string): string | undefined {
  return findBuiltInRule(ruleId) ? ruleDocumentationUrl(ruleId) : undefined;
}

/** Every `$ref` that leads nowhere, in every file of the set, whatever the rules look at. */
function referenceFindings(documents: DocumentSet, cwd: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of documents.sources) {
    // Almost always every reference resolves, and then there is nothing to place: skip the walk.
    if (documents.referencesOf(file).every((ref) => documents.resolve(file, ref).ok)) continue;
    // A text can show a `$ref` that is no reference (in a description, an example): walk the data for the real ones,
    // keeping the path in one array and the pending values in three, not an object per node.
    const values: unknown[] = [file.data];
    const keys: (string | number)[] = [''];
    const depths: number[] = [0];
    const path: (string | number)[] = [];
    // Parsed JSON and block YAML are trees; only YAML aliases can reach a value twice, or go round.
    const seen = file.sharesValues ? new Set<object>() : undefined;
    while (values.length > 0) {
      const value = values.pop();
      const key = keys.pop() as string | number;
      const depth = depths.pop() as number;
      // Only the file's root can be anything else.
      if (typeof value !== 'object' || value === null) continue;
      if (seen) {
        if (seen.has(value)) continue;
        seen.add(value);
      }
      path.length = Math.max(depth - 1, 0);
      if (depth > 0) path.push(key);
      if (isReference(value)) {
        const resolution = documents.resolve(file, value.$ref);
        if (!resolution.ok) {
          const at = [...path, '$ref'];
          if (!isIgnored(INVALID_REF, file.data, at)) {
            findings.push(engineFinding(INVALID_REF, resolution.message, file, at, 0, cwd));
          }
        }
        continue;
      }
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          const item: unknown = value[index];
          if (typeof item !== 'object' || item === null) continue;
          values.push(item);
          keys.push(index);
          depths.push(depth + 1);
        }
      } else {
        for (const name of Object.keys(value)) {
          const item = (value as Record<string, unknown>)[name];
          if (typeof item !== 'object' || item === null) continue;
          values.push(item);
          keys.push(name);
          depths.push(depth + 1);
        }
      }
    }
  }
  return findings;
}

/**
 * A key written twice in a mapping, in every file of the set: the data keeps the last value, while a reviewer reads
 * the first. Reported at the repeated key, naming where it was first written; the rest is linted as parsed.
 */
function duplicateKeyFindings(documents: DocumentSet, cwd: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of documents.sources) {
    for (const duplicate of file.duplicateKeys()) {
      if (isIgnored(PARSER, file.data, duplicate.path)) continue;
      const first = file.positionAt(duplicate.first.start);
      const message = `Duplicate key "${duplicate.key}" (first at ${first.line + 1}:${first.character + 1}): only the last value is read; the earlier ones are ignored.`;
      const { path } = duplicate;
      findings.push({
        code: PARSER,
        message,
        path,
        severity: 0,
        range: {
          start: file.positionAt(duplicate.repeated.start),
          end: file.positionAt(duplicate.repeated.end),
        },
        source: file.source,
        get fingerprint() {
          return fingerprintOf(PARSER, file.source, path, cwd);
        },
      });
    }
  }
  return findings;
}

function engineFinding(
  code: string,
  message: string,
  file: SourceFile,
  path: (string | number)[],
  severity: Severity,
  cwd: string,
): Finding {
  const placed = file.place(path);
  return {
    code,
    message,
    path: placed.path,
    severity,
    range: placed.range,
    source: file.source,
    get fingerprint() {
      return fingerprintOf(code, file.source, placed.path, cwd);
    },
  };
}

function finalizeFindings(findings: Finding[], ruleset: LintRuleset): Finding[] {
  const adjusted: Finding[] = [];
  for (const finding of findings) {
    if (!ruleset.adjustSeverity) {
      adjusted.push(finding);
      continue;
    }
    const severity = ruleset.adjustSeverity(finding.code, finding.source, finding.path, finding.severity);
    if (severity === undefined) continue;
    finding.severity = severity;
    adjusted.push(finding);
  }
  return sortedWithoutDuplicates(adjusted);
}

/**
 * The findings in reading order, each rule's message at a path once (the first of duplicates is kept). Sorted
 * first: findings of one rule at one path are placed alike, so duplicates sort next to each other, among the few
 * findings of the same rule at the same place, and no key string is built per finding. The sort is stable, so the
 * first of duplicates in the sorted array is the first reported.
 */
function sortedWithoutDuplicates(findings: Finding[]): Finding[] {
  findings.sort(compareFindings);
  const kept: Finding[] = [];
  let placeStart = 0;
  for (const finding of findings) {
    const last = kept[kept.length - 1];
    if (last === undefined || compareFindings(last, finding) !== 0) placeStart = kept.length;
    else if (hasDuplicate(kept, placeStart, finding)) continue;
    kept.push(finding);
  }
  return kept;
}

function hasDuplicate(kept: readonly Finding[], from: number, finding: Finding): boolean {
  for (let index = from; index < kept.length; index++) {
    const other = kept[index] as Finding;
    if (other.message === finding.message && samePointer(other.path, finding.path)) return true;
  }
  return false;
}

/** Whether two paths name the same JSON pointer (`0` and `'0'` alike). */
function samePointer(left: JsonPath, right: JsonPath): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    if (String(left[index]) !== String(right[index])) return false;
  }
  return true;
}

/** File, then line, then character, then rule: the order people read a file in. */
export function compareFindings(left: Finding, right: Finding): number {
  return (
    (left.source < right.source ? -1 : left.source > right.source ? 1 : 0) ||
    left.range.start.line - right.range.start.line ||
    left.range.start.character - right.range.start.character ||
    (left.code < right.code ? -1 : left.code > right.code ? 1 : 0)
  );
}
