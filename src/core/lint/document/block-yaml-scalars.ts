import {
  CHOMPING_CLIP,
  CHOMPING_KEEP,
  CHOMPING_STRIP,
  type ChompingMode,
  CORE_SCHEMA,
  EVENT_SCALAR,
  type ScalarEvent,
  type ScalarStyle,
} from 'js-yaml';

// What the block YAML parser needs to read scalars exactly as js-yaml does: the characters that matter, where
// quoted and block scalars end, and how js-yaml's core schema turns plain text into values.

export const NEWLINE = 10;
export const SPACE = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const DOUBLE_QUOTE = 34;
export const SINGLE_QUOTE = 39;
export const BACKSLASH = 92;

/** Thrown, once, when the text holds something the block parser leaves to js-yaml. */
export const UNSUPPORTED = new Error('left to js-yaml');

/**
 * Where a quoted scalar opened at `open` closes, and whether its text is its value (no escapes, no folded lines).
 * Only a value (given the indentation its continuation lines need, `nodeIndent`) may span lines.
 */
export function scanQuoted(
  text: string,
  open: number,
  nodeIndent: number | undefined,
): { end: number; simple: boolean } {
  const quote = text.charCodeAt(open);
  let offset = open + 1;
  let simple = true;
  for (;;) {
    const character = text.charCodeAt(offset);
    if (Number.isNaN(character)) throw UNSUPPORTED;
    if (character === NEWLINE) {
      // js-yaml folds the lines of a value; a key may not go on.
      if (nodeIndent === undefined) throw UNSUPPORTED;
      simple = false;
      let indent = 0;
      while (offset < text.length) {
        const following = text.charCodeAt(offset);
        if (following === NEWLINE) indent = 0;
        else if (following === SPACE) indent++;
        else break;
        offset++;
      }
      if (offset >= text.length || indent < nodeIndent) throw UNSUPPORTED;
      continue;
    }
    if (character === quote) {
      if (quote === SINGLE_QUOTE && text.charCodeAt(offset + 1) === SINGLE_QUOTE) {
        simple = false;
        offset += 2;
        continue;
      }
      return { end: offset, simple };
    }
    if (character === BACKSLASH && quote === DOUBLE_QUOTE) {
      simple = false;
      offset += escapeLength(text, offset);
      continue;
    }
    offset++;
  }
}

/**
 * The lines of a block scalar from `start` (the line after its header), as js-yaml's parser takes them: where its
 * text ends, its content indentation (-1 when it has no content), and where the next content begins.
 */
export function scanBlockScalarLines(
  text: string,
  start: number,
  parentIndent: number,
  givenIndent: number,
): { valueEnd: number; contentIndent: number; nextContent: number } {
  const length = text.length;
  let contentIndent = givenIndent;
  let maxLeadingIndent = 0;
  let offset = start;
  let valueEnd = start;
  while (offset < length) {
    const lineStart = offset;
    let column = 0;
    while (text.charCodeAt(lineStart + column) === SPACE) column++;
    if (lineStart + column >= length) {
      if (contentIndent >= 0 ? column > contentIndent : column > 0) valueEnd = lineStart + column;
      return { valueEnd, contentIndent, nextContent: length };
    }
    const blank = text.charCodeAt(lineStart + column) === NEWLINE;
    if (contentIndent === -1) {
      if (blank) maxLeadingIndent = Math.max(maxLeadingIndent, column);
      else if (column >= parentIndent && column < maxLeadingIndent) throw UNSUPPORTED;
      else if (column < parentIndent) return { valueEnd, contentIndent, nextContent: lineStart };
      else contentIndent = column;
    }
    if (!blank && column < contentIndent) return { valueEnd, contentIndent, nextContent: lineStart };
    const lineEnd = text.indexOf('\n', lineStart + column);
    offset = lineEnd < 0 ? length : lineEnd + 1;
    valueEnd = offset;
  }
  return { valueEnd, contentIndent, nextContent: offset };
}

/**
 * The value of a block scalar whose text runs from `start` to `end`, as js-yaml's `getBlockValue` makes it (its
 * rules, line for line), without copying the region, replacing its line breaks and splitting it first: a
 * description has thousands of block scalars. Texts with carriage returns never get here.
 */
