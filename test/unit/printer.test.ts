import assert from 'node:assert/strict';
import {
  clause,
  deleted,
  inlineText,
  inserted,
  paragraph,
  resolution,
  section,
  text,
  type Block,
  type Inline,
  type InterchangeDocument,
} from '../../server/src/interchange/model';
import { printDocument } from '../../server/src/interchange/printer';
import { parseDocument } from '../../server/src/syntax';
import { pick, random } from './helpers';
import { randomModel, viewsOf } from './interchangeHelpers';

function doc(blocks: Block[], extra: Partial<InterchangeDocument> = {}): InterchangeDocument {
  return { blocks, footnotes: [], ...extra };
}

function errors(source: string): string[] {
  return parseDocument(source).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
}

describe('interchange printer', () => {
  it('prints a tracked resolution that parses into the same structure, in both views', () => {
    const model = doc(
      [
        resolution([text('RESOLUTION 130 (REV. '), deleted('GUADALAJARA, 2010'), inserted('BUSAN, 2014'), text(')')], {
          proposal: { action: 'MOD', symbol: 'WGPL/67/1' },
          subtitle: [text('Strengthening the role of ITU')],
          authority: paragraph('authority', [text('The Plenipotentiary Conference of the International Telecommunication Union ('), deleted('Guadalajara, 2010'), inserted('Busan, 2014'), text('),')]),
          sections: [
            section('recalling', [
              clause('a)', 'Resolution 130 (Rev. Antalya, 2006);', [], { change: { kind: 'deletion', author: 'WGPL' } }),
              clause('a)', 'UNGA Resolution 68/198;', [], { change: { kind: 'insertion' } }),
              clause([deleted('b'), inserted('b'), text(')')], [text('Resolution 69'), { type: 'footnote', id: '1' }, text(',')]),
            ]),
            section('instructs the Secretary-General', [
              clause('1', 'to continue to review:', [clause('i)', 'the work done so far;'), clause('ii)', [text('the progress '), inserted('achieved'), text(';')])]),
              clause([inserted('2')], 'to report annually.'),
            ], { intro: paragraph('intro', 'pursuant to his initiative on this matter:') }),
          ],
          reasons: paragraph('reasons', 'To update the resolution.'),
        }),
      ],
      {
        frontMatter: { document: 'DT/67-E', date: '2014-11-02', source: 'Working Group of the Plenary', author: 'WGPL', other: [['language', 'en']] },
        footnotes: [{ id: '1', content: [text('These include the least developed countries.')] }],
      },
    );
    const printed = printDocument(model);
    assert.deepEqual(errors(printed), []);
    const { amended, original } = viewsOf(printed);
    assert.deepEqual(amended, [
      'front document=DT/67-E',
      'front date=2014-11-02',
      'front source=Working Group of the Plenary',
      'front author=WGPL',
      'front language=en',
      'proposal MOD WGPL/67/1',
      'title RESOLUTION 130 (REV. BUSAN, 2014)',
      'subtitle Strengthening the role of ITU',
      'authority The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),',
      'section recalling',
      '  a UNGA Resolution 68/198;',
      '  b Resolution 69[^1],',
      'section instructs the Secretary-General',
      'intro pursuant to his initiative on this matter:',
      '  1 to continue to review:',
      '    i the work done so far;',
      '    ii the progress achieved;',
      '  2 to report annually.',
      'reasons Reasons: To update the resolution.',
      'footnote [^1]: These include the least developed countries.',
    ]);
    assert.deepEqual(original.slice(5, 14), [
      'proposal MOD WGPL/67/1',
      'title RESOLUTION 130 (REV. GUADALAJARA, 2010)',
      'subtitle Strengthening the role of ITU',
      'authority The Plenipotentiary Conference of the International Telecommunication Union (Guadalajara, 2010),',
      'section recalling',
      '  a Resolution 130 (Rev. Antalya, 2006);',
      '  b Resolution 69[^1],',
      'section instructs the Secretary-General',
      'intro pursuant to his initiative on this matter:',
    ]);
    // An inserted label takes its space with it, so the original view has no indented line.
    assert.match(printed, /^\{\+\+2 \+\+\}to report annually\.$/m);
  });

  it('writes substitutions, comments, highlights, italics and bold in the markup', () => {
    const content: Inline[] = [
      text('see '),
      text('resolves', { italic: true }),
      text(' 2 and '),
      { type: 'substitution', deleted: [text('old')], inserted: [text('new')] },
      text(' '),
      text('word', { highlight: true }),
      { type: 'comment', text: 'check this', author: 'A. Reviewer' },
      text(' '),
      text(' strong ', { bold: true }),
      text('end.'),
    ];
    const printed = printDocument(doc([paragraph('free', content)]));
    assert.equal(printed, 'see *resolves* 2 and {~~old~>new~~} {==word==}{>>check this<<}  **strong** end.\n');
    const parsed = parseDocument(printed);
    assert.equal(parsed.amended.text, 'see *resolves* 2 and new word  **strong** end.\n');
    assert.equal(parsed.original.text, 'see *resolves* 2 and old word  **strong** end.\n');
  });

  it('keeps comments, proposals on clauses, annexes and SUP proposals', () => {
    const printed = printDocument(
      doc([
        { type: 'comment', text: 'header of the DT' },
        resolution('RESOLUTION 45 (REV. DUBAI, 2014)', { proposal: { action: 'SUP', symbol: 'WGPL/67/2' }, reasons: paragraph('reasons', 'Merged into Resolution 130.') }),
        resolution('RESOLUTION 1 (DUBAI, 2018)', {
          sections: [section('resolves', [clause('1', 'first;', [], { commentsBefore: ['a note'] }), clause('2', 'second.', [], { proposal: { action: 'ADD', symbol: 'X/1/3' } })])],
        }),
        { type: 'annex', title: [text('ANNEX TO RESOLUTION 1 (DUBAI, 2018)')], paragraphs: [paragraph('free', '1 Free text that is not a clause.')] },
      ]),
    );
    assert.deepEqual(errors(printed), []);
    const parsed = parseDocument(printed);
    assert.equal(parsed.root.resolutions.length, 2);
    assert.equal(parsed.root.resolutions[0].proposal?.action, 'SUP');
    assert.equal(parsed.root.resolutions[0].proposal?.identifier, 'WGPL/67/2');
    assert.ok(parsed.root.resolutions[0].reasons);
    const clauses = parsed.root.resolutions[1].sections[0].clauses;
    assert.deepEqual(clauses.map((c) => c.label?.value), ['1', '2']);
    assert.equal(clauses[1].proposal?.action, 'ADD');
    assert.equal(parsed.root.annexes.length, 1);
    assert.equal(parsed.root.comments.length, 2);
    assert.match(printed, /<!-- a note -->\n1 first;/);
  });

  it('writes line breaks and tabs inside a paragraph as spaces, and blank runs not at all', () => {
    const printed = printDocument(doc([resolution('RESOLUTION 2', { sections: [section('resolves', [clause('1', [text('to\tgo\non'), text(''), inserted(''), text(';')]), clause('2', 'end.')])] })]));
    assert.match(printed, /^1 to go on;$/m);
    assert.doesNotMatch(printed, /\{\+\+\+\+\}/);
  });

  it('prints random models that parse back with the printed structure, and never throws', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const model = randomModel(seed);
      const printed = printDocument(model);
      assert.deepEqual(errors(printed), [], `seed ${seed}:\n${printed}`);
      const parsed = parseDocument(printed);
      assert.equal(parsed.root.resolutions.length, model.blocks.length, `seed ${seed}`);
      for (const [index, block] of model.blocks.entries()) {
        if (block.type !== 'resolution') continue;
        const node = parsed.root.resolutions[index];
        assert.equal(node.sections.length, block.sections.length, `seed ${seed}: sections\n${printed}`);
        for (const [s, made] of block.sections.entries()) {
          const amendedClauses = made.clauses.filter((c) => c.change?.kind !== 'deletion');
          assert.equal(node.sections[s].clauses.length, amendedClauses.length, `seed ${seed}: clauses of ${inlineText(made.heading)}\n${printed}`);
          for (const [c, madeClause] of amendedClauses.entries()) {
            const got = node.sections[s].clauses[c];
            const view = parsed.amended.text.slice(got.textViewStart, got.textViewEnd).replace(/\*/g, '').replace(/\s+/g, ' ').trim();
            assert.equal(view, inlineText(madeClause.content).replace(/\s+/g, ' ').trim(), `seed ${seed}`);
            assert.equal(got.items.length, madeClause.items.length, `seed ${seed}`);
          }
        }
      }
    }
  });

  it('never throws on odd models', () => {
    const pieces: Inline[] = [
      text('{++'), text('--}'), text('*'), text('**'), text('\u0000'), text('\n\n'), text('<!--'), text('-->'), inserted('++}'), deleted('--}'),
      { type: 'comment', text: '<<}' }, { type: 'footnote', id: 'a b]' }, { type: 'substitution', deleted: [], inserted: [] }, text('é\u{1F600}'),
    ];
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const content = () => Array.from({ length: Math.floor(next() * 6) }, () => pick(next, pieces));
      const model = doc(
        [
          resolution(content(), {
            change: next() < 0.2 ? { kind: 'insertion' } : undefined,
            sections: [section(content(), [clause(content(), content(), [clause(content(), content())], { change: next() < 0.5 ? { kind: 'deletion' } : undefined })])],
          }),
          paragraph('free', content()),
          { type: 'comment', text: '-->' },
        ],
        { footnotes: [{ id: '', content: content() }], frontMatter: { other: [['', 'x'], ['bad key', 'y\nz']] } },
      );
      assert.doesNotThrow(() => parseDocument(printDocument(model)), `seed ${seed}`);
    }
  });
});
