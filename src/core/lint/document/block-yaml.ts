import {
  CHOMPING_CLIP,
  CHOMPING_KEEP,
  CHOMPING_STRIP,
  type ChompingMode,
  CORE_SCHEMA,
  EVENT_SCALAR,
  getScalarValue,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_FOLDED_BLOCK,
  SCALAR_STYLE_LITERAL_BLOCK,
  SCALAR_STYLE_PLAIN,
  SCALAR_STYLE_SINGLE_QUOTED,
  type ScalarEvent,
  type ScalarStyle,
} from 'js-yaml';
import type { YamlPositionBuilder } from './yaml-positions.js';

/**
 * Characters the block parser leaves to js-yaml: tabs, carriage returns, control and non-printable characters,
 * surrogates and byte order marks, where js-yaml's rules on what is allowed where are subtle.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const LEFT_TO_JS_YAML = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;
/**
 * Directives and document markers: a file with them is not the one-document block YAML this parser reads, except
 * for a `---` that opens the document on a line of its own.
 */
const DOCUMENT_MARKERS = /^(?:%|---(?:[ \n]|$)|\.\.\.(?:[ \n]|$))/gm;
/** Blank and comment lines, then `---` alone on its line (a comment may follow). */
const LEADING_DOCUMENT_START = /^(?:[ ]*(?:#[^\n]*)?\n)*---[ ]*(?:#[^\n]*)?(?:\n|$)/y;
/** Well inside js-yaml's own nesting limit, so that a file refused here is refused by js-yaml, with its message. */
const MAX_DEPTH = 200;

const NEWLINE = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;

/** Thrown, once, when the text holds something this parser leaves to js-yaml. */
const UNSUPPORTED = new Error('left to js-yaml');

/**
 * Parses the YAML that API descriptions are written in (block mappings and sequences of plain, quoted and block
 * scalars, one-line flow collections, comments) straight into data and, when asked, a position index, without
 * js-yaml's event objects: on a 4 MB description that halves the parse. Returns undefined for anything else
 * (anchors, tags, multi-line keys and flow collections, tabs, several documents, any syntax error): the caller
 * then parses with js-yaml, which decides. Where it returns data, the data and positions are js-yaml's, by
 * construction: scalars are decoded and resolved by js-yaml's own functions from the offsets js-yaml's parser
 * would give them, and a test compares both on real descriptions.
 */
export function parseBlockYaml(text: string, positions?: YamlPositionBuilder): { data: unknown } | undefined {
  if (LEFT_TO_JS_YAML.test(text)) return undefined;
  let documentStart = 0;
  DOCUMENT_MARKERS.lastIndex = 0;
  const marker = DOCUMENT_MARKERS.exec(text);
  if (marker) {
    LEADING_DOCUMENT_START.lastIndex = 0;
    if (!LEADING_DOCUMENT_START.test(text) || DOCUMENT_MARKERS.exec(text)) return undefined;
    documentStart = LEADING_DOCUMENT_START.lastIndex;
  }
  try {
    return { data: new BlockParser(text, positions).parseDocument(documentStart) };
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

class BlockParser {
  private position = 0;
  /** Column of the first character at `position` when the parser stands at the start of a line's content. */
  private lineIndent = 0;
  private depth = 0;
  /** The next ` #` and `: ` at or after the last place asked for (the text's length when there is none). */
  private nextComment = -1;
  private nextColon = -1;

  constructor(
    private readonly text: string,
    private readonly positions: YamlPositionBuilder | undefined,
  ) {}

  /** The document's root mapping; `start` is past a `---` line when there is one. */
  parseDocument(start: number): unknown {
    this.position = start;
    this.skipToContent();
    if (this.position >= this.text.length || this.isSequenceEntry()) throw UNSUPPORTED;
    const data = this.parseMapping(this.lineIndent);
    if (this.position < this.text.length) throw UNSUPPORTED;
    return data;
  }

  /** A block mapping whose keys start at column `indent`; the parser stands on the first key. */
  private parseMapping(indent: number): Record<string, unknown> {
    this.enter();
    const mapping: Record<string, unknown> = {};
    this.positions?.openValue(true, this.position, false);
    for (;;) {
      const key = this.parseKey();
      addPair(mapping, key, this.parseMappingValue(indent));
      if (this.position >= this.text.length || this.lineIndent < indent) break;
      if (this.lineIndent > indent) throw UNSUPPORTED;
    }
    this.positions?.pop();
    this.depth--;
    return mapping;
  }

  /** A plain or quoted key on one line, and its colon; the parser is left after the colon. */
  private parseKey(): string {
    const text = this.text;
    const start = this.position;
    const first = text.charCodeAt(start);
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      const value = this.parseQuoted(undefined, true);
      this.skipSpaces();
      if (text.charCodeAt(this.position) !== COLON || !isSpaceOrBreak(text.charCodeAt(this.position + 1)))
        throw UNSUPPORTED;
      this.position++;
      return value;
    }
    if (!canStartPlain(text, start)) throw UNSUPPORTED;
    let colon = text.indexOf(':', start);
    while (colon >= 0 && !isSpaceOrBreak(text.charCodeAt(colon + 1))) colon = text.indexOf(':', colon + 1);
    if (colon < 0) throw UNSUPPORTED;
    const lineEnd = text.indexOf('\n', start);
    if ((lineEnd >= 0 && lineEnd < colon) || this.commentFrom(start) < colon) throw UNSUPPORTED;
    let end = colon;
    while (end > start && text.charCodeAt(end - 1) === SPACE) end--;
    const offset = colon;
    this.positions?.key(start, end, undefined);
    this.position = offset + 1;
    return String(resolvePlain(text.slice(start, end)));
  }

  /** What follows a key's colon: on the same line, or on the lines below, more indented (a sequence may not be). */
  private parseMappingValue(indent: number): unknown {
    this.skipSpaces();
    if (this.atLineEnd()) {
      this.skipToContent();
      if (this.position < this.text.length) {
        if (this.lineIndent > indent) return this.parseNodeOnOwnLine(indent);
        if (this.lineIndent === indent && this.isSequenceEntry()) return this.parseSequence(indent);
      }
      return this.emptyValue();
    }
    return this.parseInlineValue(indent + 1);
  }

  /** A collection that starts on its own line; the parser stands on its first character. */
  /**
   * A node that starts on its own line below a key or dash at column `parentIndent`: a sequence, a mapping, or (as
   * js-yaml reads it) a scalar or flow collection whose continuation lines must pass `parentIndent`.
   */
  private parseNodeOnOwnLine(parentIndent: number): unknown {
    if (this.isSequenceEntry()) return this.parseSequence(this.lineIndent);
    if (this.startsMappingEntry()) return this.parseMapping(this.lineIndent);
    return this.parseInlineValue(parentIndent + 1);
  }

  /** A block sequence whose dashes are at column `indent`; the parser stands on the first dash. */
  private parseSequence(indent: number): unknown[] {
    this.enter();
    const sequence: unknown[] = [];
    this.positions?.openValue(false, this.position, false);
    for (;;) {
      // Every dash stands first on its line, at column `indent`.
      const dash = this.position;
      this.position++;
      this.skipSpaces();
      if (this.atLineEnd()) {
        this.skipToContent();
        sequence.push(
          this.position < this.text.length && this.lineIndent > indent
            ? this.parseNodeOnOwnLine(indent)
            : this.emptyValue(),
        );
      } else if (this.isSequenceEntry()) {
        throw UNSUPPORTED;
      } else if (this.startsMappingEntry()) {
        sequence.push(this.parseMapping(indent + this.position - dash));
      } else {
        sequence.push(this.parseInlineValue(indent + 1));
      }
      if (this.position >= this.text.length || this.lineIndent < indent) break;
      if (this.lineIndent > indent) throw UNSUPPORTED;
      if (!this.isSequenceEntry()) break;
    }
    this.positions?.pop();
    this.depth--;
    return sequence;
  }

  /**
   * A value that starts on the current line (after `key: ` or `- `): block scalar, quoted scalar, flow collection
   * or plain scalar. `nodeIndent` is the least indentation its continuation lines may have, as js-yaml counts it.
   * Like every node parser here, it leaves the parser on the next content line.
   */
  private parseInlineValue(nodeIndent: number): unknown {
    const character = this.text.charCodeAt(this.position);
    if (character === 124 || character === 62) return this.parseBlockScalar(nodeIndent);
    if (character === DOUBLE_QUOTE || character === SINGLE_QUOTE || character === 91 || character === 123) {
      const value = character === 91 || character === 123 ? this.parseFlow() : this.parseQuoted(nodeIndent);
      this.endLine();
      this.skipToContent();
      return value;
    }
    if (!canStartPlain(this.text, this.position)) throw UNSUPPORTED;
    return this.parsePlain(nodeIndent);
  }

  /** A plain scalar in block context, over several lines if they are indented at least `nodeIndent`. */
  private parsePlain(nodeIndent: number): unknown {
    // Line by line with `indexOf`: most of a description's text is plain scalars, and native searches run fast
    // before the JIT has warmed up to this code.
    const text = this.text;
    const length = text.length;
    const start = this.position;
    let end = start;
    let lineFrom = start;
    let multiline = false;
    let offset: number;
    for (;;) {
      let lineEnd = text.indexOf('\n', lineFrom);
      if (lineEnd < 0) lineEnd = length;
      // `#` after a space starts a comment (the first character is never one, nor the space before it).
      const hash = this.commentFrom(lineFrom - 1);
      const comment = hash < lineEnd;
      const stop = comment ? hash : lineEnd;
      // `: ` or a line-final `:` ends the scalar where js-yaml then reports an error: left to it.
      if (this.colonFrom(lineFrom) < stop || (!comment && text.charCodeAt(lineEnd - 1) === COLON))
        throw UNSUPPORTED;
      let last = stop;
      while (last > lineFrom && text.charCodeAt(last - 1) === SPACE) last--;
      if (last > lineFrom) end = last;
      if (comment) {
        offset = hash + 1;
        break;
      }
      let next = lineEnd;
      let indent = 0;
      while (next < length) {
        const character = text.charCodeAt(next);
        if (character === NEWLINE) indent = 0;
        else if (character === SPACE) indent++;
        else break;
        next++;
      }
      if (indent < nodeIndent || next >= length) {
        // The line ends in spaces only, and the next content line is already found, unless it is a comment.
        this.position = next;
        this.lineIndent = indent;
        if (text.charCodeAt(next) === HASH) this.skipToContent();
        offset = -1;
        break;
      }
      multiline = true;
      lineFrom = next;
    }
    if (offset >= 0) {
      this.position = offset;
      this.endLine();
      this.skipToContent();
    }
    this.positions?.value(start, end, false);
    const source = multiline
      ? getScalarValue(text, scalarEvent(start, end, SCALAR_STYLE_PLAIN, false))
      : text.slice(start, end);
    return resolvePlain(source);
  }

  /**
   * A single- or double-quoted scalar; the parser is left after the closing quote. Only values (given the
   * indentation their continuation lines need) may span lines.
   */
  private parseQuoted(nodeIndent?: number, isKey = false): string {
    const text = this.text;
    const quote = text.charCodeAt(this.position);
    const start = this.position + 1;
    let offset = start;
    let simple = true;
    for (;;) {
      const character = text.charCodeAt(offset);
      if (Number.isNaN(character)) throw UNSUPPORTED;
      if (character === NEWLINE) {
        // A value may go on over lines indented at least `nodeIndent` (js-yaml folds them); a key may not.
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
        break;
      }
      if (character === BACKSLASH && quote === DOUBLE_QUOTE) {
        simple = false;
        offset += escapeLength(text, offset);
        continue;
      }
      offset++;
    }
    this.position = offset + 1;
    const style = quote === DOUBLE_QUOTE ? SCALAR_STYLE_DOUBLE_QUOTED : SCALAR_STYLE_SINGLE_QUOTED;
    const event = simple ? undefined : scalarEvent(start, offset, style, false);
    if (isKey) this.positions?.key(start, offset, event);
    else this.positions?.value(start, offset, true);
    return event ? getScalarValue(text, event) : text.slice(start, offset);
  }

  /** `|` or `>` with an optional chomping indicator, then lines indented past `parentIndent`, as js-yaml reads them. */
  private parseBlockScalar(parentIndent: number): string {
    const text = this.text;
    const length = text.length;
    const style =
      text.charCodeAt(this.position) === 124 ? SCALAR_STYLE_LITERAL_BLOCK : SCALAR_STYLE_FOLDED_BLOCK;
    let offset = this.position + 1;
    let chomping: ChompingMode = CHOMPING_CLIP;
    let contentIndent = -1;
    // A chomping indicator and an indentation digit, each at most once, in either order.
    for (let indicators = 0; indicators < 2; indicators++) {
      const indicator = text.charCodeAt(offset);
      if ((indicator === 43 || indicator === DASH) && chomping === CHOMPING_CLIP) {
        chomping = indicator === 43 ? CHOMPING_KEEP : CHOMPING_STRIP;
        offset++;
      } else if (indicator >= 49 && indicator <= 57 && contentIndent === -1) {
        contentIndent = parentIndent + indicator - 49;
        offset++;
      }
    }
    this.position = offset;
    const spaced = text.charCodeAt(offset) === SPACE;
    this.skipSpaces();
    if (spaced && text.charCodeAt(this.position) === HASH) this.skipComment();
    if (!this.atLineEnd() || (!spaced && text.charCodeAt(this.position) === HASH)) throw UNSUPPORTED;
    offset = this.position < length ? this.position + 1 : length;

    let maxLeadingIndent = 0;
    const valueStart = offset;
    let valueEnd = offset;
    let nextContent = -1;
    while (offset < length) {
      const lineStart = offset;
      let column = 0;
      while (text.charCodeAt(lineStart + column) === SPACE) column++;
      if (lineStart + column >= length) {
        if (contentIndent >= 0 ? column > contentIndent : column > 0) valueEnd = lineStart + column;
        offset = length;
        break;
      }
      const blank = text.charCodeAt(lineStart + column) === NEWLINE;
      if (contentIndent === -1) {
        if (blank) maxLeadingIndent = Math.max(maxLeadingIndent, column);
        else if (column >= parentIndent && column < maxLeadingIndent) throw UNSUPPORTED;
        else if (column < parentIndent) {
          nextContent = lineStart;
          break;
        } else contentIndent = column;
      }
      if (!blank && column < contentIndent) {
        nextContent = lineStart;
        break;
      }
      const lineEnd = text.indexOf('\n', lineStart + column);
      offset = lineEnd < 0 ? length : lineEnd + 1;
      valueEnd = offset;
    }
    const event = scalarEvent(valueStart, valueEnd, style, false, chomping, contentIndent);
    this.positions?.value(valueStart, valueEnd, false);
    this.position = nextContent >= 0 ? nextContent : offset;
    this.skipToContent();
    return getScalarValue(text, event);
  }

  /** A flow collection that closes on its line, holding scalars and flow collections. */
  private parseFlow(): unknown {
    this.enter();
    const text = this.text;
    const mapping = text.charCodeAt(this.position) === 123;
    const terminator = mapping ? 125 : 93;
    this.positions?.openValue(mapping, this.position, true);
    const collection: Record<string, unknown> | unknown[] = mapping ? {} : [];
    this.position++;
    let expectEntry = true;
    for (;;) {
      this.skipFlowSpaces();
      const character = text.charCodeAt(this.position);
      if (character === terminator) {
        this.position++;
        break;
      }
      if (!expectEntry || character === 44) throw UNSUPPORTED;
      const entry = this.parseFlowNode(mapping ? 'key' : 'item');
      this.skipFlowSpaces();
      const colon = text.charCodeAt(this.position) === COLON;
      if (mapping) {
        if (!colon || typeof entry !== 'string') throw UNSUPPORTED;
        this.position++;
        this.skipFlowSpaces();
        const next = text.charCodeAt(this.position);
        if (next === 44 || next === terminator) throw UNSUPPORTED;
        addPair(collection as Record<string, unknown>, entry, this.parseFlowNode('value'));
        this.skipFlowSpaces();
      } else {
        if (colon) throw UNSUPPORTED;
        (collection as unknown[]).push(entry);
      }
      expectEntry = text.charCodeAt(this.position) === 44;
      if (expectEntry) {
        this.position++;
        this.skipFlowSpaces();
        if (text.charCodeAt(this.position) === terminator) throw UNSUPPORTED;
      }
    }
    this.positions?.pop();
    this.depth--;
    return collection;
  }

  /** One node of a flow collection; a mapping key comes back as the string js-yaml makes of it. */
  private parseFlowNode(role: 'key' | 'value' | 'item'): unknown {
    const text = this.text;
    const character = text.charCodeAt(this.position);
    if (character === 91 || character === 123) {
      if (role === 'key') throw UNSUPPORTED;
      return this.parseFlow();
    }
    if (character === DOUBLE_QUOTE || character === SINGLE_QUOTE)
      return this.parseQuoted(undefined, role === 'key');
    if (!canStartPlain(text, this.position) || isFlowIndicator(character)) throw UNSUPPORTED;
    if ((character === DASH || character === 63) && isFlowIndicator(text.charCodeAt(this.position + 1)))
      throw UNSUPPORTED;
    const start = this.position;
    let end = start;
    let offset = start;
    for (;;) {
      const current = text.charCodeAt(offset);
      if (current === NEWLINE || Number.isNaN(current)) throw UNSUPPORTED;
      if (current === COLON) {
        const following = text.charCodeAt(offset + 1);
        if (isSpaceOrBreak(following) || isFlowIndicator(following)) break;
      } else if (current === HASH) {
        if (text.charCodeAt(offset - 1) === SPACE) throw UNSUPPORTED;
      } else if (isFlowIndicator(current)) break;
      offset++;
      if (current !== SPACE) end = offset;
    }
    this.position = offset;
    if (role === 'key') this.positions?.key(start, end, undefined);
    else this.positions?.value(start, end, false);
    const value = resolvePlain(text.slice(start, end));
    return role === 'key' ? String(value) : value;
  }

  /** After a value on its line: spaces, then an optional comment, then the end of the line. */
  private endLine(): void {
    const text = this.text;
    const before = this.position;
    this.skipSpaces();
    if (text.charCodeAt(this.position) === HASH) {
      if (
        this.position === before &&
        text.charCodeAt(before - 1) !== SPACE &&
        text.charCodeAt(before - 1) !== NEWLINE
      )
        throw UNSUPPORTED;
      this.skipComment();
    }
    if (!this.atLineEnd()) throw UNSUPPORTED;
  }

  /**
   * From the start of a line, or from the line break that ends a value's line, moves past blank lines and
   * comments to the first character of the next content line (or the end), and records its indentation.
   */
  private skipToContent(): void {
    const text = this.text;
    const length = text.length;
    let offset = this.position;
    let indent = 0;
    if (text.charCodeAt(offset) === NEWLINE) offset++;
    while (offset < length) {
      indent = 0;
      while (text.charCodeAt(offset) === SPACE) {
        offset++;
        indent++;
      }
      const character = text.charCodeAt(offset);
      if (character === NEWLINE) {
        offset++;
        continue;
      }
      if (character === HASH) {
        const lineEnd = text.indexOf('\n', offset);
        offset = lineEnd < 0 ? length : lineEnd + 1;
        continue;
      }
      break;
    }
    this.position = Math.min(offset, length);
    this.lineIndent = indent;
  }

  /**
   * Where the next ` #` is, from `from` on. Searches only move forward, so each is remembered until passed: a
   * fresh search from every scalar would cross the rest of a file that has no comments, again and again.
   */
  private commentFrom(from: number): number {
    if (this.nextComment < from) this.nextComment = this.findPair(from, '#', SPACE, -1);
    return this.nextComment;
  }

  private colonFrom(from: number): number {
    if (this.nextColon < from) this.nextColon = this.findPair(from, ':', SPACE, 1);
    return this.nextColon;
  }

  /**
   * The first place from `from` on where `character` has a space `side` of it (before: -1, after: 1), as the
   * place of the pair's first character. Searching for the rarer character is far faster than for the pair,
   * which starts at every space of the indentation.
   */
  private findPair(from: number, character: string, neighbour: number, side: -1 | 1): number {
    const text = this.text;
    for (let found = text.indexOf(character, side < 0 ? from + 1 : from); found >= 0; ) {
      if (text.charCodeAt(found + side) === neighbour) return side < 0 ? found - 1 : found;
      found = text.indexOf(character, found + 1);
    }
    return text.length;
  }

  private skipSpaces(): void {
    while (this.text.charCodeAt(this.position) === SPACE) this.position++;
  }

  private skipFlowSpaces(): void {
    this.skipSpaces();
    const character = this.text.charCodeAt(this.position);
    if (character === NEWLINE || character === HASH || Number.isNaN(character)) throw UNSUPPORTED;
  }

  private skipComment(): void {
    const lineEnd = this.text.indexOf('\n', this.position);
    this.position = lineEnd < 0 ? this.text.length : lineEnd;
  }

  /** At a line break, a comment or the end of the text. */
  private atLineEnd(): boolean {
    const character = this.text.charCodeAt(this.position);
    if (character === HASH) {
      const previous = this.text.charCodeAt(this.position - 1);
      if (previous !== SPACE) throw UNSUPPORTED;
      this.skipComment();
      return true;
    }
    return character === NEWLINE || Number.isNaN(character);
  }

  private isSequenceEntry(): boolean {
    return (
      this.text.charCodeAt(this.position) === DASH && isSpaceOrBreak(this.text.charCodeAt(this.position + 1))
    );
  }

  /** Whether the line goes on as a mapping entry: a plain or one-line quoted key, then `: ` (or `:` at its end). */
  private startsMappingEntry(): boolean {
    const text = this.text;
    const first = text.charCodeAt(this.position);
    let offset = this.position;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      for (offset++; ; offset++) {
        const character = text.charCodeAt(offset);
        if (character === NEWLINE || Number.isNaN(character)) return false;
        if (character === BACKSLASH && first === DOUBLE_QUOTE) offset++;
        else if (character === first) {
          if (first === SINGLE_QUOTE && text.charCodeAt(offset + 1) === SINGLE_QUOTE) offset++;
          else break;
        }
      }
      offset++;
      while (text.charCodeAt(offset) === SPACE) offset++;
      return text.charCodeAt(offset) === COLON && isSpaceOrBreak(text.charCodeAt(offset + 1));
    }
    if (!canStartPlain(text, offset)) return false;
    let colon = text.indexOf(':', offset);
    while (colon >= 0 && !isSpaceOrBreak(text.charCodeAt(colon + 1))) colon = text.indexOf(':', colon + 1);
    if (colon < 0) return false;
    const lineEnd = text.indexOf('\n', offset);
    return (lineEnd < 0 || colon < lineEnd) && this.commentFrom(offset) > colon;
  }

  private emptyValue(): null {
    this.positions?.value(-1, -1, false);
    return null;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
  }
}

function scalarEvent(
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
function resolvePlain(source: string): unknown {
  // Most scalars start with a letter no typed value starts with: js-yaml would try no resolver on them.
  if (TYPED_FIRST_CHARACTERS && !TYPED_FIRST_CHARACTERS.has(source.charCodeAt(0))) return source;
  return CORE_SCHEMA.resolveImplicitScalarTag(source).value;
}

/** As js-yaml's object mappings add a pair: the last of duplicate keys wins, `__proto__` stays a plain key. */
function addPair(mapping: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(mapping, key, { value, enumerable: true, configurable: true, writable: true });
  } else {
    mapping[key] = value;
  }
}

/** The length of a double-quoted escape js-yaml accepts on one line; anything else is left to js-yaml. */
function escapeLength(text: string, offset: number): number {
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

function isHexDigit(character: number): boolean {
  return (
    (character >= 48 && character <= 57) ||
    (character >= 65 && character <= 70) ||
    (character >= 97 && character <= 102)
  );
}

function isSpaceOrBreak(character: number): boolean {
  return character === SPACE || character === NEWLINE || Number.isNaN(character);
}

function isFlowIndicator(character: number): boolean {
  return character === 44 || character === 91 || character === 93 || character === 123 || character === 125;
}

/** Whether a plain scalar may start here in block context (js-yaml's rule, less what this parser leaves out). */
function canStartPlain(text: string, offset: number): boolean {
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
