// CriticMarkup revision marks and the two views (original, amended) they define.
// Offsets are UTF-16 code unit offsets into the source text.

import type { SyntaxDiagnostic } from './diagnostics';

export type RevisionKind = 'insertion' | 'deletion' | 'substitution' | 'comment' | 'highlight';

export interface RevisionMark {
  kind: RevisionKind;
  /** The whole mark, delimiters included. */
  start: number;
  end: number;
  /** Between the opening and closing delimiters. */
  contentStart: number;
  contentEnd: number;
  /** Substitutions only: offset of the `~>` separator. */
  separator?: number;
}

const KIND_BY_SECOND_CHAR: Record<string, RevisionKind> = { '+': 'insertion', '-': 'deletion', '~': 'substitution', '>': 'comment', '=': 'highlight' };
const CLOSERS: Record<RevisionKind, string> = { insertion: '++}', deletion: '--}', substitution: '~~}', comment: '<<}', highlight: '==}' };

/** The kind of mark whose opener starts at `at`, if one does. */
function openerAt(text: string, at: number): RevisionKind | undefined {
  const second = text[at + 1];
  const kind = KIND_BY_SECOND_CHAR[second];
  return kind !== undefined && text[at + 2] === second ? kind : undefined;
}

/** The closing delimiter of the mark whose opener starts at `at`, if one does. */
export function closerOfOpenerAt(text: string, at: number): string | undefined {
  const kind = openerAt(text, at);
  return kind === undefined ? undefined : CLOSERS[kind];
}

export function scanRevisions(text: string, diagnostics: SyntaxDiagnostic[]): RevisionMark[] {
  const marks: RevisionMark[] = [];
  // Where a closer was last looked for in vain: later openers of that kind are unclosed too,
  // without searching to the end again (keeps many unclosed openers linear).
  const noCloserFrom: Partial<Record<RevisionKind, number>> = {};
  let from = 0;
  for (;;) {
    const open = text.indexOf('{', from);
    if (open < 0 || open + 3 > text.length) break;
    const kind = openerAt(text, open);
    if (kind === undefined) {
      from = open + 1;
      continue;
    }
    const opener = text.slice(open, open + 3);
    const closer = CLOSERS[kind];
    const close = open >= (noCloserFrom[kind] ?? Infinity) ? -1 : text.indexOf(closer, open + 3);
    if (close < 0) noCloserFrom[kind] = Math.min(noCloserFrom[kind] ?? Infinity, open);
    if (close < 0) {
      diagnostics.push({
        code: 'syntax.revision',
        severity: 'error',
        start: open,
        end: open + 3,
        message: `Revision mark \`${opener}\` is never closed; every \`${opener}\` needs its \`${closer}\`.`,
      });
      from = open + 3;
      continue;
    }
    // Marks do not nest: look for another opener before this mark closes.
    for (let inner = text.indexOf('{', open + 3); inner >= 0 && inner < close; inner = text.indexOf('{', inner + 1)) {
      if (openerAt(text, inner) === undefined) continue;
      diagnostics.push({
        code: 'syntax.revision',
        severity: 'error',
        start: inner,
        end: inner + 3,
        message: `\`${text.slice(inner, inner + 3)}\` opens inside the \`${opener}\` mark that starts earlier (or that mark is not closed); revision marks do not nest.`,
      });
      break;
    }
    const mark: RevisionMark = { kind, start: open, end: close + 3, contentStart: open + 3, contentEnd: close };
    if (kind === 'substitution') {
      const separator = text.indexOf('~>', open + 3);
      if (separator >= 0 && separator < close) mark.separator = separator;
      else {
        diagnostics.push({
          code: 'syntax.revision',
          severity: 'error',
          start: open,
          end: close + 3,
          message: 'This substitution has no `~>` separator; a substitution is written `{~~old~>new~~}`.',
        });
      }
    }
    marks.push(mark);
    from = close + 3;
  }
  return marks;
}

/** Moves a mark by `delta`, in place. */
export function moveMark(mark: RevisionMark, delta: number): void {
  mark.start += delta;
  mark.end += delta;
  mark.contentStart += delta;
  mark.contentEnd += delta;
  if (mark.separator !== undefined) mark.separator += delta;
}

