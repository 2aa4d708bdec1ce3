import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
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

const VALUES: unknown[] = [
  1,
  '1',
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
});
