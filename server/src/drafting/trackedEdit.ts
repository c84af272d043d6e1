// Track changes as you type: a plain edit of the source (what the drafter typed or deleted)
// becomes the source edit that writes it as revision marks. Law: the original view never
// changes, and the amended view becomes the amended view with the plain edit applied to it.
// The marks around the edit are rewritten word by word from the two views of the region they
// cover, and every result is read back in a window of whole lines before it is returned.

import { buildView, scanRevisions, type RevisionMark, type TextView } from '../syntax/revisions';
import type { SyntaxDiagnostic } from '../syntax/diagnostics';
import { candidates, DELIMITER, renderRuns, wordRuns } from './marks';

export interface PlainEdit {
  /** Source range replaced, UTF-16 offsets. */
  start: number;
  end: number;
  text: string;
}

/** What key made a deletion: Backspace reaches back past marks, Delete forward. */
export type DeleteIntent = 'backspace' | 'delete';

export interface TrackedEdit extends PlainEdit {
  /** Where the caret goes in the new source: after the typed text, or at the deletion. */
  caret: number;
}

export type TrackResult =
  | { ok: true; edit: TrackedEdit; /** the edit was applied as given (already marked, or inside a comment) */ verbatim: boolean }
  | { ok: false; message: string; /** zero-based line of the fault */ line: number };

/** The first broken revision mark of a text, if any: track changes cannot start while one is open. */
export function brokenMark(source: string): { line: number; message: string } | undefined {
  const diagnostics: SyntaxDiagnostic[] = [];
  scanRevisions(source, diagnostics);
  const first = diagnostics[0];
  if (!first) return undefined;
  return { line: lineOf(source, first.start), message: first.message };
}

export function trackEdit(source: string, edit: PlainEdit, intent?: DeleteIntent): TrackResult {
  const diagnostics: SyntaxDiagnostic[] = [];
  const marks = scanRevisions(source, diagnostics);
  if (diagnostics.length > 0) {
    const line = lineOf(source, diagnostics[0].start);
    return { ok: false, line, message: `Line ${line + 1} has a broken revision mark (${diagnostics[0].message}); mend it before tracking changes.` };
  }
  const start = Math.max(0, Math.min(edit.start, source.length));
  const end = Math.max(start, Math.min(edit.end, source.length));
  if (start === end && edit.text === '') return { ok: true, verbatim: true, edit: { start, end, text: '', caret: start } };
  const inComment = marks.find((m) => m.kind === 'comment' && m.contentStart <= start && end <= m.contentEnd);
  if (inComment || DELIMITER.test(edit.text)) return verbatim(source, { start, end, text: edit.text });
  return new Tracker(source, marks).track({ start, end, text: edit.text }, intent);
}

function verbatim(source: string, edit: PlainEdit): TrackResult {
  const result = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  const broken = brokenMark(result);
  if (broken) return { ok: false, line: broken.line, message: `The edit would leave a broken revision mark on line ${broken.line + 1} (${broken.message}).` };
  return { ok: true, verbatim: true, edit: { ...edit, caret: edit.start + edit.text.length } };
}

const WORD = /[\p{L}\p{N}]/u;
/** How far the marked region may grow, in words either side, before the window grows. */
const MAX_WIDEN = 12;
/** Lines of context read back around the edit, tried in turn. */
const WINDOW_LINES = [1, 3, 8, 30, Infinity];

class Tracker {
  constructor(
    private readonly source: string,
    private readonly marks: readonly RevisionMark[],
  ) {}

