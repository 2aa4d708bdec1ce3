import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ConfigError, UserError, type Wording } from '../core/errors.js';
import type { Tool } from './tool.js';

/** A value as a tool result: structured content, and the same as JSON text for hosts that show only text. */
export function answerWith(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

/** A tool error: what an agent reads to correct itself. */
export function refusal(text: string, structuredContent?: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    isError: true,
    ...(structuredContent ? { structuredContent } : {}),
  };
}

/**
 * An error as a tool error: message, every problem of an invalid msctl.yaml, and what to do, with the options
 * that core errors name spelled as this tool's arguments. A hint naming an option the tool does not take would
 * send the agent nowhere; the tool's own hint replaces it. Anything not expected is a bug, said as one.
 */
export function explainError(error: unknown, tool: Tool): CallToolResult {
  if (!(error instanceof UserError)) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return refusal(
      `${tool.name} failed unexpectedly; this is a bug in msctl. Please report it with:\n${detail}`,
    );
  }
  const takes = new Set(Object.keys(tool.input));
  const spell = (text: string | Wording) =>
    typeof text === 'string' ? text : text.spell((option) => `\`${option}\``);
  const { message, hint } = error.wording;
  const hintFits =
    hint === undefined || typeof hint === 'string' || hint.options.every((name) => takes.has(name));
  const problems =
    error instanceof ConfigError
      ? error.issues.map((issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.message}`)
      : [];
  const advice = hint !== undefined && hintFits ? spell(hint) : tool.fallbackHint;
  const text = [spell(message), ...problems, advice].filter(Boolean).join('\n');
  return refusal(text, error instanceof ToolFailure ? error.structuredContent : undefined);
}

/** A refusal that still carries structured content (what could be done), e.g. findings beside unreadable files. */
export class ToolFailure extends UserError {
  override readonly name = 'ToolFailure';
  constructor(
    message: string,
    readonly structuredContent: Record<string, unknown>,
  ) {
    super(message);
  }
}
