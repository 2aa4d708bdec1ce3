import type { RuleContext, RuleTarget } from '../../types.js';
import { validateExample, validatorOf } from './example-validation.js';
import { isObject } from './values.js';

const SCHEMA_KEYWORDS = ['enum', 'type', 'format', '$ref', 'properties', 'items'];

/**
 * The check of `oas2-valid-schema-example` and `oas3-valid-schema-example`: `target` is an `example`, `default`
 * (or Swagger's `x-example`) keyword; its parent, when a schema under one of `scopes`, must accept it.
 */
export function checkSchemaExample(
  target: RuleTarget,
  context: RuleContext<unknown>,
  scopes: (path: readonly (string | number)[]) => boolean,
): void {
  const parent = target.parent;
  const schema = parent?.value;
  if (!parent || !isObject(schema) || parent.key === 'properties') return;
  if (!SCHEMA_KEYWORDS.some((keyword) => schema[keyword])) return;
  if (!scopes(parent.path.slice(0, -1))) return;
  const validate = validatorOf(schema, 'none', context);
  if (!validate) return;
  const problem = validateExample(
    target.value,
    validate,
    String(target.key),
    !context.document.formats.has('oas3_1'),
  );
  if (problem) context.report({ message: problem.message, path: problem.path });
}