  track(plain: PlainEdit, intent: DeleteIntent | undefined): TrackResult {
    let edit = plain;
    let window = this.window(edit.start, edit.end, 1);
    // A deletion of nothing the amended view keeps: from Backspace or Delete it reaches the next
    // character the view keeps; otherwise it only removes marks (accepting or rejecting a change)
    // and is applied as it is.
    if (edit.text === '') {
      const views = this.windowViews(window);
      const from = views.amended.fromSource(edit.start - window.start).offset;
      const to = views.amended.fromSource(edit.end - window.start).offset;
      if (from === to && !intent) return verbatim(this.source, edit);
      if (from === to) {
        if (intent === 'backspace' && from > 0) edit = { start: window.start + views.amended.toSource(from - 1), end: edit.end, text: '' };
        else if (intent === 'delete' && to < views.amended.text.length) edit = { start: edit.start, end: window.start + views.amended.toSource(to) + 1, text: '' };
        else return { ok: true, verbatim: true, edit: { start: plain.start, end: plain.start, text: '', caret: plain.start } };
        window = this.window(edit.start, edit.end, 1);
      }
    }
    const [regionStart, regionEnd] = this.region(edit.start, edit.end);
    for (const extra of WINDOW_LINES) {
      window = this.window(regionStart, regionEnd, extra);
      const found = this.inWindow(window, edit, regionStart, regionEnd, intent);
      if (found) return { ok: true, verbatim: false, edit: found };
      if (window.start === 0 && window.end === this.source.length) break;
    }
    const line = lineOf(this.source, edit.start);
    return { ok: false, line, message: `The change on line ${line + 1} cannot be written as revision marks that read back exactly; it was not made.` };
  }

  /** Tries growing regions inside one window. */
  private inWindow(window: Window, edit: PlainEdit, regionStart: number, regionEnd: number, intent: DeleteIntent | undefined): TrackedEdit | undefined {
    const text = this.source.slice(window.start, window.end);
    const views = this.windowViews(window);
    const editFrom = views.amended.fromSource(edit.start - window.start).offset;
    const editTo = views.amended.fromSource(edit.end - window.start).offset;
    const expected = views.amended.text.slice(0, editFrom) + edit.text + views.amended.text.slice(editTo);
    const growth = edit.text.length - (editTo - editFrom);
    let from = regionStart;
    let to = regionEnd;
    for (let widen = 0; widen <= MAX_WIDEN; widen++) {
      if (widen > 0) {
        const wider = this.widen(from, to, window);
        if (wider[0] === from && wider[1] === to) break;
        [from, to] = wider;
      }
      const localFrom = from - window.start;
      const localTo = to - window.start;
      const originalBefore = views.original.text.slice(views.original.fromSource(localFrom).offset, views.original.fromSource(localTo).offset);
      const amendedFrom = views.amended.fromSource(localFrom).offset;
      const amendedTo = views.amended.fromSource(localTo).offset + growth;
      if (amendedFrom > editFrom || amendedTo < editFrom + edit.text.length) continue;
      const amendedAfter = expected.slice(amendedFrom, amendedTo);
      const comments = this.marks
        .filter((m) => m.kind === 'comment' && m.start >= from && m.end <= to)
        .map((m) => this.source.slice(m.start, m.end))
        .join('');
      const atLineStart = from === 0 || this.source[from - 1] === '\n';
      const forms = candidates(wordRuns(originalBefore, amendedAfter), atLineStart);
      // The whole region as one change: a word diff would find the same unreadable form again.
      if (originalBefore !== amendedAfter) {
        const whole = [{ equal: false, removed: originalBefore, added: amendedAfter }];
        forms.push(renderRuns(whole, false, atLineStart), renderRuns(whole, false, atLineStart, true));
      }
      for (const written of forms) {
        const replaced = comments + written;
        const candidate = text.slice(0, localFrom) + replaced + text.slice(localTo);
        const check = readBack(candidate);
        if (!check || check.original !== views.original.text || check.amended.text !== expected) continue;
        return this.result(from, to, replaced, check.amended, window.start, editFrom + edit.text.length, !(edit.text === '' && intent === 'delete'));
      }
    }
    return undefined;
  }

  private result(from: number, to: number, replaced: string, amended: TextView, windowStart: number, caretView: number, afterPrevious: boolean): TrackedEdit {
    // The smallest edit: what the new text shares with the old at either end stays.
    const old = this.source.slice(from, to);
    let head = 0;
    while (head < old.length && head < replaced.length && old[head] === replaced[head]) head++;
    let tail = 0;
    while (tail < old.length - head && tail < replaced.length - head && old[old.length - 1 - tail] === replaced[replaced.length - 1 - tail]) tail++;
    const caretLocal = caretView > 0 && afterPrevious ? amended.toSourceEnd(caretView) : amended.toSource(caretView);
    return { start: from + head, end: to - tail, text: replaced.slice(head, replaced.length - tail), caret: windowStart + caretLocal };
  }

