/** A count with its noun, agreeing: `1 service`, `3 services`, `1 entry`, `2 entries`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