/** A copy of a mark moved by `delta`. */
export function movedMark(mark: RevisionMark, delta: number): RevisionMark {
  const copy = { ...mark };
  moveMark(copy, delta);
  return copy;
}

export type ViewKind = 'amended' | 'original';

/** Runs of the view copied from the source, as parallel arrays. */
interface Segments {
  viewStarts: Int32Array;
  sourceStarts: Int32Array;
  lengths: Int32Array;
}

function identitySegments(length: number): Segments {
  return { viewStarts: Int32Array.of(0), sourceStarts: Int32Array.of(0), lengths: Int32Array.of(length) };
}

/** One reading of the source (amended or original) with maps between view and source offsets. */
export class TextView {
  private readonly viewStarts: Int32Array;
  private readonly sourceStarts: Int32Array;
  private readonly lengths: Int32Array;
  private lastSegment = 0;
  /** Line starts of a literal, per literal, once asked for (see `lineStartsOf`). */
  private readonly lineStarts = new Map<string, readonly number[]>();

  constructor(
    readonly kind: ViewKind,
    readonly text: string,
    segments: Segments,
    readonly identity: boolean,
  ) {
    this.viewStarts = segments.viewStarts;
    this.sourceStarts = segments.sourceStarts;
    this.lengths = segments.lengths;
  }

  /**
   * The view of a text in which the source range [start, oldEnd) of `outer`'s text was replaced
   * and re-read as `inner` (whose offsets start at 0), the rest moving by `delta`. No removed
   * range may cross `start` or `oldEnd`; the caller makes sure of that. The result equals a view
   * built from the new text: kept runs that meet at a seam are joined again.
   */
  static spliced(outer: TextView, start: number, oldEnd: number, inner: TextView, source: string, delta: number, identity: boolean): TextView {
    if (identity) {
      const view = new TextView(outer.kind, source, identitySegments(source.length), true);
      view.carryLineStarts(outer, start, oldEnd, start + inner.text.length);
      return view;
    }
    const viewStart = outer.fromSource(start).offset;
    const viewOldEnd = outer.fromSource(oldEnd).offset;
    const viewDelta = inner.text.length - (viewOldEnd - viewStart);
    const capacity = outer.viewStarts.length + inner.viewStarts.length + 2;
    const viewStarts = new Int32Array(capacity);
    const sourceStarts = new Int32Array(capacity);
    const lengths = new Int32Array(capacity);
    let count = 0;
    const push = (view: number, from: number, length: number): void => {
      if (length <= 0) return;
      const last = count - 1;
      if (last >= 0 && sourceStarts[last] + lengths[last] === from && viewStarts[last] + lengths[last] === view) {
        lengths[last] += length;
        return;
      }
      viewStarts[count] = view;
      sourceStarts[count] = from;
      lengths[count] = length;
      count++;
    };
    const n = outer.sourceStarts.length;
    for (let i = 0; i < n && outer.sourceStarts[i] < start; i++) {
      push(outer.viewStarts[i], outer.sourceStarts[i], Math.min(outer.lengths[i], start - outer.sourceStarts[i]));
    }
    for (let i = 0; i < inner.sourceStarts.length; i++) push(inner.viewStarts[i] + viewStart, inner.sourceStarts[i] + start, inner.lengths[i]);
    for (let i = Math.max(0, lastAtOrBefore(outer.sourceStarts, oldEnd)); i < n; i++) {
      const from = Math.max(outer.sourceStarts[i], oldEnd);
      const end = outer.sourceStarts[i] + outer.lengths[i];
      if (end <= from) continue;
      push(outer.viewStarts[i] + (from - outer.sourceStarts[i]) + viewDelta, from + delta, end - from);
    }
    const text = outer.text.slice(0, viewStart) + inner.text + outer.text.slice(viewOldEnd);
    const segments: Segments = { viewStarts: viewStarts.subarray(0, count), sourceStarts: sourceStarts.subarray(0, count), lengths: lengths.subarray(0, count) };
    const view = new TextView(outer.kind, text, segments, false);
    view.carryLineStarts(outer, viewStart, viewOldEnd, viewStart + inner.text.length);
    return view;
  }

