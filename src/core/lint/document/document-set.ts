import { dirname, isAbsolute, relative, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outsideMessage, readableInside } from '../confine.js';
import { parseJsonPointer } from './json-pointer.js';
import { parseText, SyntaxProblem } from './parse.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  DocumentError,
  decodeSourceBytes,
  RefusedDocumentError,
  readSourceText,
  readSourceTextSync,
} from './read-source.js';
import { SourceFile } from './source-file.js';
import { AliasExpansionProblem } from './yaml-aliases.js';

/** How far `$ref` resolution may reach. */
export interface ResolveOptions {
  /** Fetch `http(s)` `$ref`s; off by default so that a spec cannot make a CI runner an HTTP client. */
  allowRemote?: boolean;
  /** Folders local `$ref`s may read from; the root document's folder and the working directory by default. */
  allowedFolders?: readonly string[];
  /**
   * A folder, given with symlinks resolved, that every local `$ref` target must resolve inside after its own
   * symlinks: for callers that must not read outside it (the MCP server). Checked only when given.
   */
  confineReadsTo?: string;
  maxFileBytes?: number;
  /** Text of the root file, when it is not to be read from disk. */
  rootText?: string;
}

/** Where a `$ref` leads: the file, the path inside it, and the value there; or why it leads nowhere. */
export type Resolution =
  | { ok: true; file: SourceFile; path: (string | number)[]; value: unknown }
  | { ok: false; message: string };

/** A `$ref` chain longer than this is treated as broken rather than followed further. */
const MAX_REFERENCE_HOPS = 10_000;
const REMOTE_TIMEOUT_MILLISECONDS = 15_000;

export function isReference(value: unknown): value is { $ref: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $ref?: unknown }).$ref === 'string' &&
    !Array.isArray(value)
  );
}

/**
 * A root document and every file it reaches through `$ref`, loaded up front (the walk itself is synchronous),
 * each file once. Resolutions are cached per file and reference, so shared components cost one lookup.
 */
export class DocumentSet {
  readonly files = new Map<string, SourceFile>();
  private readonly failures = new Map<string, string>();
  /** Resolutions of references within a file (`#/...`), per file. */
  private readonly localCache = new Map<SourceFile, Map<string, Resolution>>();
  /**
   * Resolutions of references into other files, per folder (reached per file): they resolve alike from every file
   * of a folder, and a document split into thousands of files would otherwise keep a map and a resolution object
   * per file for the same targets.
   */
  private readonly folderCache = new Map<SourceFile, Map<string, Resolution>>();
  private readonly folderCacheByFolder = new Map<string, Map<string, Resolution>>();
  private readonly references = new Map<SourceFile, string[]>();
  /**
   * The absolute path or URL each `$ref` location names, per folder it is written in (a remote file is its own
   * folder), reached per file: files of one folder name the same targets.
   */
  private readonly targetsByFolder = new Map<string, Map<string, string>>();
  private readonly targetsBySource = new Map<string, Map<string, string>>();
  private referenceOwners: WeakMap<object, SourceFile> | undefined;
  /** Referenced files that placed a finding last: only these keep their positions (see `SourceFile`). */
  private readonly recentlyIndexed: SourceFile[] = [];

  private constructor(
    readonly root: SourceFile,
    private readonly allowedFolders: readonly string[],
    private readonly confineReadsTo: string | undefined,
  ) {
    this.files.set(root.source, root);
  }

  /** Loads the root document (throwing `DocumentError` when it cannot be linted) and every file it references. */
  static async load(rootPath: string, options: ResolveOptions = {}): Promise<DocumentSet> {
    const source = resolvePath(rootPath);
    const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const text = options.rootText ?? (await readSourceText(source, maxBytes));
    const root = parseSourceFile(source, text, true);
    const allowed = (options.allowedFolders ?? [dirname(source), process.cwd()]).map((folder) =>
      resolvePath(folder),
    );
    const set = new DocumentSet(root, allowed, options.confineReadsTo);
    await set.loadReferencedFiles(options, maxBytes);
    return set;
  }

  /** The `$ref` strings written in a file (each once), read from its text when it shows them plainly. */
  referencesOf(file: SourceFile): readonly string[] {
    let references = this.references.get(file);
    if (!references) {
      references = [...new Set(scanReferences(file.text) ?? collectReferences(file.data))];
      this.references.set(file, references);
    }
    return references;
  }

  /** Every file of the set, the root first. */
  get sources(): SourceFile[] {
    return [...this.files.values()];
  }

