import { type Document, isPair, isScalar, type LineCounter, type Pair, visit, type YAMLError } from 'yaml';
import type { ConfigIssue } from '../errors.js';

/**
 * The parser's errors as problems a person can act on. A tab in indentation makes the parser report several
 * errors that all follow from it: it becomes one problem that names the tab, and the rest is left out. A
 * duplicate key names the key and where it first appears.
 */
export function describeYamlErrors(
  file: string,
  source: string,
  document: Document,
  lineCounter: LineCounter,
): ConfigIssue[] {
  const tabs = document.errors.filter((error) => error.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) return [tabProblem(file, source, tabs, lineCounter)];
  return document.errors.map((error) => {
    const position = lineCounter.linePos(error.pos[0]);
    const at = { file, line: position.line, column: position.col };
    if (error.code === 'DUPLICATE_KEY') {
      const duplicate = duplicateKeyMessage(document, error, lineCounter);
      if (duplicate)
        return { ...at, length: duplicate.length, message: duplicate.message, code: 'duplicate-key' };
    }
    return {
      ...at,
      length: Math.max(1, error.pos[1] - error.pos[0]),
      message: error.message.split('\n')[0] ?? error.message,
      code: 'yaml-syntax',
    };
  });
}

function tabProblem(
  file: string,
  source: string,
  tabs: readonly YAMLError[],
  lineCounter: LineCounter,
): ConfigIssue {
  const lines = [...new Set(tabs.map((error) => lineCounter.linePos(error.pos[0]).line))];
  const first = lines[0] as number;
  const text = source.split(/\r?\n/)[first - 1] ?? '';
  const column = Math.max(0, text.search(/\t/)) + 1;
  const others = lines.slice(1);
  const also =
    others.length === 0
      ? ''
      : ` (line${others.length === 1 ? '' : 's'} ${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''} too)`;
  return {
    file,
    line: first,
    column,
    length: 1,
    message: `a tab character indents this line${also}; YAML indents with spaces only: replace the tab with spaces`,
    code: 'tab-indentation',
  };
}

function duplicateKeyMessage(
  document: Document,
  error: YAMLError,
  lineCounter: LineCounter,
): { message: string; length: number } | undefined {
  let found: { message: string; length: number } | undefined;
  visit(document, {
    Map(_, map, ancestors) {
      const pairs = map.items as Pair[];
      const index = pairs.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]);
      if (index < 0) return undefined;
      const duplicate = pairs[index] as Pair;
      const key = String((duplicate.key as { value: unknown }).value);
      const first = pairs.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
      const firstAt =
        first === duplicate ? undefined : (first?.key as { range?: number[] } | undefined)?.range;
      const where = keyPath(ancestors);
      const position = firstAt ? lineCounter.linePos(firstAt[0] as number) : undefined;
      found = {
        message: `duplicate key "${key}"${where ? ` in ${where}` : ''}${position ? `: first at line ${position.line}, column ${position.col}` : ''}; keep one of them`,
        length: Math.max(1, key.length),
      };
      return visit.BREAK;
    },
  });
  return found;
}

function keyPath(ancestors: readonly unknown[]): string {
  return ancestors
    .filter(isPair)
    .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'))
    .join('.');
}
