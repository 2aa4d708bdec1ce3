/** The line ending a file was written with: Git's `core.autocrlf` checks files out with CRLF on Windows. */
export type LineEnding = '\n' | '\r\n';

/** The ending most of a file's lines use; LF for a file with none. */
export function lineEndingOf(text: string): LineEnding {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** LF only: digests and merges compare content, never line endings. */
export const normaliseLineEndings = (text: string): string => text.replace(/\r\n/g, '\n');

/** Writes LF text back with the ending the user's file has. */
export const withLineEnding = (text: string, ending: LineEnding): string =>
  ending === '\n' ? text : text.replace(/\n/g, '\r\n');
