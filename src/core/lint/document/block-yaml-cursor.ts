import {
  BACKSLASH,
  COLON,
  canStartPlain,
  DASH,
  DOUBLE_QUOTE,
  HASH,
  isSpaceOrBreak,
  NEWLINE,
  SINGLE_QUOTE,
  SPACE,
  UNSUPPORTED,
} from './block-yaml-scalars.js';

/**
 * Where the block YAML parser stands in the text, and what the line there holds: moving to the next content line
 * (past blank lines and comments), the end of a value's line, and searches that only move forward.
 */
export class BlockCursor {
  protected position = 0;
  /** Column of the first character at `position` when the parser stands at the start of a line's content. */
  protected lineIndent = 0;
  /** Whether a `---` line may open the document here. */
  protected atDocumentStart = false;
  /** The next ` #` and `: ` at or after the last place asked for (the text's length when there is none). */
  private nextComment = -1;
  private nextColon = -1;

  constructor(protected readonly text: string) {}

  /** After a value on its line: spaces, then an optional comment, then the end of the line. */
  protected endLine(): void {
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
  protected skipToContent(): void {
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
    this.reachContent(Math.min(offset, length), indent);
  }

  /**
   * Stands on a content line's first character. Every line that starts at column 0 comes here: a directive or a
   * document marker there is left to js-yaml (except a `---` that opens the document).
   */
  protected reachContent(offset: number, indent: number): void {
    this.position = offset;
    this.lineIndent = indent;
    if (indent > 0 || offset >= this.text.length) return;
    const character = this.text.charCodeAt(offset);
    if (
      character === 37 ||
      this.isMarker(offset, 46) ||
      (this.isMarker(offset, DASH) && !this.atDocumentStart)
    )
      throw UNSUPPORTED;
  }

  /** `---` or `...` (by `character`) followed by a space, a line break or the end. */
  protected isMarker(offset: number, character: number): boolean {
    const text = this.text;
    return (
      text.charCodeAt(offset) === character &&
      text.charCodeAt(offset + 1) === character &&
      text.charCodeAt(offset + 2) === character &&
      isSpaceOrBreak(text.charCodeAt(offset + 3))
    );
  }

  /**
   * Where the next ` #` is, from `from` on. Searches only move forward, so each is remembered until passed: a
   * fresh search from every scalar would cross the rest of a file that has no comments, again and again.
   */
  protected commentFrom(from: number): number {
    if (this.nextComment < from) this.nextComment = this.findPair(from, '#', SPACE, -1);
    return this.nextComment;
  }

  protected colonFrom(from: number): number {
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

  protected skipSpaces(): void {
    while (this.text.charCodeAt(this.position) === SPACE) this.position++;
  }

  protected skipFlowSpaces(): void {
    this.skipSpaces();
    const character = this.text.charCodeAt(this.position);
    if (character === NEWLINE || character === HASH || Number.isNaN(character)) throw UNSUPPORTED;
  }

  protected skipComment(): void {
    const lineEnd = this.text.indexOf('\n', this.position);
    this.position = lineEnd < 0 ? this.text.length : lineEnd;
  }

  /** At a line break, a comment or the end of the text. */
  protected atLineEnd(): boolean {
    const character = this.text.charCodeAt(this.position);
    if (character === HASH) {
      const previous = this.text.charCodeAt(this.position - 1);
      if (previous !== SPACE) throw UNSUPPORTED;
      this.skipComment();
      return true;
    }
    return character === NEWLINE || Number.isNaN(character);
  }

  protected isSequenceEntry(): boolean {
    return (
      this.text.charCodeAt(this.position) === DASH && isSpaceOrBreak(this.text.charCodeAt(this.position + 1))
    );
  }

  /** Whether the line goes on as a mapping entry: a plain or one-line quoted key, then `: ` (or `:` at its end). */
  protected startsMappingEntry(): boolean {
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
    // The remembered searches keep this linear: a fresh search for `:` from every line without one would cross
    // the rest of the text each time.
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = text.length;
    let colon = this.colonFrom(offset);
    if (colon >= lineEnd)
      colon = text.charCodeAt(lineEnd - 1) === COLON && lineEnd - 1 >= offset ? lineEnd - 1 : -1;
    return colon >= 0 && this.commentFrom(offset) > colon;
  }
}
