import { relative, sep } from 'node:path';
import { type DocumentSet, isReference } from './document/document-set.js';
import { toJsonPointer } from './document/json-pointer.js';
import type { SourceFile } from './document/source-file.js';
import { type RawReport, WalkNode } from './engine.js';
import { type Finding, type JsonPath, SEVERITY_BY_NAME, type Severity } from './types.js';

/** The extension a node carries to silence rules on itself and below: a rule id or a list of them. */
export const IGNORE_EXTENSION = 'x-lint-ignore';

/** Stable identity of a finding: rule, file relative to `cwd` with `/` separators, and JSON pointer. */
export function fingerprintOf(code: string, source: string, path: JsonPath, cwd: string): string {
  // Loaded on the first fingerprint read, not with the engine: most runs read none (see `placeReport`), and
  // node:crypto costs a run 2.6 MB and its 20 modules.
  hash ??= process.getBuiltinModule('node:crypto').hash;
  return hash('sha256', `${code}\n${fingerprintFile(source, cwd)}\n${toJsonPointer(path)}`, 'hex').slice(
    0,
    20,
  );
}

let hash: typeof import('node:crypto').hash | undefined;

// Thousands of findings name the same few files: `relative` is worth computing once per file.
const fingerprintFiles = new Map<string, string>();

function fingerprintFile(source: string, cwd: string): string {
  const key = `${cwd}\u0000${source}`;
  let file = fingerprintFiles.get(key);
  if (file === undefined) {
    file = /^https?:/i.test(source) ? source : relative(cwd, source).split(sep).join('/');
    fingerprintFiles.set(key, file);
  }
  return file;
}

/** Turns a rule's report into a finding in the file and at the line the node is written at. */
export function placeReport(
  raw: RawReport,
  documents: DocumentSet,
  cwd: string,
  documentationUrl: (ruleId: string) => string | undefined,
): Finding | undefined {
  const { rule, target, report } = raw;
  const start = report.target ?? target;
  let file: SourceFile = start instanceof WalkNode ? start.file : documents.root;
  let path: (string | number)[] = start instanceof WalkNode ? start.physicalPath() : [...start.path];
  let value: unknown = start instanceof WalkNode && start.key === start.value ? undefined : start.value;
  // A rule that sees `$ref`s as written reports on them as written (`description` beside a `$ref`).
  const followReferences = rule.rule.resolved !== false;
  for (const segment of report.path ?? []) {
    if (followReferences && isReference(value) && segment !== '$ref') {
      const resolution = documents.resolve(file, value.$ref);
      if (!resolution.ok) break;
      file = resolution.file;
      path = [...resolution.path];
      value = resolution.value;
    }
    path.push(segment);
    value =
      typeof value === 'object' && value !== null && Object.hasOwn(value, segment)
        ? (value as Record<string | number, unknown>)[segment]
        : undefined;
  }
  const placed = file.place(path);
  const code = rule.rule.id;
  if (
    mayIgnore(documents) &&
    (isIgnored(code, file.data, placed.path) || (start instanceof WalkNode && isIgnoredAbove(code, start)))
  ) {
    return undefined;
  }
  const severity: Severity = SEVERITY_BY_NAME[report.severity ?? rule.severity];
  const source = file.source;
  const finding: Finding = {
    code,
    message: report.message,
    path: placed.path,
    severity,
    range: placed.range,
    source,
    // Computed when read: stylish and Spectral's json never read it. Spreading or serialising a finding reads it,
    // so it is there for everything that does (--json, SARIF, baselines).
    get fingerprint() {
      return fingerprintOf(code, source, placed.path, cwd);
    },
  };
  const url = documentationUrl(code);
  if (url) finding.documentationUrl = url;
  return finding;
}

const ignoring = new WeakMap<DocumentSet, boolean>();

/**
 * Whether a file of the set may have an `x-lint-ignore` key, read from the texts once per document set: nearly no
 * document has one, and then findings skip looking for it on every node above them. Escapes that could spell part
 * of the key (`\u0069`, YAML's `\x69` and escaped line breaks) count as a possible key.
 */
function mayIgnore(documents: DocumentSet): boolean {
  let may = ignoring.get(documents);
  if (may === undefined) {
    may = documents.sources.some((file) => MAY_SPELL_IGNORE.test(file.text));
    ignoring.set(documents, may);
  }
  return may;
}

/**
 * `x-lint-ignore`, a JSON or YAML escape of one of its characters, or a YAML escaped line break inside a key: one
 * search of each text (about 1 ms for 4 MB).
 */
const MAY_SPELL_IGNORE = /x-lint-ignore|\\(?:u00|x|U000000)(?:2d|6[579cef]|7[248])|\\\r?\n/i;

/** Whether a node on the path (in the file the finding is in) silences the rule. */
export function isIgnored(code: string, data: unknown, path: JsonPath): boolean {
  let value = data;
  if (ignores(value, code)) return true;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<string | number, unknown>)[segment];
    if (ignores(value, code)) return true;
  }
  return false;
}

/** Whether a node the walk came through (e.g. an operation that `$ref`s a shared response) silences the rule. */
function isIgnoredAbove(code: string, node: WalkNode): boolean {
  for (let current: WalkNode | undefined = node; current; current = current.parent) {
    if (ignores(current.value, code)) return true;
  }
  return false;
}

function ignores(value: unknown, code: string): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ignored = (value as Record<string, unknown>)[IGNORE_EXTENSION];
  if (typeof ignored === 'string') return ignored === code || ignored === '*';
  return Array.isArray(ignored) && (ignored.includes(code) || ignored.includes('*'));
}
