import type { JsonPath, Range } from '../types.js';
import { type DuplicateKey, findDuplicateKeys } from './duplicate-keys.js';
import type { ParsedText, Syntax } from './parse.js';
import type { PositionIndex } from './position-index.js';

/** Where a path ends up in a file: the closest node that exists, and its range. */
export interface PlacedPath {
  /** The longest prefix of the asked path that exists in the file. */
  path: (string | number)[];
  range: Range;
}

/**
 * How many referenced files of a document keep their position index and line starts once a finding was placed in
 * them. A document split into thousands of files has findings in hundreds (DigitalOcean: 642), nearly all placed one
 * file after another; keeping every index kept 3-4 MB at the run's peak. A file whose findings are placed far apart
 * indexes itself again, which costs a small file less than a millisecond.
 */
const KEPT_INDEXES = 16;

/** One parsed file of a document: the root or a file reached through `$ref`. */
export class SourceFile {
  private index: PositionIndex | undefined;
  private lineStarts: Uint32Array | undefined;

  constructor(
    /** Absolute path, or URL for a remote file. */
    readonly source: string,
    readonly text: string,
    private readonly parsed: ParsedText,
    /**
     * The files of the document that indexed their positions last, shared by its referenced files; none for the
     * root, which keeps its positions: most findings are in it, and it may be large.
     */
    private readonly recentlyIndexed?: SourceFile[],
  ) {}

  get data(): unknown {
    return this.parsed.data;
  }

  get syntax(): Syntax {
    return this.parsed.syntax;
  }

  /** Whether one value may sit at several places of the data (YAML aliases). */
  get sharesValues(): boolean {
    return this.parsed.sharesValues;
  }

  /** Keys written twice in one mapping, found from the position index (built for this if no finding built it). */
  duplicateKeys(): DuplicateKey[] {
    return this.parsed.mayRepeatKeys ? findDuplicateKeys(this.getIndex(), this.text) : [];
  }

  /** Places a path at its line and column; only findings pay for this. */
  place(path: JsonPath): PlacedPath {
    const located = this.getIndex().locate(path);
    return {
      path: path.slice(0, located.matched),
      range: { start: this.positionAt(located.startOffset), end: this.positionAt(located.endOffset) },
    };
  }

  /** Zero-based line and character (UTF-16 units, as editors and Spectral count) of an offset. */
  positionAt(offset: number): { line: number; character: number } {
    const starts = this.getLineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - (starts[low] ?? 0) };
  }

  private getIndex(): PositionIndex {
    if (this.index) return this.index;
    this.index = this.parsed.positions();
    const recent = this.recentlyIndexed;
    if (recent) {
      recent.push(this);
      if (recent.length > KEPT_INDEXES) recent.shift()?.forgetPositions();
    }
    return this.index;
  }

  private forgetPositions(): void {
    this.index = undefined;
    this.lineStarts = undefined;
  }

  private getLineStarts(): Uint32Array {
    if (this.lineStarts) return this.lineStarts;
    // Counted, then filled: an array grown line by line left 30 MB behind on a 45 MB file, at the run's peak.
    const text = this.text;
    let lines = 1;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) lines++;
    const starts = new Uint32Array(lines);
    let line = 1;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
      starts[line++] = newline + 1;
    }
    this.lineStarts = starts;
    return starts;
  }
}
