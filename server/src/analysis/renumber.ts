// Renumbering: relabel the clauses of lists and rewrite every cross-reference that
// pointed to a moved clause, in one set of edits. In a tracked document the change is
// written as revision marks (`{--c--}{++d++})`), except inside inserted text.

import type { ClauseNode, LabelNode, ParsedDocument, ResolutionNode, RevisionMark, SyntaxNode } from '../syntax';
import { crossReferences } from './crossrefs';
import type { OffsetEdit } from './edits';
import { clauseLists, listProblems, wantedLabels, type ClauseList } from './numbering';

export type TrackChanges = 'auto' | 'always' | 'never';

/** A document tracks changes when it carries revision marks or a MOD/ADD proposal. */
export function tracksChanges(document: ParsedDocument, mode: TrackChanges): boolean {
  if (mode !== 'auto') return mode === 'always';
  return document.revisions.length > 0 || document.root.proposals.some((p) => p.action === 'MOD' || p.action === 'ADD' || p.action === '(MOD)');
}

/**
 * The revision marks that overlap or touch a source range, found by binary search: marks do not
 * nest, so they are sorted by start and by end alike. Every lookup by place goes through this,
 * so that a document with thousands of marks and thousands of fixes stays linear.
 */
export function marksNear(document: ParsedDocument, start: number, end: number): RevisionMark[] {
  const marks = document.revisions;
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid].end < start) lo = mid + 1;
    else hi = mid;
  }
  const out: RevisionMark[] = [];
  for (let i = lo; i < marks.length && marks[i].start <= end; i++) out.push(marks[i]);
  return out;
}

/** The revision marks that overlap a source range (or, for an empty range, contain its point). */
function marksAt(document: ParsedDocument, start: number, end: number): RevisionMark[] {
  return marksNear(document, start, end).filter((mark) => (end > start ? mark.start < end && start < mark.end : mark.start < start && start < mark.end));
}

/** Where inserted text goes in a mark: plain inside inserted text, else nowhere inside. */
function insertedContent(mark: RevisionMark, start: number, end: number): boolean {
  if (mark.kind === 'insertion') return mark.contentStart <= start && end <= mark.contentEnd;
  if (mark.kind === 'substitution' && mark.separator !== undefined) return mark.separator + 2 <= start && end <= mark.contentEnd;
  return false;
}

/**
 * Replaces amended-view characters [viewStart, viewEnd) with `replacement`, as revision marks
 * when `track` is set. Marks are never cut or nested: inside inserted text the edit is plain;
 * characters cut by marks are rewritten with those whole marks, keeping what the original view
 * had; inside a highlight a tracked edit is not possible and none is made.
 */
