import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { uniqueItemsErrors } from '../../../src/core/lint/rules/support/unique-items.js';
import { lastDuplicatePair } from '../../../src/core/lint/rules/support/values.js';

/** The definition: the last item equal to an earlier one, and the closest earlier one, by comparing every pair. */
function byEveryPair(items: readonly unknown[]): [number, number] | undefined {
  let pair: [number, number] | undefined;
  for (let later = 0; later < items.length; later++) {
    for (let earlier = later - 1; earlier >= 0; earlier--) {
      if (isDeepStrictEqual(items[earlier], items[later])) {
        pair = [earlier, later];
        break;
      }
    }
  }
  return pair;
}

/** ajv's search for scalar items: from the end, the first item equal to a later one, and the closest later one. */
function fromEndByEveryPair(items: readonly unknown[]): { i: number; j: number } | undefined {
  for (let index = items.length - 1; index >= 0; index--) {
    for (let later = index + 1; later < items.length; later++) {
      if (isDeepStrictEqual(items[index], items[later])) return { i: index, j: later };
    }
  }
  return undefined;
}

const VALUES: unknown[] = [
  1,
  '1',
  'a',
  's1',
  { ab: 1 },
  { ba: 1 },
  { $ref: '#/parameters/a' },
  { $ref: '#/parameters/b' },
  null,
  true,
  [],
  [1],
  ['1'],
  {},
  { name: 'id', in: 'path' },
  { in: 'path', name: 'id' },
  { name: 'id', in: 'query' },
  { name: 'id', in: 'path', schema: { type: 'string' } },
  { name: 'id', in: 'path', schema: { type: 'integer' } },
  { schema: { type: 'string' }, in: 'path', name: 'id' },
  { name: 'id', in: 'path', schema: { type: 'string', enum: ['a', 'b'] } },
  { name: 'id', in: 'path', schema: { type: 'string', enum: ['b', 'a'] } },
  { list: [1, 2] },
  { list: [2, 1] },
];

describe('lastDuplicatePair', () => {
  it('finds the pair that comparing every pair finds, on arrays of values alike at the first level', () => {
    // Every ordered triple of the values: items equal at the first level but different deeper are the hard case.
    for (const first of VALUES) {
      for (const second of VALUES) {
        for (const third of VALUES) {
          const items = [first, second, third, second];
          expect(lastDuplicatePair(items), JSON.stringify(items)).toEqual(byEveryPair(items));
          const distinct = [first, second, third];
          expect(lastDuplicatePair(distinct), JSON.stringify(distinct)).toEqual(byEveryPair(distinct));
        }
      }
    }
  });

  it('finds the same pair in long lists, where it searches differently', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let round = 0; round < 200; round++) {
      const length = 13 + (next() % 20);
      const pool = round % 2 === 0 ? VALUES : VALUES.filter((value) => typeof value === 'string');
      const items = Array.from({ length }, () => pool[next() % pool.length]);
      expect(lastDuplicatePair(items), JSON.stringify(items)).toEqual(byEveryPair(items));
    }
  });

  it('finds, for scalar items, the pair ajv finds, strings and other values never equal', () => {
    const scalars = ['1', 1, 'a', 'b', true, 'true', null, 'null', 2.5];
    for (const first of scalars) {
      for (const second of scalars) {
        for (const third of scalars) {
          const items = [first, second, third, second, first];
          expect(uniqueItemsErrors(true, items, true)?.[0]?.params, JSON.stringify(items)).toEqual(
            fromEndByEveryPair(items),
          );
          const few = [first, second, third];
          expect(uniqueItemsErrors(true, few, true)?.[0]?.params, JSON.stringify(few)).toEqual(
            fromEndByEveryPair(few),
          );
        }
      }
    }
  });
});
