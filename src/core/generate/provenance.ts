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

const DIGEST_LINE_LF = /^# msctl-digest: sha256:([0-9a-f]{64})\n/m;

/**
 * A generated text without its digest line, and that line: merges compare content only, so that a digest
 * line deleted (or one that changed because the output did) is never an edit nor a conflict.
 */
export function splitDigest(text: string): { body: string; digest: string | undefined } {
  const match = DIGEST_LINE_LF.exec(text);
  if (!match) return { body: text, digest: undefined };
  return { body: text.slice(0, match.index) + text.slice(match.index + match[0].length), digest: match[1] };
}

/** Puts a digest line back where `stampGenerated` writes it: after the leading comment lines. */
export function insertDigest(text: string, digest: string | undefined): string {
  if (digest === undefined) return text;
  const lines = text.split('\n');
  let index = 0;
  while (index < lines.length - 1 && lines[index]?.startsWith('#')) index += 1;
  lines.splice(index, 0, `# msctl-digest: sha256:${digest}`);
  return lines.join('\n');
}

/** Whether a file's digest line names this output's body: it was generated from the same msctl.yaml. */
export const digestNames = (recorded: string | undefined, generated: string): boolean =>
  recorded !== undefined && recorded === splitDigest(generated).digest;