  /** The edit range grown over every insertion, deletion, substitution or highlight it cuts or touches. */
  private region(start: number, end: number): [number, number] {
    let from = start;
    let to = end;
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = this.firstMarkEndingAtOrAfter(from); i < this.marks.length && this.marks[i].start <= to; i++) {
        const mark = this.marks[i];
        if (mark.kind === 'comment') {
          if (mark.start < from && mark.end > from) from = mark.start;
          else if (mark.start < to && mark.end > to) to = mark.end;
          else continue;
          changed = true;
          continue;
        }
        if (mark.start < from) {
          from = mark.start;
          changed = true;
        }
        if (mark.end > to) {
          to = mark.end;
          changed = true;
        }
      }
    }
    return [from, to];
  }

  /** One word (or one other character) more on each side, never stopping inside a mark. */
  private widen(from: number, to: number, window: Window): [number, number] {
    let left = from;
    if (left > window.start) {
      left--;
      if (WORD.test(this.source[left])) while (left > window.start && WORD.test(this.source[left - 1])) left--;
    }
    let right = to;
    if (right < window.end) {
      right++;
      if (WORD.test(this.source[right - 1])) while (right < window.end && WORD.test(this.source[right])) right++;
    }
    return this.region(left, right);
  }

  /** Whole lines around the range, `extra` lines more either side, cutting no mark. */
  private window(start: number, end: number, extra: number): Window {
    const text = this.source;
    let from = text.lastIndexOf('\n', start - 1) + 1;
    for (let i = 0; i < extra && from > 0; i++) from = text.lastIndexOf('\n', from - 2) + 1;
    let to = end;
    for (let i = 0; i <= extra && to < text.length; i++) {
      const newline = text.indexOf('\n', to);
      to = newline < 0 ? text.length : newline + 1;
    }
    for (let moved = true; moved; ) {
      moved = false;
      for (let i = this.firstMarkEndingAtOrAfter(from); i < this.marks.length && this.marks[i].start < to; i++) {
        const mark = this.marks[i];
        if (mark.start < from && mark.end > from) {
          from = text.lastIndexOf('\n', mark.start - 1) + 1;
          moved = true;
        }
        if (mark.start < to && mark.end > to) {
          const newline = text.indexOf('\n', mark.end);
          to = newline < 0 ? text.length : newline + 1;
          moved = true;
        }
      }
    }
    return { start: from, end: to };
  }

  private windowViews(window: Window): { original: TextView; amended: TextView } {
    const local: RevisionMark[] = [];
    for (let i = this.firstMarkEndingAtOrAfter(window.start); i < this.marks.length && this.marks[i].start < window.end; i++) {
      const m = this.marks[i];
      if (m.start < window.start) continue;
      const shift = window.start;
      local.push({ ...m, start: m.start - shift, end: m.end - shift, contentStart: m.contentStart - shift, contentEnd: m.contentEnd - shift, separator: m.separator === undefined ? undefined : m.separator - shift });
    }
    const text = this.source.slice(window.start, window.end);
    return { original: buildView(text, local, 'original'), amended: buildView(text, local, 'amended') };
  }

  private firstMarkEndingAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.marks[mid].end < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

interface Window {
  start: number;
  end: number;
}

function readBack(text: string): { original: string; amended: TextView } | undefined {
  const diagnostics: SyntaxDiagnostic[] = [];
  const marks = scanRevisions(text, diagnostics);
  if (diagnostics.length > 0) return undefined;
  return { original: buildView(text, marks, 'original').text, amended: buildView(text, marks, 'amended') };
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Applies a source edit. */
export function applyEdit(source: string, edit: PlainEdit): string {
  return source.slice(0, edit.start) + edit.text + source.slice(edit.end);
}
