import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../src/core/lint/lint.js';
import type { Rule, RuleTarget } from '../../src/core/lint/types.js';
import { writeFiles } from './helpers.js';

/** A rule that records the path of every target it is handed and reports nothing. */
function recorder(given: string, resolved: boolean, seen: string[]): Rule {
  return {
    id: `recorder ${given}`,
    description: 'records targets',
    severity: 'warn',
    family: 'governance',
    preset: 'all',
    given,
    resolved,
    documentation: { rationale: 'test' },
    check(target: RuleTarget) {
      seen.push(target.path.join('.') || '$');
    },
  };
}

const PETSTORE = `openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            example: 3
      responses:
        '200':
          description: ok
`;

describe('the walk', () => {
  it('hands a `$` rule the root only, also when it is the only path of its kind (raw or resolved)', async () => {
    const folder = await writeFiles({ 'openapi.yaml': PETSTORE });
    const rawRoot: string[] = [];
    const resolvedExamples: string[] = [];
    await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: {
        rules: [
          { rule: recorder('$', false, rawRoot), severity: 'warn' },
          { rule: recorder('$..example', true, resolvedExamples), severity: 'warn' },
        ],
      },
      cwd: folder,
    });
    expect(rawRoot).toEqual(['$']);
    expect(resolvedExamples).toEqual(['paths./pets.get.parameters.0.schema.example']);

    const resolvedRoot: string[] = [];
    const rawInfo: string[] = [];
    await lintDocument(join(folder, 'openapi.yaml'), {
      ruleset: {
        rules: [
          { rule: recorder('$', true, resolvedRoot), severity: 'warn' },
          { rule: recorder('$..title', false, rawInfo), severity: 'warn' },
        ],
      },
      cwd: folder,
    });
    expect(resolvedRoot).toEqual(['$']);
    expect(rawInfo).toEqual(['info.title']);
  });
});