export function replaceViewText(document: ParsedDocument, viewStart: number, viewEnd: number, replacement: string, track: boolean): OffsetEdit | undefined {
  const view = document.amended;
  const current = view.text.slice(viewStart, viewEnd);
  if (current === replacement || viewEnd <= viewStart) return undefined;
  let start = view.toSource(viewStart);
  let end = view.toSourceEnd(viewEnd);
  const marks = marksAt(document, start, end);
  const contiguous = end - start === viewEnd - viewStart;
  if (contiguous && marks.length === 0) return { start, end, newText: track ? tracked(current, replacement) : replacement };
  if (contiguous && marks.length === 1 && insertedContent(marks[0], start, end)) return { start, end, newText: replacement };
  if (marks.some((mark) => mark.kind === 'highlight')) {
    if (!contiguous) return undefined;
    if (!track) return { start, end, newText: replacement };
    const highlight = marks.length === 1 ? highlightHolding(document, start, end) : undefined;
    return highlight && (highlight.contentStart < start || end < highlight.contentEnd) ? changeInHighlight(highlight, start, end, tracked(current, replacement)) : undefined;
  }
  // Cut by marks: take the whole marks, and those that touch them (`{--b--}{++c++}`).
  for (const mark of marks) {
    start = Math.min(start, mark.start);
    end = Math.max(end, mark.end);
  }
  for (let grown = true; grown; ) {
    grown = false;
    for (const mark of marksNear(document, start, end)) {
      if (mark.kind === 'highlight') continue;
      if (mark.end === start) {
        start = mark.start;
        grown = true;
      } else if (mark.start === end) {
        end = mark.end;
        grown = true;
      }
    }
  }
  const amended = view.text.slice(view.fromSource(start).offset, viewStart) + replacement + view.text.slice(viewEnd, view.fromSource(end).offset);
  const original = originalText(document, start, end);
  return { start, end, newText: original === amended ? amended : tracked(original, amended) };
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

/**
 * Inserts text at a source offset between kept characters: plain inside inserted text,
 * as an insertion elsewhere when tracking, and never inside a highlight when tracking.
 */
export function insertAtSource(document: ParsedDocument, at: number, text: string, track: boolean): OffsetEdit {
  const inside = marksAt(document, at, at);
  if (!track) return { start: at, end: at, newText: text };
  for (const mark of inside) {
    if (mark.kind === 'insertion' ? mark.contentStart <= at && at <= mark.contentEnd : insertedContent(mark, at, at)) return { start: at, end: at, newText: text };
  }
  const highlight = inside.find((mark) => mark.kind === 'highlight');
  // Exactly where it is asked for: inside a highlight the highlight is split around the insertion.
  if (highlight && highlight.contentStart < at && at < highlight.contentEnd) return changeInHighlight(highlight, at, at, `{++${text}++}`);
  const point = highlight ? (at <= highlight.contentStart ? highlight.start : highlight.end) : at;
  return { start: point, end: point, newText: `{++${text}++}` };
}

/** The highlight whose content holds the source range [start, end), if one does. */
export function highlightHolding(document: ParsedDocument, start: number, end: number): RevisionMark | undefined {
  return marksNear(document, start, end).find((mark) => mark.kind === 'highlight' && mark.contentStart <= start && end <= mark.contentEnd);
}

/**
 * A tracked change inside a highlight: marks do not nest, so the highlight is closed before the
 * change and opened again after it. Both parts stay highlighted and no delimiter is lost; a
 * change at an edge of the highlight goes just outside it.
 */
export function changeInHighlight(mark: RevisionMark, start: number, end: number, change: string): OffsetEdit {
  const atStart = start <= mark.contentStart;
  const atEnd = end >= mark.contentEnd;
  // The whole content changed: nothing is left to highlight (such an edit is refused by `cutsHighlight`).
  if (atStart && atEnd) return { start: mark.start, end: mark.end, newText: change };
  if (atStart) return { start: mark.start, end, newText: `${change}{==` };
  if (atEnd) return { start, end: mark.end, newText: `==}${change}` };
  return { start, end, newText: `==}${change}{==` };
}

/**
 * True when an edit would cut a highlight's delimiters (`{==`, `==}`) or drop them: such an
 * edit is not made, since what is highlighted would change or the marks would break.
 */
export function cutsHighlight(document: ParsedDocument, edit: OffsetEdit): boolean {
  for (const mark of marksNear(document, edit.start, edit.end)) {
    if (mark.kind !== 'highlight' || edit.end <= mark.start || edit.start >= mark.end) continue;
    if (mark.contentStart <= edit.start && edit.end <= mark.contentEnd) continue;
    if (edit.start === edit.end && (edit.start === mark.start || edit.start === mark.end)) continue;
    return true;
  }
  return false;
}

/** Inserts text before the amended-view character at `viewOffset`. */
function insertAt(document: ParsedDocument, viewOffset: number, text: string, track: boolean): OffsetEdit {
  return insertAtSource(document, document.amended.toSource(viewOffset), text, track);
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
  /** The view replacement each rewrite was made from, so that rewrites widened into the same marks can become one. */
  const made = new Map<OffsetEdit, ViewReplacement>();
  const replace = (viewStart: number, viewEnd: number, replacement: string): OffsetEdit | undefined => {
    const edit = replaceViewText(document, viewStart, viewEnd, replacement, track);
    if (edit) made.set(edit, { viewStart, viewEnd, replacement });
    return edit;
  };
  const changes = new Map<ClauseNode, string | undefined>();
  const text = document.amended.text;
  // Only the resolutions of the lists: a quick fix on one list costs that resolution, not the document.
  const resolutions = new Set<ResolutionNode>();
  for (const list of lists) for (let node: SyntaxNode | undefined = list.section; node; node = node.parent) if (node.kind === 'resolution') resolutions.add(node);
  const references = lists.length > 0 ? crossReferences(document, resolutions.size > 0 ? resolutions : undefined) : [];
  const referenced = new Set(references.map((r) => r.clause).filter((c): c is ClauseNode => c !== undefined));
  for (const list of lists) {
    const wanted = wantedLabels(list);
    list.clauses.forEach((clause, i) => {
      const label = clause.label;
      const want = wanted[i];
      if (label?.form === 'bullet') return;
      if (label && label.value === want && !label.dotted) return;
      if (!label && want === undefined) return;
      // A lone clause that a cross-reference names by its label keeps it: removing it would break the reference.
      if (label && want === undefined && referenced.has(clause)) return;
      changes.set(clause, want);
      if (!label && want !== undefined) {
        const printed = list.style === 'number' ? `${want} ` : `${want}) `;
        edits.push(insertAt(document, clause.viewStart, printed, track));
      } else if (label && want === undefined) {
        let viewEnd = label.viewEnd;
        while (viewEnd < clause.textViewEnd && (text[viewEnd] === ' ' || text[viewEnd] === '\t')) viewEnd++;
        const edit = replace(label.viewStart, viewEnd, '');
        if (edit) edits.push(edit);
      } else if (label && want !== undefined) {
        // A number that must become a letter (or back) changes its `)` too; `1.` loses its full stop.
        const needsParen = list.style !== 'number';
        const hasParen = label.form === 'paren';
        const edit =
          needsParen === hasParen && !label.dotted
            ? replace(label.viewStart, labelCharactersEnd(label), want)
            : replace(label.viewStart, label.viewEnd, needsParen ? `${want})` : want);
        if (edit) edits.push(edit);
      }
    });
  }
  if (changes.size > 0) {
    for (const reference of references) {
      if (reference.label === undefined || !reference.section || reference.labelViewStart === undefined || reference.labelViewEnd === undefined) continue;
      const candidates = reference.section.clauses.filter((c) => c.label?.value === reference.label);
      // With duplicate labels, a reference follows the clause that moves: it was written before the newcomer.
      const target = candidates.find((c) => changes.has(c)) ?? candidates[0];
      if (!target || !changes.has(target)) continue;
      const want = changes.get(target);
      if (want === undefined) continue;
      const edit = replace(reference.labelViewStart, reference.labelViewEnd, want);
      if (edit) edits.push(edit);
    }
  }
  return { edits: mergeOverlapping(document, edits.sort((a, b) => a.start - b.start), made), changes };
}

/** The list (section or sub-items) that holds a clause. */
export function listOf(document: ParsedDocument, clause: ClauseNode): ClauseList | undefined {
  for (const resolution of document.root.resolutions) {
    if (clause.start < resolution.start || clause.end > resolution.end) continue;
    for (const list of clauseLists(resolution, document.amended.text)) if (list.clauses.includes(clause)) return list;
  }
  return undefined;
}

/** Every list of the document that has a label problem. */
export function listsWithProblems(document: ParsedDocument): ClauseList[] {
  return document.root.resolutions.flatMap((resolution) => clauseLists(resolution, document.amended.text).filter((list) => listProblems(list).length > 0));
}

interface ViewReplacement {
  viewStart: number;
  viewEnd: number;
  replacement: string;
}

/**
 * Rewrites that widened to the same marks (a label cut by a mark that also holds another label)
 * would overlap: each such group becomes one rewrite of the marks, with every replacement in it.
 */
function mergeOverlapping(document: ParsedDocument, sorted: OffsetEdit[], made: ReadonlyMap<OffsetEdit, ViewReplacement>): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  let i = 0;
  while (i < sorted.length) {
    const group = [sorted[i]];
    let end = sorted[i].end;
    for (i++; i < sorted.length && sorted[i].start < end; i++) {
      group.push(sorted[i]);
      end = Math.max(end, sorted[i].end);
    }
    if (group.length === 1) {
      out.push(group[0]);
      continue;
    }
    const replacements = group.map((edit) => made.get(edit));
    // Only rewrites of view text can be merged; anything else is left to the first edit alone.
    if (replacements.some((r) => r === undefined)) {
      out.push(group[0]);
      continue;
    }
    const start = group[0].start;
    const view = document.amended;
    const from = view.fromSource(start).offset;
    const to = view.fromSource(end).offset;
    let amended = '';
    let cursor = from;
    for (const r of (replacements as ViewReplacement[]).sort((a, b) => a.viewStart - b.viewStart)) {
      if (r.viewStart < cursor) continue;
      amended += view.text.slice(cursor, r.viewStart) + r.replacement;
      cursor = r.viewEnd;
    }
    amended += view.text.slice(cursor, to);
    const original = originalText(document, start, end);
    out.push({ start, end, newText: original === amended ? amended : tracked(original, amended) });
  }
  return out;
}
