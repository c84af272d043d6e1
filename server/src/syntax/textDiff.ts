// Where two versions of a text differ: the length of their common start and of their common end,
// found by halving with native compares of whole stretches (a slice shares the text, `===` is a
// memory compare), so that a keystroke in a large text costs a few compares of it, not a loop
// over its characters.

const BLOCK = 256;

/** Length of the common start of two texts. */
export function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  // [0, low) is known to be common; the first difference, if any, lies before `high`.
  let low = 0;
  let high = limit;
  while (high - low > BLOCK) {
    const middle = low + ((high - low) >> 1);
    if (a.slice(low, middle) === b.slice(low, middle)) low = middle;
    else high = middle;
  }
  while (low < limit && a.charCodeAt(low) === b.charCodeAt(low)) low++;
  return low;
}

/** Length of the common end of two texts, not reaching into their common start. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  // The last `low` characters are known to be common; the first difference from the end lies within the last `high`.
  let low = 0;
  let high = limit;
  while (high - low > BLOCK) {
    const middle = low + ((high - low) >> 1);
    if (a.slice(a.length - middle, a.length - low) === b.slice(b.length - middle, b.length - low)) low = middle;
    else high = middle;
  }
  while (low < limit && a.charCodeAt(a.length - low - 1) === b.charCodeAt(b.length - low - 1)) low++;
  return low;
}

/** The edit that made a document's text, as the partial re-read found it: later passes need not compare the texts again. */
const knownEdits = new WeakMap<object, { before: string; prefix: number; suffix: number }>();

export function noteEdit(after: object, before: string, prefix: number, suffix: number): void {
  knownEdits.set(after, { before, prefix, suffix });
}

/** Common start and end of `before` and the text of `after` (whose text is `text`). */
export function editBetween(before: string, after: object, text: string): { prefix: number; suffix: number } {
  const known = knownEdits.get(after);
  // The same string object most often: compared by reference first.
  if (known && known.before === before) return { prefix: known.prefix, suffix: known.suffix };
  const prefix = commonPrefix(before, text);
  return { prefix, suffix: commonSuffix(before, text, prefix) };
}
