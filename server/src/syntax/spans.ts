// Halving searches over spans sorted by start that do not overlap (marks, a container's children).

interface Spanned {
  start: number;
  end: number;
}

/** How many of the spans end at or before `offset`: the index of the first that reaches past it. */
export function countEndingBy(spans: readonly Spanned[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first of the spans that starts at or after `offset`. */
export function firstStartingFrom(spans: readonly Pick<Spanned, 'start'>[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
