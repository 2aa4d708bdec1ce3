import { DNS_LABEL } from '../config/schema.js';
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

export const SERVICE_NAME_RULE =
  'a service name must be a DNS-1123 label that starts with a letter: 1 to 63 lowercase letters, digits and "-", ending with a letter or digit (e.g. orders, orders-api)';

/** What is wrong with a service name, with the rule; undefined when it is a DNS-1123 label. */
export function serviceNameProblem(name: string): string | undefined {
  const problem =
    name.length === 0
      ? 'The service name is empty'
      : name.length > 63
        ? `"${name.slice(0, 20)}…" is ${name.length} characters long`
        : !DNS_LABEL.test(name)
          ? `"${name}" is not a valid service name`
          : /^[0-9]/.test(name)
            ? // A Kubernetes Service name is a DNS-1035 label, which cannot start with a digit.
              `"${name}" starts with a digit, which a Kubernetes Service name cannot`
            : undefined;
  return problem && `${problem}: ${SERVICE_NAME_RULE}.`;
}

/** Refuses anything that is not a DNS-1123 label; the name becomes a folder, a host name and a k8s name. */
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
    .slice(0, 63)
    .replace(/-+$/, '');
  return slug === '' || serviceNameProblem(slug) ? undefined : slug;
}

/** What is wrong with a typed service name, in one short line for a prompt, with a valid name to use instead. */
export function serviceNameShortProblem(typed: string): string | undefined {
  const name = typed.trim();
  if (name === '') return 'Type a name, e.g. orders';
  if (!serviceNameProblem(name)) return undefined;
  if (name.length > 63) return `At most 63 characters; this is ${name.length}`;
  const suggestion = suggestServiceName(name);
  const instead = suggestion ? `; try ${suggestion}` : '';
  if (/^[0-9]/.test(name) && DNS_LABEL.test(name)) return `Must start with a letter${instead}`;
  return `Lowercase letters, digits and "-" only${instead}`;
}
