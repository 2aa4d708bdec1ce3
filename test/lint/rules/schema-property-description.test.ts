import { describe, expect, it } from 'vitest';
import { lintText } from '../helpers.js';

const RULE = 'schema-property-description';

describe(RULE, () => {
  it('accepts described properties, also through a $ref or beside it', async () => {
    const findings = await lintText(
      `openapi: 3.1.0
info: { title: A, version: 1.0.0 }
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: string, description: Assigned by the service. }
        money: { $ref: '#/components/schemas/Money' }
        customer: { $ref: '#/components/schemas/Customer', description: Who ordered. }
    Money: { type: object, description: An amount in a currency. }
    Customer:
      type: object
      description: A customer.
      properties:
        name: { type: string, description: Full name. }
`,
      [RULE],
    );
    expect(findings).toEqual([]);
  });

  it('reports each undescribed property, in components, nested, inline under paths and in Swagger 2', async () => {
    const findings = await lintText(
      `openapi: 3.0.3
info: { title: A, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200':
          description: Orders.
          content:
            application/json:
              schema: { type: object, properties: { total: { type: integer } } }
components:
  schemas:
    Order:
      type: object
      properties:
        id: { type: string, description: '  ' }
        lines:
          type: array
          description: The lines.
          items: { type: object, properties: { sku: { type: string } } }
`,
      [RULE],
    );
    expect(findings.map(({ path, message }) => [path.join(' '), message])).toEqual([
      [
        'paths /orders get responses 200 content application/json schema properties total',
        'Property "total" must have a description.',
      ],
      ['components schemas Order properties id', 'Property "id" must have a description.'],
      [
        'components schemas Order properties lines items properties sku',
        'Property "sku" must have a description.',
      ],
    ]);
    const swagger = await lintText(
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'A', version: '1' },
        paths: {},
        definitions: { A: { properties: { b: { type: 'string' } } } },
      }),
      [RULE],
      'swagger.json',
    );
    expect(swagger.map(({ path }) => path.join(' '))).toEqual(['definitions A properties b']);
  });
});
