// Offset-based text edits and fixes, shared by quick fixes, fix-all and the command line.

import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The diagnostic the fix answers, if any. */
  diagnostic?: SyntaxDiagnostic;
  /** Safe to apply without looking: joins "fix all", the save action and `reso fix`. */
  fixAll: boolean;
  preferred?: boolean;
}

/** Applies non-overlapping edits to a text (in any order given). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Drops edits that overlap an earlier one (in order given), so a batch can always be applied. */
export function compatibleEdits(edits: readonly OffsetEdit[]): OffsetEdit[] {
  // Kept edits sorted by start: each new edit is checked against its neighbours only.
  const kept: OffsetEdit[] = [];
  for (const edit of edits) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < edit.start || (kept[mid].start === edit.start && kept[mid].end <= edit.end)) lo = mid + 1;
      else hi = mid;
    }
    const clashes = (other: OffsetEdit | undefined): boolean =>
      other !== undefined && ((edit.start < other.end && other.start < edit.end) || (edit.start === edit.end && other.start === edit.start && other.end === other.start));
    if (clashes(kept[lo - 1]) || clashes(kept[lo]) || clashes(kept[lo + 1])) continue;
    kept.splice(lo, 0, edit);
  }
  const order = new Map(edits.map((edit, index) => [edit, index]));
  return kept.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

export interface FixOptions {
  /** Whether relabels and other fixes are written as revision marks: see `tracksChanges`. */
  trackChanges: 'auto' | 'always' | 'never';
}

export type FixProvider = (document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions) => Fix[];

/**
 * The edits on `text` that do what `first` and then `second` (edits on the result of `first`)
 * do together. Edits of the two that touch or overlap become one edit, so the result never
 * holds overlapping or duplicate edits.
 */
export function composeEdits(text: string, first: readonly OffsetEdit[], second: readonly OffsetEdit[]): OffsetEdit[] {
  const sortedFirst = [...first].sort((a, b) => a.start - b.start || a.end - b.end);
  const middle = applyEdits(text, sortedFirst);
  // Where each first edit's output lies in the middle text.
  const outputs: Array<{ start: number; end: number; edit: OffsetEdit }> = [];
  let shift = 0;
  for (const edit of sortedFirst) {
    const start = edit.start + shift;
    outputs.push({ start, end: start + edit.newText.length, edit });
    shift += edit.newText.length - (edit.end - edit.start);
  }
  // Intervals of the middle text: first outputs and second ranges, merged where they touch.
  const intervals = [
    ...outputs.map((o) => ({ start: o.start, end: o.end, firstEdit: o.edit as OffsetEdit | undefined, secondEdit: undefined as OffsetEdit | undefined })),
    ...second.map((edit) => ({ start: edit.start, end: edit.end, firstEdit: undefined, secondEdit: edit as OffsetEdit | undefined })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetEdit[] = [];
  /** A middle offset outside every first output, mapped back to the text (asked in increasing order). */
  let passed = 0;
  let delta = 0;
  const before = (offset: number): number => {
    while (passed < outputs.length && outputs[passed].end <= offset) {
      const edit = outputs[passed].edit;
      delta += edit.newText.length - (edit.end - edit.start);
      passed++;
    }
    return offset - delta;
  };
  let i = 0;
  while (i < intervals.length) {
    let groupStart = intervals[i].start;
    let groupEnd = intervals[i].end;
    const firsts: OffsetEdit[] = [];
    const seconds: OffsetEdit[] = [];
    while (i < intervals.length && intervals[i].start <= groupEnd) {
      const interval = intervals[i];
      groupStart = Math.min(groupStart, interval.start);
      groupEnd = Math.max(groupEnd, interval.end);
      if (interval.firstEdit) firsts.push(interval.firstEdit);
      if (interval.secondEdit) seconds.push(interval.secondEdit);
      i++;
    }
    // The group's ends lie outside first outputs, or at the ends of first outputs in the group.
    const start = firsts.length > 0 ? Math.min(firsts[0].start, before(groupStart)) : before(groupStart);
    const end = firsts.length > 0 ? Math.max(firsts[firsts.length - 1].end, before(groupEnd)) : before(groupEnd);
    const piece = middle.slice(groupStart, groupEnd);
    const newText = applyEdits(piece, seconds.map((e) => ({ start: e.start - groupStart, end: e.end - groupStart, newText: e.newText })));
    if (newText !== text.slice(start, end)) out.push({ start, end, newText });
  }
  return out;
}
