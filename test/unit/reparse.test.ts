import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/syntax';
import { reparseDocument } from '../../server/src/syntax/reparse';
import { generateDocument } from '../bench/generate';
import { pick, random, readSeed, SEED_2018, SEED_DT } from './helpers';
import { randomEdit } from './randomEdits';
import { assertSameParse as assertSame, LITERALS, plain } from './sameParse';

// Re-reading an edited text in part must give what a parse of the whole text gives: the same
// tree (offsets, parents, comment targets), marks, views, diagnostics and line index.

const RUNS = Number(process.env.RESO_REPARSE_RUNS ?? 120);

describe('re-reading an edited text in part', () => {
  const seeds = [readSeed(SEED_2018), readSeed(SEED_DT)];
  const starts = [
    seeds.join('\n'),
    `${seeds[1]}\n${seeds[0]}\n${seeds[0]}`,
    `${seeds[0]}\n\n${seeds[0].replace(/\n/g, '\r\n')}\n\n${seeds[1]}`,
    generateDocument(40_000, 5).text,
    generateDocument(25_000, 9).text,
  ];

  it(`equals a parse of the whole text after each edit of ${RUNS} random edit sequences`, function () {
    this.timeout(120_000);
    const next = random(23);
    let reparsed = 0;
    let edits = 0;
    for (let run = 0; run < RUNS; run++) {
      let text = starts[run % starts.length];
      let document = parseDocument(text);
      const count = 4 + Math.floor(next() * 8);
      for (let e = 0; e < count; e++) {
        // Now and then the lazily built parts exist before the edit, so that they are carried over.
        if (next() < 0.5) void document.lines;
        if (next() < 0.5) void document.original;
        if (next() < 0.7) for (const literal of LITERALS) document.amended.lineStartsOf(literal);
        text = randomEdit(next, text);
        const before = document;
        document = reparseDocument(before, text);
        edits++;
        if (document.root.resolutions.some((r) => before.root.resolutions.includes(r))) reparsed++;
        assertSame(document, parseDocument(text), `run ${run}, edit ${e}`);
      }
    }
    // The comparison means something only if many edits were re-read in part (the others break
    // a mark or a comment, or fall in texts of two or three resolutions, which are parsed whole).
    assert.ok(reparsed > edits * 0.25, `only ${reparsed} of ${edits} edits were re-read in part`);
  });

  it('equals a parse of the whole text while typing: characters, line breaks and markup keystrokes anywhere', () => {
    const next = random(31);
    const plainKeys = ['x', ' ', ';', '\n', ')', '1', 'a', ':', '.', ','];
    const markupKeys = ['\r', '\r\n', '\n\n', '*', '{', '}', '+', '-', '#', '<', '>', '!', '[', '^', ']', '~', '='];
    let text = generateDocument(60_000, 4).text;
    let document = parseDocument(text);
    let reparsed = 0;
    for (let key = 0; key < 1500; key++) {
      const at = Math.floor(next() * text.length);
      // Deletions take letters and spaces: a mark whose delimiter is cut stays open, and while a
      // mark is open anywhere the whole text is parsed (what an open mark closes is not known).
      if (next() < 0.7) text = text.slice(0, at) + pick(next, next() < 0.85 ? plainKeys : markupKeys) + text.slice(at);
      else if (/[a-z ]/.test(text[at] ?? '')) text = text.slice(0, at) + text.slice(at + 1);
      const before = document;
      document = reparseDocument(before, text);
      if (document.root.resolutions.some((r) => before.root.resolutions.includes(r))) reparsed++;
      if (key % 2 === 0) for (const literal of LITERALS) document.amended.lineStartsOf(literal);
      if (key % 5 === 0) assertSame(document, parseDocument(text), `keystroke ${key}`);
    }
    assert.deepEqual(plain(document.root), plain(parseDocument(text).root));
    assert.ok(reparsed > 750, `only ${reparsed} of 1500 keystrokes were re-read in part`);
  });

  it('re-reads only the resolution a keystroke touched, keeping the others', () => {
    const text = generateDocument(200_000, 3).text;
    const document = parseDocument(text);
    const resolutions = document.root.resolutions;
    const middle = text.indexOf(' ', Math.floor(text.length / 2));
    const edited = reparseDocument(document, text.slice(0, middle) + 'x' + text.slice(middle));
    const kept = edited.root.resolutions.filter((r) => resolutions.includes(r)).length;
    assert.equal(kept, resolutions.length - 1, 'every resolution but the edited one is the same node, moved');
    assertSame(edited, parseDocument(edited.text), 'after one keystroke');
  });

  it('keeps the notes a DT writes before a proposal or a title pointing at it, on either side of the window', () => {
    const dt = readSeed(SEED_DT);
    const text = [dt, readSeed(SEED_2018), dt, readSeed(SEED_2018)].join('\n');
    const next = random(5);
    let partial = 0;
    for (let key = 0; key < 120; key++) {
      const at = Math.floor(next() * text.length);
      const edited = text.slice(0, at) + 'x' + text.slice(at);
      const before = parseDocument(text);
      const document = reparseDocument(before, edited);
      if (document.root.resolutions.some((r) => before.root.resolutions.includes(r))) partial++;
      assertSame(document, parseDocument(edited), `keystroke at ${at}`);
    }
    assert.ok(partial > 100, `only ${partial} of 120 keystrokes were re-read in part`);
  });

  it('parses the whole text when a mark is left open, and again once it is closed', () => {
    const text = `${readSeed(SEED_2018)}\n${readSeed(SEED_2018)}`;
    const second = text.indexOf('# RESOLUTION', 10);
    const at = text.indexOf('\n\n', second + 200) + 1;
    const opened = text.slice(0, at) + '{++new words' + text.slice(at);
    const first = reparseDocument(parseDocument(text), opened);
    assertSame(first, parseDocument(opened), 'open mark');
    assert.ok(first.diagnostics.some((d) => d.code === 'syntax.revision'));
    const closed = opened.slice(0, at + 12) + '++}' + opened.slice(at + 12);
    assertSame(reparseDocument(first, closed), parseDocument(closed), 'closed mark');
  });

  it('gives back the previous document when the text did not change', () => {
    const document = parseDocument(readSeed(SEED_DT));
    assert.equal(reparseDocument(document, document.text), document);
  });
});
