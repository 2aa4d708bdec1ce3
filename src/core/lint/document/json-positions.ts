import { NODE_MAPPING, NODE_SCALAR, NODE_SEQUENCE, PositionIndex } from './position-index.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const SLASH = 0x2f;
const STAR = 0x2a;

/**
 * A text that takes every branch of the tokenizer. V8 optimizes the loop while it runs on a big file; a branch the
 * loop has not taken yet (the first number, deep into the file) then throws the optimized code away and the loop
 * runs slowly until it is optimized again. Tokenizing this first costs microseconds and saves milliseconds.
 */
const EVERY_TOKEN =
  '{"a": [1, true, null, "s\\"q", "a longer string value, beyond the short scan"], "b": {}} /* c */ // d\n';
const EVERY_STRICT_TOKEN =
  '{"a": [1, true, null, "s\\"q"], "b": {"c": 2.5, "d": "a longer string value, beyond the short scan"}}';
let warmedUp = false;

/**
 * Indexes the offsets of every node of a JSON text that `JSON.parse` already accepted, so it trusts the syntax
 * and only tracks structure. Iterative: nesting depth costs memory, never stack.
 */
export function indexJsonPositions(
  text: string,
  /** Whether `JSON.parse` accepted the text: no comments, no trailing commas. */
  strict = false,
): PositionIndex {
  if (!warmedUp) {
    warmedUp = true;
    indexJsonPositions(EVERY_TOKEN);
    indexJsonPositions(EVERY_STRICT_TOKEN, true);
  }
  const index = new PositionIndex(
    text,
    (node) => decodeJsonKey(text, index.keyStart[node] ?? 0, index.keyEnd[node] ?? 0),
    (node, key) => jsonKeyIs(text, index.keyStart[node] ?? -1, index.keyEnd[node] ?? -1, key),
  );
  const open: number[] = [];
  let pendingKeyStart = -1;
  let pendingKeyEnd = -1;
  let expectKey = false;
  let offset = 0;
  const length = text.length;

  while (offset < length) {
    let code = text.charCodeAt(offset);
    // Whitespace first, in runs: indentation is most of the characters this loop sees (strings are skipped by
    // search).
    while (code <= 0x20) {
      offset++;
      if (offset === length) return index;
      code = text.charCodeAt(offset);
    }
    if (code === QUOTE) {
      const end = skipString(text, offset);
      if (expectKey) {
        pendingKeyStart = offset;
        pendingKeyEnd = end;
        expectKey = false;
      } else {
        index.addLeaf(NODE_SCALAR, pendingKeyStart, pendingKeyEnd, offset, end);
        pendingKeyStart = -1;
      }
      offset = end;
      continue;
    }
    if (code === COMMA) {
      expectKey = open.length > 0 && index.kind[open[open.length - 1] as number] === NODE_MAPPING;
      // In strict JSON a key follows a comma in a mapping, after nothing but whitespace: a search skips the
      // indentation at once. (Lenient JSON may have a comment or a trailing comma there.)
      offset = expectKey && strict ? text.indexOf('"', offset + 1) : offset + 1;
      if (offset < 0) return index;
      continue;
    }
    if (code === COLON) {
      offset++;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      open.push(
        index.add(code === OPEN_BRACE ? NODE_MAPPING : NODE_SEQUENCE, pendingKeyStart, pendingKeyEnd, offset),
      );
      pendingKeyStart = -1;
      expectKey = code === OPEN_BRACE;
      offset++;
      continue;
    }
    if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      const node = open.pop();
      if (node !== undefined) index.close(node, offset + 1);
      expectKey = false;
      offset++;
      continue;
    }
    if (code === SLASH && (text.charCodeAt(offset + 1) === SLASH || text.charCodeAt(offset + 1) === STAR)) {
      // Comments, which `.json` files may have (as in Spectral, they are read leniently).
      const block = text.charCodeAt(offset + 1) === STAR;
      const end = block ? text.indexOf('*/', offset + 2) : text.indexOf('\n', offset + 2);
      offset = end < 0 ? length : end + (block ? 2 : 1);
      continue;
    }
    // A number, true, false or null: runs until a delimiter.
    let end = offset + 1;
    while (end < length) {
      const next = text.charCodeAt(end);
      if (next === COMMA || next === CLOSE_BRACE || next === CLOSE_BRACKET || next <= 0x20) break;
      end++;
    }
    index.addLeaf(NODE_SCALAR, pendingKeyStart, pendingKeyEnd, offset, end);
    pendingKeyStart = -1;
    offset = end;
  }
  return index;
}

function skipString(text: string, start: number): number {
  // Most strings of an API description are short keys and names: looking at the characters beats a search call.
  const shortEnd = Math.min(start + 24, text.length);
  for (let offset = start + 1; offset < shortEnd; offset++) {
    const code = text.charCodeAt(offset);
    if (code === QUOTE) return offset + 1;
    if (code === BACKSLASH) break;
  }
  let offset = start + 1;
  for (;;) {
    const quote = text.indexOf('"', offset);
    if (quote < 0) return text.length;
    let backslashes = 0;
    for (let before = quote - 1; before > start && text.charCodeAt(before) === BACKSLASH; before--)
      backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    offset = quote + 1;
  }
}

function decodeJsonKey(text: string, start: number, end: number): string {
  if (start < 0) return '';
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

/**
 * Whether the JSON key written from `start` to `end` (quotes included) is `key`. An escape makes a key shorter than
 * it is written, so a key written as long as `key`, with no backslash in `key`, is `key` exactly when the text says
 * so; a key written longer is `key` only if it has an escape.
 */
function jsonKeyIs(text: string, start: number, end: number, key: string): boolean {
  if (start < 0) return false;
  const written = end - start - 2;
  if (written < key.length) return false;
  if (written === key.length && !key.includes('\\')) return text.startsWith(key, start + 1);
  for (let offset = start + 1; offset < end - 1; offset++) {
    if (text.charCodeAt(offset) === BACKSLASH) return decodeJsonKey(text, start, end) === key;
  }
  return false;
}
