// Quick fixes for the structure checks: renumber a list, fix a clause ending, change a heading.

import { nodeAt, type ClauseNode, type HeadingNode, type ParsedDocument, type ResolutionNode, type SyntaxDiagnostic } from '../syntax';
import type { Fix, FixOptions, OffsetEdit } from './edits';
import { insertAtSource, listOf, planRenumber, replaceViewText, tracksChanges } from './renumber';
import { endingProblems, furtherHeading, suggestHeading } from './structure';
import type { ClauseList } from './numbering';
import { printedLabel } from './crossrefs';

export function listTitle(list: ClauseList): string {
  return list.parent ? `Renumber the sub-items of ${printedLabel(list.parent) || 'this clause'}` : `Renumber «${list.section.heading.phrase}»`;
}

function clauseOf(document: ParsedDocument, diagnostic: SyntaxDiagnostic): ClauseNode | undefined {
  for (let node = nodeAt(document.root, diagnostic.start) as ReturnType<typeof nodeAt> | undefined; node; node = node.parent) {
    if (node.kind === 'clause') return node;
  }
  return undefined;
}

function headingOf(document: ParsedDocument, diagnostic: SyntaxDiagnostic): HeadingNode | undefined {
  for (let node = nodeAt(document.root, diagnostic.start) as ReturnType<typeof nodeAt> | undefined; node; node = node.parent) {
    if (node.kind === 'heading') return node;
    if (node.kind === 'section') return node.heading;
  }
  return undefined;
}

export function renumberFix(document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions): Fix[] {
  const clause = clauseOf(document, diagnostic);
  const list = clause && listOf(document, clause);
  if (!list) return [];
  const plan = planRenumber(document, [list], tracksChanges(document, options.trackChanges));
  if (plan.edits.length === 0) return [];
  return [{ title: listTitle(list), edits: plan.edits, diagnostic, fixAll: true, preferred: true }];
}

type EndingEdit = { start: number; end: number; edit: OffsetEdit };

/** Ending edits of a parsed document, once per document and mode: quick fixes for many diagnostics share them. */
const endingEditsByDocument = new WeakMap<ParsedDocument, Map<boolean, EndingEdit[]>>();

/** The edit that gives a clause the ending it needs, in document order. */
export function endingEdits(document: ParsedDocument, track: boolean): EndingEdit[] {
  let byMode = endingEditsByDocument.get(document);
  if (!byMode) endingEditsByDocument.set(document, (byMode = new Map()));
  let edits = byMode.get(track);
  if (!edits) byMode.set(track, (edits = computeEndingEdits(document, track)));
  return edits;
}

function computeEndingEdits(document: ParsedDocument, track: boolean, within?: readonly ResolutionNode[]): EndingEdit[] {
  const out: Array<{ start: number; end: number; edit: OffsetEdit }> = [];
  const view = document.amended;
  for (const problem of endingProblems(document, within)) {
    if (!problem.fixable) continue;
    const edit: OffsetEdit | undefined = problem.found
      ? replaceViewText(document, problem.viewEnd - 1, problem.viewEnd, problem.expected, track)
      : insertAtSource(document, view.toSourceEnd(problem.viewEnd), problem.expected, track);
    if (edit) out.push({ start: view.toSource(Math.max(0, problem.viewEnd - 1)), end: view.toSourceEnd(problem.viewEnd), edit });
  }
  return out;
}

export function endingFix(document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions): Fix[] {
  const track = tracksChanges(document, options.trackChanges);
  // The resolution of the diagnostic only, unless the whole document's edits are known already.
  const resolution = document.root.resolutions.find((r) => r.start <= diagnostic.start && diagnostic.start <= r.end);
  const edits = endingEditsByDocument.get(document)?.get(track) ?? computeEndingEdits(document, track, resolution ? [resolution] : undefined);
  // The last edit starting at or before the diagnostic (edits are in document order).
  let lo = 0;
  let hi = edits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edits[mid].start <= diagnostic.start) lo = mid + 1;
    else hi = mid;
  }
  const found = [edits[lo - 1], edits[lo - 2]].find((e) => e !== undefined && e.start <= diagnostic.start && diagnostic.start < Math.max(e.end, e.start + 1));
  return found ? [{ title: 'Fix ending', edits: [found.edit], diagnostic, fixAll: true, preferred: true }] : [];
}

function headingFix(document: ParsedDocument, diagnostic: SyntaxDiagnostic, replacement: string | undefined, options: FixOptions): Fix[] {
  const heading = headingOf(document, diagnostic);
  if (!heading || !replacement) return [];
  const view = document.amended;
  const viewStart = view.fromSource(heading.phraseStart).offset;
  const viewEnd = view.fromSource(Math.max(heading.phraseStart, heading.phraseEnd - 1)).offset + 1;
  const edit = replaceViewText(document, viewStart, viewEnd, replacement, tracksChanges(document, options.trackChanges));
  return edit ? [{ title: `Change to «${replacement}»`, edits: [edit], diagnostic, fixAll: false, preferred: true }] : [];
}

export function unknownHeadingFix(document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions): Fix[] {
  const heading = headingOf(document, diagnostic);
  return heading ? headingFix(document, diagnostic, suggestHeading(heading.phrase), options) : [];
}

export function duplicateHeadingFix(document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions): Fix[] {
  const heading = headingOf(document, diagnostic);
  return heading ? headingFix(document, diagnostic, furtherHeading(heading.phrase), options) : [];
}