  /**
   * The file a `$ref` object is written in: the root unless it is one of another file's. Rules meet `$ref` objects
   * below values resolved from other files, where the node being checked says nothing about their folder; the
   * index of those files' `$ref` objects is built on the first question, once per document set.
   */
  fileOfReference(reference: object): SourceFile {
    if (!this.referenceOwners) {
      this.referenceOwners = new WeakMap();
      for (const file of this.files.values()) {
        if (file !== this.root && this.referencesOf(file).length > 0) {
          indexReferences(file, this.referenceOwners);
        }
      }
    }
    return this.referenceOwners.get(reference) ?? this.root;
  }

  /** Follows `ref` written in `from`, through `$ref` chains, to the value it names. */
  resolve(from: SourceFile, ref: string): Resolution {
    const cached = this.cacheFor(from, ref);
    let resolution = cached.get(ref);
    if (!resolution) {
      resolution = this.resolveUncached(from, ref);
      cached.set(ref, resolution);
    }
    return resolution;
  }

  private resolveUncached(from: SourceFile, ref: string): Resolution {
    const first = this.resolveOnce(from, ref);
    // Nearly every reference names a value that is not itself a reference: no chain to follow.
    if (!first.ok || !isReference(first.value)) return first;
    const seen = new Set<string>();
    // Every reference met on the chain resolves to the same end: cache them all, so long chains cost linear time.
    const chain: [SourceFile, string][] = [];
    let file = from;
    let current = ref;
    let result: Resolution | undefined;
    for (let hops = 0; hops < MAX_REFERENCE_HOPS && !result; hops++) {
      const known = hops > 0 ? this.cacheFor(file, current).get(current) : undefined;
      if (known) {
        result = known;
        break;
      }
      if (hops > 0) chain.push([file, current]);
      const step = this.resolveOnce(file, current);
      if (!step.ok) {
        result = step;
        break;
      }
      const key = `${step.file.source}#${step.path.join('/')}`;
      if (seen.has(key)) {
        result = { ok: false, message: `$ref '${ref}' is circular: it leads back to itself.` };
        break;
      }
      seen.add(key);
      if (!isReference(step.value)) {
        result = step;
        break;
      }
      file = step.file;
      current = step.value.$ref;
    }
    result ??= {
      ok: false,
      message: `$ref '${ref}' is a chain of more than ${MAX_REFERENCE_HOPS} references.`,
    };
    if (result.ok) {
      for (const [chainFile, chainRef] of chain) this.cacheFor(chainFile, chainRef).set(chainRef, result);
    }
    return result;
  }

  /** Where the resolution of `ref` written in `file` is cached: per file for `#/...`, per folder otherwise. */
  private cacheFor(file: SourceFile, ref: string): Map<string, Resolution> {
    const local = ref === '' || ref.charCodeAt(0) === HASH;
    let cached = (local ? this.localCache : this.folderCache).get(file);
    if (cached) return cached;
    if (local) {
      cached = new Map();
      this.localCache.set(file, cached);
      return cached;
    }
    const folder = folderOf(file.source);
    cached = this.folderCacheByFolder.get(folder);
    if (!cached) {
      cached = new Map();
      this.folderCacheByFolder.set(folder, cached);
    }
    this.folderCache.set(file, cached);
    return cached;
  }

