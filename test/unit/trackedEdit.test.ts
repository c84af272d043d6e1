import { strict as assert } from 'node:assert';
import { applyEdit, trackEdit, type PlainEdit } from '../../server/src/drafting/trackedEdit';
import { viewsOf } from '../../server/src/drafting/marks';
import { buildView, scanRevisions } from '../../server/src/syntax/revisions';
import { random, readSeed, SEED_2018, SEED_DT } from './helpers';

/**
 * The amended view after the plain edit is applied to it, where the source range falls in that
 * view; a Backspace or Delete that falls on nothing the view keeps takes the character before or after.
 */
function expectedAmended(source: string, edit: PlainEdit, intent?: 'backspace' | 'delete'): string {
  const marks = scanRevisions(source, []);
  const amended = buildView(source, marks, 'amended');
  let from = amended.fromSource(edit.start).offset;
  let to = amended.fromSource(edit.end).offset;
  if (from === to && edit.text === '' && intent === 'backspace') from = Math.max(0, from - 1);
  if (from === to && edit.text === '' && intent === 'delete') to = Math.min(amended.text.length, to + 1);
  return amended.text.slice(0, from) + edit.text + amended.text.slice(to);
}

function tracked(source: string, edit: PlainEdit, intent?: 'backspace' | 'delete'): string {
  const result = trackEdit(source, edit, intent);
  if (!result.ok) throw new Error(result.message);
  return applyEdit(source, result.edit);
}

function at(source: string, needle: string, shift = 0): number {
  const index = source.indexOf(needle);
  assert.ok(index >= 0, `${needle} not in the text`);
  return index + shift;
}

