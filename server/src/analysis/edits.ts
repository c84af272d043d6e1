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
  const kept: OffsetEdit[] = [];
  for (const edit of edits) {
    const clash = kept.some((k) => (edit.start < k.end && k.start < edit.end) || (edit.start === edit.end && k.start === edit.start && k.end === k.start));
    if (!clash) kept.push(edit);
  }
  return kept;
}

export interface FixOptions {
  /** Whether relabels and other fixes are written as revision marks: see `tracksChanges`. */
  trackChanges: 'auto' | 'always' | 'never';
}

export const DEFAULT_FIX_OPTIONS: FixOptions = { trackChanges: 'auto' };

export type FixProvider = (document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions) => Fix[];
