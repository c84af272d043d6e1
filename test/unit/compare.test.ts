import { strict as assert } from 'node:assert';
import { compareVersions } from '../../server/src/drafting/compare';
import { viewsOf } from '../../server/src/drafting/marks';
import { buildView, scanRevisions, type RevisionMark } from '../../server/src/syntax/revisions';
import { readSeed, SEED_2018, SEED_DT } from './helpers';

function compare(before: string, after: string, whitespace = true): string {
  const result = compareVersions(before, after, { whitespace });
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

/** For each character of a view: whether a mark removed or inserted it (true) or both views keep it (false). */
function changedCharacters(text: string, kind: 'original' | 'amended'): boolean[] {
  const marks = scanRevisions(text, []);
  const view = buildView(text, marks, kind);
  const changing = marks.filter((m: RevisionMark) => m.kind === (kind === 'original' ? 'deletion' : 'insertion') || m.kind === 'substitution');
  const out: boolean[] = [];
  let k = 0;
  for (let v = 0; v < view.text.length; v++) {
    const at = view.toSource(v);
    while (k < changing.length && changing[k].end <= at) k++;
    out.push(k < changing.length && changing[k].contentStart <= at && at < changing[k].contentEnd);
  }
  return out;
}

/** Share of the characters of both views that the two marked texts classify alike. */
export function closeness(a: string, b: string): { original: number; amended: number } {
  const share = (kind: 'original' | 'amended') => {
    const x = changedCharacters(a, kind);
    const y = changedCharacters(b, kind);
    assert.equal(x.length, y.length);
    let same = 0;
    for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
    return x.length === 0 ? 1 : same / x.length;
  };
  return { original: share('original'), amended: share('amended') };
}

describe('compare', () => {
  it('gives no marks when a text is compared with itself', () => {
    const text = readSeed(SEED_2018);
    const result = compareVersions(text, text);
    assert.ok(result.ok);
    assert.equal(result.text, text);
    assert.equal(result.changes, 0);
  });

  it('marks a changed word, and a renumbered clause as a label change', () => {
    const before = '*resolves*\n\n1 to give this work high priority;\n2 to report.\n';
    const after = '*resolves*\n\n1 to start;\n2 to give this work top priority;\n3 to report.\n';
    const marked = compare(before, after);
    assert.deepEqual(viewsOf(marked), { original: before, amended: after, diagnostics: [] });
    assert.match(marked, /\{--1--\}\{\+\+2\+\+\} to give this work \{--high--\}\{\+\+top\+\+\} priority;/);
    assert.match(marked, /\{--2--\}\{\+\+3\+\+\} to report\./);
    assert.match(marked, /\{\+\+1 to start;\+\+\}\n/);
  });

  it('marks the revision of the title and of the authority line as one change each', () => {
    const before = '# RESOLUTION 130 (REV. GUADALAJARA, 2010)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Guadalajara, 2010),\n';
    const after = '# RESOLUTION 130 (REV. BUSAN, 2014)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n';
    const marked = compare(before, after);
    assert.match(marked, /\(REV\. \{--GUADALAJARA, 2010--\}\{\+\+BUSAN, 2014\+\+\}\)/);
    assert.match(marked, /\(\{--Guadalajara, 2010--\}\{\+\+Busan, 2014\+\+\}\),/);
  });

  it('leaves spacing differences unmarked unless asked', () => {
    const before = 'a) one  two;\nb) three.\n';
    const after = 'a) one two;\nb) three.\n';
    const plain = compareVersions(before, after);
    assert.ok(plain.ok);
    assert.equal(plain.text, after);
    assert.match(plain.notes.join(' '), /spacing/);
    const marked = compare(before, after, true);
    assert.deepEqual(viewsOf(marked), { original: before, amended: after, diagnostics: [] });
    assert.notEqual(marked, after);
  });

  it('compares marked versions by their amended views and refuses a broken mark', () => {
    const result = compareVersions('a) {--old--}{++new++} text;\n', 'a) newer text;\n');
    assert.ok(result.ok);
    assert.match(result.notes.join(' '), /OLD carries revision marks/);
    assert.equal(viewsOf(result.text).original, 'a) new text;\n');
    const broken = compareVersions('a) {++old text;\n', 'a) text;\n');
    assert.ok(!broken.ok);
    assert.match(broken.message, /OLD has a broken revision mark on line 1/);
  });

  it('turns the 2010 text of the DT into its 2014 text, close to the marks made by hand', () => {
    const dt = readSeed(SEED_DT);
    const { original, amended } = viewsOf(dt);
    const marked = compare(original, amended);
    const views = viewsOf(marked);
    assert.equal(views.original, original);
    assert.equal(views.amended, amended);
    const near = closeness(marked, dt);
    console.log(`      closeness to the hand-made DT: original view ${(near.original * 100).toFixed(1)} %, amended view ${(near.amended * 100).toFixed(1)} % of characters marked alike`);
    assert.ok(near.original > 0.9 && near.amended > 0.9, JSON.stringify(near));
  });

  it('marks the title word by word even when the text before it is deleted', () => {
    const marked = compare(viewsOf(readSeed(SEED_DT)).amended, readSeed(SEED_2018));
    assert.match(marked, /^# RESOLUTION 130 \(REV\. \{--BUSAN, 2014--\}\{\+\+DUBAI, 2018\+\+\}\)$/m);
  });

  it('keeps both views exact over both seeds compared with each other', () => {
    for (const [a, b] of [[SEED_2018, SEED_DT], [SEED_DT, SEED_2018]]) {
      const before = viewsOf(readSeed(a)).amended;
      const after = viewsOf(readSeed(b)).original;
      const marked = compare(before, after);
      assert.deepEqual(viewsOf(marked), { original: before, amended: after, diagnostics: [] });
    }
  });
});
