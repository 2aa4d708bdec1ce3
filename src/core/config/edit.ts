import { Document, isMap, isScalar, isSeq, type Node, parseDocument, visit, type YAMLMap } from 'yaml';
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

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Adds a service (and the infra it needs) to the text of msctl.yaml. New entries are spliced into the text
 * at the end of `services:` and `infra:`, so every byte the user wrote stays as it was: comments, their
 * alignment, quoting, flow style, blank lines. Returns the new text; the caller validates it with
 * `parseWorkspace` before writing it.
 */
export function addServiceToWorkspace(source: string, addition: WorkspaceAddition): string {
  const document = parseDocument(source);
  if (document.errors.length > 0)
    throw new Error(`msctl.yaml does not parse: ${document.errors[0]?.message}`);
  if (!isMap(document.contents)) throw new Error('msctl.yaml is not a mapping');
  const services = document.get('services', true);
  if (isMap(services) && services.has(addition.name)) {
    if (!addition.replace) throw new Error(`service "${addition.name}" is already in msctl.yaml`);
    const edit = replacementEdit(source, services, addition);
    if (edit) return addInfra(applyEdits(source, [edit]), addition.infra ?? {});
    // A service written in flow style: a faithful re-serialisation is good enough for this rare case.
    services.set(addition.name, document.createNode(addition.service));
    return addInfra(document.toString({ lineWidth: 0 }), addition.infra ?? {});
  }
  return addInfra(
    applyEdits(source, [
      entryEdit(source, document.contents, 'services', { [addition.name]: addition.service }),
    ]),
    addition.infra ?? {},
  );
}

/** Replaces the lines of one block-style service entry (`--force`), leaving every other line as it was. */
function replacementEdit(
  source: string,
  services: YAMLMap,
  addition: WorkspaceAddition,
): TextEdit | undefined {
  const pair = services.items.find((item) => isScalar(item.key) && item.key.value === addition.name);
  const value = pair?.value as Node | undefined;
  const firstKey = isMap(value) && !value.flow ? (value.items[0]?.key as Node | undefined) : undefined;
  if (!value?.range || !firstKey?.range) return undefined;
  const start = source.lastIndexOf('\n', value.range[0] - 1) + 1;
  const body = block(
    addition.service as Record<string, unknown>,
    columnOf(source, firstKey.range[0]),
    source,
    start,
  );
  return { start, end: lineEndAfter(source, value.range[1]), text: body };
}

function addInfra(source: string, infra: Readonly<Record<string, InfraInput>>): string {
  const document = parseDocument(source);
  const existing = document.get('infra', true);
  const missing = Object.fromEntries(
    Object.entries(infra).filter(([name]) => !(isMap(existing) && existing.has(name))),
  );
  if (Object.keys(missing).length === 0) return source;
  return applyEdits(source, [entryEdit(source, document.contents as YAMLMap, 'infra', missing)]);
}

/** The edit that adds `entries` under the top-level `key`, in the style of the file's existing entries. */
function entryEdit(source: string, root: YAMLMap, key: string, entries: Record<string, unknown>): TextEdit {
  const pair = root.items.find((item) => isScalar(item.key) && item.key.value === key);
  const value = pair?.value as Node | null | undefined;
  if (isMap(value) && !value.flow && value.items.length > 0 && value.range) {
    const firstKey = value.items[0]?.key as Node | undefined;
    const indent = columnOf(source, firstKey?.range?.[0] ?? value.range[0]);
    const at = lineEndAfter(source, value.range[1]);
    return { start: at, end: at, text: block(entries, indent, source, at) };
  }
  const keyNode = pair?.key as Node | undefined;
  if (keyNode?.range && (value === null || value === undefined || isEmpty(value))) {
    const indent = columnOf(source, keyNode.range[0]) + 2;
    // `services: {}`, `services: []`, `services:` or `services: ~`: the value is replaced by a block.
    const start = keyNode.range[1] + source.slice(keyNode.range[1]).indexOf(':') + 1;
    const end = value?.range ? value.range[1] : start;
    return { start, end, text: `\n${block(entries, indent, source, source.length).replace(/\n$/, '')}` };
  }
  if (pair) throw new Error(`"${key}" in msctl.yaml is not a mapping`);
  const text = `${key}:\n${block(entries, 2, source, source.length)}`;
  const separator = source.length === 0 || source.endsWith('\n') ? '' : '\n';
  return { start: source.length, end: source.length, text: separator + text };
}

const isEmpty = (node: Node): boolean =>
  ((isMap(node) || isSeq(node)) && node.items.length === 0) || (isScalar(node) && node.value === null);

function block(entries: Record<string, unknown>, indent: number, source: string, at: number): string {
  const lineEnding = source.includes('\r\n') ? '\r\n' : '\n';
  const document = new Document(entries, { aliasDuplicateObjects: false });
  // Short lists of names read best inline, as in the docs: `dependsOn: [postgres, inventory]`.
  visit(document, {
    Seq: (_key, node) => {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  const text = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  const lines = text.replace(/\n$/, '').split('\n');
  const body = lines.map((line) => `${' '.repeat(indent)}${line}`).join(lineEnding) + lineEnding;
  // When the last line of the file has no newline, the new lines must start on a line of their own.
  return at === source.length && source.length > 0 && !source.endsWith('\n') ? lineEnding + body : body;
}

function columnOf(source: string, offset: number): number {
  return offset - (source.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset just after the line on which `offset - 1` stands (the end of a node's value). */
function lineEndAfter(source: string, offset: number): number {
  const newline = source.indexOf('\n', Math.max(0, offset - 1));
  return newline === -1 ? source.length : newline + 1;
}

function applyEdits(source: string, edits: TextEdit[]): string {
  let result = source;
  for (const edit of [...edits].sort((left, right) => right.start - left.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** Sets one field of a service in the text of msctl.yaml (e.g. its recorded CI provider), comments kept. */
export function setServiceField(source: string, service: string, field: string, value: string): string {
  const document = parseDocument(source);
  if (document.errors.length > 0)
    throw new Error(`msctl.yaml does not parse: ${document.errors[0]?.message}`);
  if (document.getIn(['services', service, field]) === value) return source;
  document.setIn(['services', service, field], value);
  return document.toString({ lineWidth: 0 });
}
