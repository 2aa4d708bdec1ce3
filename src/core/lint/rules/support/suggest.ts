import { closest, distance } from 'fastest-levenshtein';

/**
 * The allowed value a misspelt string most likely meant, worded as Spectral appends it (`. Did you mean "x"?`), or
 * an empty string when no allowed value is close enough (closer than its own length) or the value is not a string.
 */
export function didYouMean(value: unknown, allowed: readonly unknown[]): string {
  const strings = allowed.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string' || strings.length === 0) return '';
  const best = closest(value, strings);
  return allowed.length === 1 || distance(value, best) < best.length ? `. Did you mean "${best}"?` : '';
}
