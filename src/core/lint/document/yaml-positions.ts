import {
  COLLECTION_STYLE_FLOW,
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  type Event,
  getScalarValue,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_SINGLE_QUOTED,
  type ScalarEvent,
} from 'js-yaml';
import { NODE_ALIAS, NODE_MAPPING, NODE_SCALAR, NODE_SEQUENCE, PositionIndex } from './position-index.js';

interface OpenCollection {
  node: number;
  /** In a mapping: whether the next event is a key. */
  expectKey: boolean;
  flow: boolean;
}

/**
 * Indexes the offsets of every node from the parser's event stream (the events the data was built from, so
 * positions cost no second parse). Keys are kept as offsets; only keys with escapes keep their event for decoding.
 */
export function indexYamlPositions(text: string, events: readonly Event[]): PositionIndex {
  const builder = new YamlPositionBuilder(text);
  for (const event of events) {
    if (event.type === EVENT_SCALAR) {
      builder.scalar(
        event.valueStart,
        event.valueEnd,
        event.style === SCALAR_STYLE_SINGLE_QUOTED || event.style === SCALAR_STYLE_DOUBLE_QUOTED,
        event.anchorStart,
        event.anchorEnd,
        event.fast ? undefined : event,
      );
    } else if (event.type === EVENT_MAPPING || event.type === EVENT_SEQUENCE) {
      builder.open(
        event.type === EVENT_MAPPING,
        event.start,
        event.anchorStart,
        event.anchorEnd,
        event.style === COLLECTION_STYLE_FLOW,
      );
    } else if (event.type === EVENT_POP) builder.pop();
    else if (event.type === EVENT_ALIAS) builder.alias(event.anchorStart, event.anchorEnd);
    else if (event.type !== EVENT_DOCUMENT) throw new Error('Unknown YAML event.');
  }
  return builder.index;
}

/**
 * Builds a position index from parser events given one at a time, in document order: from js-yaml's event
 * stream, or straight from a parser that makes no event objects.
 */
export class YamlPositionBuilder {
  readonly index: PositionIndex;
  private readonly escapedKeys = new Map<number, ScalarEvent>();
  private readonly anchors = new Map<string, number>();
  private readonly stack: OpenCollection[] = [];
  private keyStart = -1;
  private keyEnd = -1;
  private keyEvent: ScalarEvent | undefined;
  private skippingKeyDepth = 0;
  private lastEnd = 0;

  constructor(private readonly text: string) {
    const index = new PositionIndex(text, (node) => {
      const start = index.keyStart[node] ?? -1;
      if (start < 0) return '';
      const escaped = this.escapedKeys.get(node);
      return escaped ? getScalarValue(text, escaped) : text.slice(start, index.keyEnd[node] ?? start);
    });
    this.index = index;
  }

  /**
   * A scalar from its content offsets (inside the quotes when quoted). `decodable` is its event when its text is
   * not its value as written (escapes, folded lines): a key of that kind is decoded from it when a path asks.
   */
  scalar(
    valueStart: number,
    valueEnd: number,
    quoted: boolean,
    anchorStart: number,
    anchorEnd: number,
    decodable: ScalarEvent | undefined,
  ): void {
    if (this.skipping(false, false)) return;
    if (this.takeKey()) {
      this.keyStart = valueStart;
      this.keyEnd = valueEnd;
      this.keyEvent = decodable;
      return;
    }
    if (valueStart < 0) valueStart = valueEnd = this.emptyValueOffset();
    const index = this.index;
    const node = index.add(NODE_SCALAR, this.keyStart, this.keyEnd, quoted ? valueStart - 1 : valueStart);
    this.lastEnd = quoted ? valueEnd + 1 : valueEnd;
    index.valueEnd[node] = this.lastEnd;
    this.recordKey(node);
    this.recordAnchor(anchorStart, anchorEnd, node);
    this.clearKey();
  }

  /**
   * Where an empty value (no text of its own) is placed: right after its key's colon, as Spectral places it, or
   * where the parser stands; never at offset -1, which no editor can show.
   */
  private emptyValueOffset(): number {
    const colon = this.keyEnd < 0 ? -1 : this.text.indexOf(':', this.keyEnd);
    return colon < 0 ? Math.max(0, this.lastEnd) : colon + 1;
  }

