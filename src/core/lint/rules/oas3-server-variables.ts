import { OPERATIONS_PATH, type Rule, type RuleContext } from '../types.js';
import { isObject } from './support/values.js';

const VARIABLE_FIELDS = new Set(['enum', 'default', 'description', 'examples']);
const MAX_INVALID_URLS = 5;
/** Enum products can be astronomically large; a hostile spec must not make the rule run for ever. */
const MAX_COMBINATIONS = 10_000;
/** Substitution recurses once per variable; no real URL has this many, a hostile one must not exhaust the stack. */
const MAX_SUBSTITUTED_VARIABLES = 64;

/** Spectral `oas3-server-variables`: a server URL's variables are declared, used, and give valid URLs. */
export const oas3ServerVariables: Rule = {
  id: 'oas3-server-variables',
  description: 'Server variables must be defined and valid and there must be no unused variables.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  given: [
    '$.servers[*]',
    '$.paths[*].servers[*]',
    `${OPERATIONS_PATH}.servers[*]`,
    '$.components.links[*].server',
    `${OPERATIONS_PATH}.responses[*].links[*].server`,
    '$.components.responses[*].links[*].server',
  ],
  documentation: {
    rationale:
      'A `{variable}` without a declaration cannot be filled in, a declared variable the URL does not use is noise, and every combination of values must still be a URL.',
    divergence:
      'So that a hostile document costs bounded work, at most 10,000 combinations of variable values are tried, and the URLs of a server with more than 64 variables are not substituted at all.',
    good: 'servers:\n  - url: https://{region}.api.example.com\n    variables:\n      region:\n        default: eu\n        enum: [eu, us]',
    bad: 'servers:\n  - url: https://{region}.api.example.com',
  },
  check(target, context) {
    const server = target.value;
    if (!isValidServer(server)) {
      context.report({ message: 'Invalid Server Object' });
      return;
    }
    checkServer(server, context);
  },
};

interface ServerVariable {
  enum?: string[];
  default?: string;
}
interface Server {
  url: string;
  variables?: Record<string, ServerVariable>;
}

/** The shape Spectral requires before it looks at the variables; anything else is "Invalid Server Object". */
function isValidServer(value: unknown): value is Server {
  if (!isObject(value) || typeof value.url !== 'string') return false;
  if (value.variables === undefined) return true;
  if (!isObject(value.variables)) return false;
  return Object.values(value.variables).every(
    (variable) =>
      isObject(variable) &&
      Object.keys(variable).every((key) => VARIABLE_FIELDS.has(key) || key.startsWith('x-')) &&
      (variable.enum === undefined ||
        (Array.isArray(variable.enum) && variable.enum.every((item) => typeof item === 'string'))) &&
      (variable.default === undefined || typeof variable.default === 'string') &&
      (variable.description === undefined || typeof variable.description === 'string') &&
      (variable.examples === undefined || typeof variable.examples === 'string'),
  );
}

function checkServer(server: Server, context: RuleContext): void {
  const used = urlVariables(server.url);
  const declared = server.variables === undefined ? [] : Object.keys(server.variables);
  // Sets: a hostile URL may have thousands of variables, and list lookups would make this quadratic.
  const usedNames = new Set(used);
  const declaredNames = new Set(declared);
  for (const name of declared) {
    if (!usedNames.has(name)) {
      context.report({
        message: `Server's "variables" object has unused defined "${name}" url variable.`,
        path: ['variables', name],
      });
    }
  }
  if (used.length === 0) return;
  const missing = used.filter((name) => !declaredNames.has(name));
  if (missing.length > 0) {
    context.report({
      message: `Not all server's variables are described with "variables" object. Missed: ${missing.join(', ')}.`,
      path: ['variables'],
    });
  }
  if (server.variables === undefined) return;
  const substitutions: [string, string[]][] = [];
  for (const name of declared) {
    if (!usedNames.has(name)) continue;
    const variable = server.variables[name] as ServerVariable;
    if (variable.enum !== undefined) {
      substitutions.push([name, variable.enum]);
      if (variable.default !== undefined && !variable.enum.includes(variable.default)) {
        context.report({
          message: `Server Variable "${name}" has a default not listed in the enum.`,
          path: ['variables', name, 'default'],
        });
      }
    } else {
      substitutions.push([name, variable.default !== undefined ? [variable.default] : []]);
    }
    if (variable.default === undefined) {
      context.report({
        message: `Server Variable "${name}" has a missing default.`,
        path: ['variables', name],
      });
    }
  }
  checkSubstitutions(server.url, substitutions, context);
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * The names in `{...}` in a URL, as Spectral's `/{(.+?)}/g` finds them (at least one character, no line break, up
 * to the first `}`), in linear time: that regex takes quadratic time on a hostile URL of many `{` and no `}`.
 */
function urlVariables(url: string): string[] {
  const names: string[] = [];
  let close = 0;
  let lineBreak = -1;
  for (let open = url.indexOf('{'); open !== -1; ) {
    // Both searches only move forward, so the whole scan is linear.
    if (close < open + 2) close = url.indexOf('}', open + 2);
    if (close === -1) break;
    if (lineBreak !== -1 && lineBreak <= open) lineBreak = -1;
    if (lineBreak === -1) {
      const found = url.slice(open + 1).search(LINE_TERMINATOR);
      lineBreak = found === -1 ? url.length : open + 1 + found;
    }
    if (lineBreak < close) {
      open = url.indexOf('{', open + 1);
      continue;
    }
    names.push(url.slice(open + 1, close));
    open = url.indexOf('{', close + 1);
  }
  return names;
}

/** Every combination of enum values must make a URL; stops at the fifth that does not. */
function checkSubstitutions(url: string, substitutions: [string, string[]][], context: RuleContext): void {
  if (substitutions.length === 0 || substitutions.length > MAX_SUBSTITUTED_VARIABLES) return;
  const invalid: string[] = [];
  let tried = 0;
  const visit = (current: string, index: number): boolean => {
    const [name, values] = substitutions[index] as [string, string[]];
    const placeholder = new RegExp(`\\{${name.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&')}\\}`, 'g');
    for (const value of values) {
      const substituted = current.replace(placeholder, encodeURI(value));
      if (index < substitutions.length - 1) {
        if (visit(substituted, index + 1)) return true;
      } else if (++tried > MAX_COMBINATIONS) {
        return true;
      } else if (!URL.canParse(substituted)) {
        invalid.push(substituted);
        if (invalid.length === MAX_INVALID_URLS) return true;
      }
    }
    return false;
  };
  visit(url, 0);
  if (invalid.length === MAX_INVALID_URLS) {
    context.report({
      message: `At least 5 substitutions of server variables resulted in invalid URLs: ${invalid.join(', ')} and more`,
      path: ['variables'],
    });
  } else if (invalid.length > 0) {
    context.report({
      message: `A few substitutions of server variables resulted in invalid URLs: ${invalid.join(', ')}`,
      path: ['variables'],
    });
  }
}
