import { NODE_MAPPING, type PositionIndex } from './position-index.js';

/** A key written twice in one mapping: the data holds the last value only. */
export interface DuplicateKey {
  key: string;
  /** The path to the repeated key, as the data names it. */
  path: (string | number)[];
  /** Offsets of the key where it is first written, and where it is written again (quotes included). */
  first: { start: number; end: number };
  repeated: { start: number; end: number };
}

/**
 * Every key written again in its mapping, in document order, from a file's position index (JSON and js-yaml's YAML;
 * the block YAML parser refuses a repeated key itself and leaves the file to js-yaml). Keys are compared as written
 * (quotes aside) and no string is made per key: a small mapping's keys are compared pair by pair (their lengths and
 * last characters settle nearly every pair), a larger one's go into an open-addressing table of node numbers hashed
 * from a few of their characters. It runs once per file, cold: on Kubernetes (4 MB, 55,000 keys) 4-7 ms of CPU on a
 * loaded machine, 1 ms warm; a `Map` of decoded keys per mapping cost 11-15 ms.
 */
export function findDuplicateKeys(index: PositionIndex, text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const { kind, next, keyStart, keyEnd } = index;
  let slots = new Int32Array(MIN_TABLE_SIZE);
  // A slot is in use only when stamped with the mapping being checked: nothing is cleared between mappings.
  let stamps = new Int32Array(MIN_TABLE_SIZE).fill(-1);
  for (let mapping = 0; mapping < index.count; mapping++) {
    if (kind[mapping] !== NODE_MAPPING) continue;
    const end = next[mapping] as number;
    // A mapping of one key (or none) has nothing to compare.
    if (mapping + 1 >= end || (next[mapping + 1] as number) >= end) continue;
    let children = 0;
    for (let child = mapping + 1; child < end; child = next[child] as number) children++;
    if (children <= SMALL_MAPPING_KEYS) {
      for (let child = next[mapping + 1] as number; child < end; child = next[child] as number) {
        const start = keyStart[child] as number;
        const length = (keyEnd[child] as number) - start;
        if (start < 0) continue;
        for (let earlier = mapping + 1; earlier < child; earlier = next[earlier] as number) {
          const earlierStart = keyStart[earlier] as number;
          if (
            (keyEnd[earlier] as number) - earlierStart === length &&
            earlierStart >= 0 &&
            text.charCodeAt(earlierStart + length - 1) === text.charCodeAt(start + length - 1) &&
            sameKey(text, earlierStart, start, length)
          ) {
            found.push(duplicateAt(index, text, earlier, child));
            break;
          }
        }
      }
      continue;
    }
    let size = slots.length;
    while (size < children * 2) size *= 2;
    if (size > slots.length) {
      slots = new Int32Array(size);
      stamps = new Int32Array(size).fill(-1);
    }
    const mask = size - 1;
    for (let child = mapping + 1; child < end; child = next[child] as number) {
      const start = keyStart[child] as number;
      if (start < 0) continue;
      const length = (keyEnd[child] as number) - start;
      const quarter = length >> 2;
      let hash = length;
      hash = Math.imul(hash, 31) + text.charCodeAt(start);
      hash = Math.imul(hash, 31) + text.charCodeAt(start + quarter);
      hash = Math.imul(hash, 31) + text.charCodeAt(start + (length >> 1));
      hash = Math.imul(hash, 31) + text.charCodeAt(start + length - 1 - quarter);
      hash = Math.imul(hash, 31) + text.charCodeAt(start + length - 1);
      for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
        if (stamps[slot] !== mapping) {
          stamps[slot] = mapping;
          slots[slot] = child;
          break;
        }
        const other = slots[slot] as number;
        const otherStart = keyStart[other] as number;
        if ((keyEnd[other] as number) - otherStart === length && sameKey(text, otherStart, start, length)) {
          found.push(duplicateAt(index, text, other, child));
          break;
        }
      }
    }
  }
  return found;
}

/** Up to this many keys, a mapping's pairs are compared directly; beyond, hashed. */
const SMALL_MAPPING_KEYS = 8;
const MIN_TABLE_SIZE = 64;

/** Whether the texts of `length` characters at `left` and `right` are the same. */
function sameKey(text: string, left: number, right: number, length: number): boolean {
  for (let offset = 0; offset < length; offset++) {
    if (text.charCodeAt(left + offset) !== text.charCodeAt(right + offset)) return false;
  }
  return true;
}

function duplicateAt(index: PositionIndex, text: string, first: number, repeated: number): DuplicateKey {
  const key = index.keyOf(repeated);
  return {
    key,
    path: pathTo(index, repeated),
    first: keyRange(index, text, first),
    repeated: keyRange(index, text, repeated),
  };
}

/** The path from the root down to `target`: into each collection, the child whose subtree holds it. */
function pathTo(index: PositionIndex, target: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node = 0;
  while (node !== target) {
    let child = node + 1;
    let position = 0;
    while ((index.next[child] as number) <= target) {
      child = index.next[child] as number;
      position++;
    }
    path.push(index.kind[node] === NODE_MAPPING ? index.keyOf(child) : position);
    node = child;
  }
  return path;
}

/** A key's offsets with its quotes: YAML's index keeps a quoted key's content only. */
function keyRange(index: PositionIndex, text: string, node: number): { start: number; end: number } {
  let start = index.keyStart[node] as number;
  let end = index.keyEnd[node] as number;
  const before = text.charCodeAt(start - 1);
  if (
    (before === 0x22 || before === 0x27) &&
    text.charCodeAt(end) === before &&
    text.charCodeAt(start) !== before
  ) {
    start--;
    end++;
  }
  return { start, end };
}
