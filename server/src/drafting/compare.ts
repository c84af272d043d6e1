// Compare two versions of a text: the marked text (a MOD) whose original view is the old
// version and whose amended view is the new one. Lines are aligned by their text without
// the label, so a renumbered clause meets itself and its label change becomes a mark; the
// lines that changed are paired by likeness and marked word by word inside.

import { diffArrays } from 'diff';
import { buildView, scanRevisions } from '../syntax/revisions';
import type { SyntaxDiagnostic } from '../syntax/diagnostics';
import { candidates, markDifference, renderRuns, viewsOf, wordRuns } from './marks';

export interface CompareOptions {
  /** Mark differences of spacing too; otherwise the new version's spacing is taken unmarked. */
  whitespace?: boolean;
}

export type CompareResult =
  | { ok: true; text: string; notes: string[]; changes: number }
  | { ok: false; message: string };

/** The text a version is compared by: its amended view when it carries marks. */
function versionText(name: string, text: string, notes: string[]): string | { error: string } {
  const diagnostics: SyntaxDiagnostic[] = [];
  const marks = scanRevisions(text, diagnostics);
  if (diagnostics.length > 0) {
    const line = text.slice(0, diagnostics[0].start).split('\n').length;
    return { error: `${name} has a broken revision mark on line ${line}: ${diagnostics[0].message}` };
  }
  const kept = marks.filter((m) => m.kind !== 'comment' && m.kind !== 'highlight');
  if (marks.length === 0) return text;
  if (kept.length > 0) notes.push(`${name} carries revision marks: it is compared by its amended view.`);
  return buildView(text, marks, 'amended').text;
}

const LABEL = /^[ \t]*(?:\{[-+]{2}[^{}]*?[-+]{2}\})*(?:\(?[a-z]{1,3}\)|[ivxl]+\)|\d{1,3}(?:\.\d{1,3})*\.?(?=\s)|-(?=\s))[ \t]*/i;

/** What aligns two lines: the text without its label, and without spacing unless asked. */
function lineKey(line: string, whitespace: boolean): string {
  const body = line.replace(LABEL, '');
  return whitespace ? body : body.replace(/\s+/g, ' ').trim();
}

function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

export function compareVersions(oldSource: string, newSource: string, options: CompareOptions = {}): CompareResult {
  const notes: string[] = [];
  const before = versionText('OLD', oldSource, notes);
  if (typeof before !== 'string') return { ok: false, message: before.error };
  const after = versionText('NEW', newSource, notes);
  if (typeof after !== 'string') return { ok: false, message: after.error };
  const whitespace = options.whitespace ?? false;
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const segments: Segment[] = [];
  const counts = { changes: 0, spacingTaken: 0 };
  // Resolutions first, by their titles without the revision, then lines inside each pair:
  // the work grows with the size of the texts, not with its square.
  const oldBlocks = blocks(oldLines);
  const newBlocks = blocks(newLines);
  let b = 0;
  let c = 0;
  const titleKey = (block: string[]) => (block[0] ?? '').replace(/\(.*$/s, '').replace(/\s+/g, ' ').trim().toUpperCase();
  const blockParts = diffArrays(oldBlocks.map(titleKey), newBlocks.map(titleKey));
  for (let p = 0; p < blockParts.length; p++) {
    const part = blockParts[p];
    const count = part.count ?? part.value.length;
    if (!part.added && !part.removed) {
      for (let k = 0; k < count; k++) alignLines(oldBlocks[b++], newBlocks[c++], whitespace, segments, counts);
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    for (; p < blockParts.length && (blockParts[p].added || blockParts[p].removed); p++) {
      const run = blockParts[p];
      const n = run.count ?? run.value.length;
      if (run.removed) for (let k = 0; k < n; k++) removed.push(...oldBlocks[b++]);
      else for (let k = 0; k < n; k++) added.push(...newBlocks[c++]);
    }
    p--;
    alignLines(removed, added, whitespace, segments, counts);
  }
  const { changes, spacingTaken } = counts;
  const pieces: string[] = [];
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s];
    if (segment.shared) {
      pieces.push(segment.added[0]);
      continue;
    }
    let removed = segment.removed;
    let added = segment.added;
    let marked = markHunk(removed, added);
    // A hunk that cannot be read back alone (blank lines at its edges) takes in the lines around it.
    for (let reach = 1; marked === undefined; reach++) {
      const before = segments[s - 1];
      const after = segments[s + 1];
      if (before?.shared) {
        pieces.pop();
        removed = [...before.removed, ...removed];
        added = [...before.added, ...added];
        segments.splice(s - 1, 1);
        s--;
      }
      if (after?.shared) {
        removed = [...removed, ...after.removed];
        added = [...added, ...after.added];
        segments.splice(s + 1, 1);
      }
      if (!before?.shared && !after?.shared) marked = `{--${removed.join('')}--}{++${added.join('')}++}`;
      else marked = markHunk(removed, added);
    }
    pieces.push(marked);
  }
  if (spacingTaken > 0) notes.push(`${spacingTaken} line(s) differ only in spacing: the new spacing is taken unmarked (--whitespace marks it).`);
  const text = pieces.join('');
  const views = viewsOf(text);
  const expectedOriginal = whitespace ? before : undefined;
  if (views.diagnostics.length > 0 || views.amended !== after || (expectedOriginal !== undefined && views.original !== expectedOriginal)) {
    return { ok: false, message: 'The comparison could not be written as revision marks that read back exactly; please report the two texts.' };
  }
  return { ok: true, text, notes, changes };
}

