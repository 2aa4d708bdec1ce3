import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

/** Where a path points in a YAML document: the value, or the key it stands under. */
export interface SourceSpan {
  line: number;
  column: number;
  length: number;
}

/**
 * Finds the span of `path` in the document. With `target: 'key'` it is the mapping key (for unknown keys and
 * names); otherwise the value. A path that does not exist is placed at its nearest existing ancestor's key.
 */
export function locatePath(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
  target: 'key' | 'value' = 'value',
): SourceSpan {
  let node: unknown = document.contents;
  let keyNode: unknown;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && scalarValue(item.key) === String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
      if (last && target === 'key') return spanOf(keyNode as Node, lineCounter);
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      break;
    }
    if (last) return spanOf((node ?? keyNode) as Node | undefined, lineCounter, keyNode as Node | undefined);
  }
  return spanOf((keyNode ?? node) as Node | undefined, lineCounter);
}

function scalarValue(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

function spanOf(node: Node | undefined, lineCounter: LineCounter, fallback?: Node): SourceSpan {
  const range = node?.range ?? fallback?.range;
  if (!range) return { line: 1, column: 1, length: 1 };
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(range[1]);
  const length = end.line === start.line ? Math.max(1, end.col - start.col) : 1;
  return { line: start.line, column: start.col, length };
}
