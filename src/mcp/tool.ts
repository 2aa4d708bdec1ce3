import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { didYouMean } from '../core/config/did-you-mean.js';
import { STRING_LIMITS } from '../core/config/schema.js';
import type { Session } from './session.js';

/** The longest path a tool accepts: Linux's PATH_MAX. */
export const MAX_PATH_LENGTH = 4096;

/**
 * One MCP tool: its arguments and result as zod shapes (the listed JSON Schemas are made from them), and the core
 * call it makes. Arguments are checked by the server before `run`, with messages written for an agent.
 */
export interface Tool<
  Input extends z.ZodRawShape = z.ZodRawShape,
  Output extends z.ZodRawShape = z.ZodRawShape,
> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  /** Writes to the workspace: refused while the session has none. */
  writes?: boolean;
  /** What to do when a core hint names an option this tool does not take. */
  fallbackHint?: string;
  /** What to say of an unknown argument an agent may well try (`dry_run`), by its name in lowercase without `_-`. */
  unknownArgumentNotes?: Readonly<Record<string, string>>;
  run(input: z.output<z.ZodObject<Input>>, session: Session): Promise<z.output<z.ZodObject<Output>>>;
}

/** Declares a tool with its types inferred from its shapes. */
export function defineTool<Input extends z.ZodRawShape, Output extends z.ZodRawShape>(
  tool: Tool<Input, Output>,
): Tool {
  return tool as unknown as Tool;
}

/** The result field every tool gives, so that an agent always knows which folder it acted on. */
export const workspaceRootField = z
  .string()
  .describe('Absolute path of the workspace folder (where msctl.yaml is)');

/** The listed schemas: strict objects, so that hosts and agents see that unknown keys are refused. */
export function toolSchemas(tool: Tool): { inputSchema: JsonObject; outputSchema: JsonObject } {
  return {
    inputSchema: toJsonSchema(z.strictObject(tool.input), 'input'),
    outputSchema: toJsonSchema(z.object(tool.output), 'output'),
  };
}

type JsonObject = { type: 'object'; [key: string]: unknown };

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return json as JsonObject;
}

const MAX_UNKNOWN_SHOWN = 5;
const MAX_KEY_SHOWN = 60;

/** The tool's arguments with defaults applied, or a message that names every problem in an agent's terms. */
export function parseArguments(
  tool: Tool,
  args: Record<string, unknown> | undefined,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const result = z.strictObject(tool.input).safeParse(args ?? {});
  if (result.success) return { ok: true, value: result.data };
  const known = Object.keys(tool.input);
  const problems = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // A few, each cut short: the keys are the caller's, and may be many or long.
      const shown = issue.keys.slice(0, MAX_UNKNOWN_SHOWN).map((key) => {
        const name = key.length > MAX_KEY_SHOWN ? `${key.slice(0, MAX_KEY_SHOWN)}…` : key;
        const note = tool.unknownArgumentNotes?.[name.toLowerCase().replace(/[-_]/g, '')];
        return `Unknown argument "${name}"${didYouMean(name, known)}.${note ? ` ${note}` : ''}`;
      });
      const more = issue.keys.length - shown.length;
      return more > 0 ? [...shown, `And ${more} more unknown arguments.`] : shown;
    }
    return [`Argument "${argumentPath(issue.path)}": ${issue.message}.`];
  });
  const takes =
    known.length > 0 ? `${tool.name} takes: ${known.join(', ')}.` : `${tool.name} takes no arguments.`;
  return { ok: false, message: [...problems, takes].join('\n') };
}

function argumentPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

/** Longest `description` of a service: the schema's limit for msctl.yaml, as on the command line. */
export const MAX_DESCRIPTION_LENGTH = STRING_LIMITS.description;
export const MAX_DEPENDENCIES = 50;
