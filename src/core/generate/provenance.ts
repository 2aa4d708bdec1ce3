import { createHash } from 'node:crypto';

const DIGEST_LINE = /^# msctl-digest: sha256:([0-9a-f]{64})\r?\n/m;

/** Whether a file is as msctl generated it: regeneration may replace it only while it is `unchanged`. */
export type GeneratedState = 'unchanged' | 'changed' | 'not-generated';

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Marks a generated YAML file: a note for the reader, then the digest of everything below it. A later run
 * recomputes the digest to know whether the user edited the file, with no state kept anywhere else.
 */
export function stampGenerated(note: string, body: string): string {
  const comment = note
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
  return `${comment}\n# msctl-digest: sha256:${digestOf(body)}\n${body}`;
}

/** Reads the stamp of a file written by `stampGenerated`. */
export function generatedState(text: string): GeneratedState {
  const match = DIGEST_LINE.exec(text);
  if (!match || match.index === undefined) return 'not-generated';
  const body = text.slice(match.index + match[0].length);
  return digestOf(body) === match[1] ? 'unchanged' : 'changed';
}
