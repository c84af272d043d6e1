// Accepting and rejecting revision marks. Accepting keeps what the amended view keeps,
// rejecting what the original view keeps: the edits delete exactly what that view drops.

import type { ParsedDocument, RevisionMark } from '../syntax';
import type { OffsetEdit } from './edits';

export type ChangeDecision = 'accept' | 'reject';

function removals(document: ParsedDocument, decision: ChangeDecision): Array<[number, number]> {
  const view = decision === 'accept' ? document.amended : document.original;
  return view.removedRanges(document.text.length);
}

/** Edits that accept (or reject) every revision mark of the document. */
export function decideAll(document: ParsedDocument, decision: ChangeDecision): OffsetEdit[] {
  return removals(document, decision).map(([start, end]) => ({ start, end, newText: '' }));
}

/**
 * The revision mark at an offset (its delimiters included), if any. Between two marks that touch
 * (`{--x--}{++y++}`) it is the one starting there: where Next change leaves the cursor.
 */
export function markAt(document: ParsedDocument, offset: number): RevisionMark | undefined {
  const marks = document.revisions;
  return marks.find((mark) => mark.start <= offset && offset < mark.end) ?? marks.find((mark) => offset === mark.end);
}

/**
 * Edits that accept (or reject) the one mark at the offset. A line that the mark empties
 * goes with its line break, as it does in the views.
 */
export function decideAt(document: ParsedDocument, offset: number, decision: ChangeDecision): OffsetEdit[] {
  const mark = markAt(document, offset);
  if (!mark) return [];
  const text = document.text;
  let lineStart = mark.start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = mark.end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t' || text[lineEnd] === '\r')) lineEnd++;
  const from = lineStart === 0 || text[lineStart - 1] === '\n' ? lineStart : mark.start;
  const to = lineEnd >= text.length || text[lineEnd] === '\n' ? Math.min(text.length, lineEnd + 1) : mark.end;
  return removals(document, decision)
    .filter(([start, end]) => start < to && end > from)
    .map(([start, end]) => ({ start: Math.max(start, from), end: Math.min(end, to), newText: '' }))
    .filter((edit) => edit.end > edit.start);
}
