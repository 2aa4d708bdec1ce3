import { closest, distance } from 'fastest-levenshtein';

/** ` (did you mean "x"?)` for the closest candidate when it is close enough to be a typo; else nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const options = [...candidates];
  if (options.length === 0) return '';
  const suggestion = closest(word, options);
  return distance(word, suggestion) <= Math.max(2, word.length / 3) ? ` (did you mean "${suggestion}"?)` : '';
}
