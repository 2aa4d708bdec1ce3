import { CORE_FUNCTIONS } from '../functions/index.js';
import { PathAutomaton, type StateSet } from '../jsonpath/automaton.js';
import type { FilterScope } from '../jsonpath/filter-expression.js';
import { parsePath } from '../jsonpath/parse-path.js';
import type { JsonPath, Rule, RuleTarget, SeverityName, SpecFormat } from '../types.js';

/** One `then` of a Spectral rule, its function looked up and its options checked. */
interface CompiledThen {
  field: string | undefined;
  functionName: string;
  options: unknown;
}

/** A rule as written in a Spectral ruleset. */
export interface SpectralRuleDefinition {
  description?: string;
  message?: string;
  severity?: unknown;
  recommended?: boolean;
  given: string | string[];
  resolved?: boolean;
  formats?: string[];
  documentationUrl?: string;
  then: SpectralThen | SpectralThen[];
}

export interface SpectralThen {
  field?: string;
  function: string;
  functionOptions?: unknown;
}

/** A Spectral ruleset rule that msctl cannot run; the message says which and why. */
export class RuleDefinitionError extends Error {
  override readonly name = 'RuleDefinitionError';
}

const KNOWN_FORMATS = new Set<SpecFormat>(['oas2', 'oas3', 'oas3_0', 'oas3_1']);
const FORMAT_ALIASES: Readonly<Record<string, SpecFormat>> = { 'oas3.0': 'oas3_0', 'oas3.1': 'oas3_1' };

/** The formats of a ruleset or rule, in Spectral's spelling; formats msctl does not lint (AsyncAPI) are rejected. */
export function parseFormats(formats: unknown, where: string): SpecFormat[] | undefined {
  if (formats === undefined) return undefined;
  if (!Array.isArray(formats)) throw new RuleDefinitionError(`${where}: "formats" must be a list`);
  return formats.map((format) => {
    const name = FORMAT_ALIASES[String(format)] ?? String(format);
    if (!KNOWN_FORMATS.has(name as SpecFormat)) {
      throw new RuleDefinitionError(
        `${where}: format "${String(format)}" is not one msctl lints (oas2, oas3, oas3_0, oas3_1)`,
      );
    }
    return name as SpecFormat;
  });
}

/** Turns a Spectral rule definition into an engine rule that applies the core functions it names. */
export function compileSpectralRule(
  id: string,
  definition: SpectralRuleDefinition,
  severity: SeverityName,
  defaults: { formats?: SpecFormat[]; aliases?: ReadonlyMap<string, string[]> },
): Rule {
  const where = `rule "${id}"`;
  const thens = (Array.isArray(definition.then) ? definition.then : [definition.then]).map((then) =>
    compileThen(then, where),
  );
  const givens = (Array.isArray(definition.given) ? definition.given : [definition.given]).flatMap((given) =>
    expandAliases(String(given), defaults.aliases ?? new Map(), where),
  );
  for (const given of givens) {
    try {
      parsePath(given);
    } catch (error) {
      throw new RuleDefinitionError(`${where}: ${(error as Error).message}`);
    }
  }
  const description = definition.description ?? id;
  const messageTemplate = definition.message;
  const rule: Rule = {
    id,
    description,
    severity,
    family: 'governance',
    preset: 'recommended',
    given: givens,
    documentation: { rationale: description },
    check(target, context) {
      for (const then of thens) {
        const coreFunction = CORE_FUNCTIONS[then.functionName];
        if (!coreFunction) continue;
        for (const field of fieldTargets(target, then.field)) {
          const results = coreFunction.run(field.value, then.options, {
            path: [...target.path, ...field.path],
            property: field.property,
          });
          for (const result of results ?? []) {
            const path = [...field.path, ...(result.path ?? [])];
            const message = messageTemplate
              ? renderMessage(messageTemplate, {
                  error: result.message,
                  description,
                  property: field.property,
                  path: [...target.path, ...path],
                  value: field.value,
                })
              : result.message;
            context.report({ message, path });
          }
        }
      }
    },
  };
  const formats = parseFormats(definition.formats, where) ?? defaults.formats;
  if (formats) rule.formats = formats;
  if (definition.resolved === false) rule.resolved = false;
  return rule;
}

