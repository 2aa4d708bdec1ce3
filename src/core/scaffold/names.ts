import { DNS_LABEL, SERVICE_NAME_RULE, STRING_LIMITS, serviceNameProblem } from '../config/schema.js';
import { UserError } from '../errors.js';

const words = (name: string): string[] => name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `orders-api` -> `OrdersApi`. */
export const pascalCase = (name: string): string => words(name).map(capitalise).join('');
/** `orders-api` -> `ordersApi`. */
export const camelCase = (name: string): string => {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
};
/** `orders-api` -> `ORDERS_API`. */
export const constantCase = (name: string): string =>
  words(name)
    .map((word) => word.toUpperCase())
    .join('_');

// One rule for names, in the schema: create-service refuses what `msctl config` would.
export { SERVICE_NAME_RULE, serviceNameProblem };

/** Refuses a name that breaks the schema's rule; the name becomes a folder, a host name and a Kubernetes name. */
export function assertServiceName(name: string): void {
  const problem = serviceNameProblem(name);
  if (problem) throw new UserError(problem, 'Choose another name, e.g. `orders`.');
}

/**
 * A valid service name close to what was typed: `Orders_Svc` and `OrdersSvc` give `orders-svc`. Undefined when
 * nothing usable is left (no letter at all).
 */
export function suggestServiceName(typed: string): string | undefined {
  const slug = typed
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, STRING_LIMITS.name)
    .replace(/-+$/, '');
  return slug === '' || serviceNameProblem(slug) ? undefined : slug;
}

/** What is wrong with a typed service name, in one short line for a prompt, with a valid name to use instead. */
export function serviceNameShortProblem(typed: string): string | undefined {
  const name = typed.trim();
  if (name === '') return 'Type a name, e.g. orders';
  if (!serviceNameProblem(name)) return undefined;
  if (name.length > STRING_LIMITS.name)
    return `At most ${STRING_LIMITS.name} characters; this is ${name.length}`;
  const suggestion = suggestServiceName(name);
  const instead = suggestion ? `; try ${suggestion}` : '';
  if (/^[0-9]/.test(name) && DNS_LABEL.test(name)) return `Must start with a letter${instead}`;
  return `Lowercase letters, digits and "-" only${instead}`;
}
