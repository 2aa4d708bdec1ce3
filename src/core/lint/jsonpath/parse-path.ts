import { compileFilter, type FilterPredicate, JsonPathSyntaxError } from './filter-expression.js';

/** One step of a compiled JSONPath. */
export type PathStep =
  | { type: 'descendant' }
  | {
      type: 'child';
      /** Property names (and array indexes as strings) this step accepts; undefined for any. */
      names: ReadonlySet<string> | undefined;
      filter: FilterPredicate | undefined;
    };

export interface ParsedPath {
  source: string;
  steps: PathStep[];
  /** A trailing `~`: the match is the property name, not the value. */
  selectsKey: boolean;
}

const ANY: PathStep = { type: 'child', names: undefined, filter: undefined };

/**
 * Parses the JSONPath dialect of Spectral rulesets: `$`, `.name`, `['name']`, `[*]`, `.*`, `..`, `[0]`,
 * unions (`[get,put]`, `['a','b']`), filters (`[?(@.in == 'query')]`) and a trailing `~`.
 */
export function parsePath(source: string): ParsedPath {
  const text = source.trim();
  if (!text.startsWith('$')) throw new JsonPathSyntaxError(`JSONPath '${source}' must start with '$'.`);
  const steps: PathStep[] = [];
  let selectsKey = false;
  let offset = 1;
  while (offset < text.length) {
    const character = text[offset];
    if (character === '~' && offset === text.length - 1) {
      selectsKey = true;
      offset++;
    } else if (text.startsWith('..', offset)) {
      steps.push({ type: 'descendant' });
      offset += 2;
      if (text[offset] !== '[') offset = readDotName(text, offset, steps);
    } else if (character === '.') {
      offset = readDotName(text, offset + 1, steps);
    } else if (character === '[') {
      offset = readBracket(text, offset, steps);
    } else {
      throw new JsonPathSyntaxError(`JSONPath '${source}': unexpected '${character}' at ${offset}.`);
    }
  }
  return { source, steps, selectsKey };
}

function readDotName(text: string, start: number, steps: PathStep[]): number {
  let end = start;
  while (
    end < text.length &&
    text[end] !== '.' &&
    text[end] !== '[' &&
    !(text[end] === '~' && end === text.length - 1)
  ) {
    end++;
  }
  const name = text.slice(start, end);
  if (name === '') throw new JsonPathSyntaxError(`JSONPath '${text}': empty name at ${start}.`);
  steps.push(name === '*' ? ANY : { type: 'child', names: new Set([name]), filter: undefined });
  return end;
}

function readBracket(text: string, start: number, steps: PathStep[]): number {
  if (text.startsWith('[?(', start)) {
    const close = findFilterEnd(text, start + 3);
    steps.push({ type: 'child', names: undefined, filter: compileFilter(text.slice(start + 3, close)) });
    return close + 2;
  }
  const items: string[] = [];
  let offset = start + 1;
  let current = '';
  while (offset < text.length && text[offset] !== ']') {
    const character = text[offset] as string;
    if (character === "'" || character === '"') {
      const end = findQuoteEnd(text, offset);
      current += unquote(text.slice(offset, end + 1));
      offset = end + 1;
    } else if (character === ',') {
      items.push(current.trim());
      current = '';
      offset++;
    } else {
      current += character;
      offset++;
    }
  }
  if (offset >= text.length) throw new JsonPathSyntaxError(`JSONPath '${text}': unclosed '['.`);
  items.push(current.trim());
  if (items.length === 1 && items[0] === '*') {
    steps.push(ANY);
  } else {
    for (const item of items) {
      if (/^-?\d*:-?\d*(:-?\d*)?$/.test(item)) {
        throw new JsonPathSyntaxError(`JSONPath '${text}': array slices are not supported.`);
      }
    }
    steps.push({ type: 'child', names: new Set(items), filter: undefined });
  }
  return offset + 1;
}

/** The offset of the `)` that closes a filter opened just before `start`, skipping strings and regexes. */
function findFilterEnd(text: string, start: number): number {
  let depth = 1;
  for (let offset = start; offset < text.length; offset++) {
    const character = text[offset];
    if (character === "'" || character === '"') offset = findQuoteEnd(text, offset);
    else if (character === '(') depth++;
    else if (character === ')' && --depth === 0) {
      if (text[offset + 1] !== ']') break;
      return offset;
    }
  }
  throw new JsonPathSyntaxError(`JSONPath '${text}': unclosed filter '[?('.`);
}

function findQuoteEnd(text: string, start: number): number {
  const quote = text[start];
  for (let offset = start + 1; offset < text.length; offset++) {
    if (text[offset] === '\\') offset++;
    else if (text[offset] === quote) return offset;
  }
  throw new JsonPathSyntaxError(`JSONPath '${text}': unclosed quote.`);
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
}
