import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';

/**
 * The largest file msctl lint reads: well above the largest public API descriptions (a few MB), well below what
 * would exhaust a CI runner's memory (the engine needs up to ~15 times a file's size).
 */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A document that cannot be linted at all: unreadable, too big, binary, not UTF-8, not parseable. */
export class DocumentError extends UserError {
  override readonly name = 'DocumentError';
  constructor(
    readonly source: string,
    message: string,
    hint?: string,
    /** Zero-based, when the problem is at a place in the file. */
    readonly position?: { line: number; character: number },
  ) {
    super(message, hint);
  }
}

/**
 * A document refused wherever it is read from, the root or a `$ref` target (a YAML alias bomb): the lint of the
 * root stops, rather than going on without the file as it does for a `$ref` target that cannot be read.
 */
export class RefusedDocumentError extends DocumentError {}

const BINARY_SNIFF_BYTES = 8192;
/** One decoder for every file: a multi-file description is thousands of them. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8 text, refusing what cannot be an API description before parsing anything. Synchronous on
 * purpose: a multi-file description is thousands of small reads, and the event loop has nothing else to do.
 */
export async function readSourceText(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<string> {
  return readSourceTextSync(path, maxBytes);
}

/** `readSourceText` for callers that read thousands of files in a loop, where a promise per file only costs. */
export function readSourceTextSync(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw cannotRead(path, error);
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile())
      throw new DocumentError(path, `${path} is not a file.`, 'Pass the path of an OpenAPI document.');
    if (stats.size > maxBytes) {
      throw new DocumentError(
        path,
        `${path} is ${formatMegabytes(stats.size)}, above the ${formatMegabytes(maxBytes)} limit of msctl lint.`,
        'Split the description into files joined by $ref, or raise the limit with MSCTL_LINT_MAX_FILE_SIZE (bytes).',
      );
    }
    // One call that reads and decodes: the fastest read Node has. Its decoding is lenient, so any sign of what
    // the strict reading refuses or changes (a replacement character, a NUL in the first bytes, a byte order mark)
    // sends the file through it.
    const text = readFileSync(descriptor, 'utf8');
    if (
      text.includes('\uFFFD') ||
      text.lastIndexOf('\u0000', BINARY_SNIFF_BYTES - 1) >= 0 ||
      text.charCodeAt(0) === 0xfeff
    ) {
      return decodeSourceBytes(path, readFileSync(path));
    }
    return text;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw cannotRead(path, error);
  } finally {
    closeSync(descriptor);
  }
}

function cannotRead(path: string, error: unknown): DocumentError {
  return new DocumentError(
    path,
    `Cannot read ${path}: ${describeFileError(error)}.`,
    'Check the path and its permissions.',
  );
}

/** Decodes UTF-8 strictly: a replacement character in a path or a schema would be a silent corruption. */
export function decodeSourceBytes(path: string, bytes: Uint8Array): string {
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniffed.includes(0)) {
    throw new DocumentError(
      path,
      `${path} is a binary file, not a JSON or YAML document.`,
      'Pass the OpenAPI document itself.',
    );
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw new DocumentError(
      path,
      `${path} is not valid UTF-8 text.`,
      'Save the file as UTF-8; JSON and YAML documents must be UTF-8 (or UTF-16/32, which msctl lint does not read).',
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function describeFileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
