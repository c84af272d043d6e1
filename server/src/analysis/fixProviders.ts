// Fix providers by diagnostic code, and "fix all": every safe fix of a document in one edit.

import { parseDocument, type ClauseNode, type ParsedDocument, type SyntaxDiagnostic } from '../syntax';
import type { ClauseList } from './numbering';
import { applyEdits, compatibleEdits, type Fix, type FixOptions, type FixProvider, type OffsetEdit } from './edits';
import { codeMatches } from './pipeline';
import { listsWithProblems, planRenumber, tracksChanges } from './renumber';
import { duplicateHeadingFix, endingEdits, endingFix, renumberFix, unknownHeadingFix } from './structureFixes';

/** Providers by code pattern (a code or a prefix such as `label`). Others may register theirs. */
export const FIX_PROVIDERS: Array<{ code: string; provide: FixProvider }> = [
  { code: 'label', provide: renumberFix },
  { code: 'punctuation.ending', provide: endingFix },
  { code: 'heading.unknown', provide: unknownHeadingFix },
  { code: 'heading.duplicate', provide: duplicateHeadingFix },
];

/** Document-wide safe edits that are not tied to one diagnostic (computed once, not per diagnostic). */
export type FixAllContributor = (document: ParsedDocument, diagnostics: readonly SyntaxDiagnostic[], options: FixOptions) => OffsetEdit[];

/**
 * Fix-all mends only what is reported: a code silenced by `reso-ignore` or turned `off` is not
 * "fixed" behind the drafter's back.
 */
export const FIX_ALL_CONTRIBUTORS: FixAllContributor[] = [
  (document, diagnostics, options) => {
    const lists = new Set<ClauseList>();
    const all = listsWithProblems(document);
    for (const diagnostic of diagnostics) {
      if (!diagnostic.code.startsWith('label.')) continue;
      const list = all.find((l) => l.clauses.some((clause) => clauseHolds(clause, diagnostic.start)));
      if (list) lists.add(list);
    }
    return planRenumber(document, [...lists], tracksChanges(document, options.trackChanges)).edits;
  },
  (document, diagnostics, options) => {
    const reported = diagnostics.filter((d) => d.code === 'punctuation.ending');
    if (reported.length === 0) return [];
    return endingEdits(document, tracksChanges(document, options.trackChanges))
      .filter((e) => reported.some((d) => e.start <= d.start && d.start < Math.max(e.end, e.start + 1)))
      .map((e) => e.edit);
  },
];

/** A label diagnostic starts at its clause's label, or at the clause itself when it has none. */
function clauseHolds(clause: ClauseNode, offset: number): boolean {
  return (clause.label ? clause.label.start : clause.start) === offset;
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

/** One pass of every safe fix, as non-overlapping edits. */
export function fixAllEdits(document: ParsedDocument, diagnostics: readonly SyntaxDiagnostic[], options: FixOptions): OffsetEdit[] {
  // A file that is not UTF-8 would lose its characters when written back: nothing is fixed in it.
  if (fixesWithheld(document) || diagnostics.some((d) => d.code === 'file.encoding')) return [];
  const edits = FIX_ALL_CONTRIBUTORS.flatMap((contribute) => contribute(document, diagnostics, options));
  return compatibleEdits(edits).sort((a, b) => a.start - b.start);
}

/**
 * Applies every safe fix until nothing changes (at most a few passes: a fix can reveal
 * another, e.g. a new label then an ending), returning the final text.
 */
export function fixAllText(text: string, diagnose: (document: ParsedDocument) => SyntaxDiagnostic[], options: FixOptions): string {
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const document = parseDocument(current);
    const edits = fixAllEdits(document, diagnose(document), options);
    if (edits.length === 0) return current;
    const next = applyEdits(current, edits);
    if (next === current) return current;
    current = next;
  }
  return current;
}
