import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3-valid-schema-example';

describe(RULE, () => {
  it('accepts a document that follows it', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Count: { type: integer, example: 42 }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings).toEqual([]);
  });

  it('reports a document that breaks it, at the right place', async () => {
    const findings = await lintText(
      'openapi: 3.0.3\ninfo: { title: Orders, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas:\n    Count: { type: integer, example: forty-two }\n',
      [RULE],
      'openapi.yaml',
    );
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'schemas', 'Count', 'example'] },
    ]);
  });

  it('finishes on a schema with an example at each of a thousand nesting levels (hostile input)', async () => {
    let schema: Record<string, unknown> = { type: 'string', example: 1 };
    for (let level = 0; level < 1000; level++)
      schema = { type: 'object', properties: { child: schema }, example: {} };
    schema.example = 'not an object';
    const document = {
      openapi: '3.0.3',
      info: { title: 'Deep', version: '1' },
      paths: {},
      components: { schemas: { Deep: schema } },
    };
    const findings = await lintText(JSON.stringify(document), [RULE], 'openapi.json');
    // Schemas nesting more than 100 levels are not compiled (bounded work): the outer examples are not checked,
    // the innermost wrong one (`1` for a string, 2,000 levels down) is.
    const innermost = [
      'components',
      'schemas',
      'Deep',
      ...Array(1000).fill(['properties', 'child']).flat(),
      'example',
    ];
    expect(findings.map(({ path }) => path)).toEqual([innermost]);
  });
});
