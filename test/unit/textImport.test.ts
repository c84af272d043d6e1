// Text extracted from published PDFs: the 2018 seed's original text gives the hand-made seed
// exactly; the DT's flattened revision marks are kept as text and reported; extraction artefacts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../../server/src/interchange/akn/reader';
import { printDocument } from '../../server/src/interchange/printer';
import { cleanLine, readPdfText } from '../../server/src/interchange/text/reader';
import { parseDocument } from '../../server/src/syntax';
import { readSeed, ROOT, SEED_2018 } from './helpers';

const original = (name: string) => readFileSync(join(ROOT, 'seeds', 'original', name), 'utf8');
const importText = (text: string) => {
  const result = readPdfText(text);
  return { reso: result.statements.map((s) => printDocument(s.document)), names: result.statements.map((s) => s.name), notes: result.notes };
};

describe('PDF text import', () => {
  it('the 2018 original text gives the hand-made seed, byte for byte', () => {
    const { reso, names, notes } = importText(original('004_200f58ed647096d2.txt'));
    assert.deepEqual(names, ['resolution-130.reso']);
    assert.deepEqual(notes, []);
    assert.equal(reso[0], readSeed(SEED_2018));
  });

  it('the DT: its flattened revision marks are kept as text and reported, its header read as front matter', () => {
    const text = original('000_8fa20dda3cb07826.txt');
    const { reso, notes } = importText(text);
    assert.equal(notes.length, 1);
    assert.match(notes[0], /flattened/);
    assert.doesNotMatch(reso[0], /\{\+\+|\{--/);
    assert.match(reso[0], /^---\ndocument: DT\/67-E\ndate: 2014-11-02\noriginal: English\nmeeting: Plenipotentiary Conference \(PP-14\), Busan, 20 October - 7 November 2014\nsource: Working Group of the Plenary\n---\n/);
    assert.match(reso[0], /\nMOD WGPL\/67\/1\n\n# RESOLUTION 130 \(REV\. GUADALAJARA, 2010BUSAN, 2014\)\n/);
    assert.match(reso[0], /\nbj\) Resolution 69 \(Hyderabad, 2010Rev\. Dubai, 2014\)/);
    // No word of the text is lost.
    const bag = (value: string) => {
      const out = new Map<string, number>();
      for (const word of value.match(/[A-Za-z]+|[0-9]+/g) ?? []) out.set(word, (out.get(word) ?? 0) + 1);
      return out;
    };
    const after = bag(reso[0]);
    for (const [word, count] of bag(text)) assert.ok((after.get(word) ?? 0) >= count, word);
  });

  it('removes bullets and stray emphasis before labels', () => {
    assert.equal(cleanLine('- h)* Resolution 174').text, 'h) Resolution 174');
    assert.equal(cleanLine('- *a)* United Nations').text, 'a) United Nations');
    assert.equal(cleanLine('- **ek**) that ITU').text, 'ek) that ITU');
    assert.deepEqual(cleanLine('- Resolution 50 (Rev. Hammamet, 2016);'), { text: 'Resolution 50 (Rev. Hammamet, 2016);', bullet: true });
    assert.equal(cleanLine('*inter alia* text').text, '*inter alia* text');
  });

  it('rebuilds headings, intros, sub-items, bullets and footnotes', () => {
    const text = [
      'RESOLUTION 9 (DUBAI, 2018)',
      '',
      'A test',
      '',
      'The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),',
      '',
      'noting',
      '',
      '- a) the needs of developing countries¹;',
      '- b) the work, notably:',
      '- i)* the first;',
      ' - ii)* the second,',
      '',
      '¹ These include the least developed countries.',
      '',
      'instructs the Secretary-General',
      '',
      'pursuant to his initiative:',
      '',
      '1 to review, in particular:',
      '- Resolution 50;',
      '- Resolution 52;',
      '2 to report.',
    ].join('\n');
    const { reso } = importText(text);
    assert.equal(
      reso[0],
      '# RESOLUTION 9 (DUBAI, 2018)\n\n## A test\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*noting*\n\na) the needs of developing countries[^1];\nb) the work, notably:\n  i) the first;\n  ii) the second,\n\n*instructs the Secretary-General*\n\npursuant to his initiative:\n\n1 to review, in particular:\n  - Resolution 50;\n  - Resolution 52;\n2 to report.\n\n[^1]: These include the least developed countries.\n',
    );
    assert.deepEqual(parseDocument(reso[0]).diagnostics, []);
  });

  it('a text with no resolution is an error', () => {
    assert.throws(() => readPdfText('Minutes of the meeting\n\nNothing here.'), (error: unknown) => error instanceof ImportError && /holds no resolution/.test(error.message));
    assert.throws(() => readPdfText(''), ImportError);
  });
});