interface Segment {
  /** Lines both versions share (one line, old and new text), or a hunk of changed lines. */
  shared: boolean;
  removed: string[];
  added: string[];
}

/** Lines split where a title (`# …`) starts: one block per resolution, the lines before the first title apart. */
function blocks(lines: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('# ') && out[out.length - 1].length > 0) out.push([]);
    out[out.length - 1].push(line);
  }
  return out[0].length === 0 ? [] : out;
}

/** Aligns two runs of lines by their text without labels, adding shared lines and hunks to `segments`. */
function alignLines(oldLines: readonly string[], newLines: readonly string[], whitespace: boolean, segments: Segment[], counts: { changes: number; spacingTaken: number }): void {
  const oldKeys = oldLines.map((line) => lineKey(line, whitespace));
  const newKeys = newLines.map((line) => lineKey(line, whitespace));
  let i = 0;
  let j = 0;
  const hunk = () => {
    const last = segments[segments.length - 1];
    if (last && !last.shared) return last;
    const fresh: Segment = { shared: false, removed: [], added: [] };
    segments.push(fresh);
    counts.changes++;
    return fresh;
  };
  for (const part of diffArrays(oldKeys, newKeys)) {
    const count = part.count ?? part.value.length;
    if (part.removed) for (let k = 0; k < count; k++) hunk().removed.push(oldLines[i++]);
    else if (part.added) for (let k = 0; k < count; k++) hunk().added.push(newLines[j++]);
    else {
      for (let k = 0; k < count; k++, i++, j++) {
        const oldLine = oldLines[i];
        const newLine = newLines[j];
        const spacingOnly = !whitespace && oldLine !== newLine && sameLabel(oldLine, newLine);
        if (oldLine !== newLine && !spacingOnly) {
          const target = hunk();
          target.removed.push(oldLine);
          target.added.push(newLine);
          continue;
        }
        if (spacingOnly) counts.spacingTaken++;
        segments.push({ shared: true, removed: [oldLine], added: [newLine] });
      }
    }
  }
}

function sameLabel(a: string, b: string): boolean {
  return (a.match(LABEL)?.[0].trim() ?? '') === (b.match(LABEL)?.[0].trim() ?? '');
}

/** Marks a run of removed lines against a run of added lines; whole lines in, whole lines out; undefined if no form reads back. */
function markHunk(removed: readonly string[], added: readonly string[]): string | undefined {
  const pairs = pairLines(removed, added);
  const out: string[] = [];
  for (const pair of pairs) {
    const paired = pair.removed.length === 1 && pair.added.length === 1;
    const marked = paired ? markLines(pair.removed.join(''), pair.added.join('')) : markWholeLines(pair.removed.join(''), pair.added.join(''));
    if (marked === undefined) break;
    out.push(marked);
  }
  const oldText = removed.join('');
  const newText = added.join('');
  if (out.length === pairs.length) {
    const joined = out.join('');
    const views = viewsOf(joined);
    if (views.diagnostics.length === 0 && views.original === oldText && views.amended === newText) return joined;
  }
  return markLines(oldText, newText);
}

