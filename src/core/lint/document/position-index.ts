import type { JsonPath } from '../types.js';

export const NODE_SCALAR = 0;
export const NODE_MAPPING = 1;
export const NODE_SEQUENCE = 2;
export const NODE_ALIAS = 3;

/** Source offsets of one node, and how much of the asked path exists. */
export interface LocatedNode {
  /** How many segments of the path exist in the file. */
  matched: number;
  startOffset: number;
  endOffset: number;
}

/** A mapping whose subtree has at most this many nodes is searched in place for a key, not indexed by key. */
const SMALL_MAPPING_NODES = 64;

/** Roughly one node per 16 characters of source, measured on real API descriptions; arrays grow if needed. */
const CHARACTERS_PER_NODE = 16;

/**
 * The source offsets of every node of one parsed file, in document order, in typed arrays: a few bytes
 * per node instead of an AST object per node. A node's children follow it; `next` is the index after its subtree,
 * so siblings are found by skipping subtrees without decoding them.
 */
export class PositionIndex {
  count = 0;
  kind: Uint8Array;
  /** Start and end of the node's key in its parent mapping; -1 in sequences and at the root. */
  keyStart: Int32Array;
  keyEnd: Int32Array;
  valueStart: Int32Array;
  valueEnd: Int32Array;
  next: Int32Array;
  /** For aliases, the index of the anchored node. */
  target: Int32Array;

  private readonly childrenByKey = new Map<number, Map<string, number>>();

  constructor(
    private readonly text: string,
    /** Decodes the key of node `index` (escapes, quotes) for comparison with a path segment. */
    private readonly decodeKey: (index: number) => string,
    /**
     * Whether the key of node `index` is `key`, read in place without decoding it; when given, small mappings are
     * searched with it instead of getting a map of decoded keys (most mappings findings go through are small).
     */
    private readonly keyIs?: (index: number, key: string) => boolean,
  ) {
    const capacity = Math.max(64, Math.ceil(text.length / CHARACTERS_PER_NODE));
    this.kind = new Uint8Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.valueStart = new Int32Array(capacity);
    this.valueEnd = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
  }

  add(kind: number, keyStart: number, keyEnd: number, valueStart: number): number {
    if (this.count === this.kind.length) this.grow();
    const index = this.count++;
    this.kind[index] = kind;
    this.keyStart[index] = keyStart;
    this.keyEnd[index] = keyEnd;
    this.valueStart[index] = valueStart;
    this.valueEnd[index] = valueStart;
    this.next[index] = index + 1;
    this.target[index] = -1;
    return index;
  }

  /** The key of node `index` in its parent mapping, decoded; '' for a node that has none. */
  keyOf(index: number): string {
    return (this.keyStart[index] ?? -1) < 0 ? '' : this.decodeKey(index);
  }

  /** Adds a scalar, whose value ends at `valueEnd`. */
  addLeaf(kind: number, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): number {
    const index = this.add(kind, keyStart, keyEnd, valueStart);
    this.valueEnd[index] = valueEnd;
    return index;
  }

  /** Ends a collection: its value ends at `valueEnd`, and every node added since it opened is inside it. */
  close(node: number, valueEnd: number): void {
    this.valueEnd[node] = valueEnd;
    this.next[node] = this.count;
  }

  /** The deepest existing node along `path`, with Spectral's range conventions. */
  locate(path: JsonPath): LocatedNode {
    let node = 0;
    let matched = 0;
    for (const segment of path) {
      node = this.followAlias(node);
      const child = this.findChild(node, segment);
      if (child === -1) break;
      node = child;
      matched++;
    }
    return { matched, startOffset: this.rangeStart(node), endOffset: this.valueEnd[node] ?? 0 };
  }

  private followAlias(node: number): number {
    let current = node;
    for (let hops = 0; this.kind[current] === NODE_ALIAS && hops < 1000; hops++) {
      const target = this.target[current] ?? -1;
      if (target < 0) break;
      current = target;
    }
    return current;
  }

  private findChild(node: number, segment: string | number): number {
    const kind = this.kind[node];
    const end = this.next[node] ?? node + 1;
    if (kind === NODE_SEQUENCE) {
      const wanted = typeof segment === 'number' ? segment : Number(segment);
      if (!Number.isInteger(wanted) || wanted < 0) return -1;
      let position = 0;
      for (let child = node + 1; child < end; child = this.next[child] ?? end) {
        if (position++ === wanted) return child;
      }
      return -1;
    }
    if (kind !== NODE_MAPPING) return -1;
    const key = String(segment);
    if (this.keyIs && end - node <= SMALL_MAPPING_NODES) {
      // The last of duplicate keys wins, as in the parsed data.
      let found = -1;
      for (let child = node + 1; child < end; child = this.next[child] ?? end) {
        if (this.keyIs(child, key)) found = child;
      }
      return found;
    }
    let children = this.childrenByKey.get(node);
    if (!children) {
      // Built once per mapping that findings go through: `paths` and `components` are asked again and again.
      children = new Map();
      // The last of duplicate keys wins, as in the parsed data.
      for (let child = node + 1; child < end; child = this.next[child] ?? end)
        children.set(this.decodeKey(child), child);
      this.childrenByKey.set(node, children);
    }
    return children.get(key) ?? -1;
  }

  /** A mapping member's collection value starts right after its colon, as in Spectral; anything else at itself. */
  private rangeStart(node: number): number {
    const start = this.valueStart[node] ?? 0;
    const keyEnd = this.keyEnd[node] ?? -1;
    const kind = this.kind[node];
    if (keyEnd < 0 || (kind !== NODE_MAPPING && kind !== NODE_SEQUENCE)) return start;
    const colon = this.text.indexOf(':', keyEnd);
    return colon >= 0 && colon < start ? colon + 1 : start;
  }

  private grow(): void {
    const capacity = this.kind.length * 2;
    this.kind = copyInto(new Uint8Array(capacity), this.kind);
    this.keyStart = copyInto(new Int32Array(capacity), this.keyStart);
    this.keyEnd = copyInto(new Int32Array(capacity), this.keyEnd);
    this.valueStart = copyInto(new Int32Array(capacity), this.valueStart);
    this.valueEnd = copyInto(new Int32Array(capacity), this.valueEnd);
    this.next = copyInto(new Int32Array(capacity), this.next);
    this.target = copyInto(new Int32Array(capacity), this.target);
  }
}

function copyInto<T extends Uint8Array | Int32Array>(destination: T, source: T): T {
  destination.set(source);
  return destination;
}
