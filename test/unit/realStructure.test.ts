// Structure as real ITU texts write it: `:` before decimal paragraphs and quoted items, bullet
// terms without punctuation, lettered and `1)` sub-items, headings read by their grammar.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixAllText } from '../../server/src/analysis/fixProviders';
import { suggestHeading } from '../../server/src/analysis/structure';
import { main } from '../../server/src/cli';
import { LanguageService } from '../../server/src/features/service';
import { parseDocument } from '../../server/src/syntax';
import { classifyHeading } from '../../server/src/syntax/vocabulary';

const URI = 'file:///test/structure.reso';

function resolution(body: string): string {
  return `# RESOLUTION 1 (DUBAI, 2018)\n\n## Test\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n${body}`;
}

/** `code "covered text"` for each structure diagnostic. */
function summary(text: string): string[] {
  const service = new LanguageService();
  service.setDocument(URI, text);
  return service.rawDiagnostics(URI).filter((d) => !d.code.startsWith('citation.')).map((d) => `${d.code} ${JSON.stringify(text.slice(d.start, d.end))}`);
}

function fixAll(text: string): string {
  const service = new LanguageService();
  return fixAllText(text, (document) => {
    service.setDocument(URI, document.text);
    return service.rawDiagnostics(URI);
  }, { trackChanges: 'auto' });
}

