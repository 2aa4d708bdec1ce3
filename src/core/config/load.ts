import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue, UserError } from '../errors.js';
import { checkWorkspace } from './cross-checks.js';
import { didYouMean } from './did-you-mean.js';
import { findWorkspaceFile, WORKSPACE_FILE } from './find.js';
import { locatePath, type PathSegment } from './positions.js';
import { type WorkspaceConfig, workspaceSchema } from './schema.js';
import { describeTypeMismatch } from './type-mismatch.js';
import { describeYamlErrors } from './yaml-problems.js';

/** msctl.yaml is hand-written; anything this large is a mistake or an attack, not a workspace. */
export const MAX_WORKSPACE_BYTES = 1024 * 1024;
/** Aliases allowed when resolving the file: enough for real anchors, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

export { findWorkspaceFile, WORKSPACE_FILE };

/** A loaded, valid workspace. */
export interface Workspace {
  /** Absolute path of msctl.yaml. */
  file: string;
  /** Folder of msctl.yaml: every relative path in it is relative to this. */
  root: string;
  config: WorkspaceConfig;
  source: string;
  /** The parsed document, for edits that keep the user's comments and formatting. */
  document: Document;
}

export interface LoadWorkspaceOptions {
  /** An explicit msctl.yaml (`--config`); otherwise it is searched upward from `cwd`. */
  configFile?: string | undefined;
  cwd?: string;
}

/** Finds, reads and validates msctl.yaml, reporting every problem at once as a ConfigError. */
export async function loadWorkspace(options: LoadWorkspaceOptions = {}): Promise<Workspace> {
  const cwd = options.cwd ?? process.cwd();
  const file = options.configFile ? path.resolve(cwd, options.configFile) : findWorkspaceFile(cwd);
  if (!file) {
    throw new UserError(
      `No ${WORKSPACE_FILE} found in ${cwd} or any folder above it.`,
      'Run `msctl init` to create a workspace, or pass --config <file>.',
    );
  }
  if (!existsSync(file)) throw new UserError(`${file} does not exist.`, 'Check the path given to --config.');
  const size = statSync(file).size;
  if (size > MAX_WORKSPACE_BYTES) {
    throw new UserError(
      `${file} is ${size} bytes; a workspace file may be at most ${MAX_WORKSPACE_BYTES} bytes.`,
      'Is this the right file? Pass the workspace file with --config.',
    );
  }
  const displayName = path.relative(cwd, file) || WORKSPACE_FILE;
  const source = decodeText(await readFile(file));
  if (source === undefined) {
    throw new UserError(
      `${displayName} is not a text file.`,
      'A workspace file is YAML text; is this the right file? Pass the workspace file with --config.',
    );
  }
  return { ...parseWorkspace(displayName, source), file, root: path.dirname(file), source };
}

/**
 * Checks the text an edit would write to msctl.yaml as the loader will read it back: its size, then every
 * problem. An edit that fails this is refused before anything is written, so no command bricks the workspace.
 */
export function validateWorkspaceEdit(
  displayName: string,
  source: string,
): { config: WorkspaceConfig; document: Document } {
  const size = Buffer.byteLength(source);
  if (size > MAX_WORKSPACE_BYTES) {
    throw new UserError(
      `This change would make ${displayName} ${size} bytes; a workspace file may be at most ${MAX_WORKSPACE_BYTES} bytes, so nothing was written.`,
      'Make what is added shorter (descriptions, env values), or move large values out of msctl.yaml.',
    );
  }
  return parseWorkspace(displayName, source);
}

/** The file as UTF-8 text, or undefined when it is not text: a NUL byte or bytes that are not UTF-8. */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Validates the text of a workspace file; `displayName` only names the file in problems. */
export function parseWorkspace(
  displayName: string,
  source: string,
): { config: WorkspaceConfig; document: Document } {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: ConfigIssue[] = [];
  const at = (segments: readonly PathSegment[], target: 'key' | 'value' = 'value') => ({
    file: displayName,
    ...locatePath(document, lineCounter, segments, target),
  });

  issues.push(...describeYamlErrors(displayName, source, document, lineCounter));
  if (issues.length > 0) throw new ConfigError(displayName, source, issues);

  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigError(displayName, source, [
      {
        file: displayName,
        line: 1,
        column: 1,
        length: 1,
        message: (error as Error).message,
        code: 'yaml-aliases',
      },
    ]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(displayName, source, [
      {
        ...at([]),
        message: 'the workspace must be a mapping with at least `version: 1` and `name`',
        code: 'not-a-mapping',
      },
    ]);
  }

  const result = workspaceSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) issues.push(...describeSchemaIssue(issue, raw, at));
  }
  for (const problem of checkWorkspace(raw as Record<string, unknown>)) {
    issues.push({ ...at(problem.path, problem.target), message: problem.message, code: problem.code });
  }
  if (issues.length > 0 || !result.success) {
    issues.sort((left, right) => left.line - right.line || left.column - right.column);
    throw new ConfigError(displayName, source, issues);
  }
  return { config: result.data, document };
}

type Locate = (
  segments: readonly PathSegment[],
  target?: 'key' | 'value',
) => Omit<ConfigIssue, 'message' | 'code'>;

function describeSchemaIssue(issue: z.core.$ZodIssue, raw: unknown, at: Locate): ConfigIssue[] {
  const segments = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  const where = segments.join('.');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(segments);
    return issue.keys.map((key) => {
      const hint = didYouMean(key, allowed);
      return {
        ...at([...segments, key], 'key'),
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}${hint}`,
        code: 'unknown-key',
      };
    });
  }
  if (issue.code === 'invalid_type' && valueAt(raw, segments) === undefined) {
    const key = segments.at(-1);
    return [
      {
        ...at(segments.slice(0, -1), 'key'),
        message: `missing required key "${String(key)}"${segments.length > 1 ? ` in ${segments.slice(0, -1).join('.')}` : ''}`,
        code: 'missing-key',
      },
    ];
  }
  const mismatch = describeTypeMismatch(issue, segments, valueAt(raw, segments));
  return [
    {
      ...at(segments),
      message: `${where || 'workspace'}: ${mismatch ?? issue.message}`,
      code: 'invalid-value',
    },
  ];
}

function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** The keys the schema allows at an object path, for "did you mean" hints. */
function allowedKeysAt(segments: readonly PathSegment[]): string[] {
  let schema: unknown = workspaceSchema;
  for (const segment of segments) {
    schema = unwrap(schema);
    const definition = (schema as { def?: { type?: string; valueType?: unknown; element?: unknown } }).def;
    if (definition?.type === 'record') schema = definition.valueType;
    else if (definition?.type === 'array') schema = definition.element;
    else if (definition?.type === 'object')
      schema = (schema as { shape: Record<string, unknown> }).shape[segment];
    else return [];
  }
  schema = unwrap(schema);
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown; options?: unknown[] } } | undefined;
  for (;;) {
    const definition = current?.def;
    if (definition?.innerType) current = definition.innerType as typeof current;
    else if (definition?.type === 'union') {
      current = definition.options?.find(
        (option) => (option as { def?: { type?: string } }).def?.type === 'object',
      ) as typeof current;
    } else return current;
  }
}
