// Random edits for the tests that compare work done after an edit with work done from scratch:
// tokens of the markup typed anywhere, text deleted, pieces moved, delimiters removed, with a
// bias to the edges of resolutions, where re-reading in part is hardest.

import { parseDocument } from '../../server/src/syntax';
import { pick } from './helpers';

const TOKENS = [
  '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{==', '==}', '<!--', '-->', '<!-- reso-ignore label -->', '<!-- reso-ignore-file punctuation -->',
  '[^1]', '[^1]: note\n', '[^2]', '---\ndocument: DT/67-E\n---\n', '---\n', 'a) ', 'b) ', '1 ', '2 ', '1.1 ', 'i) ', '- ',
  '*recalling*\n', '*resolves*\n', '*resolves* 4,', '*considering c)*', '*considering*\n\n',
  'Resolution 45 (Rev. Dubai, 2014)', 'Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference', 'Resolution 999 (Rev. Nowhere, 1999)',
  '\n# RESOLUTION 1 (REV. DUBAI, 2018)\n', '\n# RESOLUTION 7\n', '## name\n', '\nMOD TEST/1/9\n', '\nADD TEST/1/2\n', '\nSUP TEST/1/3\n', 'Reasons: ',
  'The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n', ';', ',', '.', ':', ' and', '\n', '\n\n', '\r\n', 'x',
];

/** Where to edit: anywhere, or near where a resolution starts or ends (a last clause's ending, a title). */
function editPlace(next: () => number, text: string): number {
  const resolutions = parseDocument(text).root.resolutions;
  if (next() < 0.5 || resolutions.length === 0) return Math.floor(next() * (text.length + 1));
  const resolution = pick(next, resolutions);
  const edge = next() < 0.7 ? resolution.end : resolution.start;
  return Math.max(0, Math.min(text.length, edge - 12 + Math.floor(next() * 16)));
}

/** One random edit of the kinds drafting makes and breaks texts with. */
export function randomEdit(next: () => number, text: string): string {
  const at = editPlace(next, text);
  const kind = next();
  if (kind < 0.55) return text.slice(0, at) + pick(next, TOKENS) + text.slice(at + (next() < 0.3 ? Math.floor(next() * 4) : 0));
  if (kind < 0.75) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * (next() < 0.2 ? 400 : 8)));
  if (kind < 0.9) {
    // a piece moved or copied elsewhere: whole resolutions now and then
    const from = Math.floor(next() * text.length);
    const piece = text.slice(from, from + Math.floor(next() * (next() < 0.3 ? 3000 : 80)));
    return text.slice(0, at) + piece + text.slice(at);
  }
  // a revision mark broken or mended: one delimiter removed
  const marks = [...text.matchAll(/\{\+\+|\+\+\}|\{--|--\}|^# /gm)];
  if (marks.length === 0) return text + pick(next, TOKENS);
  const mark = pick(next, marks);
  const index = mark.index ?? 0;
  return text.slice(0, index) + text.slice(index + mark[0].length);
}

