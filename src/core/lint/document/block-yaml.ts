import {
  CHOMPING_CLIP,
  CHOMPING_KEEP,
  CHOMPING_STRIP,
  type ChompingMode,
  getScalarValue,
  SCALAR_STYLE_DOUBLE_QUOTED,
  SCALAR_STYLE_FOLDED_BLOCK,
  SCALAR_STYLE_LITERAL_BLOCK,
  SCALAR_STYLE_PLAIN,
  SCALAR_STYLE_SINGLE_QUOTED,
} from 'js-yaml';
import { BlockCursor } from './block-yaml-cursor.js';
import {
  addPair,
  blockScalarValue,
  COLON,
  canStartPlain,
  DASH,
  DOUBLE_QUOTE,
  HASH,
  isFlowIndicator,
  isSpaceOrBreak,
  NEWLINE,
  resolvePlain,
  SINGLE_QUOTE,
  SPACE,
  scalarEvent,
  scanBlockScalarLines,
  scanQuoted,
  UNSUPPORTED,
} from './block-yaml-scalars.js';
import type { YamlPositionBuilder } from './yaml-positions.js';

/**
 * Characters the block parser leaves to js-yaml: tabs, carriage returns, control and non-printable characters,
 * surrogates and byte order marks, where js-yaml's rules on what is allowed where are subtle.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const LEFT_TO_JS_YAML = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]/;
/** Well inside js-yaml's own nesting limit, so that a file refused here is refused by js-yaml, with its message. */
const MAX_DEPTH = 200;

/**
 * Parses the YAML that API descriptions are written in (block mappings and sequences of plain, quoted and block
 * scalars, one-line flow collections, comments) straight into data and, when asked, a position index, without
 * js-yaml's event objects: on a 4 MB description that halves the parse. Returns undefined for anything else
 * (anchors, tags, multi-line keys and flow collections, tabs, directives, several documents, any syntax error):
 * the caller then parses with js-yaml, which decides. Where it returns data, the data and positions are js-yaml's
 * by construction: scalars are decoded and resolved by js-yaml's own functions from the offsets js-yaml's parser
 * would give them, and `test/lint/documents-block-yaml.test.ts` compares both parsers on every construct and on
 * thousands of generated texts.
 */
export function parseBlockYaml(text: string, positions?: YamlPositionBuilder): { data: unknown } | undefined {
  if (LEFT_TO_JS_YAML.test(text)) return undefined;
  try {
    return { data: new BlockParser(text, positions).parseDocument() };
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

/** Reads nodes; where it stands in the text, and what a line holds, is `BlockCursor`'s. */
class BlockParser extends BlockCursor {
  private depth = 0;

  constructor(
    text: string,
    private readonly positions: YamlPositionBuilder | undefined,
  ) {
    super(text);
  }

  /** The document's root mapping, after a `---` line that opens it, if there is one. */
  parseDocument(): unknown {
    this.atDocumentStart = true;
    this.skipToContent();
    this.atDocumentStart = false;
    if (this.lineIndent === 0 && this.isMarker(this.position, DASH)) {
      this.position += 3;
      this.endLine();
      this.skipToContent();
    }
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
    this.positions?.key(start, end, undefined);
    this.position = colon + 1;
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
        // `- - a`: a sequence in a sequence, its dashes at this column.
        sequence.push(this.parseSequence(indent + this.position - dash));
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
        if (text.charCodeAt(next) === HASH) {
          this.position = next;
          this.skipToContent();
        } else {
          this.reachContent(next, indent);
        }
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
    const { end: offset, simple } = scanQuoted(text, this.position, nodeIndent);
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

    const valueStart = offset;
    const lines = scanBlockScalarLines(text, valueStart, parentIndent, contentIndent);
    const { valueEnd, nextContent } = lines;
    contentIndent = lines.contentIndent;
    this.positions?.value(valueStart, valueEnd, false);
    this.position = nextContent;
    this.skipToContent();
    return blockScalarValue(
      text,
      valueStart,
      valueEnd,
      contentIndent,
      chomping,
      style === SCALAR_STYLE_FOLDED_BLOCK,
    );
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

  private emptyValue(): null {
    this.positions?.value(-1, -1, false);
    return null;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw UNSUPPORTED;
  }
}
