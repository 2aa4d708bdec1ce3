import regexPlugin from '@jsep-plugin/regex';
import jsep, { type Expression } from 'jsep';
import type { JsonPath } from '../types.js';

jsep.plugins.register(regexPlugin);
jsep.addIdentifierChar('@');

/** What a filter expression can see of the node it tests. */
export interface FilterScope {
  value: unknown;
  key: string | number | undefined;
  parent: unknown;
  parentKey: string | number | undefined;
  root: unknown;
  path: () => JsonPath;
}

export type FilterPredicate = (scope: FilterScope) => boolean;

/** Thrown for a JSONPath a ruleset cannot use; the message names what is wrong. */
export class JsonPathSyntaxError extends Error {
  override readonly name = 'JsonPathSyntaxError';
}

const STRING_METHODS = new Set([
  'match',
  'test',
  'startsWith',
  'endsWith',
  'includes',
  'indexOf',
  'toLowerCase',
  'toUpperCase',
  'trim',
]);
const FORBIDDEN_PROPERTIES = new Set(['constructor', '__proto__', 'prototype']);

/**
 * Compiles a Spectral filter expression (`@.in == 'query'`, `@property.match(/^x-/)`, `@ && @.enum`) into a
 * predicate. The expression is parsed by jsep and evaluated by a small interpreter over plain data: member access,
 * comparisons, logic, literals, regexes and a few string methods; never `eval`, never prototypes.
 */
export function compileFilter(source: string): FilterPredicate {
  let tree: Expression;
  try {
    tree = jsep(source);
  } catch (error) {
    throw new JsonPathSyntaxError(`cannot parse filter '${source}': ${(error as Error).message}`);
  }
  return (scope) => {
    try {
      return Boolean(evaluate(tree, scope));
    } catch {
      // As in Spectral: a filter that fails on a node (e.g. a property of undefined) does not select it.
      return false;
    }
  };
}

function evaluate(node: Expression, scope: FilterScope): unknown {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'Identifier':
      return identifier(node.name as string, scope);
    case 'MemberExpression': {
      const object = evaluate(node.object as Expression, scope);
      const property = node.computed
        ? evaluate(node.property as Expression, scope)
        : (node.property as Expression).name;
      return member(object, property);
    }
    case 'UnaryExpression': {
      const argument = evaluate(node.argument as Expression, scope);
      if (node.operator === '!') return !argument;
      if (node.operator === '-') return -(argument as number);
      if (node.operator === '+') return +(argument as number);
      throw new Error(`operator ${String(node.operator)}`);
    }
    case 'BinaryExpression':
      return binary(node, scope);
    case 'ArrayExpression':
      return (node.elements as Expression[]).map((element) => evaluate(element, scope));
    case 'ConditionalExpression':
      return evaluate(node.test as Expression, scope)
        ? evaluate(node.consequent as Expression, scope)
        : evaluate(node.alternate as Expression, scope);
    case 'CallExpression':
      return call(node, scope);
    default:
      throw new Error(`unsupported ${node.type}`);
  }
}

function identifier(name: string, scope: FilterScope): unknown {
  switch (name) {
    case '@':
      return scope.value;
    case '@property':
      return scope.key;
    case '@parent':
      return scope.parent;
    case '@parentProperty':
      return scope.parentKey;
    case '@root':
      return scope.root;
    case '@path':
      return scope.path().join('.');
    case 'undefined':
      return undefined;
    default:
      throw new Error(`unknown identifier ${name}`);
  }
}

function member(object: unknown, property: unknown): unknown {
  if (object === null || object === undefined) return undefined;
  const name = String(property);
  if (FORBIDDEN_PROPERTIES.has(name)) return undefined;
  if (name === 'length' && (typeof object === 'string' || Array.isArray(object))) return object.length;
  if (typeof object !== 'object' || !Object.hasOwn(object, name)) return undefined;
  return (object as Record<string, unknown>)[name];
}

function binary(node: Expression, scope: FilterScope): unknown {
  const operator = node.operator as string;
  const left = evaluate(node.left as Expression, scope);
  if (operator === '&&') return left && evaluate(node.right as Expression, scope);
  if (operator === '||') return left || evaluate(node.right as Expression, scope);
  const right = evaluate(node.right as Expression, scope);
  switch (operator) {
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: Spectral rulesets rely on JavaScript's loose equality
      return left == right;
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: as above
      return left != right;
    case '===':
      return left === right;
    case '!==':
      return left !== right;
    case '<':
      return (left as number) < (right as number);
    case '<=':
      return (left as number) <= (right as number);
    case '>':
      return (left as number) > (right as number);
    case '>=':
      return (left as number) >= (right as number);
    case '+':
      return (left as number) + (right as number);
    case '-':
      return (left as number) - (right as number);
    case 'in':
      return typeof right === 'object' && right !== null && Object.hasOwn(right, String(left));
    default:
      throw new Error(`operator ${operator}`);
  }
}

function call(node: Expression, scope: FilterScope): unknown {
  const callee = node.callee as Expression;
  const argumentsList = (node.arguments as Expression[]).map((argument) => evaluate(argument, scope));
  if (callee.type !== 'MemberExpression' || callee.computed) throw new Error('unsupported call');
  const method = (callee.property as Expression).name as string;
  const object = callee.object as Expression;
  if (object.type === 'Identifier' && object.name === 'Array' && method === 'isArray') {
    return Array.isArray(argumentsList[0]);
  }
  const target = evaluate(object, scope);
  if (target instanceof RegExp && method === 'test') return target.test(String(argumentsList[0]));
  if (Array.isArray(target) && (method === 'includes' || method === 'indexOf')) {
    return method === 'includes' ? target.includes(argumentsList[0]) : target.indexOf(argumentsList[0]);
  }
  if (typeof target === 'string' && STRING_METHODS.has(method) && method !== 'test') {
    const bound = (target as unknown as Record<string, (...values: unknown[]) => unknown>)[method];
    return bound?.apply(target, argumentsList);
  }
  throw new Error(`unsupported method ${method}`);
}
