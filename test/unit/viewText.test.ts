import assert from 'node:assert/strict';
import { parseDocument, viewText } from '../../server/src/syntax';
import { generateDocument } from '../bench/generate';
import { random, readSeed, SEED_2018, SEED_DT } from './helpers';
import { randomEdit } from './randomEdits';

// The text of a source range in a view, read from the lines around it alone, must be what the
// whole view holds there.

describe('the view text of a range', () => {
  it('read from its lines alone equals the slice of the whole view, in both views', () => {
    const next = random(41);
    let text = `${readSeed(SEED_DT)}\n${generateDocument(20_000, 6).text}\n${readSeed(SEED_2018)}`;
    for (let run = 0; run < 150; run++) {
      text = randomEdit(next, text);
      for (const kind of ['original', 'amended'] as const) {
        const document = parseDocument(text);
        const ranges = Array.from({ length: 12 }, () => {
          const start = Math.floor(next() * (text.length + 1));
          return [start, Math.min(text.length, start + Math.floor(next() * (next() < 0.7 ? 120 : 3000)))] as const;
        });
        // Marks' own edges, where keeping and dropping meet.
        for (const mark of document.revisions.slice(0, 6)) ranges.push([mark.start, mark.end], [mark.contentStart, mark.contentEnd]);
        const local = ranges.map(([start, end]) => viewText(document, kind, start, end));
        const view = kind === 'original' ? document.original : document.amended;
        const whole = ranges.map(([start, end]) => view.text.slice(view.fromSource(start).offset, view.fromSource(end).offset));
        assert.deepEqual(local, whole, `run ${run}, ${kind} view`);
      }
    }
  });
});
