import assert from 'node:assert/strict';
import { offsetAfterPasses, offsetsAfterPasses } from '../../server/src/analysis/fixProviders';
import type { OffsetEdit } from '../../server/src/analysis/edits';
import { random } from './helpers';

// `reso fix` maps every problem of a file through the passes of fix-all at once: the sweep must
// give what mapping each offset by itself through every edit gives.

function oneByOne(offset: number, passes: readonly (readonly OffsetEdit[])[]): number {
  let position = offset;
  for (const edits of passes) {
    let delta = 0;
    for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
      if (position < edit.start || (position === edit.start && edit.start === edit.end)) break;
      if (position < edit.end) {
        position = edit.start;
        break;
      }
      delta += edit.newText.length - (edit.end - edit.start);
    }
    position += delta;
  }
  return position;
}

describe('offsets after the passes of fix-all', () => {
  it('the sweep over sorted offsets and edits equals mapping each offset alone, on 500 random cases', () => {
    const next = random(17);
    for (let run = 0; run < 500; run++) {
      let length = 20 + Math.floor(next() * 200);
      const passes: OffsetEdit[][] = [];
      for (let p = 0; p < 1 + Math.floor(next() * 3); p++) {
        const edits: OffsetEdit[] = [];
        let at = 0;
        while (at < length && edits.length < 12) {
          const start = at + Math.floor(next() * 20);
          if (start > length) break;
          const end = Math.min(length, start + (next() < 0.4 ? 0 : Math.floor(next() * 6)));
          const newText = 'x'.repeat(Math.floor(next() * 5));
          edits.push({ start, end, newText });
          length += newText.length - (end - start);
          at = end + 1;
        }
        // Edits of one pass are given in any order.
        passes.push(edits.sort(() => next() - 0.5));
      }
      const offsets = Array.from({ length: 30 }, () => Math.floor(next() * 240));
      assert.deepEqual(offsetsAfterPasses(offsets, passes), offsets.map((o) => oneByOne(o, passes)), `run ${run}`);
      assert.equal(offsetAfterPasses(offsets[0], passes), oneByOne(offsets[0], passes));
    }
  });
});
