import { describe, expect, it } from 'vitest';
import { CORE_FUNCTIONS } from '../../src/core/lint/functions/index.js';

const context = { path: ['info', 'title'], property: 'title' };

function run(name: string, value: unknown, options?: unknown) {
  const coreFunction = CORE_FUNCTIONS[name];
  if (!coreFunction) throw new Error(name);
  coreFunction.validateOptions?.(options);
  return (coreFunction.run(value, options, context) ?? []).map((result) => result.message);
}

describe('core functions', () => {
  it('truthy, falsy, defined, undefined', () => {
    expect(run('truthy', 'x')).toEqual([]);
    expect(run('truthy', '')).toEqual(['"title" property must be truthy']);
    expect(run('falsy', 0)).toEqual([]);
    expect(run('falsy', 'x')).toEqual(['"title" property must be falsy']);
    expect(run('defined', null)).toEqual([]);
    expect(run('defined', undefined)).toEqual(['"title" property must be defined']);
    expect(run('undefined', undefined)).toEqual([]);
    expect(run('undefined', 1)).toEqual(['"title" property must be undefined']);
  });

  it('pattern with match, notMatch and /regex/flags', () => {
    expect(run('pattern', 'Orders', { match: '^[A-Z]' })).toEqual([]);
    expect(run('pattern', 'orders', { match: '/^[A-Z]/' })).toEqual([
      '"title" property must match the pattern "/^[A-Z]/"',
    ]);
    expect(run('pattern', 'ORDERS', { match: '/^orders$/i' })).toEqual([]);
    expect(run('pattern', '/a/', { notMatch: '.+\\/$' })).toEqual([
      '"title" property must not match the pattern ".+\\/$"',
    ]);
    expect(() => run('pattern', 'x', {})).toThrow(/match/);
  });

  it('casing of every type, with digits and separators', () => {
    expect(run('casing', 'listOrders', { type: 'camel' })).toEqual([]);
    expect(run('casing', 'ListOrders', { type: 'camel' })).toEqual(['"title" property must be camel case']);
    expect(run('casing', 'ListOrders', { type: 'pascal' })).toEqual([]);
    expect(run('casing', 'list-orders', { type: 'kebab' })).toEqual([]);
    expect(run('casing', 'list_orders', { type: 'kebab' })).toHaveLength(1);
    expect(run('casing', 'LIST-ORDERS', { type: 'cobol' })).toEqual([]);
    expect(run('casing', 'list_orders', { type: 'snake' })).toEqual([]);
    expect(run('casing', 'LIST_ORDERS', { type: 'macro' })).toEqual([]);
    expect(run('casing', 'listorders', { type: 'flat' })).toEqual([]);
    expect(run('casing', 'v2orders', { type: 'flat', disallowDigits: true })).toHaveLength(1);
    expect(
      run('casing', '/orders/by-id', { type: 'kebab', separator: { char: '/', allowLeading: true } }),
    ).toEqual([]);
    expect(() => run('casing', 'x', { type: 'sponge' })).toThrow(/camel/);
  });

  it('enumeration and length', () => {
    expect(run('enumeration', 'query', { values: ['query', 'header'] })).toEqual([]);
    expect(run('enumeration', 'body', { values: ['query', 'header'] })).toEqual([
      '"title" property must be equal to one of the allowed values: "query", "header"',
    ]);
    expect(run('length', 'abc', { min: 2, max: 3 })).toEqual([]);
    expect(run('length', [1], { min: 2 })).toEqual(['"title" property must be longer than 2']);
    expect(run('length', { a: 1, b: 2 }, { max: 1 })).toEqual(['"title" property must be shorter than 1']);
  });

  it('alphabetical over keys, values and keyed objects', () => {
    expect(run('alphabetical', { a: 1, b: 2 })).toEqual([]);
    expect(run('alphabetical', { b: 1, a: 2 })).toEqual(['"title" property must be sorted alphabetically']);
    expect(run('alphabetical', [{ name: 'a' }, { name: 'c' }, { name: 'b' }], { keyedBy: 'name' })).toEqual([
      '"title" property must be sorted alphabetically by "name"',
    ]);
  });

  it('xor and or', () => {
    expect(run('xor', { value: 1 }, { properties: ['value', 'externalValue'] })).toEqual([]);
    expect(run('xor', { value: 1, externalValue: 'x' }, { properties: ['value', 'externalValue'] })).toEqual([
      'Only one of "value", "externalValue" must be defined',
    ]);
    expect(run('or', {}, { properties: ['a', 'b'] })).toEqual(['At least one of "a", "b" must be defined']);
  });

  it('schema, with the failing property named', () => {
    const options = {
      schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    };
    expect(run('schema', { name: 'x' }, options)).toEqual([]);
    expect(run('schema', { name: 5 }, options)).toEqual(['"name" property must be string']);
    expect(run('schema', {}, options)).toEqual(["Must have required property 'name'"]);
    expect(() => run('schema', {}, { schema: { type: 'nonsense' } })).toThrow(/does not compile/);
  });
});