  /** One hop: the file and pointer a `$ref` names, following references met on the way down the pointer. */
  private resolveOnce(from: SourceFile, ref: string): Resolution {
    const hash = ref.indexOf('#');
    const location = hash >= 0 ? ref.slice(0, hash) : ref;
    const fragment = hash >= 0 ? ref.slice(hash + 1) : '';
    let file = from;
    if (location !== '') {
      const target = this.targetOf(from.source, location);
      const loaded = this.files.get(target);
      if (!loaded)
        return { ok: false, message: this.failures.get(target) ?? `Cannot resolve $ref '${ref}'.` };
      file = loaded;
    }
    const segments = parseJsonPointer(fragment);
    if (!segments) return { ok: false, message: `$ref '${ref}' has a fragment that is not a JSON pointer.` };
    let value: unknown = file.data;
    let path: (string | number)[] = [];
    for (let index = 0; index < segments.length; index++) {
      const segment = segments[index] as string;
      if (isReference(value) && segment !== '$ref') {
        const inner = this.resolve(file, value.$ref);
        if (!inner.ok) return inner;
        ({ file, path, value } = inner);
        path = [...path];
      }
      if (Array.isArray(value)) {
        const position = Number(segment);
        if (!Number.isInteger(position) || position < 0 || position >= value.length) return missing(ref);
        value = value[position];
        path.push(position);
      } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, segment)) {
        value = (value as Record<string, unknown>)[segment];
        path.push(segment);
      } else {
        return missing(ref);
      }
    }
    return { ok: true, file, path, value };
  }

  /** The absolute path or URL a `$ref`'s location part names, relative to the file it is written in. */
  private targetOf(fromSource: string, location: string): string {
    // Thousands of `$ref`s name the same few files from the files of one folder: resolve each pair once. Two
    // lookups rather than one on a joined key, which would hash a fresh string on every call.
    let perFile = this.targetsBySource.get(fromSource);
    if (!perFile) {
      const folder = folderOf(fromSource);
      perFile = this.targetsByFolder.get(folder);
      if (!perFile) {
        perFile = new Map();
        this.targetsByFolder.set(folder, perFile);
      }
      this.targetsBySource.set(fromSource, perFile);
    }
    let target = perFile.get(location);
    if (target === undefined) {
      target = this.targetOfUncached(fromSource, location);
      perFile.set(location, target);
    }
    return target;
  }

  private targetOfUncached(fromSource: string, location: string): string {
    if (/^https?:\/\//i.test(location)) return location;
    if (/^https?:\/\//i.test(fromSource)) return new URL(location, fromSource).href;
    if (location.startsWith('file:')) return fileURLToPath(location);
    let decoded = location;
    try {
      decoded = decodeURI(location);
    } catch {
      // Not percent-encoded: use it as written.
    }
    return resolvePath(dirname(fromSource), decoded);
  }

  private async loadReferencedFiles(options: ResolveOptions, maxBytes: number): Promise<void> {
    const pending: SourceFile[] = [this.root];
    while (pending.length > 0) {
      const file = pending.pop() as SourceFile;
      const targets = new Set<string>();
      for (const ref of this.referencesOf(file)) {
        const hash = ref.indexOf('#');
        const location = hash >= 0 ? ref.slice(0, hash) : ref;
        if (location !== '') targets.add(this.targetOf(file.source, location));
      }
      const fresh = [...targets].filter((target) => !this.files.has(target) && !this.failures.has(target));
      // Local files are read and parsed in turn, with no promise each; only remote ones are awaited.
      const loaded: (SourceFile | string)[] = [];
      const fetches: Promise<void>[] = [];
      for (const [position, target] of fresh.entries()) {
        if (isRemote(target)) {
          fetches.push(
            this.loadRemoteFile(target, options, maxBytes).then((result) => {
              loaded[position] = result;
            }),
          );
        } else {
          loaded[position] = this.loadLocalFile(target, maxBytes);
        }
      }
      if (fetches.length > 0) await Promise.all(fetches);
      for (const [position, result] of loaded.entries()) {
        const target = fresh[position] as string;
        if (typeof result === 'string') {
          this.failures.set(target, result);
        } else {
          this.files.set(target, result);
          pending.push(result);
        }
      }
    }
  }

  /** A referenced local file, or why it cannot be used (reported where it is referenced, not thrown). */
  private loadLocalFile(target: string, maxBytes: number): SourceFile | string {
    if (this.confineReadsTo && !readableInside(this.confineReadsTo, target)) {
      return outsideMessage('$ref to', target, this.confineReadsTo);
    }
    if (!this.allowedFolders.some((folder) => isInside(folder, target))) {
      return `$ref to ${target} leaves the folders msctl lint reads from (${this.allowedFolders.join(', ')}); run it from a folder that contains both files.`;
    }
    try {
      return parseSourceFile(target, readSourceTextSync(target, maxBytes), false, this.recentlyIndexed);
    } catch (error) {
      if (error instanceof DocumentError && !(error instanceof RefusedDocumentError))
        return `Cannot use $ref target: ${error.message}`;
      throw error;
    }
  }

  /** A referenced remote file, or why it cannot be used. */
  private async loadRemoteFile(
    target: string,
    options: ResolveOptions,
    maxBytes: number,
  ): Promise<SourceFile | string> {
    if (!options.allowRemote) {
      return `Remote $ref ${target} is not fetched; pass --allow-remote to let msctl lint download it.`;
    }
    try {
      return parseSourceFile(target, await fetchRemoteText(target, maxBytes), false, this.recentlyIndexed);
    } catch (error) {
      if (error instanceof DocumentError && !(error instanceof RefusedDocumentError))
        return `Cannot use $ref target: ${error.message}`;
      throw error;
    }
  }
}

const HASH = 0x23;

/** What a `$ref`'s location is relative to: the folder of a local file; a remote file is its own folder. */
function folderOf(source: string): string {
  return isRemote(source) ? source : dirname(source);
}

function isRemote(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

function missing(ref: string): Resolution {
  return { ok: false, message: `$ref '${ref}' points at nothing: no such location in the target document.` };
}

function isInside(folder: string, target: string): boolean {
  // Both are absolute and normalised: a prefix that ends at a separator settles nearly every file without `relative`.
  if (
    target.startsWith(folder) &&
    (target.length === folder.length || target[folder.length] === sep || folder.endsWith(sep))
  ) {
    return true;
  }
  const path = relative(folder, target);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

/** Parses a file's text, turning syntax errors into a `DocumentError` placed at line and column. */
export function parseSourceFile(
  source: string,
  text: string,
  eagerPositions = false,
  recentlyIndexed?: SourceFile[],
): SourceFile {
  try {
    return new SourceFile(source, text, parseText(text, source, eagerPositions), recentlyIndexed);
  } catch (error) {
    if (error instanceof SyntaxProblem) {
      throw new DocumentError(
        source,
        `${source}:${error.line + 1}:${error.character + 1}: ${error.message}`,
        'Fix the syntax error; nothing else can be checked until the file parses.',
        { line: error.line, character: error.character },
      );
    }
    if (error instanceof AliasExpansionProblem) {
      const before = text.slice(0, error.offset);
      const line = before.split('\n').length - 1;
      const character = error.offset - (before.lastIndexOf('\n') + 1);
      throw new RefusedDocumentError(
        source,
        `${source}:${line + 1}:${character + 1}: ${error.message}`,
        error.hint,
        { line, character },
      );
    }
    throw error;
  }
}

/**
 * `"$ref": "..."`, `$ref: '...'` and plain `$ref: file.yaml#/x`, without escapes (those go to the data walk), tried
 * where a `$ref` is written. A quote before `$ref` changes nothing it captures, so the match starts at the `$`.
 * A `$ref` holding a mapping or a sequence (`"$ref": {`, a schema property named `$ref` as in Kubernetes) matches
 * with no capture: it is no reference, and the scan goes on instead of sending the whole file to the data walk.
 */
const REFERENCE_AT =
  /\$ref["']?[ \t]*:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#,{}[\]][^\s,{}[\]]*)|[{[])/y;

/**
 * The `$ref` values of a text, found by a scan several times faster than walking the parsed data; undefined when
 * the text has a `$ref` the scan cannot read plainly (escapes, `$ref` in prose), so that the caller walks instead.
 * The pattern is tried only where `indexOf` finds `$ref`: run over the whole text, it would be tried at every
 * character. An occurrence inside the previous match is passed over, as a global match would.
 */
function scanReferences(text: string): string[] | undefined {
  let occurrences = 0;
  let collections = 0;
  let matchedUpTo = 0;
  const references: string[] = [];
  for (let offset = text.indexOf('$ref'); offset >= 0; offset = text.indexOf('$ref', offset + 4)) {
    occurrences++;
    if (offset < matchedUpTo) continue;
    REFERENCE_AT.lastIndex = offset;
    const match = REFERENCE_AT.exec(text);
    if (match) {
      const reference = match[1] ?? match[2] ?? match[3];
      if (reference === undefined) collections++;
      else references.push(reference);
      matchedUpTo = REFERENCE_AT.lastIndex;
    }
  }
  return references.length + collections === occurrences ? references : undefined;
}

/** Every `$ref` string in a parsed file, found without recursion. */
function collectReferences(data: unknown): string[] {
  const references: string[] = [];
  const stack: unknown[] = [data];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') references.push(child);
      else if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return references;
}

async function fetchRemoteText(url: string, maxBytes: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(REMOTE_TIMEOUT_MILLISECONDS),
      redirect: 'follow',
    });
  } catch (error) {
    throw new DocumentError(
      url,
      `Cannot fetch ${url}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (!response.ok) throw new DocumentError(url, `Cannot fetch ${url}: HTTP ${response.status}.`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new DocumentError(url, `${url} is larger than the ${maxBytes} byte limit.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes)
    throw new DocumentError(url, `${url} is larger than the ${maxBytes} byte limit.`);
  return decodeSourceBytes(url, bytes);
}

/** Records every `$ref` object of a file as written there. Iterative, and each object once (YAML aliases share). */
function indexReferences(file: SourceFile, owners: WeakMap<object, SourceFile>): void {
  // Parsed JSON and block YAML are trees: only a file with YAML aliases needs a set of every object it holds.
  const seen = file.sharesValues ? new Set<object>() : undefined;
  const stack: unknown[] = [file.data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (seen) {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (isReference(value)) owners.set(value, file);
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}
