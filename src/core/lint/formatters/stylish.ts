import { createRequire } from 'node:module';
import type { Finding, Severity } from '../types.js';
import { displayPath, dottedPath, groupBySource, SEVERITY_LABELS } from './shared.js';
import type { Formatter } from './types.js';

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

/** Human output, as Spectral and ESLint print it: findings grouped by file, a summary line, code frames with `verbose`. */
export const formatStylish: Formatter = (input) => {
  const color: Painter = input.color ? colored() : PLAIN;
  const lines: string[] = [];
  for (const [source, findings] of groupBySource(input.findings)) {
    const services = [...new Set(findings.map((finding) => finding.service).filter(Boolean))];
    const header = displayPath(source, input.cwd);
    lines.push(color.underline(services.length > 0 ? `${header} (${services.join(', ')})` : header));
    const rows = findings.map((finding) => [
      `${finding.range.start.line + 1}:${finding.range.start.character + 1}`,
      SEVERITY_LABELS[finding.severity],
      finding.code,
      finding.message,
      dottedPath(finding.path),
    ]);
    const widths = [0, 1, 2, 3].map((column) =>
      Math.max(...rows.map((row) => (row[column] as string).length)),
    );
    const text = input.verbose ? input.sourceText?.(source) : undefined;
    rows.forEach((row, index) => {
      const finding = findings[index] as Finding;
      const cells = row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell));
      lines.push(
        ` ${color.dim(cells[0])}  ${paint(color, finding.severity, cells[1] as string)}  ${color.dim(cells[2])}  ${cells[3]}  ${color.dim(cells[4])}`.trimEnd(),
      );
      if (text !== undefined) lines.push(codeFrame(text, finding, input.color === true));
      if (input.verbose && finding.documentationUrl) lines.push(`   ${color.dim(finding.documentationUrl)}`);
      if (input.verbose) lines.push('');
    });
    lines.push('');
  }
  for (const failure of input.failures) {
    lines.push(`${color.red('error')}  ${failure.message}`);
    if (failure.hint) lines.push(`       ${failure.hint}`);
  }
  if (input.failures.length > 0) lines.push('');
  lines.push(summary(input.findings, input.failures.length, color));
  return lines.join('\n');
};

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

function summary(findings: readonly Finding[], failures: number, color: Painter): string {
  const counts = [0, 0, 0, 0];
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  const unreadable = failures > 0 ? `, ${failures} document${failures === 1 ? '' : 's'} not linted` : '';
  if (findings.length === 0) {
    return failures > 0 ? color.red(`✖ No findings${unreadable}`) : color.green('✔ No findings');
  }
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const text = `✖ ${plural(findings.length, 'problem')} (${plural(counts[0] ?? 0, 'error')}, ${plural(counts[1] ?? 0, 'warning')}, ${plural(counts[2] ?? 0, 'info')}, ${plural(counts[3] ?? 0, 'hint')})${unreadable}`;
  return (counts[0] ?? 0) > 0 ? color.red(text) : color.yellow(text);
}
