import { isDeepStrictEqual } from 'node:util';
import { digestNames, generatedState, insertDigest, splitDigest } from '../provenance.js';
import { lineEndingOf, normaliseLineEndings, withLineEnding } from './line-endings.js';
import { withPromotedImages } from './promoted-images.js';
import { conflictEveryDifference, hasConflictMarkers, type MergeOutcome, mergeLines } from './text-merge.js';
import { mergeYaml, parseSingleDocument, sameYamlData, withOwnedPaths } from './yaml-merge.js';

/** What regeneration does with one file. */
export type FileAction =
  | 'create'
  | 'update'
  | 'merge'
  | 'conflict'
  | 'unchanged'
  | 'edited'
  | 'owned'
  | 'delete'
  | 'extra';

export interface FileDecision {
  action: FileAction;
  reason: string;
  /** What to write (create, update, merge, conflict), with the user's line endings. */
  content: string;
  /** Where yours and msctl's changes collide: key paths for YAML, else line ranges. */
  conflicts: string[];
}

/** What the user owns of one file (`generate.owned` in msctl.yaml). */
export interface Ownership {
  file: boolean;
  paths: readonly string[];
  /** CI owns the tags of `images:` (the prod overlay): kept entry by entry, see `withPromotedImages`. */
  images?: boolean;
}

export interface FileInputs {
  path: string;
  generated: string;
  current: string | undefined;
  /** The output msctl wrote last (`.msctl/generated/<path>`), if kept. */
  base: string | undefined;
  force: boolean;
  owned: Ownership;
}

export const REASONS = {
  noBase:
    'edited, and no record of what msctl generated last (digest line and .msctl/generated/ copy both gone): both versions are written with conflict markers; keep what you want, remove the markers, and the next run merges as usual',
  markers:
    'still has conflict markers: resolve them (keep what you want, remove the markers), then run msctl generate again',
  edited:
    'edited by hand; your edits are kept. For the drift check to pass, list the file or its YAML paths under generate.owned in msctl.yaml',
  owned: 'owned by you (generate.owned in msctl.yaml): left alone',
} as const;

const isYamlFile = (file: string): boolean => /\.ya?ml$/.test(file);

/**
 * Three-way merge of the user's file and the new output against the last generated one. A line merge keeps
 * the user's layout; for YAML, when lines collide (or the line merge breaks the data), the key-path merge
 * decides, so that edits to neighbouring keys never conflict.
 */
export function mergeGenerated(yours: string, base: string, theirs: string, yaml: boolean): MergeOutcome {
  const byLine = mergeLines(yours, base, theirs);
  if (!yaml) return byLine;
  const byKey = mergeYaml(yours, base, theirs);
  if (!byKey) return byLine;
  if (byLine.conflicts.length === 0) {
    const merged = parseSingleDocument(byLine.text);
    const agrees = merged && isDeepStrictEqual(merged.value, parseSingleDocument(byKey.text)?.value);
    if (agrees || byKey.conflicts.length > 0) return byLine;
    return byKey;
  }
  return byKey.conflicts.length === 0 ? byKey : { text: byLine.text, conflicts: byKey.conflicts };
}

/** Decides what to do with one generated file, given what is on disk and the last generated output. */
export function decideFile(inputs: FileInputs): FileDecision {
  const { generated, owned } = inputs;
  const decision = (action: FileAction, reason: string, content = '', conflicts: string[] = []) => ({
    action,
    reason,
    content,
    conflicts,
  });
  if (owned.file) return decision('owned', REASONS.owned);
  if (inputs.current === undefined) return decision('create', 'not found', generated);
  const ending = lineEndingOf(inputs.current);
  const current = normaliseLineEndings(inputs.current);
  const mine = splitDigest(current);
  const next = splitDigest(generated);
  const yaml = isYamlFile(inputs.path);
  const generatedTarget = yaml ? withOwnedPaths(next.body, mine.body, owned.paths) : next.body;
  const target = yaml && owned.images ? withPromotedImages(generatedTarget, mine.body) : generatedTarget;
  const byData = owned.paths.length > 0 || owned.images === true;
  const write = (body: string) => withLineEnding(insertDigest(body, next.digest), ending);

  if (inputs.force) {
    return mine.body === target
      ? decision('unchanged', 'up to date')
      : decision('update', 'edited by hand, overwritten (--force)', write(target));
  }
  if (hasConflictMarkers(mine.body)) return decision('conflict', REASONS.markers, '', ['conflict markers']);
  if (mine.body === target || (byData && sameYamlData(mine.body, target)))
    return decision('unchanged', byData ? 'up to date (owned paths kept)' : 'up to date');

  const base =
    inputs.base !== undefined
      ? splitDigest(normaliseLineEndings(inputs.base)).body
      : generatedState(current) === 'unchanged'
        ? mine.body
        : digestNames(mine.digest, generated)
          ? next.body
          : undefined;
  if (base === undefined) {
    const both = conflictEveryDifference(mine.body, target);
    return decision('conflict', REASONS.noBase, write(both.text), both.conflicts);
  }
  if (mine.body === base) return decision('update', 'msctl.yaml changed', write(target));
  const merged = mergeGenerated(mine.body, base, target, yaml);
  if (merged.conflicts.length > 0) {
    return decision(
      'conflict',
      `edited by hand where msctl.yaml changed it too (${merged.conflicts.join(', ')}): conflict markers written; keep what you want, remove the markers, then run msctl generate again`,
      write(merged.text),
      merged.conflicts,
    );
  }
  if (merged.text === mine.body) return decision('edited', REASONS.edited);
  return decision(
    'merge',
    "edited by hand: your edits kept, msctl.yaml's changes applied",
    write(merged.text),
  );
}

/** A file msctl generated before and no longer does: deleted while untouched, reported once edited. */
export function decideExtra(current: string, base: string | undefined): FileDecision {
  const mine = splitDigest(normaliseLineEndings(current));
  const untouched =
    base !== undefined
      ? mine.body === splitDigest(normaliseLineEndings(base)).body
      : generatedState(normaliseLineEndings(current)) === 'unchanged';
  return untouched
    ? { action: 'delete', reason: 'no longer generated from msctl.yaml', content: '', conflicts: [] }
    : {
        action: 'extra',
        reason:
          'no longer generated from msctl.yaml, but edited by hand: delete it yourself, or list it under generate.owned in msctl.yaml to keep it',
        content: '',
        conflicts: [],
      };
}
