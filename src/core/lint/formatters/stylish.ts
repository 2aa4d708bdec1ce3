import { createRequire } from 'node:module';
import { plural } from '../../plural.js';
import { printable } from '../../printable.js';
import type { Finding, Severity } from '../types.js';
import { displayWidth, wrapPath, wrapWords } from './fit-width.js';
import { displayPath, dottedPath, groupBySource, SEVERITY_LABELS } from './shared.js';
import type { FormatInput, Formatter } from './types.js';

// Code frames are for --verbose only, colours for terminals only: their libraries are loaded when first needed.
const require = createRequire(import.meta.url);

/** The styles this formatter uses: chalk's, or none. */
type Painter = Record<
  'blue' | 'dim' | 'gray' | 'green' | 'red' | 'underline' | 'yellow',
  (text: unknown) => string
>;

const unchanged = (text: unknown) => String(text);
const PLAIN: Painter = {
  blue: unchanged,
  dim: unchanged,
  gray: unchanged,
  green: unchanged,
  red: unchanged,
  underline: unchanged,
  yellow: unchanged,
};

/** Below this many columns for the message, it goes under the position, severity and rule instead of beside them. */
const MIN_MESSAGE_COLUMNS = 40;

/**
 * Human output, as Spectral and ESLint print it: findings grouped by file, a summary line, code frames with
 * `verbose`. Lines fit `input.width`: a message wraps between words, and a path that does not fit beside its
 * message goes on its own line. Text from the documents is shown with control characters escaped.
 */
export const formatStylish: Formatter = (input) => {
  const color: Painter = input.color ? colored() : PLAIN;
  const width = input.width ?? Number.POSITIVE_INFINITY;
  const lines: string[] = [];
  for (const [source, findings] of groupBySource(input.findings)) {
    const services = [...new Set(findings.map((finding) => finding.service).filter(Boolean))];
    const header = printable(displayPath(source, input.cwd));
    const title = services.length > 0 ? `${header} (${services.join(', ')})` : header;
    for (const line of wrapPath(title, width)) lines.push(color.underline(line));
    const rows: Row[] = findings.map((finding) => ({
      finding,
      cells: [
        `${finding.range.start.line + 1}:${finding.range.start.character + 1}`,
        SEVERITY_LABELS[finding.severity],
        finding.code,
      ],
      message: printable(finding.message),
      path: printable(dottedPath(finding.path)),
    }));
    const layout = layoutOf(rows, width);
    const raw = input.verbose ? input.sourceText?.(source) : undefined;
    // Escapes may move an underline on a line that holds control characters; the terminal never obeys them.
    const text = raw
      ?.split(/\r?\n/)
      .map((line) => printable(line, { keepTabs: true }))
      .join('\n');
    for (const row of rows) {
      lines.push(...rowLines(row, layout, width, color));
      const { finding } = row;
      if (text !== undefined) lines.push(codeFrame(text, finding, input.color === true));
      if (input.verbose && finding.documentationUrl) {
        lines.push(`   ${color.dim(printable(finding.documentationUrl))}`);
      }
      if (input.verbose) lines.push('');
    }
    lines.push('');
  }
  for (const failure of input.failures) {
    const [first = '', ...rest] = wrapWords(printable(failure.message), width - 7);
    lines.push(`${color.red('error')}  ${first}`, ...rest.map((line) => `       ${line}`));
    if (failure.hint)
      for (const line of wrapWords(printable(failure.hint), width - 7)) lines.push(`       ${line}`);
  }
  if (input.failures.length > 0) lines.push('');
  lines.push(summary(input, color, width));
  return lines.join('\n');
};

interface Row {
  finding: Finding;
  /** Position, severity and rule: short, and padded to line up. */
  cells: [string, string, string];
  message: string;
  path: string;
}

interface Layout {
  widths: number[];
  /** Where the message starts: after the padded cells. */
  messageColumn: number;
  /** Where paths start when every finding of the file fits on one line with its path lined up; else undefined. */
  pathColumn: number | undefined;
}

function layoutOf(rows: readonly Row[], width: number): Layout {
  const widths = [0, 1, 2].map((column) =>
    Math.max(...rows.map((row) => displayWidth(row.cells[column] as string))),
  );
  const messageColumn = 1 + widths.reduce((sum, cellWidth) => sum + cellWidth + 2, 0);
  const longest = Math.max(...rows.map((row) => displayWidth(row.message)));
  const pathColumn = messageColumn + longest + 2;
  const aligned = rows.every((row) => pathColumn + displayWidth(row.path) <= width);
  return { widths, messageColumn, pathColumn: aligned ? pathColumn : undefined };
}