function compileThen(then: SpectralThen, where: string): CompiledThen {
  if (typeof then !== 'object' || then === null || typeof then.function !== 'string') {
    throw new RuleDefinitionError(`${where}: every "then" needs a "function"`);
  }
  const coreFunction = CORE_FUNCTIONS[then.function];
  if (!coreFunction) {
    throw new RuleDefinitionError(
      `${where}: function "${then.function}" is not one of Spectral's core functions (${Object.keys(CORE_FUNCTIONS).join(', ')}); custom JavaScript functions are not supported`,
    );
  }
  try {
    coreFunction.validateOptions?.(then.functionOptions);
  } catch (error) {
    throw new RuleDefinitionError(`${where}: ${(error as Error).message}`);
  }
  return { field: then.field, functionName: then.function, options: then.functionOptions };
}

/** Spectral `aliases`: `#Name.rest` stands for each of the alias's paths followed by `.rest`. */
function expandAliases(given: string, aliases: ReadonlyMap<string, string[]>, where: string): string[] {
  if (!given.startsWith('#')) return [given];
  const match = /^#([A-Za-z0-9_-]+)(.*)$/.exec(given);
  const targets = match ? aliases.get(match[1] as string) : undefined;
  if (!match || !targets) throw new RuleDefinitionError(`${where}: unknown alias in given "${given}"`);
  return targets.flatMap((target) => expandAliases(`${target}${match[2]}`, aliases, where));
}

interface FieldTarget {
  value: unknown;
  path: JsonPath;
  property: string | number | undefined;
}

/** The values `then.field` names in a target: its keys (`@key`), a dotted path (`a.b[0]`), or a JSONPath below it. */
function fieldTargets(target: RuleTarget, field: string | undefined): FieldTarget[] {
  // As in Spectral, a field only means something on an object; anything else is checked whole.
  const value = target.value;
  if (field === undefined || typeof value !== 'object' || value === null) {
    return [{ value, path: [], property: target.key }];
  }
  if (field === '@key') return Object.keys(value).map((key) => ({ value: key, path: [key], property: key }));
  if (field.startsWith('$')) return selectBelow(value, field);
  const path = toPath(field);
  let selected: unknown = value;
  for (const segment of path) {
    selected =
      typeof selected === 'object' && selected !== null
        ? (selected as Record<string, unknown>)[segment]
        : undefined;
  }
  return [{ value: selected, path, property: path.at(-1) }];
}

/** `a.b[0]['c.d']` -> `['a', 'b', '0', 'c.d']`, as lodash's `toPath` (which Spectral uses) reads it. */
export function toPath(field: string): string[] {
  const segments: string[] = [];
  const pattern = /\[(?:'([^']*)'|"([^"]*)"|([^\]]*))\]|([^.[\]]+)/g;
  for (const match of field.matchAll(pattern)) {
    segments.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return segments;
}

const fieldAutomata = new Map<string, PathAutomaton>();

function selectBelow(root: unknown, field: string): FieldTarget[] {
  let automaton = fieldAutomata.get(field);
  if (!automaton) {
    automaton = new PathAutomaton([parsePath(field)]);
    fieldAutomata.set(field, automaton);
  }
  const results: FieldTarget[] = [];
  const stack: { value: unknown; path: (string | number)[]; states: StateSet }[] = [
    { value: root, path: [], states: automaton.initial },
  ];
  while (stack.length > 0) {
    const { value, path, states } = stack.pop() as (typeof stack)[number];
    if (states.matches.length > 0) results.push({ value, path, property: path.at(-1) });
    if (states.isEmpty || typeof value !== 'object' || value === null) continue;
    for (const key of Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value)) {
      const child = (value as Record<string | number, unknown>)[key];
      const scope: FilterScope = {
        value: child,
        key,
        parent: value,
        parentKey: path.at(-1),
        root,
        path: () => [...path, key],
      };
      const next = automaton.next(states, key, scope);
      if (!next.isDead) stack.push({ value: child, path: [...path, key], states: next });
    }
  }
  return results.reverse();
}

/** Spectral message placeholders: `{{error}}`, `{{description}}`, `{{property}}`, `{{path}}`, `{{value}}`. */
function renderMessage(
  template: string,
  values: { error: string; description: string; property: unknown; path: JsonPath; value: unknown },
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    switch (name) {
      case 'error':
        return values.error;
      case 'description':
        return values.description;
      case 'property':
        return values.property === undefined ? '' : String(values.property);
      case 'path':
        return values.path.join('.');
      case 'value':
        return typeof values.value === 'object' ? JSON.stringify(values.value) : String(values.value);
      default:
        return whole;
    }
  });
}