describe('tracked edit', () => {
  it('writes typed text as an insertion and extends it while typing goes on', () => {
    let text = 'a) to give this work priority;\n';
    const first = trackEdit(text, { start: 10, end: 10, text: 'x' });
    assert.ok(first.ok);
    text = applyEdit(text, first.edit);
    assert.equal(text, 'a) to give{++x++} this work priority;\n');
    text = tracked(text, { start: first.edit.caret, end: first.edit.caret, text: 'y' });
    assert.equal(text, 'a) to give{++xy++} this work priority;\n');
  });

  it('marks a replaced word around that word, not the line', () => {
    const text = '1 to continue to give this work high priority within ITU;\n';
    const replaced = tracked(text, { start: 0, end: text.length - 1, text: '1 to continue to give this work top priority within ITU;' });
    assert.equal(replaced, '1 to continue to give this work {--high--}{++top++} priority within ITU;\n');
  });

  it('keeps deleted text as a deletion and really removes inserted text', () => {
    const text = 'the {++new ++}work of ITU;\n';
    assert.equal(tracked(text, { start: at(text, 'new'), end: at(text, 'new') + 4, text: '' }), 'the work of ITU;\n');
    const deleted = tracked(text, { start: at(text, 'work'), end: at(text, 'work') + 5, text: '' });
    assert.deepEqual(viewsOf(deleted), { original: 'the work of ITU;\n', amended: 'the new of ITU;\n', diagnostics: [] });
    assert.match(deleted, /\{--work ?--\}/);
  });

  it('merges neighbouring deletions and reaches past a mark on Backspace and Delete', () => {
    let text = 'abc def;\n';
    let result = trackEdit(text, { start: 5, end: 6, text: '' }, 'backspace');
    assert.ok(result.ok);
    text = applyEdit(text, result.edit);
    assert.equal(text, 'abc d{--e--}f;\n');
    assert.equal(result.edit.caret, 5);
    result = trackEdit(text, { start: 4, end: 5, text: '' }, 'backspace');
    assert.ok(result.ok);
    text = applyEdit(text, result.edit);
    assert.equal(text, 'abc {--de--}f;\n');
    // Backspace after a closer deletes the character before it.
    const inserted = 'ab{++cd++}e';
    assert.equal(tracked(inserted, { start: 9, end: 10, text: '' }, 'backspace'), 'ab{++c++}e');
    assert.equal(tracked('ab{--c--}de', { start: 2, end: 3, text: '' }, 'delete'), 'ab{--cd--}e');
  });

  it('deletes across existing marks part by part', () => {
    const text = 'one {--two--} three {++four++} five;\n';
    const start = at(text, 'one');
    const end = at(text, 'five');
    assert.equal(tracked(text, { start, end, text: '' }), '{--one two three  --}five;\n');
  });

  it('types a new line and a clause after a clause', () => {
    let text = 'a) first;\nb) second.\n';
    let caret = at(text, ';') + 1;
    for (const ch of ['\n', 'b', ')', ' ', 'n', 'e', 'w', ';']) {
      const result = trackEdit(text, { start: caret, end: caret, text: ch });
      assert.ok(result.ok, result.ok ? '' : result.message);
      text = applyEdit(text, result.edit);
      caret = result.edit.caret;
    }
    const views = viewsOf(text);
    assert.equal(views.original, 'a) first;\nb) second.\n');
    assert.equal(views.amended, 'a) first;\nb) new;\nb) second.\n');
  });

  it('refuses to track a document with a broken mark, naming the line', () => {
    const result = trackEdit('a) one;\nb) {++two;\n', { start: 0, end: 0, text: 'x' });
    assert.ok(!result.ok);
    assert.equal(result.line, 1);
    assert.match(result.message, /Line 2/);
  });

  it('applies an edit that is already marked as it is', () => {
    const result = trackEdit('a) one;\n', { start: 0, end: 1, text: '{--a--}{++b++}' });
    assert.ok(result.ok && result.verbatim);
  });

  for (const seed of [SEED_2018, SEED_DT]) {
    it(`keeps the law over random edit sequences on ${seed}`, function () {
      this.timeout(60000);
      const next = random(seed.length * 7919);
      const alphabet = ['a', 'b', 'e', ' ', ' ', '\n', ';', ')', '1', 'é', 'ITU ', '\n\n', 'word '];
      let source = readSeed(seed);
      const original = viewsOf(source).original;
      for (let step = 0; step < Number(process.env.LAW_STEPS ?? 400); step++) {
        const start = Math.floor(next() * source.length);
        const kind = next();
        const length = kind < 0.4 ? 0 : Math.floor(next() * (kind < 0.8 ? 3 : 80));
        const end = Math.min(source.length, start + length);
        let text = '';
        if (kind < 0.7 || kind > 0.9) for (let i = Math.floor(next() * 4); i >= 0; i--) text += alphabet[Math.floor(next() * alphabet.length)];
        const edit = { start, end, text };
        // A key press deletes something: an empty edit is no Backspace or Delete.
        const intent = text === '' && end > start ? (next() < 0.5 ? 'backspace' : 'delete') : undefined;
        const result = trackEdit(source, edit, intent);
        if (!result.ok) throw new Error(`step ${step}: ${result.message} ${JSON.stringify(edit)} in ${JSON.stringify(source.slice(start - 60, end + 60))}`);
        const expected = expectedAmended(source, edit, intent);
        const after = applyEdit(source, result.edit);
        const views = viewsOf(after);
        assert.deepEqual(views.diagnostics, [], `step ${step}: broken mark`);
        assert.ok(views.original === original, `step ${step}: the original view changed after ${JSON.stringify(edit)}`);
        assert.ok(views.amended === expected, `step ${step}: amended view differs after ${JSON.stringify(edit)} (${intent ?? 'typed'})`);
        source = after;
      }
    });
  }
});

describe('tracked edit of marks themselves', () => {
  it('leaves an edit that only removes marks (accepting or rejecting) as it is', () => {
    const text = 'a) {--old--}{++new++} text;\n';
    const accept = trackEdit(text, { start: 3, end: 12, text: '' });
    assert.ok(accept.ok && accept.verbatim);
    assert.equal(applyEdit(text, accept.edit), 'a) {++new++} text;\n');
    // The same range from Backspace deletes the character before it instead.
    const backspace = trackEdit(text, { start: 3, end: 12, text: '' }, 'backspace');
    assert.ok(backspace.ok && !backspace.verbatim);
    assert.equal(viewsOf(applyEdit(text, backspace.edit)).amended, 'a)new text;\n');
  });
});