  /**
   * View offsets of every `literal` that starts a line of the view's text (at its start or after
   * LF, CR, U+2028 or U+2029, where a multiline `^` matches), in order. Found once per view; a view
   * spliced from one that knew them gets them at once, looked for again only around the splice.
   */
  lineStartsOf(literal: string): readonly number[] {
    let found = this.lineStarts.get(literal);
    if (!found) {
      const all: number[] = [];
      scanLineStarts(this.text, literal, 0, this.text.length + 1, all);
      this.lineStarts.set(literal, (found = all));
    }
    return found;
  }

  /** The line starts `outer` knew, for this view, whose [viewStart, innerEnd) replaced outer's [viewStart, viewOldEnd). */
  private carryLineStarts(outer: TextView, viewStart: number, viewOldEnd: number, innerEnd: number): void {
    const delta = innerEnd - viewOldEnd;
    for (const [literal, before] of outer.lineStarts) {
      const from = Math.max(0, viewStart - literal.length);
      const to = innerEnd + literal.length + 1;
      const found = before.filter((at) => at < from);
      scanLineStarts(this.text, literal, from, to, found);
      for (const at of before) if (at >= to - delta) found.push(at + delta);
      this.lineStarts.set(literal, found);
    }
  }

  /** Source offset of the view character at `offset` (or the source end for the view end). */
  toSource(offset: number): number {
    if (this.identity) return offset;
    const n = this.viewStarts.length;
    if (n === 0) return 0;
    // Callers mostly ask in increasing order: try the segment of the last answer first.
    let i = this.lastSegment;
    if (!(this.viewStarts[i] <= offset && (i + 1 >= n || this.viewStarts[i + 1] > offset))) {
      i = lastAtOrBefore(this.viewStarts, offset);
      this.lastSegment = Math.max(0, i);
    }
    if (i < 0) return this.sourceStarts[0];
    return this.sourceStarts[i] + Math.min(offset - this.viewStarts[i], this.lengths[i]);
  }

  /** Source offset just after the view character before `offset`: the end of a range. */
  toSourceEnd(offset: number): number {
    if (this.identity) return offset;
    if (offset <= 0) return this.toSource(0);
    return this.toSource(offset - 1) + 1;
  }

  /** Visits the source range in runs that the view keeps or drops, in order. */
  sourceRuns(start: number, end: number, visit: (kept: boolean, from: number, to: number) => void): void {
    if (this.identity) {
      if (end > start) visit(true, start, end);
      return;
    }
    const n = this.sourceStarts.length;
    // First segment ending after `start`.
    let j = Math.max(0, lastAtOrBefore(this.sourceStarts, start));
    while (j < n && this.sourceStarts[j] + this.lengths[j] <= start) j++;
    let at = start;
    while (at < end) {
      if (j >= n) {
        visit(false, at, end);
        return;
      }
      const segmentStart = this.sourceStarts[j];
      const segmentEnd = segmentStart + this.lengths[j];
      if (segmentStart <= at) {
        const to = Math.min(end, segmentEnd);
        visit(true, at, to);
        at = to;
        j++;
      } else {
        const to = Math.min(end, segmentStart);
        visit(false, at, to);
        at = to;
      }
    }
  }

  /** Source ranges this view drops (delimiters, removed text, emptied lines), in order. */
  removedRanges(sourceLength: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let cursor = 0;
    for (let i = 0; i < this.sourceStarts.length; i++) {
      if (this.sourceStarts[i] > cursor) out.push([cursor, this.sourceStarts[i]]);
      cursor = this.sourceStarts[i] + this.lengths[i];
    }
    if (cursor < sourceLength) out.push([cursor, sourceLength]);
    return this.identity ? [] : out;
  }

  /** View offset of a source offset; a source offset inside removed text maps to the next kept character. */
  fromSource(offset: number): { offset: number; kept: boolean } {
    if (this.identity) return { offset, kept: true };
    const i = lastAtOrBefore(this.sourceStarts, offset);
    if (i < 0) return { offset: 0, kept: false };
    const within = offset - this.sourceStarts[i];
    if (within < this.lengths[i]) return { offset: this.viewStarts[i] + within, kept: true };
    return { offset: this.viewStarts[i] + this.lengths[i], kept: false };
  }
}