/** Lines unlike each other: the old ones deleted, then the new ones inserted, a mark per line. */
function markWholeLines(before: string, after: string): string | undefined {
  const runs = [
    { equal: false, removed: before, added: '' },
    { equal: false, removed: '', added: after },
  ].filter((run) => run.removed + run.added !== '');
  const form = renderRuns(runs, true, true);
  const views = viewsOf(form);
  if (views.diagnostics.length === 0 && views.original === before && views.amended === after) return form;
  return markLines(before, after);
}

/** Marks whole lines word by word, falling back to marking them whole. */
function markLines(before: string, after: string): string | undefined {
  const marked = markDifference(before, after, true);
  if (marked !== undefined) return marked;
  const whole = [{ equal: false, removed: before, added: after }];
  for (const form of [...candidates(wordRuns(before, after), true), renderRuns(whole, true, true), renderRuns(whole, false, true), renderRuns(whole, false, true, true)]) {
    const views = viewsOf(form);
    if (views.diagnostics.length === 0 && views.original === before && views.amended === after) return form;
  }
  return undefined;
}

/** How alike (shared words, Dice) two lines must be to be marked as one line changed rather than one deleted and one inserted. */
const PAIRING = 0.5;

const FUNCTION_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'be', 'by', 'for', 'in', 'its', 'of', 'on', 'or', 'rev', 'resolution', 'resolutions', 'that', 'the', 'this', 'to', 'with']);

interface LinePair {
  removed: string[];
  added: string[];
}

/** Pairs removed and added lines in order by how alike they are; the rest stand alone. */
function pairLines(removed: readonly string[], added: readonly string[]): LinePair[] {
  const n = removed.length;
  const m = added.length;
  if (n === 0 || m === 0) return [{ removed: [...removed], added: [...added] }];
  if (n * m > 40000) return [{ removed: [...removed], added: [...added] }];
  // Content words only: the label and the words every clause shares say nothing of likeness.
  const words = (line: string) => new Set(line.replace(LABEL, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '' && !FUNCTION_WORDS.has(w)));
  const removedWords = removed.map(words);
  const addedWords = added.map(words);
  // A title meets the same title of another revision: `# RESOLUTION 130 (REV. …)`.
  const titleOf = (line: string) => (line.startsWith('#') ? line.replace(/\(.*$/s, '').trim().toUpperCase() : undefined);
  const removedTitles = removed.map(titleOf);
  const addedTitles = added.map(titleOf);
  const alike = (i: number, j: number) => (removedTitles[i] !== undefined && removedTitles[i] === addedTitles[j] ? 1 : likeness(removedWords[i], addedWords[j]));
  const likeness = (a: Set<string>, b: Set<string>) => {
    if (a.size === 0 && b.size === 0) return 1;
    let shared = 0;
    for (const word of a) if (b.has(word)) shared++;
    return (2 * shared) / (a.size + b.size);
  };
  // Best order-keeping pairing (a small alignment), pairs only when at least half alike.
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let a = n - 1; a >= 0; a--) {
    for (let b = m - 1; b >= 0; b--) {
      const like = alike(a, b);
      const pair = like >= PAIRING ? like + score[a + 1][b + 1] : -1;
      score[a][b] = Math.max(pair, score[a + 1][b], score[a][b + 1]);
    }
  }
  const out: LinePair[] = [];
  let loose: LinePair = { removed: [], added: [] };
  let a = 0;
  let b = 0;
  while (a < n && b < m) {
    const like = alike(a, b);
    if (like >= PAIRING && score[a][b] === like + score[a + 1][b + 1]) {
      if (loose.removed.length + loose.added.length > 0) out.push(loose);
      out.push({ removed: [removed[a]], added: [added[b]] });
      loose = { removed: [], added: [] };
      a++;
      b++;
    } else if (score[a][b] === score[a + 1][b]) loose.removed.push(removed[a++]);
    else loose.added.push(added[b++]);
  }
  while (a < n) loose.removed.push(removed[a++]);
  while (b < m) loose.added.push(added[b++]);
  if (loose.removed.length + loose.added.length > 0) out.push(loose);
  return out;
}