export function blockScalarValue(
  text: string,
  start: number,
  end: number,
  indent: number,
  chomping: ChompingMode,
  folded: boolean,
): string {
  const textIndent = Math.max(indent, 0);
  let result = '';
  let didReadContent = false;
  let emptyLines = 0;
  let atMoreIndented = false;
  for (let lineStart = start; lineStart < end; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const length = lineEnd - lineStart;
    let column = 0;
    while (column < textIndent && column < length && text.charCodeAt(lineStart + column) === SPACE) column++;
    if (indent < 0 || column >= length) {
      emptyLines++;
    } else {
      const first = text.charCodeAt(lineStart + textIndent);
      if (folded) {
        if (first === SPACE || first === 9) {
          atMoreIndented = true;
          result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else {
          result += '\n'.repeat(emptyLines);
        }
      } else {
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      }
      result += text.slice(lineStart + textIndent, lineEnd);
      didReadContent = true;
      emptyLines = 0;
    }
    lineStart = lineEnd + 1;
  }
  if (chomping === CHOMPING_KEEP) result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
  else if (chomping !== CHOMPING_STRIP && didReadContent) result += '\n';
  return result;
}

export function scalarEvent(
  valueStart: number,
  valueEnd: number,
  style: ScalarStyle,
  fast: boolean,
  chomping: ChompingMode = CHOMPING_CLIP,
  indent = -1,
): ScalarEvent {
  return {
    type: EVENT_SCALAR,
    valueStart,
    valueEnd,
    anchorStart: -1,
    anchorEnd: -1,
    tagStart: -1,
    tagEnd: -1,
    style,
    chomping,
    indent,
    fast,
  };
}

/**
 * The first characters (as char codes) with which the core schema may resolve a plain scalar to anything but a
 * string, from its tags' own declarations; undefined if a tag may match whatever the first character.
 */
const TYPED_FIRST_CHARACTERS = ((): Set<number> | undefined => {
  const characters = new Set<number>();
  for (const tag of CORE_SCHEMA.tags) {
    if (tag.nodeKind !== 'scalar' || !tag.implicit) continue;
    if (!tag.implicitFirstChars) return undefined;
    for (const first of tag.implicitFirstChars) if (first !== '') characters.add(first.charCodeAt(0));
  }
  return characters;
})();

/** js-yaml's core schema resolution of a plain scalar: null, booleans, numbers, else the string. */
export function resolvePlain(source: string): unknown {
  // Most scalars start with a letter no typed value starts with: js-yaml would try no resolver on them.
  if (TYPED_FIRST_CHARACTERS && !TYPED_FIRST_CHARACTERS.has(source.charCodeAt(0))) return source;
  return CORE_SCHEMA.resolveImplicitScalarTag(source).value;
}

/** As js-yaml's object mappings add a pair: the last of duplicate keys wins, `__proto__` stays a plain key. */
export function addPair(mapping: Record<string, unknown>, key: string, value: unknown): void {
  // A repeated key is a finding: js-yaml's events give both places. A merge key (`<<`) is js-yaml's to apply.
  if (Object.hasOwn(mapping, key) || key === '<<') throw UNSUPPORTED;
  if (key === '__proto__') {
    Object.defineProperty(mapping, key, { value, enumerable: true, configurable: true, writable: true });
    return;
  }
  if (isSparseIndex(key) && !Object.hasOwn(mapping, LARGEST_INDEX)) {
    // An index key (`200`, `404`: status codes) set on an object makes V8 grow a flat array of elements up to it:
    // 5.3 KB for a mapping of four status codes, where JSON.parse builds 0.6 KB. The largest index, set and
    // deleted first, turns the object's elements into the dictionary JSON.parse gives such objects; the keys,
    // their order and the values stay as they were.
    mapping[LARGEST_INDEX] = undefined;
    delete mapping[LARGEST_INDEX];
  }
  mapping[key] = value;
}

const LARGEST_INDEX = '4294967294';

/** A key of two to ten digits without a leading zero: an index past the few that a flat array holds cheaply. */
function isSparseIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 49 || first > 57 || key.length < 2 || key.length > 10) return false;
  for (let index = 1; index < key.length; index++) {
    const character = key.charCodeAt(index);
    if (character < 48 || character > 57) return false;
  }
  return true;
}

/** The length of a double-quoted escape js-yaml accepts on one line; anything else is left to js-yaml. */
export function escapeLength(text: string, offset: number): number {
  const escaped = text.charCodeAt(offset + 1);
  const digits = escaped === 120 ? 2 : escaped === 117 ? 4 : escaped === 85 ? 8 : 0;
  if (digits === 0) {
    if (SIMPLE_ESCAPES.has(escaped)) return 2;
    throw UNSUPPORTED;
  }
  for (let index = 0; index < digits; index++) {
    if (!isHexDigit(text.charCodeAt(offset + 2 + index))) throw UNSUPPORTED;
  }
  return 2 + digits;
}

/** `\0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_ \L \P`; an escaped tab is left out with tabs in general. */
const SIMPLE_ESCAPES = new Set([48, 97, 98, 116, 110, 118, 102, 114, 101, 32, 34, 47, 92, 78, 95, 76, 80]);

export function isHexDigit(character: number): boolean {
  return (
    (character >= 48 && character <= 57) ||
    (character >= 65 && character <= 70) ||
    (character >= 97 && character <= 102)
  );
}

export function isSpaceOrBreak(character: number): boolean {
  return character === SPACE || character === NEWLINE || Number.isNaN(character);
}

export function isFlowIndicator(character: number): boolean {
  return character === 44 || character === 91 || character === 93 || character === 123 || character === 125;
}

/** Whether a plain scalar may start here in block context (js-yaml's rule, less what this parser leaves out). */
export function canStartPlain(text: string, offset: number): boolean {
  const character = text.charCodeAt(offset);
  switch (character) {
    case SPACE:
    case NEWLINE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SINGLE_QUOTE:
    case DOUBLE_QUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case 44:
    case 91:
    case 93:
    case 123:
    case 125:
      return false;
    case DASH:
    case 63: // ?
    case COLON:
      return !isSpaceOrBreak(text.charCodeAt(offset + 1));
    default:
      return !Number.isNaN(character);
  }
}
