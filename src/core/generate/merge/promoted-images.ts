import { isMap, isSeq, parseDocument } from 'yaml';

const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * The new output of a kustomization with the image entries CI set (`kustomize edit set image`) kept: for each
 * service msctl still generates an entry for, the entry on disk wins (its `newName`, `newTag`, `digest`);
 * entries of removed services go, new services get msctl's. So CI owns the tags without the drift gate going
 * red, and a service added later still gets an image in the overlay.
 */
export function withPromotedImages(generated: string, current: string): string {
  const document = parseDocument(generated);
  const users = parseDocument(current);
  if (document.errors.length > 0 || users.errors.length > 0) return generated;
  const mine = users.get('images', true);
  const next = document.get('images', true);
  if (!isSeq(mine) || !isSeq(next)) return generated;
  const byName = new Map<string, unknown>();
  for (const item of mine.items) {
    const name = isMap(item) ? item.get('name') : undefined;
    if (typeof name === 'string') byName.set(name, item);
  }
  next.items = next.items.map((item) => {
    const name = isMap(item) ? item.get('name') : undefined;
    const promoted = typeof name === 'string' ? byName.get(name) : undefined;
    return (promoted ?? item) as (typeof next.items)[number];
  });
  return document.toString(YAML_OPTIONS);
}