describe('structure as real texts write it', () => {
  describe('endings', () => {
    it('`:` ends a clause followed by its decimal paragraphs', () => {
      const text = resolution('*resolves*\n\n1 to adopt the plan;\n2 to structure the work as follows:\n2.1 a first part;\n2.2 a second part;\n3 to report.\n');
      assert.deepEqual(summary(text), []);
      // `;` there is still right, and `:` elsewhere is still wrong.
      assert.deepEqual(summary(text.replace('as follows:', 'as follows;')), []);
      assert.deepEqual(summary(text.replace('the plan;', 'the plan:')), ['punctuation.ending ":"']);
    });

    it('`:` ends a clause followed by a quoted paragraph, which belongs to it', () => {
      const text = resolution('*resolves*\n\n1 to replace the text by the following:\n\n"Member States shall cooperate."\n\n2 to report.\n');
      assert.deepEqual(summary(text), []);
      const clauses = parseDocument(text).root.resolutions[0].sections[0].clauses;
      assert.equal(clauses.length, 2);
      assert.match(text.slice(clauses[0].start, clauses[0].end), /shall cooperate\."$/);
    });

    it('a list of bullet terms with no punctuation is consistent; a list that mixes styles is not', () => {
      const text = resolution('*recalling*\n\na) the services:\n  - e-government\n  - e-health\n  - e-learning\nb) the rest,\n\n*resolves*\n\nto act.\n');
      assert.deepEqual(summary(text), []);
      const mixed = text.replace('  - e-health\n', '  - e-health;\n');
      assert.deepEqual(summary(mixed), ['punctuation.ending "t"', 'punctuation.ending "g"']);
    });
  });

  describe('sub-items', () => {
    it('letters inside a preamble clause that quotes another instrument', () => {
      const text = resolution('*recalling*\n\na) Article 1 of the Constitution, which states:\n  a) to maintain and extend cooperation;\n  b) to promote the development of technical facilities;\n  c) to harmonize the actions of Member States;\nb) the rest,\n\n*resolves*\n\nto act.\n');
      assert.deepEqual(summary(text), []);
      assert.deepEqual(summary(text.replace('  c) to harmonize', '  d) to harmonize')), ['label.sequence "d)"']);
    });

    it('`1)` `2)` items are sub-items with their own sequence', () => {
      const text = resolution('*resolves*\n\n1 to study:\n  1) the costs;\n  2) the benefits;\n2 to report.\n');
      assert.deepEqual(summary(text), []);
      const gap = text.replace('  2) the benefits', '  3) the benefits');
      assert.deepEqual(summary(gap), ['label.sequence "3)"']);
      assert.match(fixAll(gap), /\n {2}1\) the costs;\n {2}2\) the benefits;\n/);
    });
  });

  describe('headings by their grammar', () => {
    const HEADINGS = [
      'noting with satisfaction and appreciation', 'having noted', 'highlighting', 'recognizing also', 'taking into account further', 'noting also',
      'instructs the Secretary-General, in close consultation with the Directors of the three Bureaux', 'invites Member States, Sector Members and Associates',
      // Unseen, but well formed.
      'underscoring', 'noting with deep concern', 'deeply concerned', 'expressing with gratitude', 'requests the Director of the Bureau', 'calls upon all Member States',
    ];

    it('accepts well-formed headings that no list holds, each of its kind', () => {
      for (const heading of HEADINGS) assert.ok(classifyHeading(heading).known, heading);
      assert.equal(classifyHeading('underscoring').kind, 'preamble');
      assert.equal(classifyHeading('calls upon all Member States').kind, 'operative');
      const text = resolution(`${HEADINGS.slice(0, 6).concat(['underscoring']).map((h, i) => `*${h}*\n\n${'abcdefg'[i]}) that;\nb) that,\n`).join('\n')}\n*instructs the Secretary-General, in close consultation with the Directors of the three Bureaux*\n\nto act.\n`);
      assert.deepEqual(summary(text).filter((d) => d.startsWith('heading.unknown')), []);
    });

    it('still reports what is not a heading, and a slip of one with a did-you-mean', () => {
      for (const phrase of ['considring', 'noting the report of the Council', 'Connecting the world', 'resolvs']) assert.ok(!classifyHeading(phrase).known, phrase);
      const text = resolution('*considring*\n\na) that;\nb) that,\n\n*resolves*\n\nto act.\n');
      assert.deepEqual(summary(text), ['heading.unknown "considring"']);
      assert.equal(suggestHeading('considring'), 'considering');
    });

    it('a plain line is a heading only with a leading word headings use', () => {
      const text = resolution('*recalling*\n\nthat,\n\nunderscoring\n\na) that;\nb) that,\n\n*resolves*\n\nto act.\n');
      assert.equal(parseDocument(text).root.resolutions[0].sections.length, 2, 'a plain `underscoring` line stays text');
      assert.equal(parseDocument(text.replace('underscoring', 'noting also')).root.resolutions[0].sections.length, 3);
    });

    it('never compares a line longer than a heading by edit distance', () => {
      const long = 'considring '.repeat(20_000).trim();
      assert.equal(suggestHeading(long), undefined);
      assert.equal(suggestHeading(`${'x'.repeat(200)}`), undefined);
      const text = resolution(`*${long}*\n\na) that;\nb) that,\n\n*resolves*\n\nto act.\n`);
      const [unknown] = summary(text);
      assert.match(unknown, /^heading\.unknown/);
    });
  });

  it('through the command line: a text written this way checks clean', () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-structure-'));
    const file = join(folder, 'real.reso');
    writeFileSync(file, resolution('*noting with satisfaction and appreciation*\n\na) the services:\n  - e-government\n  - e-health\nb) Article 1 of the Constitution, which states:\n  a) to maintain cooperation;\n  b) to promote development,\n\n*resolves*\n\n1 to structure the work as follows:\n1.1 a first part;\n1.2 a second part;\n2 to study:\n  1) the costs;\n  2) the benefits.\n'));
    let out = '';
    const code = main(['check', file], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 0, out);
    assert.equal(out, '✔ 1 file checked, no problems\n');
  });
});

describe('italic words are not headings or references by their form alone', () => {
  it('an italic plural noun in running text is no cross-reference, and right after a clause no heading', () => {
    const text = resolution('*recalling*\n\na) the *lessons* of the past;\nb) the studies\n*studies*\n\n*resolves*\n\nto act.\n');
    // The italic line continues clause b), which then lacks its comma: no crossref.unresolved, no third section.
    assert.deepEqual(summary(text), ['punctuation.ending "*"']);
    assert.equal(parseDocument(text).root.resolutions[0].sections.length, 2);
  });
});
