import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import type { MergeOutcome } from './text-merge.js';

const ABSENT = Symbol('absent');
type Value = unknown;

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** One YAML document as data; undefined when the text is not exactly one document that parses. */
export function parseSingleDocument(text: string): { value: Value } | undefined {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return undefined;
  return { value: document.toJS() };
}

const isRecord = (value: Value): value is Record<string, Value> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lists whose items all have a unique string `name` (containers, ports, env) merge item by item, by name. */
function namesOf(list: Value): string[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const names = list.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : undefined));
  if (names.some((name) => name === undefined) || new Set(names).size !== names.length) return undefined;
  return names as string[];
}

/**
 * Three-way merge of data by key path: a key changed on one side only takes that side's value, one changed
 * the same way on both is taken once, one changed differently on both is a conflict named by its path.
 */
export function mergeValues(
  yours: Value,
  base: Value,
  theirs: Value,
  at: string,
  conflicts: string[],
): Value {
  if (isDeepStrictEqual(yours, theirs)) return yours;
  if (isDeepStrictEqual(yours, base)) return theirs;
  if (isDeepStrictEqual(theirs, base)) return yours;
  if (isRecord(yours) && isRecord(theirs)) {
    const baseRecord = isRecord(base) ? base : {};
    const merged: Record<string, Value> = {};
    const keys = [...new Set([...Object.keys(theirs), ...Object.keys(yours)])];
    for (const key of keys) {
      const pick = (record: Record<string, Value>) => (key in record ? record[key] : ABSENT);
      const value = mergeValues(
        pick(yours),
        pick(baseRecord),
        pick(theirs),
        at ? `${at}.${key}` : key,
        conflicts,
      );
      if (value !== ABSENT) merged[key] = value;
    }
    return merged;
  }
  const yourNames = namesOf(yours);
  const theirNames = namesOf(theirs);
  if (Array.isArray(yours) && Array.isArray(theirs) && yourNames && theirNames) {
    const byName = (list: Value) => {
      const names = namesOf(list);
      return new Map(names ? names.map((name, index) => [name, (list as Value[])[index]]) : []);
    };
    const [mine, old, new_] = [byName(yours), byName(base), byName(theirs)];
    const merged: Value[] = [];
    for (const name of [...new Set([...theirNames, ...yourNames])]) {
      const value = mergeValues(
        mine.get(name) ?? ABSENT,
        old.get(name) ?? ABSENT,
        new_.get(name) ?? ABSENT,
        `${at}[${name}]`,
        conflicts,
      );
      if (value !== ABSENT) merged.push(value);
    }
    return merged;
  }
  if (
    Array.isArray(yours) &&
    Array.isArray(theirs) &&
    Array.isArray(base) &&
    yours.length === base.length &&
    theirs.length === base.length
  ) {
    return base.map((item, index) =>
      mergeValues(yours[index], item, theirs[index], `${at}[${index}]`, conflicts),
    );
  }
  conflicts.push(at || '(the whole document)');
  return yours;
}

/**
 * The key-path merge of three YAML texts, written in the new output's layout (its leading comments kept).
 * Undefined when one of them is not a single YAML document.
 */
export function mergeYaml(yours: string, base: string, theirs: string): MergeOutcome | undefined {
  const parsed = [yours, base, theirs].map(parseSingleDocument);
  const [mine, old, next] = parsed;
  if (!mine || !old || !next) return undefined;
  const conflicts: string[] = [];
  const value = mergeValues(mine.value, old.value, next.value, '', conflicts);
  const document = parseDocument(theirs);
  document.contents = document.createNode(value) as typeof document.contents;
  return { text: document.toString(YAML_OPTIONS), conflicts };
}

/** A key path of `generate.owned`, e.g. `spec.template.spec.containers.0.resources`. */
export const keyPath = (path: string): (string | number)[] =>
  path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));

/**
 * The new output with the user's values at the paths they own: what the file should hold, as far as msctl
 * is concerned. Left as generated when either text is not YAML.
 */
export function withOwnedPaths(generated: string, current: string, paths: readonly string[]): string {
  if (paths.length === 0) return generated;
  const document = parseDocument(generated);
  const users = parseDocument(current);
  if (document.errors.length > 0 || users.errors.length > 0) return generated;
  for (const path of paths) {
    const segments = keyPath(path);
    if (users.hasIn(segments)) document.setIn(segments, users.getIn(segments, false));
    else if (document.hasIn(segments)) document.deleteIn(segments);
  }
  return document.toString(YAML_OPTIONS);
}

/** Same data, whatever the layout: owned paths may be written in the user's style. */
export function sameYamlData(left: string, right: string): boolean {
  const [one, other] = [parseSingleDocument(left), parseSingleDocument(right)];
  return one !== undefined && other !== undefined && isDeepStrictEqual(one.value, other.value);
}
