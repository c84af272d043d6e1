// Fix providers by diagnostic code, and "fix all": every safe fix of a document in one edit.

import { parseDocument, type ClauseNode, type ParsedDocument, type SyntaxDiagnostic } from '../syntax';
import type { ClauseList } from './numbering';
import { applyEdits, compatibleEdits, composeEdits, type Fix, type FixOptions, type FixProvider, type OffsetEdit } from './edits';
import { codeMatches } from './pipeline';
import { proposalFix } from './proposalFixes';
import { listsWithProblems, planRenumber, tracksChanges } from './renumber';
import { duplicateHeadingFix, endingEdits, endingFix, renumberFix, unknownHeadingFix } from './structureFixes';

/** Providers by code pattern (a code or a prefix such as `label`). Others may register theirs. */
export const FIX_PROVIDERS: Array<{ code: string; provide: FixProvider }> = [
  { code: 'label', provide: renumberFix },
  { code: 'punctuation.ending', provide: endingFix },
  { code: 'heading.unknown', provide: unknownHeadingFix },
  { code: 'heading.duplicate', provide: duplicateHeadingFix },
  { code: 'proposal', provide: proposalFix },
];

/** Document-wide safe edits that are not tied to one diagnostic (computed once, not per diagnostic). */
export type FixAllContributor = (document: ParsedDocument, diagnostics: readonly SyntaxDiagnostic[], options: FixOptions) => OffsetEdit[];

/**
 * Fix-all mends only what is reported: a code silenced by `reso-ignore` or turned `off` is not
 * "fixed" behind the drafter's back.
 */
export const FIX_ALL_CONTRIBUTORS: FixAllContributor[] = [
  (document, diagnostics, options) => {
    const reported = diagnostics.filter((d) => d.code.startsWith('label.'));
    if (reported.length === 0) return [];
    // Where each list's clauses start, so that every diagnostic finds its list at once.
    const listAt = new Map<number, ClauseList>();
    for (const list of listsWithProblems(document)) for (const clause of list.clauses) listAt.set(clauseStart(clause), list);
    const lists = new Set<ClauseList>();
    for (const diagnostic of reported) {
      const list = listAt.get(diagnostic.start);
      if (list) lists.add(list);
    }
    return planRenumber(document, [...lists], tracksChanges(document, options.trackChanges)).edits;
  },
  (document, diagnostics, options) => {
    const reported = diagnostics.filter((d) => d.code === 'punctuation.ending').map((d) => d.start).sort((a, b) => a - b);
    if (reported.length === 0) return [];
    return endingEdits(document, tracksChanges(document, options.trackChanges))
      .filter((e) => {
        // The first reported start at or after the edit's: is it within the edit?
        let lo = 0;
        let hi = reported.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (reported[mid] < e.start) lo = mid + 1;
          else hi = mid;
        }
        return lo < reported.length && reported[lo] < Math.max(e.end, e.start + 1);
      })
      .map((e) => e.edit);
  },
];

/** A label diagnostic starts at its clause's label, or at the clause itself when it has none. */
function clauseStart(clause: ClauseNode): number {
  return clause.label ? clause.label.start : clause.start;
}

/**
 * While a revision mark is broken (unclosed or nested), what the text says is uncertain, and a
 * `++}` written by a fix could close a stray `{++` and change it: no fix is offered until the
 * marks are mended.
 */
export function fixesWithheld(document: ParsedDocument): boolean {
  return document.diagnostics.some((d) => d.code === 'syntax.revision');
}

export function fixesFor(document: ParsedDocument, diagnostic: SyntaxDiagnostic, options: FixOptions): Fix[] {
  if (fixesWithheld(document)) return [];
  return FIX_PROVIDERS.filter((p) => codeMatches(p.code, diagnostic.code)).flatMap((p) => p.provide(document, diagnostic, options));
}

