import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { viewsOf } from '../../server/src/drafting/marks';
import { ROOT } from './helpers';

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('reso compare', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-compare-'));
  const dt = join(ROOT, 'seeds', 'res130-busan-2014-dt67.reso');
  const older = join(folder, 'old.reso');
  const newer = join(folder, 'new.reso');
  writeFileSync(older, viewsOf(readFileSync(dt, 'utf8')).original);
  writeFileSync(newer, viewsOf(readFileSync(dt, 'utf8')).amended);

  it('prints the marked text whose views are OLD and NEW', () => {
    const result = run('compare', older, newer);
    assert.equal(result.code, 0, result.err);
    const views = viewsOf(result.out);
    assert.equal(views.original, readFileSync(older, 'utf8'));
    assert.equal(views.amended, readFileSync(newer, 'utf8'));
  });

  it('writes -o OUT and says how many changes', () => {
    const out = join(folder, 'mod.reso');
    const result = run('compare', older, newer, '-o', out);
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /\d+ changes written to/);
    assert.equal(viewsOf(readFileSync(out, 'utf8')).amended, readFileSync(newer, 'utf8'));
  });

  it('says when a version carries marks', () => {
    const result = run('compare', dt, newer);
    assert.equal(result.code, 0);
    assert.match(result.err, /res130-busan-2014-dt67\.reso carries revision marks: it is compared by its amended view/);
    assert.equal(result.out, readFileSync(newer, 'utf8'));
  });

  for (const [what, make, pattern] of [
    ['a missing file', () => join(folder, 'none.reso'), /no such file/],
    ['a file that is not .reso', () => { const p = join(folder, 'a.txt'); writeFileSync(p, 'x'); return p; }, /is not a \.reso file/],
    ['a broken mark', () => { const p = join(folder, 'broken.reso'); writeFileSync(p, 'a) {++ open;\n'); return p; }, /broken revision mark on line 1/],
  ] as const) {
    it(`exits 2 on ${what} and writes nothing`, () => {
      const out = join(folder, `never-${what.length}.reso`);
      const result = run('compare', make(), newer, '-o', out);
      assert.equal(result.code, 2);
      assert.match(result.err, pattern);
      assert.equal(existsSync(out), false);
    });
  }

  it('exits 2 on a usage error', () => {
    assert.equal(run('compare', older).code, 2);
  });
});
