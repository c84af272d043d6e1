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
