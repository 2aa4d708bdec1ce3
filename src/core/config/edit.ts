import { type Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { WorkspaceInput } from './schema.js';

type ServiceInput = NonNullable<WorkspaceInput['services']>[string];
type InfraInput = NonNullable<WorkspaceInput['infra']>[string];

export interface WorkspaceAddition {
  name: string;
  service: ServiceInput;
  /** Infra the service needs that the workspace does not have yet. */
  infra?: Readonly<Record<string, InfraInput>>;
  /** Replace a service of the same name instead of refusing. */
  replace?: boolean;
}

/**
 * Adds a service (and the infra it needs) to the text of msctl.yaml, keeping the user's comments, order and
 * formatting. Returns the new text; the caller validates it with `parseWorkspace` before writing it.
 */
export function addServiceToWorkspace(source: string, addition: WorkspaceAddition): string {
  const document = parseDocument(source, { keepSourceTokens: false });
  if (document.errors.length > 0) {
    throw new Error(`msctl.yaml does not parse: ${document.errors[0]?.message}`);
  }
  const services = blockMapAt(document, 'services');
  if (services.has(addition.name) && !addition.replace) {
    throw new Error(`service "${addition.name}" is already in msctl.yaml`);
  }
  const serviceNode = document.createNode(addition.service) as YAMLMap;
  // Short lists of names read best inline, as in the examples of the docs: `dependsOn: [postgres, inventory]`.
  for (const item of serviceNode.items) {
    if (isSeq(item.value) && item.value.items.every((entry) => isScalar(entry))) item.value.flow = true;
  }
  services.set(addition.name, serviceNode);

  const infraEntries = Object.entries(addition.infra ?? {});
  if (infraEntries.length > 0) {
    const infra = blockMapAt(document, 'infra');
    for (const [name, entry] of infraEntries) {
      if (!infra.has(name)) infra.set(name, document.createNode(entry));
    }
  }
  return document.toString({ lineWidth: 0 });
}

/** The mapping under a top-level key, created when missing and turned to block style when empty. */
function blockMapAt(document: Document, key: string): YAMLMap {
  const existing = document.get(key, true);
  if (isMap(existing)) {
    if (existing.items.length === 0) existing.flow = false;
    return existing;
  }
  if (existing !== undefined && !(isScalar(existing) && existing.value === null)) {
    throw new Error(`"${key}" in msctl.yaml is not a mapping`);
  }
  const created = document.createNode({}) as YAMLMap;
  created.flow = false;
  document.set(key, created);
  return created;
}
