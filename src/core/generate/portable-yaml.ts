import { Document, parse, visit } from 'yaml';

/**
 * YAML that every reader takes as written: YAML 1.1 readers (docker-compose 1.x, older tools around
 * Kubernetes) turn `no`, `on`, `yes`, `1:30` into booleans and numbers, YAML 1.2 readers `0o17`, so a string
 * either would misread is double-quoted. Serialised from data by the yaml package: no value is ever spliced in.
 */
export function toPortableYaml(value: object): string {
  const document = new Document(value, { version: '1.1', aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && readsAsOtherThan(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString({ lineWidth: 0 });
}

function readsAsOtherThan(text: string): boolean {
  try {
    return parse(text, { logLevel: 'silent' }) !== text;
  } catch {
    return true;
  }
}
