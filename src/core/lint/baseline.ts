import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { toJsonPointer } from './document/json-pointer.js';
import { displayPath } from './formatters/shared.js';
import type { Finding } from './types.js';

/** One known finding. `count` holds repeats of the same rule at the same place (different messages). */
export interface BaselineEntry {
  fingerprint: string;
  code: string;
  /** File relative to the working directory, `/`-separated. */
  file: string;
  pointer: string;
  message: string;
  count: number;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/** Findings split by a baseline: the new ones fail, the known ones pass, the fixed ones can be pruned. */
export interface BaselineComparison {
  fresh: Finding[];
  known: Finding[];
  /** Entries of linted files that no longer occur. */
  fixed: BaselineEntry[];
}

/** Reads a baseline file; a missing file is an empty baseline (so `--update-baseline` can create it). */
export async function readBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    // Synchronous, as every file of a lint run is read: node:fs/promises costs a run about 1 MB.
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { version: 1, entries: [] };
    throw new UserError(
      `Cannot read the baseline ${path}: ${(error as Error).message}.`,
      'Check the --baseline path.',
    );
  }
  try {
    const parsed = JSON.parse(text) as Partial<Baseline>;
    if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error('not a baseline');
    return { version: 1, entries: parsed.entries };
  } catch {
    throw new UserError(
      `${path} is not a msctl lint baseline.`,
      'Point --baseline at a file written by `msctl lint --update-baseline`, or delete it and run that again.',
    );
  }
}

/**
 * Splits findings by the baseline: a finding is known while the baseline still has an unused entry with its
 * fingerprint (rule, file, JSON pointer), so a second identical problem at the same place is new.
 */
export function compareWithBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  lintedFiles: ReadonlySet<string>,
): BaselineComparison {
  const remaining = new Map<string, number>();
  for (const entry of baseline.entries) {
    remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + entry.count);
  }
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const finding of findings) {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left > 0) {
      remaining.set(finding.fingerprint, left - 1);
      known.push(finding);
    } else {
      fresh.push(finding);
    }
  }
  const fixed = baseline.entries.filter(
    (entry) => lintedFiles.has(entry.file) && (remaining.get(entry.fingerprint) ?? 0) > 0,
  );
  return { fresh, known, fixed };
}

/**
 * The baseline after this run: entries of files linted now are replaced by what was found now (fixed ones pruned,
 * new ones accepted); entries of files not linted in this run are kept, so that linting one service at a time
 * never forgets the others.
 */
export function updateBaseline(
  baseline: Baseline,
  findings: readonly Finding[],
  lintedFiles: ReadonlySet<string>,
  cwd: string,
): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const entry of baseline.entries) {
    if (!lintedFiles.has(entry.file)) entries.set(`${entry.fingerprint}\n${entry.message}`, { ...entry });
  }
  for (const finding of findings) {
    const key = `${finding.fingerprint}\n${finding.message}`;
    const existing = entries.get(key);
    if (existing) {
      existing.count++;
      continue;
    }
    entries.set(key, {
      fingerprint: finding.fingerprint,
      code: finding.code,
      file: displayPath(finding.source, cwd),
      pointer: toJsonPointer(finding.path),
      message: finding.message,
      count: 1,
    });
  }
  const sorted = [...entries.values()].sort(
    (left, right) =>
      left.file.localeCompare(right.file) ||
      left.pointer.localeCompare(right.pointer) ||
      left.code.localeCompare(right.code) ||
      left.message.localeCompare(right.message),
  );
  return { version: 1, entries: sorted };
}

/** Writes a baseline with a stable order and layout, so that its diffs in review show exactly what changed. */
export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** What `--baseline` did to a run's findings. */
export interface BaselineOutcome {
  /** The findings that still count: the new ones (none after an update). */
  findings: Finding[];
  known: number;
  fixed: number;
  /** How many findings an update recorded; undefined when the baseline was only read. */
  recorded: number | undefined;
}

/**
 * Applies a baseline file to a run: hides the known findings, or with `update` records the current ones (pruning
 * the fixed, keeping files not linted in this run). `sources` are the files the run read.
 */
export async function applyBaseline(options: {
  file: string;
  update: boolean;
  findings: readonly Finding[];
  sources: readonly string[];
  cwd: string;
}): Promise<BaselineOutcome> {
  const { file, update, findings, sources, cwd } = options;
  const baseline = await readBaseline(file);
  const linted = new Set(sources.map((source) => displayPath(source, cwd)));
  if (update) {
    await writeBaseline(file, updateBaseline(baseline, findings, linted, cwd));
    return { findings: [], known: 0, fixed: 0, recorded: findings.length };
  }
  const comparison = compareWithBaseline(findings, baseline, linted);
  return {
    findings: comparison.fresh,
    known: comparison.known.length,
    fixed: comparison.fixed.length,
    recorded: undefined,
  };
}
