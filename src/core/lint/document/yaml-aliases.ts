import {
  EVENT_ALIAS,
  EVENT_DOCUMENT,
  EVENT_MAPPING,
  EVENT_POP,
  EVENT_SCALAR,
  EVENT_SEQUENCE,
  type Event,
  load,
  parseEvents,
} from 'js-yaml';

/**
 * How many nodes YAML aliases may add to a document when they are read as copies. js-yaml shares an aliased value
 * rather than copying it, but a rule that walks a value (a schema check, example validation, a serialisation) walks
 * every copy: nine aliases of nine aliases of ... expand exponentially (16 levels of 584 bytes: 10^15 nodes).
 * Honest use (shared responses, parameters) adds thousands; at this limit the slowest rule takes about a second.
 */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/** A document refused for what its aliases would make of it, wherever it is read from: never linted in part. */
export class AliasExpansionProblem extends Error {
  override readonly name = 'AliasExpansionProblem';
  constructor(
    message: string,
    readonly hint: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** An anchor whose node is still open: an alias to it would make the data contain itself. */
const OPEN = -1;

/**
 * Refuses a YAML event stream whose aliases, read as copies, would add more than `MAX_ALIAS_EXPANSION` nodes or an
 * infinite number (an alias inside the node it names). Linear in the events: each anchored node's expanded size is
 * known when it closes, and an alias adds the size of its anchor.
 */
export function checkAliasExpansion(text: string, events: readonly Event[]): void {
  const sizes = new Map<string, number>();
  // The expanded size so far of each open collection (and document), and its anchor ('' when it has none).
  const openSizes: number[] = [];
  const openAnchors: string[] = [];
  let added = 0;
  for (let position = 0; position < events.length; position++) {
    const event = events[position] as Event;
    let size = 0;
    if (event.type === EVENT_SCALAR) {
      if (event.anchorStart >= 0) sizes.set(text.slice(event.anchorStart, event.anchorEnd), 1);
      size = 1;
    } else if (event.type === EVENT_MAPPING || event.type === EVENT_SEQUENCE) {
      const anchor = event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : '';
      if (anchor !== '') sizes.set(anchor, OPEN);
      openSizes.push(1);
      openAnchors.push(anchor);
    } else if (event.type === EVENT_DOCUMENT) {
      openSizes.push(0);
      openAnchors.push('');
    } else if (event.type === EVENT_POP) {
      size = openSizes.pop() ?? 0;
      const anchor = openAnchors.pop();
      if (anchor) sizes.set(anchor, size);
    } else if (event.type === EVENT_ALIAS) {
      const name = text.slice(event.anchorStart, event.anchorEnd);
      // An unknown anchor is js-yaml's error to report, with its own message.
      size = sizes.get(name) ?? 1;
      if (size === OPEN) throw circularAlias(name, event.anchorStart - 1);
      added += size;
      if (added > MAX_ALIAS_EXPANSION) throw expandingAlias(name, event.anchorStart - 1);
    }
    const last = openSizes.length - 1;
    if (size > 0 && last >= 0) openSizes[last] = (openSizes[last] as number) + size;
  }
}

/**
 * js-yaml's `load`, for small files that are not API descriptions (rulesets), after the same alias check: an error
 * whose message names the alias and its line and column, for the caller to prefix with the file.
 */
export function loadYamlWithinLimits(text: string): unknown {
  try {
    checkAliasExpansion(text, parseEvents(text, {}));
  } catch (error) {
    if (!(error instanceof AliasExpansionProblem)) throw error;
    const before = text.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = error.offset - before.lastIndexOf('\n');
    throw new Error(`line ${line}, column ${column}: ${error.message}`);
  }
  return load(text);
}

function circularAlias(name: string, offset: number): AliasExpansionProblem {
  return new AliasExpansionProblem(
    `The YAML alias *${name} is inside the node it names: read as a copy, the document would be infinite.`,
    'Write a recursive schema with a $ref to it instead of an alias; msctl lint refuses data that contains itself.',
    offset,
  );
}

function expandingAlias(name: string, offset: number): AliasExpansionProblem {
  return new AliasExpansionProblem(
    `The YAML alias *${name} takes the document past ${withCommas(MAX_ALIAS_EXPANSION)} nodes read as copies ` +
      '(aliases of aliases multiply: a YAML alias bomb); msctl lint refuses it rather than run out of time or memory.',
    'Write the shared values once and use $ref to them, or fewer nested aliases.',
    offset,
  );
}

function withCommas(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