  alias(anchorStart: number, anchorEnd: number): void {
    if (this.skipping(false, false)) return;
    if (this.takeKey()) {
      this.keyStart = -1;
      this.keyEnd = -1;
      this.keyEvent = undefined;
      return;
    }
    const index = this.index;
    const node = index.add(NODE_ALIAS, this.keyStart, this.keyEnd, anchorStart - 1);
    index.target[node] = this.anchors.get(this.text.slice(anchorStart, anchorEnd)) ?? -1;
    this.lastEnd = anchorEnd;
    index.valueEnd[node] = anchorEnd;
    this.recordKey(node);
    this.clearKey();
  }

  open(mapping: boolean, start: number, anchorStart: number, anchorEnd: number, flow: boolean): void {
    if (this.skipping(true, false)) return;
    if (this.takeKey()) {
      // A collection used as a mapping key: no path can name it, so it is left out.
      this.keyStart = -1;
      this.keyEnd = -1;
      this.keyEvent = undefined;
      this.skippingKeyDepth = 1;
      return;
    }
    const node = this.index.add(mapping ? NODE_MAPPING : NODE_SEQUENCE, this.keyStart, this.keyEnd, start);
    this.recordKey(node);
    this.recordAnchor(anchorStart, anchorEnd, node);
    this.stack.push({ node, expectKey: mapping, flow });
    this.clearKey();
  }

  /**
   * A mapping key, from a parser that knows which scalars are keys (and makes no anchors): `key`, `value` and
   * `openValue` skip the event-order bookkeeping and build the same index.
   */
  key(valueStart: number, valueEnd: number, decodable: ScalarEvent | undefined): void {
    this.keyStart = valueStart;
    this.keyEnd = valueEnd;
    this.keyEvent = decodable;
  }

  /** A scalar that is not a key (an empty one has offsets -1). */
  value(valueStart: number, valueEnd: number, quoted: boolean): void {
    if (valueStart < 0) valueStart = valueEnd = this.emptyValueOffset();
    const index = this.index;
    const node = index.add(NODE_SCALAR, this.keyStart, this.keyEnd, quoted ? valueStart - 1 : valueStart);
    this.lastEnd = quoted ? valueEnd + 1 : valueEnd;
    index.valueEnd[node] = this.lastEnd;
    this.recordKey(node);
    this.clearKey();
  }

  /** A collection that is not a key. */
  openValue(mapping: boolean, start: number, flow: boolean): void {
    const node = this.index.add(mapping ? NODE_MAPPING : NODE_SEQUENCE, this.keyStart, this.keyEnd, start);
    this.recordKey(node);
    this.stack.push({ node, expectKey: mapping, flow });
    this.clearKey();
  }

  pop(): void {
    if (this.skipping(false, true)) return;
    const closed = this.stack.pop();
    if (!closed) return;
    const index = this.index;
    const end = closed.flow ? closingBracketEnd(this.text, this.lastEnd) : this.lastEnd;
    index.valueEnd[closed.node] = end;
    index.next[closed.node] = index.count;
    this.lastEnd = end;
  }

  /** Inside a collection used as a key, events only move the depth. */
  private skipping(opens: boolean, closes: boolean): boolean {
    if (this.skippingKeyDepth === 0) return false;
    if (opens) this.skippingKeyDepth++;
    else if (closes) this.skippingKeyDepth--;
    return true;
  }

  /** Whether this node is a mapping key; otherwise, in a mapping, the next node is. */
  private takeKey(): boolean {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return false;
    if (parent.expectKey) {
      parent.expectKey = false;
      return true;
    }
    if (this.index.kind[parent.node] === NODE_MAPPING) parent.expectKey = true;
    return false;
  }

  private clearKey(): void {
    this.keyStart = -1;
    this.keyEnd = -1;
  }

  private recordKey(node: number): void {
    if (this.keyEvent) this.escapedKeys.set(node, this.keyEvent);
    this.keyEvent = undefined;
  }

  private recordAnchor(start: number, end: number, node: number): void {
    if (start >= 0) this.anchors.set(this.text.slice(start, end), node);
  }
}

/** Flow collections end at their bracket, which the event stream does not mark. */
function closingBracketEnd(text: string, from: number): number {
  for (let offset = from; offset < text.length; offset++) {
    const character = text[offset];
    if (character === '}' || character === ']') return offset + 1;
    if (
      character !== ' ' &&
      character !== '\n' &&
      character !== '\r' &&
      character !== '\t' &&
      character !== ','
    ) {
      return from;
    }
  }
  return from;
}