/** Appends the offsets in [from, to) where `literal` occurs at a line start. */
function scanLineStarts(text: string, literal: string, from: number, to: number, out: number[]): void {
  // Searched in the stretch alone: a search of the whole text would run to its end when the stretch has none.
  const stretch = to >= text.length ? text : text.slice(0, Math.min(text.length, to - 1 + literal.length));
  for (let at = stretch.indexOf(literal, from); at !== -1 && at < to; at = stretch.indexOf(literal, at + 1)) {
    const before = at === 0 ? 10 : text.charCodeAt(at - 1);
    if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) out.push(at);
  }
}

function lastAtOrBefore(starts: Int32Array, value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Builds a view. A source line that holds only removed text (and blanks) disappears
 * from the view with its line break, so a deleted clause does not leave an empty line
 * that would end a paragraph.
 */
export function buildView(text: string, marks: readonly RevisionMark[], kind: ViewKind): TextView {
  if (marks.length === 0) return new TextView(kind, text, identitySegments(text.length), true);
  // Removed ranges as flat [start, end, start, end, …], merged when they touch.
  const removed: number[] = [];
  const drop = (start: number, end: number): void => {
    if (end <= start) return;
    const last = removed.length - 1;
    if (last > 0 && start <= removed[last]) removed[last] = Math.max(removed[last], end);
    else removed.push(start, end);
  };
  for (const mark of marks) {
    switch (mark.kind) {
      case 'comment':
        drop(mark.start, mark.end);
        break;
      case 'highlight':
        drop(mark.start, mark.contentStart);
        drop(mark.contentEnd, mark.end);
        break;
      case 'insertion':
        if (kind === 'amended') {
          drop(mark.start, mark.contentStart);
          drop(mark.contentEnd, mark.end);
        } else drop(mark.start, mark.end);
        break;
      case 'deletion':
        if (kind === 'original') {
          drop(mark.start, mark.contentStart);
          drop(mark.contentEnd, mark.end);
        } else drop(mark.start, mark.end);
        break;
      case 'substitution': {
        const separator = mark.separator ?? mark.contentEnd;
        if (kind === 'amended') {
          drop(mark.start, Math.min(separator + 2, mark.contentEnd));
          drop(mark.contentEnd, mark.end);
        } else {
          drop(mark.start, mark.contentStart);
          drop(separator, mark.end);
        }
        break;
      }
    }
  }
  // A removal that empties its whole line takes the line break with it.
  for (let i = 0; i < removed.length; i += 2) {
    let lineStart = removed[i];
    while (lineStart > 0 && (text.charCodeAt(lineStart - 1) === 32 || text.charCodeAt(lineStart - 1) === 9)) lineStart--;
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) continue;
    let lineEnd = removed[i + 1];
    while (lineEnd < text.length) {
      const code = text.charCodeAt(lineEnd);
      if (code !== 32 && code !== 9 && code !== 13) break;
      lineEnd++;
    }
    if (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10) continue;
    if (lineEnd < text.length) lineEnd++;
    else if (lineStart > 0) {
      // Last line of the file: drop the break before it instead.
      lineStart--;
      if (lineStart > 0 && text.charCodeAt(lineStart - 1) === 13) lineStart--;
    }
    removed[i] = lineStart;
    removed[i + 1] = lineEnd;
  }
  const count = removed.length / 2 + 1;
  const viewStarts = new Int32Array(count);
  const sourceStarts = new Int32Array(count);
  const lengths = new Int32Array(count);
  // Pieces are joined once: a string grown by `+=` stays a rope, slow to index into.
  const pieces: string[] = [];
  let segments = 0;
  let viewLength = 0;
  let kept = 0;
  for (let i = 0; i < removed.length; i += 2) {
    const start = removed[i];
    const end = removed[i + 1];
    if (end <= kept) continue;
    if (start > kept) {
      viewStarts[segments] = viewLength;
      sourceStarts[segments] = kept;
      lengths[segments] = start - kept;
      segments++;
      pieces.push(text.slice(kept, start));
      viewLength += start - kept;
    }
    kept = Math.max(kept, end);
  }
  if (kept < text.length) {
    viewStarts[segments] = viewLength;
    sourceStarts[segments] = kept;
    lengths[segments] = text.length - kept;
    segments++;
    pieces.push(text.slice(kept));
  }
  const view: Segments = { viewStarts: viewStarts.subarray(0, segments), sourceStarts: sourceStarts.subarray(0, segments), lengths: lengths.subarray(0, segments) };
  return new TextView(kind, pieces.join(''), view, false);
}
