import { relative, sep } from 'node:path';
import type { Finding, Severity } from '../types.js';

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  0: 'error',
  1: 'warning',
  2: 'information',
  3: 'hint',
};

/** A source as people read it: relative to the working directory with `/`, URLs as they are. */
export function displayPath(source: string, cwd: string): string {
  if (/^https?:/i.test(source)) return source;
  const path = relative(cwd, source);
  return (path === '' ? source : path).split(sep).join('/');
}

/** Findings grouped by file, in first-seen order (findings arrive sorted). */
export function groupBySource(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.source);
    if (group) group.push(finding);
    else groups.set(finding.source, [finding]);
  }
  return groups;
}

/** `paths./orders.get`: the dotted form Spectral prints. */
export function dottedPath(path: readonly (string | number)[]): string {
  return path.join('.');
}
