import assert from 'node:assert/strict';
import { commonPrefix, commonSuffix, editBetween } from '../../server/src/syntax/textDiff';
import { random } from './helpers';

// The common start and end of two texts, found by halving, equal those found a character at a time.

function naivePrefix(a: string, b: string): number {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  return at;
}

function naiveSuffix(a: string, b: string, prefix: number): number {
  let length = 0;
  while (length < Math.min(a.length, b.length) - prefix && a[a.length - length - 1] === b[b.length - length - 1]) length++;
  return length;
}

describe('common start and end of two texts', () => {
  it('equal a character-by-character search, for edits anywhere in texts short and long', () => {
    const next = random(29);
    for (let run = 0; run < 400; run++) {
      const length = Math.floor(next() * (run % 4 === 0 ? 20_000 : 900));
      const a = Array.from({ length }, () => 'ab \n'[Math.floor(next() * 4)]).join('');
      const at = Math.floor(next() * (length + 1));
      const removed = Math.floor(next() * Math.min(5, length - at + 1));
      const b = a.slice(0, at) + 'ab'.slice(0, Math.floor(next() * 3)) + a.slice(at + removed);
      const prefix = commonPrefix(a, b);
      assert.equal(prefix, naivePrefix(a, b), `run ${run}: prefix`);
      assert.equal(commonSuffix(a, b, prefix), naiveSuffix(a, b, prefix), `run ${run}: suffix`);
      assert.deepEqual(editBetween(a, {}, b), { prefix, suffix: naiveSuffix(a, b, prefix) });
    }
  });

  it('gives the edit a document was noted with only for the text it was made from', () => {
    const after = {};
    // A stale note (another earlier text) is not taken: the texts are compared.
    assert.deepEqual(editBetween('abcd', after, 'abXd'), { prefix: 2, suffix: 1 });
  });
});
