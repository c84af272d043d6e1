// Inline content of an Akoma Ntoso element from a range of `.reso` source: revision marks as
// `ins`/`del`, italics and bold as `i`/`b`, citations and cross-references as `ref`, footnote
// markers as `authorialNote`. Markup delimiters are dropped and line breaks become spaces.
// Ranges that overlap (a citation cut by a revision mark) are split so that the XML nests.

import { escapeAttribute, escapeText } from '../xml';

export interface InlineSpan {
  start: number;
  end: number;
  open: string;
  close: string;
  /** Outer layers first: revision marks, then references, then emphasis. */
  rank: number;
}

/** XML written at a point, the source range it stands for hidden (a footnote marker). */
export interface InlinePoint {
  start: number;
  end: number;
  xml: () => string;
}

export interface InlineLayer {
  /** Sorted by start; none longer than LONG_SPAN. */
  spans: readonly InlineSpan[];
  /** Spans longer than LONG_SPAN (a clause or resolution inserted whole): few, looked through one by one. */
  longSpans: readonly InlineSpan[];
  /** Source ranges that print nothing: delimiters, comments, substituted-away text. Sorted by start. */
  hidden: ReadonlyArray<readonly [number, number]>;
  points: readonly InlinePoint[];
}

/** Spans longer than this are kept apart, so that the others are found by a window search. */
export const LONG_SPAN = 4096;

/** First index whose item starts at or after `offset` (items sorted by start). */
export function lowerBound<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(items[mid]) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The XML of `source[start, end)`. `spans` and `points` need only be those that touch the range;
 * `layer.hidden` may hold every hidden range of the document.
 */
export function renderInline(source: string, start: number, end: number, layer: InlineLayer): string {
  if (end <= start) return '';
  const spans: InlineSpan[] = [];
  for (let i = lowerBound(layer.spans, start - LONG_SPAN, (span) => span.start); i < layer.spans.length && layer.spans[i].start < end; i++) {
    const span = layer.spans[i];
    if (span.end > start && span.end > span.start) spans.push(span);
  }
  for (const span of layer.longSpans) if (span.start < end && span.end > start) spans.push(span);
  const points: InlinePoint[] = [];
  for (let i = lowerBound(layer.points, start, (point) => point.start); i < layer.points.length && layer.points[i].start < end; i++) points.push(layer.points[i]);
  const hiddenFrom = Math.max(0, lowerBound(layer.hidden, start, (range) => range[0]) - 1);
  const hidden: Array<readonly [number, number]> = [];
  for (let i = hiddenFrom; i < layer.hidden.length && layer.hidden[i][0] < end; i++) {
    if (layer.hidden[i][1] > start) hidden.push(layer.hidden[i]);
  }
  for (const point of points) hidden.push([point.start, point.end]);
  hidden.sort((a, b) => a[0] - b[0]);

  const boundaries = new Set<number>([start, end]);
  for (const span of spans) {
    boundaries.add(Math.max(start, span.start));
    boundaries.add(Math.min(end, span.end));
  }
  for (const [from, to] of hidden) {
    boundaries.add(Math.max(start, from));
    boundaries.add(Math.min(end, to));
  }
  const cuts = [...boundaries].sort((a, b) => a - b);
  // Outer first: the span that starts earlier and ends later holds the other; ties go by rank.
  const order = (a: InlineSpan, b: InlineSpan): number => a.start - b.start || b.end - a.end || a.rank - b.rank;
  let stack: InlineSpan[] = [];
  let out = '';
  let lastSpace = true;
  let hiddenIndex = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const from = cuts[c];
    const to = cuts[c + 1];
    const active = spans.filter((span) => span.start <= from && span.end >= to).sort(order);
    const transition = (): void => {
      let common = 0;
      while (common < stack.length && common < active.length && stack[common] === active[common]) common++;
      out += closeTo(stack, common);
      for (let i = common; i < active.length; i++) out += active[i].open;
      stack = active;
    };
    for (const point of points) {
      if (point.start !== from) continue;
      transition();
      out += point.xml();
    }
    while (hiddenIndex < hidden.length && hidden[hiddenIndex][1] <= from) hiddenIndex++;
    let isHidden = false;
    for (let h = hiddenIndex; h < hidden.length && hidden[h][0] <= from; h++) if (hidden[h][1] >= to) isHidden = true;
    if (isHidden) continue;
    let raw = source.slice(from, to).replace(/[ \t]*\r?\n[ \t]*/g, ' ');
    if (lastSpace) raw = raw.replace(/^ +/, '');
    if (raw === '') continue;
    transition();
    out += escapeText(raw);
    lastSpace = raw.endsWith(' ');
  }
  out += closeTo(stack, 0);
  return out.replace(/ +((?:<\/[a-z]+>)*)$/i, '$1');
}

function closeTo(stack: readonly InlineSpan[], keep: number): string {
  let out = '';
  for (let i = stack.length - 1; i >= keep; i--) out += stack[i].close;
  return out;
}

export function refSpan(start: number, end: number, href: string, extra = ''): InlineSpan {
  return { start, end, open: `<ref href="${escapeAttribute(href)}"${extra}>`, close: '</ref>', rank: 1 };
}
