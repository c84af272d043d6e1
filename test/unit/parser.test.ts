import assert from 'node:assert/strict';
import { parseDocument, walk, type ClauseNode, type ParsedDocument, type SectionNode } from '../../server/src/syntax';
import { leafText, pick, random, readSeed, SEED_2018, SEED_DT } from './helpers';

function labels(clauses: readonly ClauseNode[]): string {
  return clauses.map((c) => (c.label ? c.label.value : '_') + (c.items.length ? `[${labels(c.items)}]` : '')).join(' ');
}

function outline(sections: readonly SectionNode[]): string[] {
  return sections.map((s) => `${s.heading.phrase}${s.intro ? ' +intro' : ''}: ${labels(s.clauses)}`);
}

function codes(document: ParsedDocument): string[] {
  return document.diagnostics.map((d) => d.code);
}

describe('parser', () => {
  describe('lossless tree', () => {
    for (const seed of [SEED_2018, SEED_DT]) {
      it(`gives back ${seed} from its leaves`, () => {
        const text = readSeed(seed);
        assert.equal(leafText(parseDocument(text)), text);
      });
    }

    it('gives back random markup-like text and never throws', () => {
      const fragments = [
        'a) ', 'b) ', 'aa) ', '1 ', '12 ', '1.1 ', '  i) ', '    - ', '\t', '*recalling*', '*resolves*', 'considering',
        '# RESOLUTION 1 (REV. DUBAI, 2018)', '## name', 'The Conference (Dubai, 2018),', '---', 'date: 2014-11-02',
        '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{>>', '<<}', '{==', '==}', '<!--', '-->', '<!-- reso-ignore label.sequence -->',
        '[^1]', '[^1]: note', '*', '**', 'MOD WGPL/1/1', 'Reasons:', 'word', ' ', ';', ',', '.', ':', '\n', '\n', '\r\n', '\n\n', 'é', '\u{1F600}',
      ];
      for (let seed = 1; seed <= 300; seed++) {
        const next = random(seed);
        let text = '';
        const length = Math.floor(next() * 80);
        for (let i = 0; i < length; i++) text += pick(next, fragments);
        const document = parseDocument(text);
        assert.equal(leafText(document), text, `seed ${seed}: ${JSON.stringify(text)}`);
        assert.ok(!codes(document).includes('syntax.internal'), `seed ${seed} hit an internal error: ${JSON.stringify(text)}`);
        document.originalRoot();
      }
    });

    it('gives back binary noise, lone surrogates included', () => {
      for (let seed = 1; seed <= 50; seed++) {
        const next = random(seed * 7919);
        let text = '';
        for (let i = 0; i < 2000; i++) text += String.fromCharCode(Math.floor(next() * (next() < 0.5 ? 128 : 0x10000)));
        const document = parseDocument(text);
        assert.equal(leafText(document), text);
        assert.ok(!codes(document).includes('syntax.internal'));
      }
    });

    it('gives every structural node a range inside its parent', () => {
      const document = parseDocument(readSeed(SEED_DT));
      for (const node of walk(document.root)) {
        for (const child of node.children) {
          assert.ok(child.start >= node.start && child.end <= node.end, `${child.kind} escapes ${node.kind}`);
        }
      }
    });
  });

  describe('blocks', () => {
    it('reads front matter, proposal, title, subtitle and authority', () => {
      const document = parseDocument(
        '---\ndocument: DT/1-E\ndate: 2014-11-02\n---\n\nMOD WGPL/67/1\n\n# RESOLUTION 130 (REV. BUENOS AIRES, 2017)\n\n## The name\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Buenos Aires, 2017),\n\n*recalling*\n\na) one;\nb) two,\n',
      );
      const root = document.root;
      assert.deepEqual(root.frontMatter?.entries.map((e) => [e.key, e.value]), [['document', 'DT/1-E'], ['date', '2014-11-02']]);
      const resolution = root.resolutions[0];
      assert.equal(resolution.proposal?.action, 'MOD');
      assert.equal(resolution.proposal?.identifier, 'WGPL/67/1');
      assert.deepEqual(resolution.title?.revision, { rev: true, place: 'Buenos Aires', year: 2017 });
      assert.equal(resolution.title?.number, '130');
      assert.equal(resolution.subtitle?.text, 'The name');
      assert.match(document.text.slice(resolution.authority?.start, resolution.authority?.end), /^The Plenipotentiary .*2017\),$/);
      assert.deepEqual(outline(resolution.sections), ['recalling: a b']);
      assert.deepEqual(codes(document), []);
    });

    it('reads draft, new, decision and annex titles', () => {
      const document = parseDocument(
        '# DRAFT NEW RESOLUTION [SEN-1]\n\n# DECISION 5 (REV. DUBAI, 2018)\n\n# RECOMMENDATION 7 (DUBAI, 2018)\n\n# ANNEX 1 TO RESOLUTION 48 (REV. DUBAI, 2018)\n\nFree text citing Resolution 45.\n\n*resolves*\n',
      );
      const [draft, decision, recommendation] = document.root.resolutions;
      assert.equal(draft.title?.draft, true);
      assert.equal(draft.title?.isNew, true);
      assert.equal(draft.title?.number, '[SEN-1]');
      assert.equal(decision.title?.form, 'decision');
      assert.deepEqual(recommendation.title?.revision, { rev: false, place: 'Dubai', year: 2018 });
      const annex = document.root.annexes[0];
      assert.equal(annex.title.annexNumber, '1');
      assert.deepEqual(annex.title.annexOf, { form: 'resolution', number: '48' });
      assert.equal(annex.paragraphs.length, 2, 'annex body is free text, a heading there is a paragraph');
    });

    it('classifies headings: italic or plain, preamble or operative, known or not', () => {
      const document = parseDocument(
        '# RESOLUTION 1 (DUBAI, 2018)\n\n*considering further*\n\na) x;\n\nbearing in mind\n\nthe work,\n\n*considring*\n\na) y,\n\n*instructs the Director of the Telecommunication Development Bureau*\n\n1 z.\n',
      );
      const headings = document.root.resolutions[0].sections.map((s) => [s.heading.phrase, s.heading.italic, s.heading.headingKind, s.heading.known]);
      assert.deepEqual(headings, [
        ['considering further', true, 'preamble', true],
        ['bearing in mind', false, 'preamble', true],
        ['considring', true, 'unknown', false],
        ['instructs the Director of the Telecommunication Development Bureau', true, 'operative', true],
      ]);
    });

    it('reads continuation lines, sub-items at any depth and an intro', () => {
      const document = parseDocument(
        '*instructs the Secretary-General*\n\npursuant to his initiative on this matter:\n\n1 to continue\nto review:\n  i) the work;\n    a) deeper;\n    b) deeper still;\n  ii) the progress;\n\tiii) tab indented;\n2 to report.\n',
      );
      const section = document.root.resolutions[0].sections[0];
      assert.deepEqual(outline([section]), ['instructs the Secretary-General +intro: 1[i[a b] ii iii] 2']);
      const first = section.clauses[0];
      assert.equal(document.amended.text.slice(first.textViewStart, first.textViewEnd), ' to continue\nto review:');
    });

    it('keeps an unlabelled paragraph ending in a colon after a preamble heading as a clause', () => {
      const section = parseDocument('*noting*\n\nthat:\n\na) x,\n').root.resolutions[0].sections[0];
      assert.equal(section.intro, undefined);
      assert.equal(labels(section.clauses), '_ a');
    });

    it('reads footnotes and reports undefined and unused ones', () => {
      const document = parseDocument('*recalling*\n\na) text[^1] and[^2];\n\n[^1]: a note\n[^3]: unused\n');
      assert.deepEqual(document.root.footnoteReferences.map((f) => f.id), ['1', '2']);
      assert.deepEqual(document.root.footnoteDefinitions.map((f) => f.id), ['1', '3']);
      assert.deepEqual(codes(document).sort(), ['footnote.undefined', 'footnote.unused']);
    });

    it('reads comments and reso-ignore directives and the construct they stand before', () => {
      const document = parseDocument('*recalling*\n\n<!-- reso-ignore label.sequence, punctuation.ending -->\nb) x;\n<!-- reso-ignore-file heading.unknown -->\n<!--\nplain\n-->\nc) y,\n');
      const [first, second, third] = document.root.comments;
      assert.deepEqual(first.ignore, { wholeFile: false, codes: ['label.sequence', 'punctuation.ending'] });
      assert.equal(first.target?.kind, 'clause');
      assert.deepEqual(second.ignore, { wholeFile: true, codes: ['heading.unknown'] });
      assert.equal(third.ignore, undefined);
      assert.equal(labels(document.root.resolutions[0].sections[0].clauses), 'b c');
    });

    it('reports malformed front matter', () => {
      assert.deepEqual(codes(parseDocument('---\ndate: 14 Nov 2014\nnot a pair\n---\n')), ['syntax.frontmatter', 'syntax.frontmatter']);
      assert.deepEqual(codes(parseDocument('---\ndocument: x\n')), ['syntax.frontmatter']);
      assert.deepEqual(codes(parseDocument('---\nfoo: bar\n---\n')), ['frontmatter.unknown-key']);
    });

    it('accepts CRLF line endings', () => {
      const text = '# RESOLUTION 1 (DUBAI, 2018)\r\n\r\n*resolves*\r\n\r\n1 a;\r\n2 b.\r\n';
      const document = parseDocument(text);
      assert.equal(labels(document.root.resolutions[0].sections[0].clauses), '1 2');
      assert.equal(leafText(document), text);
      const clause = document.root.resolutions[0].sections[0].clauses[0];
      assert.equal(text.slice(clause.start, clause.end), '1 a;');
    });
  });

  describe('hard cases', () => {
    it('keeps an unlabelled operative clause that has sub-items as a clause, not an intro', () => {
      const section = parseDocument('*instructs the Secretary-General*\n\nto report to the Council:\n  i) on this;\n  ii) on that.\n').root.resolutions[0].sections[0];
      assert.equal(section.intro, undefined);
      assert.equal(labels(section.clauses), '_[i ii]');
    });

    it('lets comment lines sit inside a clause, and reads text after `-->` as a line', () => {
      const text = '*recalling*\n\na) that one\n<!-- to check -->\nand more;\n<!-- reso-ignore punctuation.ending --> b) that two,\n';
      const document = parseDocument(text);
      const [first, second] = document.root.resolutions[0].sections[0].clauses;
      assert.equal(labels(document.root.resolutions[0].sections[0].clauses), 'a b');
      assert.equal(text.slice(first.start, first.end), 'a) that one\n<!-- to check -->\nand more;');
      assert.ok(first.children.some((c) => c.kind === 'comment'));
      assert.equal(document.root.comments[1].target, second);
      assert.equal(leafText(document), text);
    });

    it('reads a year or an italic title at the start of a wrapped line as text, and `1.` as a dotted label', () => {
      const year = parseDocument('*resolves*\n\n1 to report in\n2019 to the Council;\n2 to act.\n').root.resolutions[0].sections[0];
      assert.equal(labels(year.clauses), '1 2');
      const italic = parseDocument('*recalling*\n\na) the report entitled\n*Securing information networks*\nof ITU-D;\nb) that two,\n').root.resolutions[0];
      assert.equal(italic.sections.length, 1);
      assert.equal(labels(italic.sections[0].clauses), 'a b');
      const dotted = parseDocument('*resolves*\n\n1. to do this;\n2. to do that.\n').root.resolutions[0].sections[0].clauses;
      assert.deepEqual(dotted.map((c) => [c.label?.value, c.label?.dotted]), [['1', true], ['2', true]]);
    });

    it('skips a byte order mark', () => {
      const document = parseDocument('\ufeff---\ndate: 2018-11-01\n---\n\n# RESOLUTION 1 (DUBAI, 2018)\n');
      assert.equal(document.root.frontMatter?.entries[0].value, '2018-11-01');
      assert.equal(document.root.resolutions[0].title?.number, '1');
    });

    it('stays linear on thousands of unclosed marks and comments, and caps nesting', () => {
      const marks = parseDocument('a) x {++ y\n'.repeat(20_000));
      assert.equal(marks.diagnostics.filter((d) => d.code === 'syntax.revision').length, 20_000);
      const comments = parseDocument('<!-- open\n'.repeat(20_000));
      assert.equal(comments.diagnostics.length, 20_000);
      const deep = Array.from({ length: 500 }, (_, i) => `${' '.repeat(2 * i + 2)}i) level;`).join('\n');
      const clause = parseDocument(`*resolves*\n\n1 deep:\n${deep}\n`).root.resolutions[0].sections[0].clauses[0];
      let depth = 0;
      for (let node = clause; node.items.length > 0; node = node.items[node.items.length - 1]) depth++;
      assert.ok(depth <= 12, `nested ${depth} deep`);
    });
  });

  describe('revision marks and the two views', () => {
    it('builds amended and original views with maps back to the source', () => {
      const text = 'a {++new++} {--old--} {~~was~>is~~} {>>note<<} {==hi==} z';
      const document = parseDocument(text);
      assert.equal(document.amended.text, 'a new  is  hi z');
      assert.equal(document.original.text, 'a  old was  hi z');
      const at = document.amended.text.indexOf('is');
      assert.equal(text.slice(document.amended.toSource(at), document.amended.toSourceEnd(at + 2)), 'is');
      assert.deepEqual(document.amended.fromSource(text.indexOf('old')), { offset: document.amended.text.indexOf('  is') + 1, kept: false });
    });

    it('drops a line made only of removed text, with its line break', () => {
      const document = parseDocument('*recalling*\n\n{--a) gone;--}\n{++a) new;++}\n{--b--}{++b++}) kept,\n');
      assert.equal(document.amended.text, '*recalling*\n\na) new;\nb) kept,\n');
      assert.equal(document.original.text, '*recalling*\n\na) gone;\nb) kept,\n');
      assert.equal(labels(document.root.resolutions[0].sections[0].clauses), 'a b');
      assert.equal(labels(document.originalRoot().resolutions[0].sections[0].clauses), 'a b');
    });

    it('reads a label cut by marks and gives it a source range covering the marks', () => {
      const text = '*recalling*\n\na) one;\n{--b--}{++c++}) two,\n';
      const document = parseDocument(text);
      const clause = document.root.resolutions[0].sections[0].clauses[1];
      assert.equal(clause.label?.value, 'c');
      assert.equal(text.slice(clause.label?.start, clause.label?.end), '{--b--}{++c++})');
      assert.equal(document.originalRoot().resolutions[0].sections[0].clauses[1].label?.value, 'b');
    });

    it('parses marks that span lines', () => {
      const document = parseDocument('*resolves*\n\n1 first;{++\n2 second;++}\n{--3--}{++3++} third.\n');
      assert.equal(labels(document.root.resolutions[0].sections[0].clauses), '1 2 3');
      assert.equal(labels(document.originalRoot().resolutions[0].sections[0].clauses), '1 3');
    });

    it('reports unclosed and nested marks and keeps parsing', () => {
      const unclosed = parseDocument('a) x {++ y\n');
      assert.deepEqual(codes(unclosed), ['syntax.revision']);
      assert.deepEqual([unclosed.diagnostics[0].start, unclosed.diagnostics[0].end], [5, 8]);
      const nested = parseDocument('x {++a {--b--} c++} y');
      assert.deepEqual(codes(nested), ['syntax.revision']);
      assert.equal(nested.diagnostics[0].start, 7);
      assert.deepEqual(codes(parseDocument('{~~a b~~}')), ['syntax.revision']);
    });
  });

  describe('seeds', () => {
    it('pins the structure of the 2018 seed', () => {
      const document = parseDocument(readSeed(SEED_2018));
      assert.deepEqual(codes(document), []);
      const [resolution] = document.root.resolutions;
      assert.equal(document.root.resolutions.length, 1);
      assert.equal(resolution.title?.text, 'RESOLUTION 130 (REV. DUBAI, 2018)');
      assert.match(resolution.subtitle?.text ?? '', /^Strengthening the role of ITU/);
      assert.ok(resolution.authority);
      assert.deepEqual(outline(resolution.sections), [
        'recalling: a b c d e f g h i j k l m n o p q',
        'considering: a b c d e f g h i j k l m n o p q r',
        'recognizing: a b c d e f g h i j k[i ii] l m n o',
        'aware: a b c d e f g h',
        'noting: a b c d',
        'bearing in mind: _',
        'resolves: 1 2 3 4 5 6 7 8 9 10 11 12',
        'instructs the Secretary-General and the Directors of the Bureaux: 1[i ii iii] 2 3 4 5 6 7 8',
        'instructs the Director of the Telecommunication Standardization Bureau: 1[i ii iii[- -]] 2 3',
        'instructs the Director of the Telecommunication Development Bureau: 1 2 3 4 5 6 7 8 9 10 11',
        'further instructs the Director of the Telecommunication Standardization Bureau and the Director of the Telecommunication Development Bureau, each within the scope of their responsibilities: 1 2 3 4 5 6 7 8 9 10 11 12 13',
        'instructs the Secretary-General +intro: 1 2',
        'requests the ITU Council: _',
        'invites Member States: 1 2 3 4 5 6 7',
        'invites Member States, Sector Members and Associates: 1 2 3 4 5 6',
      ]);
      assert.deepEqual(document.root.footnoteReferences.map((f) => f.id), ['1']);
      assert.deepEqual(document.root.footnoteDefinitions.map((f) => f.id), ['1']);
      assert.equal(document.revisions.length, 0);
    });

    it('pins the structure of the DT seed in its amended and original views', () => {
      const document = parseDocument(readSeed(SEED_DT));
      assert.deepEqual(codes(document), []);
      assert.equal(document.root.frontMatter?.entries.find((e) => e.key === 'document')?.value, 'DT/67-E');
      const [resolution] = document.root.resolutions;
      assert.equal(resolution.proposal?.action, 'MOD');
      assert.equal(resolution.proposal?.identifier, 'WGPL/67/1');
      assert.deepEqual(resolution.title?.revision, { rev: true, place: 'Busan', year: 2014 });
      assert.deepEqual(outline(resolution.sections), [
        'recalling: a b c d e f g h i j k',
        'considering: a b c d e f g h i j',
        'recognizing: a b c d e f g h i[i ii]',
        'aware: a b c d e f g h i',
        'noting: a b c d e',
        'bearing in mind: _',
        'resolves: 1 2 3 4',
        'instructs the Secretary-General and the Directors of the Bureaux: 1[i ii] 2 3 4 5 6 7',
        'instructs the Director of the Telecommunication Standardization Bureau: 1[i ii iii[a b]] 2',
        'instructs the Director of the Telecommunication Development Bureau: 1 2 3 4 5 6 7 8',
        'further instructs the Director of the Telecommunication Standardization Bureau and the Director of the Telecommunication Development Bureau +intro: 1 2 3 4 5 6 7 8 9',
        'instructs the Secretary-General +intro: 1 2',
        'requests the Council: _',
        'invites Member States: 1 2 3 4',
        'invites Member States, Sector Members and Associates: 1 2 3 4',
      ]);
      const original = document.originalRoot().resolutions[0];
      assert.deepEqual(original.title?.revision, { rev: true, place: 'Guadalajara', year: 2010 });
      assert.deepEqual(outline(original.sections).slice(0, 2), ['recalling: a b e', 'considering: a b c d e f']);
      assert.equal(outline(original.sections)[13], 'invites Member States: _');
      assert.match(document.amended.text, /\(Busan, 2014\),/);
      assert.doesNotMatch(document.amended.text, /Guadalajara, 2010\),/);
      assert.match(document.original.text, /\(Guadalajara, 2010\),/);
    });
  });
});
