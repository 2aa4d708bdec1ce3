/** Longest group of lines that is recognised as repeating (a request log, a warning, a completion line). */
const LONGEST_GROUP = 4;

/**
 * Folds runs of repeated lines, or of repeated groups of up to four lines, into one copy and a count:
 * `warn: postgres is down … × 441`. Lines that differ only in their numbers (times, durations, request ids)
 * count as repeats; the copy shown is the last one.
 */
export function collapseRepeats(lines: readonly string[]): string[] {
  const keys = lines.map((line) => line.replace(/\d+/g, '#'));
  const sameGroup = (left: number, right: number, size: number) => {
    for (let offset = 0; offset < size; offset += 1) {
      if (keys[left + offset] !== keys[right + offset]) return false;
    }
    return true;
  };
  const result: string[] = [];
  let index = 0;
  while (index < lines.length) {
    let best = { size: 1, count: 1 };
    for (let size = 1; size <= LONGEST_GROUP; size += 1) {
      let count = 1;
      while (index + (count + 1) * size <= lines.length && sameGroup(index, index + count * size, size)) {
        count += 1;
      }
      if (count > 1 && count * size > best.count * best.size) best = { size, count };
    }
    const last = index + (best.count - 1) * best.size;
    const group = lines.slice(last, last + best.size);
    if (best.count === 1) result.push(...group);
    else if (best.size === 1) result.push(`${group[0]} … × ${best.count}`);
    else result.push(...group, `… the ${best.size} lines above × ${best.count}`);
    index += best.count * best.size;
  }
  return result;
}
