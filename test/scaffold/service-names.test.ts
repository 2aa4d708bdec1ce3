import { describe, expect, it } from 'vitest';
import { serviceNameShortProblem, suggestServiceName } from '../../src/core/scaffold/names.js';

describe('service names typed at a prompt', () => {
  it.each([
    ['Orders_Svc', 'orders-svc'],
    ['OrdersSvc', 'orders-svc'],
    ['HTTPServer', 'httpserver'],
    ['orders svc', 'orders-svc'],
    ['Crème Brûlée', 'creme-brulee'],
    ['123abc', 'abc'],
    ['orders-', 'orders'],
    ['__init__', 'init'],
    ['123', undefined],
    ['---', undefined],
  ])('%j suggests %j', (typed, suggestion) => {
    expect(suggestServiceName(typed)).toBe(suggestion);
  });

  it('cuts a long name to a valid label', () => {
    const suggestion = suggestServiceName(`Orders_${'x'.repeat(70)}`) as string;
    expect(suggestion.length).toBe(63);
    expect(suggestion.startsWith('orders-xxx')).toBe(true);
  });

  it.each([
    ['orders', undefined],
    ['', 'Type a name, e.g. orders'],
    ['Orders_Svc', 'Lowercase letters, digits and "-" only; try orders-svc'],
    ['1orders', 'Must start with a letter; try orders'],
    ['!!!', 'Lowercase letters, digits and "-" only'],
    [`a${'b'.repeat(70)}`, 'At most 63 characters; this is 71'],
  ])('%j: one short line', (typed, problem) => {
    expect(serviceNameShortProblem(typed)).toBe(problem);
    if (problem) expect(problem.length).toBeLessThan(76);
  });
});
