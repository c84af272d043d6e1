// Renumbering: relabel the clauses of lists and rewrite every cross-reference that
// pointed to a moved clause, in one set of edits. In a tracked document the change is
// written as revision marks (`{--c--}{++d++})`), except inside inserted text.

import type { ClauseNode, LabelNode, ParsedDocument } from '../syntax';
import { crossReferences } from './crossrefs';
import type { OffsetEdit } from './edits';
import { clauseLists, listProblems, wantedLabels, type ClauseList } from './numbering';

export type TrackChanges = 'auto' | 'always' | 'never';

/** A document tracks changes when it carries revision marks or a MOD/ADD proposal. */
export function tracksChanges(document: ParsedDocument, mode: TrackChanges): boolean {
  if (mode !== 'auto') return mode === 'always';
  return document.revisions.length > 0 || document.root.proposals.some((p) => p.action === 'MOD' || p.action === 'ADD' || p.action === '(MOD)');
}

/** True when the source range lies inside inserted text (an insertion, or a substitution's new part). */
export function insideInsertion(document: ParsedDocument, start: number, end: number): boolean {
  const marks = document.revisions;
  let lo = 0;
  let hi = marks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const mark = marks[mid];
    if (mark.end <= start) lo = mid + 1;
    else if (mark.start >= end) hi = mid - 1;
    else {
      if (mark.kind === 'insertion') return mark.contentStart <= start && end <= mark.contentEnd;
      if (mark.kind === 'substitution' && mark.separator !== undefined) return mark.separator + 2 <= start && end <= mark.contentEnd;
      return false;
    }
  }
  return false;
}

/** Replaces amended-view characters [viewStart, viewEnd) with `replacement`, tracked when asked. */
export function replaceViewText(document: ParsedDocument, viewStart: number, viewEnd: number, replacement: string, track: boolean): OffsetEdit | undefined {
  const view = document.amended;
  const current = view.text.slice(viewStart, viewEnd);
  if (current === replacement) return undefined;
  const start = view.toSource(viewStart);
  const end = view.toSourceEnd(viewEnd);
  const contiguous = end - start === viewEnd - viewStart;
  if (contiguous) {
    if (!track || insideInsertion(document, start, end)) return { start, end, newText: replacement };
    return { start, end, newText: tracked(current, replacement) };
  }
  // The characters are cut by revision marks: rewrite the whole run, keeping what the original view had.
  const original = originalText(document, start, end);
  return { start, end, newText: original === replacement ? replacement : tracked(original, replacement) };
}

function tracked(before: string, after: string): string {
  if (before === '') return `{++${after}++}`;
  if (after === '') return `{--${before}--}`;
  return `{--${before}--}{++${after}++}`;
}

/** What the original view reads for a source range whose marks lie wholly inside it. */
function originalText(document: ParsedDocument, start: number, end: number): string {
  const original = document.original;
  const from = original.fromSource(start).offset;
  const to = original.fromSource(end).offset;
  return original.text.slice(from, to);
}

/** Inserts text before the amended-view character at `viewOffset`. */
function insertAt(document: ParsedDocument, viewOffset: number, text: string, track: boolean): OffsetEdit {
  const at = document.amended.toSource(viewOffset);
  const plain = !track || insideInsertion(document, at, at + 1);
  return { start: at, end: at, newText: plain ? text : `{++${text}++}` };
}

function labelCharactersEnd(label: LabelNode): number {
  return label.viewStart + label.value.length;
}

export interface RenumberPlan {
  edits: OffsetEdit[];
  /** Clauses whose label changes, with the new label characters (undefined: label removed). */
  changes: Map<ClauseNode, string | undefined>;
}

/** Relabels the given lists and rewrites the cross-references to moved clauses. */
export function planRenumber(document: ParsedDocument, lists: readonly ClauseList[], track: boolean): RenumberPlan {
  const edits: OffsetEdit[] = [];
  const changes = new Map<ClauseNode, string | undefined>();
  const text = document.amended.text;
  for (const list of lists) {
    const wanted = wantedLabels(list);
    list.clauses.forEach((clause, i) => {
      const label = clause.label;
      const want = wanted[i];
      if (label && (label.form === 'bullet' || label.value.includes('.')) && want === undefined && (list.parent || list.clauses.length > 1)) return;
      if (label?.value === want) return;
      if (!label && want === undefined) return;
      changes.set(clause, want);
      if (!label && want !== undefined) {
        const printed = list.style === 'number' ? `${want} ` : `${want}) `;
        edits.push(insertAt(document, clause.viewStart, printed, track));
      } else if (label && want === undefined) {
        let viewEnd = label.viewEnd;
        while (viewEnd < clause.textViewEnd && (text[viewEnd] === ' ' || text[viewEnd] === '\t')) viewEnd++;
        const edit = replaceViewText(document, label.viewStart, viewEnd, '', track);
        if (edit) edits.push(edit);
      } else if (label && want !== undefined) {
        const printedEnd = labelCharactersEnd(label);
        // A number label that must become a letter (or back) changes its `)` too.
        const needsParen = list.style !== 'number';
        const hasParen = label.form === 'paren';
        const edit =
          needsParen === hasParen
            ? replaceViewText(document, label.viewStart, printedEnd, want, track)
            : replaceViewText(document, label.viewStart, label.viewEnd, needsParen ? `${want})` : want, track);
        if (edit) edits.push(edit);
      }
    });
  }
  if (changes.size > 0) {
    for (const reference of crossReferences(document)) {
      if (reference.label === undefined || !reference.section || reference.labelViewStart === undefined || reference.labelViewEnd === undefined) continue;
      const candidates = reference.section.clauses.filter((c) => c.label?.value === reference.label);
      // With duplicate labels, a reference follows the clause that moves: it was written before the newcomer.
      const target = candidates.find((c) => changes.has(c)) ?? candidates[0];
      if (!target || !changes.has(target)) continue;
      const want = changes.get(target);
      if (want === undefined) continue;
      const edit = replaceViewText(document, reference.labelViewStart, reference.labelViewEnd, want, track);
      if (edit) edits.push(edit);
    }
  }
  return { edits: edits.sort((a, b) => a.start - b.start), changes };
}

/** The list (section or sub-items) that holds a clause. */
export function listOf(document: ParsedDocument, clause: ClauseNode): ClauseList | undefined {
  for (const resolution of document.root.resolutions) {
    if (clause.start < resolution.start || clause.end > resolution.end) continue;
    for (const list of clauseLists(resolution)) if (list.clauses.includes(clause)) return list;
  }
  return undefined;
}

/** Every list of the document that has a label problem. */
export function listsWithProblems(document: ParsedDocument): ClauseList[] {
  return document.root.resolutions.flatMap((resolution) => clauseLists(resolution).filter((list) => listProblems(list).length > 0));
}