function rowLines(row: Row, layout: Layout, width: number, color: Painter): string[] {
  const [position, severity, code] = row.cells.map((cell, column) =>
    cell.padEnd(cell.length + (layout.widths[column] ?? 0) - displayWidth(cell)),
  ) as [string, string, string];
  const prefix = ` ${color.dim(position)}  ${paint(color, row.finding.severity, severity)}  ${color.dim(code)}  `;
  const messageWidth = displayWidth(row.message);
  const pathWidth = displayWidth(row.path);
  if (layout.pathColumn !== undefined) {
    const gap = ' '.repeat(layout.pathColumn - layout.messageColumn - messageWidth);
    return [`${prefix}${row.message}${row.path ? `${gap}${color.dim(row.path)}` : ''}`.trimEnd()];
  }
  if (layout.messageColumn + messageWidth + 2 + pathWidth <= width) {
    return [`${prefix}${row.message}${row.path ? `  ${color.dim(row.path)}` : ''}`.trimEnd()];
  }
  // Too narrow beside the cells: the message and the path go on lines of their own, under the rule.
  const stacked = width - layout.messageColumn < MIN_MESSAGE_COLUMNS;
  const indent = stacked ? 3 : layout.messageColumn;
  const margin = ' '.repeat(indent);
  const messageLines = wrapWords(row.message, width - indent);
  const lines = stacked
    ? [prefix.trimEnd(), ...messageLines.map((line) => `${margin}${line}`)]
    : [`${prefix}${messageLines[0] ?? ''}`, ...messageLines.slice(1).map((line) => `${margin}${line}`)];
  if (row.path)
    for (const line of wrapPath(row.path, width - indent)) lines.push(`${margin}${color.dim(line)}`);
  return lines;
}

function colored(): Painter {
  const { Chalk } = require('chalk') as typeof import('chalk');
  return new Chalk({ level: 1 });
}

function paint(color: Painter, severity: Severity, text: string): string {
  if (severity === 0) return color.red(text);
  if (severity === 1) return color.yellow(text);
  if (severity === 2) return color.blue(text);
  return color.gray(text);
}

function codeFrame(text: string, finding: Finding, highlightCode: boolean): string {
  const { start, end } = finding.range;
  const sameLine = start.line === end.line;
  const { codeFrameColumns } = require('@babel/code-frame') as typeof import('@babel/code-frame');
  return codeFrameColumns(
    text,
    {
      start: { line: start.line + 1, column: start.character + 1 },
      end: sameLine ? { line: end.line + 1, column: end.character + 1 } : undefined,
    },
    { highlightCode, linesAbove: 1, linesBelow: 1 },
  )
    .split('\n')
    .map((line) => `   ${line}`)
    .join('\n');
}

function summary(input: FormatInput, color: Painter, width: number): string {
  const { findings } = input;
  const failures = input.failures.length;
  const errors = findings.some((finding) => finding.severity === 0);
  const clean = findings.length === 0 && failures === 0;
  const style = clean ? color.green : errors || findings.length === 0 ? color.red : color.yellow;
  return wrapWords(summaryText(findings, failures, input.documents), width)
    .map(style)
    .join('\n');
}

function summaryText(findings: readonly Finding[], failures: number, documents: number | undefined): string {
  const counts = [0, 0, 0, 0];
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  const unreadable = failures > 0 ? `, ${plural(failures, 'document')} not linted` : '';
  if (findings.length === 0) {
    if (failures === 0) return '✔ No findings';
    const others = documents === undefined ? 0 : documents - failures;
    const rest = others > 0 ? `; no findings in the other${others === 1 ? '' : ` ${others}`}` : '';
    return `✖ ${plural(failures, 'document')} could not be linted${rest}`;
  }
  const text = `✖ ${plural(findings.length, 'problem')} (${plural(counts[0] ?? 0, 'error')}, ${plural(counts[1] ?? 0, 'warning')}, ${plural(counts[2] ?? 0, 'info')}, ${plural(counts[3] ?? 0, 'hint')})${unreadable}`;
  return text;
}
