import { createRequire } from 'node:module';
import { CORE_SCHEMA, constructFromEvents, EVENT_ALIAS, mergeTag, parseEvents, YAMLException } from 'js-yaml';
import type { ParseError } from 'jsonc-parser';
import { parseBlockYaml } from './block-yaml.js';
import { indexJsonPositions } from './json-positions.js';
import type { PositionIndex } from './position-index.js';
import { checkAliasExpansion, MAX_ALIAS_EXPANSION } from './yaml-aliases.js';
import { indexYamlPositions, YamlPositionBuilder } from './yaml-positions.js';

const require = createRequire(import.meta.url);

/** Deeper nesting than any real API description; bounds the YAML parser's recursion. */
export const MAX_NESTING_DEPTH = 1000;
/** YAML aliases are shared, never copied, but each one still costs the walk a visit; real specs use few. */
export const MAX_YAML_ALIASES = 100_000;

/**
 * js-yaml's core schema with YAML 1.1 merge keys (`<<: *base`), which real descriptions use and Spectral applies:
 * without them `<<` is a plain key, reported as unexpected, and the merged keys are missing. Merges copy keys, not
 * values, and the alias check before construction counts every alias a merge names, so a merge-key bomb is refused
 * as any alias bomb is.
 */
const YAML_SCHEMA = CORE_SCHEMA.withTags(mergeTag);

export type Syntax = 'json' | 'yaml';

/** A file's text parsed into data, with its positions available on demand. */
export interface ParsedText {
  syntax: Syntax;
  data: unknown;
  /** Whether one value may sit at several places of the data (YAML aliases): a walk must then dedupe by value. */
  sharesValues: boolean;
  /**
   * Whether a mapping may hold a key twice (its last value in the data): JSON and js-yaml's YAML. The block YAML
   * parser leaves a file with a repeated key to js-yaml, so what it parsed has none.
   */
  mayRepeatKeys: boolean;
  /** The position index: the one built with the data when asked for eagerly, else built anew on each call. */
  positions(): PositionIndex;
}

/** A document that could not be parsed, with where (zero-based) the parser stopped. */
export class SyntaxProblem extends Error {
  override readonly name = 'SyntaxProblem';
  constructor(
    message: string,
    readonly line: number,
    readonly character: number,
  ) {
    super(message);
  }
}

/**
 * Parses JSON or YAML. `.json` files and texts that start with `{` go to `JSON.parse` (several times faster than
 * any YAML parser).
 */
export function parseText(text: string, fileName: string, eagerPositions = false): ParsedText {
  const isJsonFile = fileName.toLowerCase().endsWith('.json');
  if (isJsonFile || text.trimStart().startsWith('{')) {
    try {
      const data: unknown = JSON.parse(text);
      return {
        syntax: 'json',
        data,
        sharesValues: false,
        mayRepeatKeys: true,
        positions: () => indexJsonPositions(text, true),
      };
    } catch {
      // A `.json` file gets JSON's verdict, with comments and trailing commas tolerated as Spectral does;
      // other text that merely starts with `{` may be YAML flow style.
      if (isJsonFile) return parseLenientJson(text);
    }
  }
  return parseYaml(text, eagerPositions);
}

function parseLenientJson(text: string): ParsedText {
  // Only JSON that `JSON.parse` rejects gets here: the lenient parser loads on first use.
  const { parse: parseJsonc, printParseErrorCode } = require('jsonc-parser') as typeof import('jsonc-parser');
  const errors: ParseError[] = [];
  const data: unknown = parseJsonc(text, errors, { allowTrailingComma: true, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length - 1;
    const character = first.offset - (before.lastIndexOf('\n') + 1);
    throw new SyntaxProblem(
      `JSON syntax: ${describeJsonError(first.error, printParseErrorCode)}`,
      line,
      character,
    );
  }
  return {
    syntax: 'json',
    data,
    sharesValues: false,
    mayRepeatKeys: true,
    positions: () => indexJsonPositions(text),
  };
}

function describeJsonError(code: number, printParseErrorCode: (code: number) => string): string {
  // `ValueExpected` -> `value expected`
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** Parsed YAML; positions not given come from parsing the text again, if ever asked for. */
function parsedYaml(
  text: string,
  data: unknown,
  sharesValues: boolean,
  mayRepeatKeys: boolean,
  eagerIndex?: PositionIndex,
): ParsedText {
  return {
    syntax: 'yaml',
    data,
    sharesValues,
    mayRepeatKeys,
    positions: () => eagerIndex ?? indexPositions(text),
  };
}

/** Positions of a file parsed earlier, by the parser that parsed it: the block parser if it can, else js-yaml. */
function indexPositions(text: string): PositionIndex {
  const builder = new YamlPositionBuilder(text);
  if (parseBlockYaml(text, builder)) return builder.index;
  return indexYamlPositions(text, parseEvents(text, { maxDepth: MAX_NESTING_DEPTH }));
}

function parseYaml(text: string, eagerPositions: boolean): ParsedText {
  const builder = eagerPositions ? new YamlPositionBuilder(text) : undefined;
  const block = parseBlockYaml(text, builder);
  // The block parser reads no aliases (no value sits at two places) and no repeated keys.
  if (block) return parsedYaml(text, block.data, false, false, builder?.index);
  try {
    const events = parseEvents(text, { maxDepth: MAX_NESTING_DEPTH });
    const sharesValues = events.some((event) => event.type === EVENT_ALIAS);
    // Before anything is built from them: a few hundred bytes of aliases can stand for more data than fits.
    if (sharesValues) checkAliasExpansion(text, events);
    const documents = constructFromEvents(events, {
      source: text,
      json: true,
      schema: YAML_SCHEMA,
      maxAliases: MAX_YAML_ALIASES,
      // Bounded already by the alias check; js-yaml's own default (10,000 keys) is below what big specs merge.
      maxTotalMergeKeys: MAX_ALIAS_EXPANSION,
    });
    if (documents.length === 0) throw new SyntaxProblem('The file is empty.', 0, 0);
    if (documents.length > 1) {
      throw new SyntaxProblem('The file holds several YAML documents; an API description is one.', 0, 0);
    }
    // Positions come from the parser's events. The root document nearly always has findings, and indexing its
    // events now costs a fraction of parsing it again; a referenced file is parsed again only if it has findings.
    return parsedYaml(
      text,
      documents[0],
      sharesValues,
      true,
      eagerPositions ? indexYamlPositions(text, events) : undefined,
    );
  } catch (error) {
    if (error instanceof SyntaxProblem) throw error;
    if (error instanceof YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new SyntaxProblem(`YAML syntax: ${error.reason}`, mark?.line ?? 0, mark?.column ?? 0);
    }
    if (error instanceof RangeError) {
      throw new SyntaxProblem(`The YAML is nested too deeply to parse (${error.message}).`, 0, 0);
    }
    throw error;
  }
}