/** One pass of every safe fix, as non-overlapping edits (an edit that changes nothing is left out). */
export function fixAllEdits(document: ParsedDocument, diagnostics: readonly SyntaxDiagnostic[], options: FixOptions): OffsetEdit[] {
  // A file that is not UTF-8 would lose its characters when written back: nothing is fixed in it.
  if (fixesWithheld(document) || diagnostics.some((d) => d.code === 'file.encoding')) return [];
  const edits = FIX_ALL_CONTRIBUTORS.flatMap((contribute) => contribute(document, diagnostics, options));
  const text = document.text;
  return compatibleEdits(edits.filter((e) => e.newText !== text.slice(e.start, e.end))).sort((a, b) => a.start - b.start);
}

/** The diagnostics of a parsed text, as the editor or the command line reports them. */
export type Diagnose = (document: ParsedDocument) => readonly SyntaxDiagnostic[];

/** Passes of fix-all before giving up on fixes that do not settle. */
export const MAX_FIX_PASSES = 8;

/**
 * Fix-all as edits that reach a fixed point at once: a fix can reveal another (a new label,
 * then the ending it needs; a label removed uncovers the next word), so passes are repeated on
 * the result and composed into one set of edits on the original text, which applying fix-all
 * again leaves unchanged. Fixes that do not settle within `MAX_FIX_PASSES` (or come back to a
 * text already seen) offer nothing: fixing them one by one is left to the drafter.
 */
export function settledFixAllEdits(document: ParsedDocument, diagnostics: readonly SyntaxDiagnostic[], diagnose: Diagnose, options: FixOptions): OffsetEdit[] {
  let edits = fixAllEdits(document, diagnostics, options);
  if (edits.length === 0) return [];
  let text = applyEdits(document.text, edits);
  const seen = new Set([document.text, text]);
  for (let pass = 1; pass < MAX_FIX_PASSES; pass++) {
    const next = parseDocument(text);
    const more = fixAllEdits(next, diagnose(next), options);
    if (more.length === 0) return edits;
    const after = applyEdits(text, more);
    if (seen.has(after)) return [];
    seen.add(after);
    edits = composeEdits(document.text, edits, more);
    text = after;
  }
  return [];
}

/** Applies every safe fix, settled (see `settledFixAllEdits`), returning the final text. */
export function fixAllText(text: string, diagnose: Diagnose, options: FixOptions): string {
  const document = parseDocument(text);
  const edits = settledFixAllEdits(document, diagnose(document), diagnose, options);
  return edits.length === 0 ? text : applyEdits(text, edits);
}

/** The same as edits, for saying where fixes were made: one pass of edits on the text, settled. */
export function fixAllPasses(text: string, diagnose: Diagnose, options: FixOptions): { text: string; passes: OffsetEdit[][] } {
  const document = parseDocument(text);
  const edits = settledFixAllEdits(document, diagnose(document), diagnose, options);
  return edits.length === 0 ? { text, passes: [] } : { text: applyEdits(text, edits), passes: [edits] };
}

/**
 * Where each offset of the text before the passes is in the text after them (inside a replaced
 * range: its start). Offsets and edits are each sorted once and swept together, so mapping every
 * problem of a large file stays linear in the number of problems and edits.
 */
export function offsetsAfterPasses(offsets: readonly number[], passes: readonly (readonly OffsetEdit[])[]): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  // Mapping keeps the order of offsets, so one sort serves every pass.
  const positions = order.map((i) => offsets[i]);
  for (const edits of passes) {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    let next = 0;
    let delta = 0;
    for (let k = 0; k < positions.length; k++) {
      const position = positions[k];
      // Edits wholly before the position (an insertion exactly at it stays after it).
      while (next < sorted.length && position >= sorted[next].end && (sorted[next].start !== sorted[next].end || position > sorted[next].start)) {
        delta += sorted[next].newText.length - (sorted[next].end - sorted[next].start);
        next++;
      }
      const edit = sorted[next];
      positions[k] = (edit && position > edit.start && position < edit.end ? edit.start : position) + delta;
    }
  }
  const out = new Array<number>(offsets.length);
  order.forEach((index, k) => (out[index] = positions[k]));
  return out;
}

/** Where one offset of the text before the passes is in the text after them (inside a replaced range: its start). */
export function offsetAfterPasses(offset: number, passes: readonly (readonly OffsetEdit[])[]): number {
  return offsetsAfterPasses([offset], passes)[0];
}
