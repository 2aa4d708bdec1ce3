import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { RUNTIMES } from '../config/schema.js';
import { UserError } from '../errors.js';

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

const variableSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be an identifier: a letter, then letters, digits and "_"'),
  description: z.string().min(1),
  default: z.union([z.string(), z.number(), z.boolean()]).transform(String),
});

/** `templates/<id>/template.yaml`: what a template is and which variables it takes. */
export const templateManifestSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and "-"'),
    // Coerced, so that `version: 1.0` (a YAML number) meets the semver rule rather than a type error.
    version: z.coerce.string().regex(SEMVER, 'must be a semantic version such as 1.0.0'),
    description: z.string().min(1),
    runtime: z.enum(RUNTIMES),
    variables: z.array(variableSchema).default([]),
  })
  .superRefine((manifest, context) => {
    const seen = new Set<string>();
    for (const [index, variable] of manifest.variables.entries()) {
      if (seen.has(variable.name)) {
        context.addIssue({
          code: 'custom',
          path: ['variables', index, 'name'],
          message: `variable "${variable.name}" is declared twice`,
        });
      }
      seen.add(variable.name);
    }
  });

export type TemplateManifest = z.output<typeof templateManifestSchema>;
export type TemplateVariable = TemplateManifest['variables'][number];

/** Reads and validates a template's manifest; `directory` is `templates/<id>`. */
export async function loadTemplateManifest(directory: string): Promise<TemplateManifest> {
  const file = path.join(directory, 'template.yaml');
  const source = await readFile(file, 'utf8');
  const document = parseDocument(source, { prettyErrors: false });
  if (document.errors.length > 0) {
    throw new UserError(
      `${file} is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`,
      'Fix the template manifest.',
    );
  }
  const result = templateManifestSchema.safeParse(document.toJS());
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new UserError(
      `${file} is not a valid template manifest: ${problems.join('; ')}`,
      'Fix the template manifest.',
    );
  }
  const expectedId = path.basename(directory);
  if (result.data.id !== expectedId) {
    throw new UserError(
      `${file} declares id "${result.data.id}" but lives in "${expectedId}/".`,
      'The folder name of a template is its id: make them the same.',
    );
  }
  return result.data;
}
