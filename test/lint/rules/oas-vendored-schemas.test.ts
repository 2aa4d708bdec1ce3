/** The vendored official OpenAPI schemas are what `schemas/README.md` says they are, and valid JSON Schemas. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

const folder = path.resolve(import.meta.dirname, '../../../src/core/lint/rules/schemas');

const FILES = [
  { file: 'openapi-2.0.json', id: 'http://swagger.io/v2/schema.json#', dialect: 'draft-04' },
  {
    file: 'openapi-3.0.json',
    id: 'https://spec.openapis.org/oas/3.0/schema/2024-10-18',
    dialect: 'draft-04',
  },
  { file: 'openapi-3.1.json', id: 'https://spec.openapis.org/oas/3.1/schema/2025-11-23', dialect: '2020-12' },
  {
    file: 'openapi-3.1-dialect-base.json',
    id: 'https://spec.openapis.org/oas/3.1/dialect/base',
    dialect: '2020-12',
  },
  {
    file: 'openapi-3.1-meta-base.json',
    id: 'https://spec.openapis.org/oas/3.1/meta/base',
    dialect: '2020-12',
  },
] as const;

describe('vendored OpenAPI schemas', () => {
  for (const { file, id, dialect } of FILES) {
    it(`${file} is ${id}, a valid ${dialect} schema, listed in the provenance note`, async () => {
      const schema = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as Record<string, unknown>;
      expect(schema.$id ?? schema.id).toBe(id);
      const ajv =
        dialect === 'draft-04' ? new AjvDraft04.default({ strict: false }) : new Ajv2020({ strict: false });
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      const readme = await readFile(path.join(folder, 'README.md'), 'utf8');
      expect(readme).toContain(file);
      expect(readme).toContain(id.replace(/#$/, ''));
    });
  }
});
