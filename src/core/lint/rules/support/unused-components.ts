import { basename, dirname, resolve as resolvePath } from 'node:path';
import type { RuleContext, RuleTarget } from '../../types.js';
import { isObject } from './values.js';

/**
 * What `oas2-unused-definition` and `oas3-unused-component` share: every `$ref` of the root file is collected
 * (the rules see `$ref`s as written), and after the walk each reusable object no `$ref` names exactly is reported.
 */
export interface UnusedState {
  /** JSON pointers (as segment lists joined by NUL) that some `$ref` of the root file names. */
  referenced: Set<string>;
  /** The `$ref` strings already read: specs repeat a few hundred of them thousands of times. */
  seen: Set<string>;
}

export const createUnusedState = (): UnusedState => ({ referenced: new Set(), seen: new Set() });

/** Records the pointer a `$ref` names when it points into the root file. */
export function collectReference(target: RuleTarget, context: RuleContext<UnusedState>): void {
  const reference = target.value;
  if (typeof reference !== 'string' || context.state.seen.has(reference)) return;
  context.state.seen.add(reference);
  // The common case, `#/components/schemas/Name` with nothing escaped, without decoding (specs have thousands).
  if (reference.startsWith('#/') && !/[%~]/.test(reference)) {
    context.state.referenced.add(reference.slice(2).split('/').join('\u0000'));
    return;
  }
  const hash = reference.indexOf('#');
  const file = hash === -1 ? reference : reference.slice(0, hash);
  if (file !== '' && !isRootFile(file, context.document.source)) return;
  if (hash === -1) return;
  context.state.referenced.add(pointerKey(reference.slice(hash + 1)));
}

/** Reports each object of `container` (at `location`, a path in the root file) that no `$ref` names. */
export function reportUnreferenced(
  context: RuleContext<UnusedState>,
  location: readonly string[],
  message: string,
): void {
  let container: unknown = context.document.data;
  for (const segment of location) container = isObject(container) ? container[segment] : undefined;
  if (!isObject(container)) return;
  for (const name of Object.keys(container)) {
    if (context.state.referenced.has([...location, name].join('\u0000'))) continue;
    context.report({
      message,
      target: { value: context.document.data, path: [], key: undefined },
      path: [...location, name],
    });
  }
}

function isRootFile(file: string, rootSource: string): boolean {
  let decoded = file;
  try {
    decoded = decodeURI(file);
  } catch {
    return false;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded)) return false;
  return (
    basename(decoded) === basename(rootSource) && resolvePath(dirname(rootSource), decoded) === rootSource
  );
}

function pointerKey(fragment: string): string {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // A malformed escape: compare the fragment as written.
  }
  return decoded
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('\u0000');
}
