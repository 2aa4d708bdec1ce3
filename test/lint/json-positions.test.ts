import { describe, expect, it } from 'vitest';
import { indexJsonPositions } from '../../src/core/lint/document/json-positions.js';
import type { PositionIndex } from '../../src/core/lint/document/position-index.js';

function nodes(index: PositionIndex): number[][] {
  const rows: number[][] = [];
  for (let node = 0; node < index.count; node++) {
    rows.push([
      index.kind[node] as number,
      index.keyStart[node] as number,
      index.keyEnd[node] as number,
      index.valueStart[node] as number,
      index.valueEnd[node] as number,
      index.next[node] as number,
    ]);
  }
  return rows;
}

const VALUE = {
  'a "quoted" key': ['x', 1, -2.5e3, true, null, [], {}, [[{}]]],
  'back\\slash': { é: 'ü \u2028 \\"', empty: '' },
  list: [
    { name: 'id', in: 'path' },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0 } },
  ],
  long: 'a string longer than the short scan of the tokenizer, with a \\"quote\\" inside',
};

describe('JSON positions', () => {
  for (const [layout, text] of [
    ['minified', JSON.stringify(VALUE)],
    ['indented with spaces', JSON.stringify(VALUE, null, 2)],
    ['indented with tabs', JSON.stringify(VALUE, null, '\t')],
    ['with CRLF line ends', JSON.stringify(VALUE, null, 4).replaceAll('\n', '\r\n')],
  ] as const) {
    it(`indexes strict JSON (${layout}) as the general tokenizer does`, () => {
      const strict = indexJsonPositions(text, true);
      expect(nodes(strict)).toEqual(nodes(indexJsonPositions(text)));
      // Every key and value of the text is found: the fast path skips only whitespace.
      expect(strict.locate(['list', 1, 'schema', 'minimum']).matched).toBe(4);
      expect(text.slice(strict.locate(['back\\slash', 'é']).startOffset).startsWith('"ü')).toBe(true);
    });
  }

  it('finds every key, escaped or not, and no key that is not there', () => {
    const keys = {
      plain: 1,
      'tab\there': 2,
      'quote"d': 3,
      'é-accent': 4,
      'back\\slash': 5,
      'x-lint-ignore': 6,
      plai: 7,
      plains: 8,
    };
    const text = JSON.stringify({ small: keys, nested: { deeper: keys } }, null, 2).replace(
      '"tab',
      '"\\u0074ab',
    );
    const index = indexJsonPositions(text, true);
    for (const key of Object.keys(keys)) {
      for (const path of [
        ['small', key],
        ['nested', 'deeper', key],
      ]) {
        const located = index.locate(path);
        expect(located.matched, path.join('/')).toBe(path.length);
        expect(JSON.parse(text.slice(located.startOffset, located.endOffset))).toBe(
          keys[key as keyof typeof keys],
        );
      }
    }
    for (const missing of ['plaim', 'tab', 'quote', 'back', 'X-lint-ignore']) {
      expect(index.locate(['small', missing]).matched, missing).toBe(1);
    }
  });
});
