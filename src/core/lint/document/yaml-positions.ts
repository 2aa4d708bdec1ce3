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
  const escapedKeys = new Map<number, ScalarEvent>();
  const index = new PositionIndex(text, (node) => {
    const start = index.keyStart[node] ?? -1;
    if (start < 0) return '';
    const escaped = escapedKeys.get(node);
    return escaped ? getScalarValue(text, escaped) : text.slice(start, index.keyEnd[node] ?? start);
  });
  const anchors = new Map<string, number>();
  const open: OpenCollection[] = [];
  let keyStart = -1;
  let keyEnd = -1;
  let keyEvent: ScalarEvent | undefined;
  let skippingKeyDepth = 0;
  let lastEnd = 0;

  for (const event of events) {
    if (event.type === EVENT_DOCUMENT) continue;
    if (skippingKeyDepth > 0) {
      // Inside a collection used as a mapping key: no path can name it, so it is left out.
      if (event.type === EVENT_MAPPING || event.type === EVENT_SEQUENCE) skippingKeyDepth++;
      else if (event.type === EVENT_POP) skippingKeyDepth--;
      continue;
    }
    if (event.type === EVENT_POP) {
      const closed = open.pop();
      if (closed) {
        index.valueEnd[closed.node] = closed.flow ? closingBracketEnd(text, lastEnd) : lastEnd;
        index.next[closed.node] = index.count;
        lastEnd = index.valueEnd[closed.node] ?? lastEnd;
      }
      continue;
    }
    const parent = open[open.length - 1];
    if (parent?.expectKey) {
      parent.expectKey = false;
      if (event.type === EVENT_SCALAR) {
        keyStart = event.valueStart;
        keyEnd = event.valueEnd;
        keyEvent = event.fast ? undefined : event;
      } else {
        keyStart = -1;
        keyEnd = -1;
        keyEvent = undefined;
        if (event.type !== EVENT_ALIAS) skippingKeyDepth = 1;
      }
      continue;
    }
    if (parent && index.kind[parent.node] === NODE_MAPPING) parent.expectKey = true;

    if (event.type === EVENT_SCALAR) {
      const quoted = event.style === SCALAR_STYLE_SINGLE_QUOTED || event.style === SCALAR_STYLE_DOUBLE_QUOTED;
      const node = index.add(NODE_SCALAR, keyStart, keyEnd, quoted ? event.valueStart - 1 : event.valueStart);
      lastEnd = quoted ? event.valueEnd + 1 : event.valueEnd;
      index.valueEnd[node] = lastEnd;
      recordKey(node);
      recordAnchor(event.anchorStart, event.anchorEnd, node);
    } else if (event.type === EVENT_ALIAS) {
      const node = index.add(NODE_ALIAS, keyStart, keyEnd, event.anchorStart - 1);
      index.target[node] = anchors.get(text.slice(event.anchorStart, event.anchorEnd)) ?? -1;
      lastEnd = event.anchorEnd;
      index.valueEnd[node] = lastEnd;
      recordKey(node);
    } else {
      const kind = event.type === EVENT_MAPPING ? NODE_MAPPING : NODE_SEQUENCE;
      const node = index.add(kind, keyStart, keyEnd, event.start);
      recordKey(node);
      recordAnchor(event.anchorStart, event.anchorEnd, node);
      open.push({ node, expectKey: kind === NODE_MAPPING, flow: event.style === COLLECTION_STYLE_FLOW });
    }
    keyStart = -1;
    keyEnd = -1;
  }
  return index;

  function recordKey(node: number): void {
    if (keyEvent) escapedKeys.set(node, keyEvent);
    keyEvent = undefined;
  }

  function recordAnchor(start: number, end: number, node: number): void {
    if (start >= 0) anchors.set(text.slice(start, end), node);
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
