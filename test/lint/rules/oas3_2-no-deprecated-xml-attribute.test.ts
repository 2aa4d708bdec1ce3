import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'oas3_2-no-deprecated-xml-attribute';

const document = (version: string, xml: string) => `openapi: ${version}
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        id:
          type: string
          xml: ${xml}
`;

describe(RULE, () => {
  it('accepts nodeType in OpenAPI 3.2, and attribute in 3.1 where it is not deprecated', async () => {
    expect(await lintText(document('3.2.0', '{ nodeType: attribute }'), [RULE])).toEqual([]);
    expect(await lintText(document('3.1.0', '{ attribute: true }'), [RULE])).toEqual([]);
  });

  it('reports xml.attribute in OpenAPI 3.2, at the xml object', async () => {
    const findings = await lintText(document('3.2.0', '{ attribute: true }'), [RULE]);
    expect(findings.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: RULE, path: ['components', 'schemas', 'Order', 'properties', 'id', 'xml'] },
    ]);
  });
});
