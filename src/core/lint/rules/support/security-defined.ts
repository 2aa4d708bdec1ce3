import type { RuleContext, RuleTarget } from '../../types.js';
import { isObject } from './values.js';

/**
 * The check of `oas2-operation-security-defined` and `oas3-operation-security-defined`: every scheme a security
 * requirement names is defined, and every scope it asks for is one the scheme lists.
 */
export function checkSecurityRequirement(target: RuleTarget, context: RuleContext, version: 2 | 3): void {
  const requirement = target.value;
  if (!isObject(requirement)) return;
  const names = Object.keys(requirement);
  // As in Spectral, a malformed requirement (scopes not a list of strings) is left to the schema rule.
  if (names.some((name) => !isStringList(requirement[name]))) return;
  if (names.length === 0) return;
  const data = context.document.data;
  if (!isObject(data)) return;
  const components = context.resolve(data.components);
  const schemes = context.resolve(
    version === 2 ? data.securityDefinitions : isObject(components) ? components.securitySchemes : undefined,
  );
  const where = version === 2 ? 'securityDefinitions' : 'components.securitySchemes';
  const owner = target.path.length === 2 ? 'API' : 'Operation';
  for (const name of names) {
    const scheme =
      isObject(schemes) && Object.hasOwn(schemes, name) ? context.resolve(schemes[name]) : undefined;
    if (!isObject(schemes) || !Object.hasOwn(schemes, name)) {
      context.report({
        message: `${owner} "security" values must match a scheme defined in the "${where}" object.`,
        path: [name],
      });
      continue;
    }
    (requirement[name] as string[]).forEach((scope, index) => {
      if (!hasScope(scheme, scope, version, context)) {
        context.report({ message: `"${scope}" must be listed among scopes.`, path: [name, index] });
      }
    });
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function hasScope(scheme: unknown, scope: string, version: 2 | 3, context: RuleContext): boolean {
  if (!isObject(scheme)) return false;
  if (version === 2) return isObject(scheme.scopes) && Object.hasOwn(scheme.scopes, scope);
  const flows = context.resolve(scheme.flows);
  if (!isObject(flows)) return false;
  return Object.values(flows).some(
    (flow) => isObject(flow) && isObject(flow.scopes) && Object.hasOwn(flow.scopes, scope),
  );
}
