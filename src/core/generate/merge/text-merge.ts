import { diff3Merge, diffComm } from 'node-diff3';

/** What a merge gives: the text, and where yours and msctl's changes collide (empty when clean). */
export interface MergeOutcome {
  text: string;
  /** One line per conflict, e.g. "lines 12-14". */
  conflicts: string[];
}

export const MARKERS = {
  yours: '<<<<<<< yours',
  base: '||||||| msctl (last generated)',
  separator: '=======',
  theirs: '>>>>>>> msctl (msctl.yaml now)',
};

/** A conflict marker left in a file: a conflict written earlier that nobody resolved yet. */
export const hasConflictMarkers = (text: string): boolean =>
  /^(<<<<<<< |>>>>>>> )/m.test(text) && /^=======$/m.test(text);

const splitLines = (text: string): string[] => {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};
const joinLines = (lines: string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/**
 * diff3 by line of the user's file and the new output against the last generated one. Both changed the same
 * lines differently: a conflict, written with git-style markers (base shown, as `merge.conflictStyle=diff3`).
 */
export function mergeLines(yours: string, base: string, theirs: string): MergeOutcome {
  const regions = diff3Merge(splitLines(yours), splitLines(base), splitLines(theirs), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  const conflicts: string[] = [];
  for (const region of regions) {
    if (region.ok) {
      out.push(...region.ok);
      continue;
    }
    const conflict = region.conflict;
    if (!conflict) continue;
    const start = out.length + 2;
    out.push(
      MARKERS.yours,
      ...conflict.a,
      MARKERS.base,
      ...conflict.o,
      MARKERS.separator,
      ...conflict.b,
      MARKERS.theirs,
    );
    conflicts.push(`lines ${start}-${out.length - 1}`);
  }
  return { text: joinLines(out), conflicts };
}

/**
 * Without a base (the digest line and `.msctl/generated/` both gone) nothing tells an edit from a change of
 * msctl.yaml: every hunk where the two differ becomes a conflict for the user to settle once.
 */
export function conflictEveryDifference(yours: string, theirs: string): MergeOutcome {
  const out: string[] = [];
  const conflicts: string[] = [];
  for (const part of diffComm(splitLines(yours), splitLines(theirs))) {
    if (part.common) {
      out.push(...part.common);
      continue;
    }
    const start = out.length + 2;
    out.push(
      MARKERS.yours,
      ...(part.buffer1 ?? []),
      MARKERS.separator,
      ...(part.buffer2 ?? []),
      MARKERS.theirs,
    );
    conflicts.push(`lines ${start}-${out.length - 1}`);
  }
  return { text: joinLines(out), conflicts };
}
