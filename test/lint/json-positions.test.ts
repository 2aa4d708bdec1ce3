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
});
