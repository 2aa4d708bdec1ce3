import type { AnyRule } from '../types.js';
import { governanceRules } from './governance-rules.js';
import { infoContact } from './info-contact.js';
import { oasRules } from './oas-rules.js';
import { operationOperationIdUnique } from './operation-operationId-unique.js';
import { pathKeysNoTrailingSlash } from './path-keys-no-trailing-slash.js';

/** Every built-in rule, in id order. Adding a rule: write `rules/<id>.ts`, import it here, add its tests. */
export const builtInRules: readonly AnyRule[] = [
  infoContact,
  operationOperationIdUnique,
  pathKeysNoTrailingSlash,
  // Spectral's `spectral:oas` rules (family `oas`): see `oas-rules.ts`.
  ...oasRules,
  // msctl's governance rules (family `governance`): see `governance-rules.ts`.
  ...governanceRules,
  // Code-unit order, as the docs and findings use: `localeCompare` would cost every run 10 ms and 4 MB of ICU
  // collation set-up, and would order rules differently under different locales.
].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));

const rulesById = new Map(builtInRules.map((rule) => [rule.id, rule]));

/** The built-in rule with this id, if there is one. */
export function findBuiltInRule(id: string): AnyRule | undefined {
  return rulesById.get(id);
}
