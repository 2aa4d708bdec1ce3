import { describe, expect, it } from 'vitest';
import { collapseRepeats } from '../../src/core/runtime/collapse-repeats.js';

describe('collapseRepeats', () => {
  it('folds a line repeated with different numbers into its last copy and a count', () => {
    const warnings = Array.from(
      { length: 441 },
      (_, index) => `{"level":40,"time":${1_700_000_000_000 + index * 40},"msg":"postgres is not reachable"}`,
    );
    expect(collapseRepeats(['server listening on 3000', ...warnings, 'shutting down'])).toEqual([
      'server listening on 3000',
      '{"level":40,"time":1700000017600,"msg":"postgres is not reachable"} … × 441',
      'shutting down',
    ]);
  });

  it('folds a repeated group of lines, such as a request, its warning and its completion', () => {
    const request = (id: number) => [
      `incoming request req-${id} GET /readyz`,
      'warn: inventory does not answer',
      `request req-${id} completed 503 in ${id % 7} ms`,
    ];
    const lines = [...request(1), ...request(2), ...request(3), 'inventory is back'];
    expect(collapseRepeats(lines)).toEqual([...request(3), '… the 3 lines above × 3', 'inventory is back']);
  });

  it('leaves lines that do not repeat as they are, in order', () => {
    const lines = ['a', 'b', 'a', 'c', 'd', 'c'];
    expect(collapseRepeats(lines)).toEqual(lines);
    expect(collapseRepeats([])).toEqual([]);
  });

  it('counts a line seen twice in a row', () => {
    expect(collapseRepeats(['x', 'ready', 'ready'])).toEqual(['x', 'ready … × 2']);
  });
});
