// Writing the difference between two texts as revision marks, word by word, and checking
// that a marked text reads as intended in both views.

import { diffWordsWithSpace } from 'diff';
import { buildView, scanRevisions } from '../syntax/revisions';
import type { SyntaxDiagnostic } from '../syntax/diagnostics';

/** A run of the two texts: the same in both (`equal`), or changed from `removed` to `added`. */
export interface DiffRun {
  equal: boolean;
  removed: string;
  added: string;
}

/** Runs between changes made only of these characters join the changes around them. */
const JOINER = /^[ ,.;:()'’"-]{1,3}$/;

/** Word-level runs from `before` to `after`, with changes a comma or a space apart joined. */
export function wordRuns(before: string, after: string): DiffRun[] {
  if (before === after) return before === '' ? [] : [{ equal: true, removed: before, added: before }];
  const runs: DiffRun[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const last = runs[runs.length - 1];
    if (!part.added && !part.removed) {
      runs.push({ equal: true, removed: part.value, added: part.value });
      continue;
    }
    const target = last && !last.equal ? last : { equal: false, removed: '', added: '' };
    if (target !== last) runs.push(target);
    if (part.added) target.added += part.value;
    else target.removed += part.value;
  }
  return joinChanges(runs);
}

function joinChanges(runs: DiffRun[]): DiffRun[] {
  const out: DiffRun[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const previous = out[out.length - 1];
    const next = runs[i + 1];
    if (run.equal && previous && !previous.equal && next && !next.equal && JOINER.test(run.removed)) {
      previous.removed += run.removed + next.removed;
      previous.added += run.added + next.added;
      i++;
      continue;
    }
    if (!run.equal && previous && !previous.equal) {
      previous.removed += run.removed;
      previous.added += run.added;
      continue;
    }
    out.push({ ...run });
  }
  return out;
}

/**
 * The marked text of the runs. `tidy` writes a change that fills whole lines with its last
 * line break outside the mark (`{--b) text;--}` on a line of its own), as drafters write it.
 */
export function renderRuns(runs: readonly DiffRun[], tidy: boolean, atLineStart: boolean, insertionFirst = false): string {
  const pieces: string[] = [];
  let lineStart = atLineStart;
  for (const run of runs) {
    if (run.equal) {
      pieces.push(run.removed);
      if (run.removed.length > 0) lineStart = run.removed.endsWith('\n');
      continue;
    }
    let removed = run.removed;
    let added = run.added;
    let after = '';
    const breakAtEnd = /\r?\n$/;
    if (tidy && lineStart && (removed === '' || breakAtEnd.test(removed)) && (added === '' || breakAtEnd.test(added)) && removed + added !== '') {
      const breaks = [removed, added].filter((side) => side !== '').map((side) => side.match(breakAtEnd)?.[0] ?? '');
      if (breaks.every((b) => b === breaks[0])) {
        // Whole lines changed: the break they share stands outside the marks.
        removed = removed.replace(breakAtEnd, '');
        added = added.replace(breakAtEnd, '');
        after = breaks[0];
      }
    }
    // Whole lines inserted or deleted: one mark per line, as a DT shows each clause.
    const lines = (removed || added).split(/(?<=\n)/);
    if (tidy && after !== '' && (removed === '' || added === '') && lines.length > 1 && lines.every((line) => line.trim() !== '')) {
      const [open, close] = removed === '' ? ['{++', '++}'] : ['{--', '--}'];
      for (const line of lines) {
        const body = line.replace(/\r?\n$/, '');
        pieces.push(open, body, close, line.slice(body.length));
      }
      pieces.push(after);
      lineStart = true;
      continue;
    }
    if (removed !== '' && !insertionFirst) pieces.push('{--', removed, '--}');
    if (added !== '') pieces.push('{++', added, '++}');
    if (removed !== '' && insertionFirst) pieces.push('{--', removed, '--}');
    pieces.push(after);
    const written = run.added || run.removed;
    lineStart = written.endsWith('\n');
  }
  return pieces.join('');
}

export interface Views {
  original: string;
  amended: string;
  diagnostics: SyntaxDiagnostic[];
}

/** Both views of a text, and what is wrong with its marks. */
export function viewsOf(text: string): Views {
  const diagnostics: SyntaxDiagnostic[] = [];
  const marks = scanRevisions(text, diagnostics);
  return { original: buildView(text, marks, 'original').text, amended: buildView(text, marks, 'amended').text, diagnostics };
}

/** A text whose original view is `before` and amended view `after`, marked word by word; undefined if none of the forms tried reads back exactly. */
export function markDifference(before: string, after: string, atLineStart = true): string | undefined {
  const runs = wordRuns(before, after);
  for (const candidate of candidates(runs, atLineStart)) {
    const views = viewsOf(candidate);
    if (views.diagnostics.length === 0 && views.original === before && views.amended === after) return candidate;
  }
  return undefined;
}

/** The forms worth trying for a set of runs, tidiest first. */
export function candidates(runs: readonly DiffRun[], atLineStart: boolean): string[] {
  const tidy = renderRuns(runs, true, atLineStart);
  const plain = renderRuns(runs, false, atLineStart);
  return tidy === plain ? [tidy] : [tidy, plain];
}

/** Where a mark delimiter appears in a text. */
export const DELIMITER = /\{(?:\+\+|--|~~|>>|==)|(?:\+\+|--|~~|<<|==)\}|~>/;
