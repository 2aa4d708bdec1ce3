import { createRequire } from 'node:module';

// Loaded when stylish output first needs to measure or wrap, never by the other formats.
const require = createRequire(import.meta.url);

/** Columns a text takes on a terminal (wide characters count two). */
export function displayWidth(text: string): number {
  const measure = require('fast-string-width') as { default: (text: string) => number };
  return measure.default(text);
}

/** Text wrapped at spaces into lines of at most `columns`; a word longer than a line is cut. */
export function wrapWords(text: string, columns: number): string[] {
  const { wrapAnsi } = require('fast-wrap-ansi') as typeof import('fast-wrap-ansi');
  return wrapAnsi(text, Math.max(1, columns), { hard: true, trim: true }).split('\n');
}

/**
 * A dotted path (`paths./orders.get.responses`) in lines of at most `columns`, broken after a dot where it
 * can be, so that each line is a run of whole segments; a segment longer than a line is cut.
 */
export function wrapPath(path: string, columns: number): string[] {
  const width = Math.max(2, columns);
  const lines: string[] = [];
  let line = '';
  for (const piece of path.split(/(?<=\.)/).flatMap((segment) => cut(segment, width))) {
    if (line !== '' && displayWidth(line + piece) > width) {
      lines.push(line);
      line = '';
    }
    line += piece;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function cut(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const parts: string[] = [];
  let part = '';
  for (const character of text) {
    if (displayWidth(part + character) > width) {
      parts.push(part);
      part = '';
    }
    part += character;
  }
  return part === '' ? parts : [...parts, part];
}
