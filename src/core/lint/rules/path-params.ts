import { OPERATIONS_PATH, type Rule, type RuleContext, type RuleTarget } from '../types.js';
import { isObject } from './support/values.js';

/** `{name}`, `{name*}` and the RFC 6570 `{;name}`/`{?name}` forms some specs use in path templates. */
const TEMPLATE_VARIABLE = /(\{;?\??[a-zA-Z0-9_-]+\*?\})/g;

interface DeclaredParameter {
  name: string;
  /** The node holding the `parameters` list and the index in it. */
  owner: RuleTarget;
  index: number;
}

interface PathState {
  /** Path item level parameters of each path key. */
  pathLevel: Map<string, DeclaredParameter[]>;
  operations: { pathKey: string; target: RuleTarget; parameters: DeclaredParameter[] }[];
}

/** Spectral `path-params`: path templates and path parameters agree. */
export const pathParams: Rule<PathState> = {
  id: 'path-params',
  description: 'Path parameters must be defined and valid.',
  severity: 'error',
  family: 'oas',
  preset: 'recommended',
  given: ['$.paths', '$.paths[*]', OPERATIONS_PATH],
  documentation: {
    rationale:
      'A template variable without a parameter cannot be filled in, a path parameter the template does not use is never sent, and `/a/{x}` and `/a/{y}` are one route to every server.',
    good: 'paths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        - { name: orderId, in: path, required: true, schema: { type: string } }',
    bad: 'paths:\n  /orders/{orderId}:\n    get:\n      parameters:\n        - { name: id, in: path, schema: { type: string } }',
  },
  createState: () => ({ pathLevel: new Map(), operations: [] }),
  check(target, context) {
    const depth = target.path.length;
    if (depth === 1) checkPathKeys(target, context);
    else if (depth === 2 && typeof target.key === 'string') {
      context.state.pathLevel.set(target.key, declaredParameters(target, context));
    } else if (depth === 3) {
      const pathKey = target.path[1];
      if (typeof pathKey === 'string') {
        context.state.operations.push({ pathKey, target, parameters: declaredParameters(target, context) });
      }
    }
  },
  finish(context) {
    for (const { pathKey, target, parameters } of context.state.operations) {
      const expected = new Set(templateVariables(pathKey));
      const defined = new Map<string, DeclaredParameter>();
      for (const parameter of context.state.pathLevel.get(pathKey) ?? [])
        defined.set(parameter.name, parameter);
      for (const parameter of parameters) defined.set(parameter.name, parameter);
      for (const [name, parameter] of defined) {
        if (!expected.has(name)) {
          context.report({
            message: `Parameter "${name}" must be used in path "${pathKey}".`,
            target: parameter.owner,
            path: ['parameters', parameter.index],
          });
        }
      }
      for (const name of expected) {
        if (!defined.has(name)) {
          context.report({
            message: `Operation must define parameter "{${name}}" as expected by path "${pathKey}".`,
            target,
          });
        }
      }
    }
  },
};

function templateVariables(pathKey: string): string[] {
  const names: string[] = [];
  for (const match of pathKey.matchAll(TEMPLATE_VARIABLE)) names.push(match[0].replace(/[{}?*;]/g, ''));
  return names;
}

/** Equivalent templates and repeated variables: a property of the path keys alone. */
function checkPathKeys(target: RuleTarget, context: RuleContext<PathState>): void {
  const paths = target.value;
  if (!isObject(paths)) return;
  const normalized = new Map<string, string>();
  for (const pathKey of Object.keys(paths)) {
    if (!isObject(context.resolve(paths[pathKey]))) continue;
    const shape = pathKey.replace(TEMPLATE_VARIABLE, '%');
    const earlier = normalized.get(shape);
    if (earlier !== undefined) {
      context.report({
        message: `Paths "${earlier}" and "${pathKey}" must not be equivalent.`,
        path: [pathKey],
      });
    } else {
      normalized.set(shape, pathKey);
    }
    const seen = new Set<string>();
    for (const name of templateVariables(pathKey)) {
      if (seen.has(name)) {
        context.report({
          message: `Path "${pathKey}" must not use parameter "{${name}}" multiple times.`,
          path: [pathKey],
        });
      }
      seen.add(name);
    }
  }
}

/**
 * The path parameters a path item or an operation declares, reporting those that are not required or are
 * declared twice in the same list. The first declaration of a name wins, as in Spectral.
 */
function declaredParameters(owner: RuleTarget, context: RuleContext<PathState>): DeclaredParameter[] {
  if (!isObject(owner.value)) return [];
  const list = context.resolve(owner.value.parameters);
  if (!Array.isArray(list)) return [];
  const declared: DeclaredParameter[] = [];
  const names = new Set<string>();
  list.forEach((item, index) => {
    const parameter = context.resolve(item);
    if (!isObject(parameter) || parameter.in !== 'path' || parameter.name === undefined) return;
    const name = String(parameter.name);
    if (parameter.required !== true) {
      context.report({
        message: `Path parameter "${name}" must have "required" property that is set to "true".`,
        path: ['parameters', index],
      });
    }
    if (names.has(name)) {
      context.report({
        message: `Path parameter "${name}" must not be defined multiple times.`,
        path: ['parameters', index],
      });
      return;
    }
    names.add(name);
    declared.push({ name, owner, index });
  });
  return declared;
}
