// Drafting figures for `npm run bench`: a tracked edit in the 1 MB document, and the
// comparison of two 1 MB versions with a tenth of the clauses edited (and at 4 MB, for growth).

import { compareVersions } from '../../server/src/drafting/compare';
import { viewsOf } from '../../server/src/drafting/marks';
import { trackEdit, type PlainEdit } from '../../server/src/drafting/trackedEdit';
import { generateDocument } from './generate';
import { median, wallTime as time } from './measure';

/** A new version: every tenth clause line gets a word replaced and a word added. */
function editedVersion(text: string): { text: string; edited: number } {
  let clause = 0;
  let edited = 0;
  const lines = text.split('\n').map((line) => {
    if (!/^(?:[a-z]{1,3}\)|\d+) /.test(line)) return line;
    if (clause++ % 10 !== 0) return line;
    edited++;
    return line.replace(/ the /, ' a revised ').replace(/;$/, ' and beyond;');
  });
  return { text: lines.join('\n'), edited };
}

export function draftingBench(runs: number): { results: Record<string, unknown>; failures: string[] } {
  const failures: string[] = [];
  const source = generateDocument(1_000_000).text;
  // Edits spread over the document: typing in plain text, next to marks, deleting a word.
  const edits: PlainEdit[] = [];
  for (let i = 1; i <= 20; i++) {
    const at = source.indexOf(' ', Math.floor((source.length * i) / 21));
    edits.push(i % 3 === 0 ? { start: at + 1, end: source.indexOf(' ', at + 1), text: '' } : { start: at, end: at, text: 'x' });
    const mark = source.indexOf('++}', Math.floor((source.length * i) / 21));
    if (mark > 0) edits.push({ start: mark + 3, end: mark + 3, text: 'y' });
  }
  for (const edit of edits.slice(0, 5)) trackEdit(source, edit);
  const times: number[] = [];
  let refused = 0;
  for (let r = 0; r < Math.max(3, Math.floor(runs / 5)); r++) {
    for (const edit of edits) {
      let ok = true;
      times.push(time(() => (ok = trackEdit(source, edit).ok)));
      if (!ok) refused++;
    }
  }
  const tracked = { medianMs: median(times), maxMs: Math.round(Math.max(...times) * 1000) / 1000, edits: times.length, refused, budget: { medianMs: 2 } };
  if (tracked.medianMs > 2) failures.push(`tracked edit ${tracked.medianMs} ms > 2 ms`);
  if (refused > 0) failures.push(`tracked edit refused ${refused} edits`);

  const compareAt = (bytes: number, seed: number) => {
    const before = viewsOf(generateDocument(bytes, seed).text).amended;
    const { text: after, edited } = editedVersion(before);
    const samples: number[] = [];
    let ok = true;
    const rounds = bytes > 2_000_000 ? 3 : 5;
    for (let r = 0; r < rounds; r++) samples.push(time(() => (ok = compareVersions(before, after).ok && ok)));
    return { bytes: before.length, editedClauses: edited, medianMs: median(samples), runs: rounds, ok };
  };
  const compare1 = compareAt(1_000_000, 3);
  const compare4 = compareAt(4_000_000, 3);
  const compare = { ...compare1, at4x: { bytes: compare4.bytes, medianMs: compare4.medianMs, ratio: Math.round((compare4.medianMs / compare1.medianMs) * 100) / 100 }, budget: { medianMs: 500 } };
  if (compare1.medianMs > 500) failures.push(`compare ${compare1.medianMs} ms > 500 ms`);
  if (!compare1.ok || !compare4.ok) failures.push('compare did not read back exactly on the bench versions');
  return { results: { trackedEdit: tracked, compare }, failures };
}
