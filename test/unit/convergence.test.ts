import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, composeEdits, type OffsetEdit } from '../../server/src/analysis/edits';
import { settledFixAllEdits } from '../../server/src/analysis/fixProviders';
import { renumberDocument } from '../../server/src/features/commands';
import { LanguageService } from '../../server/src/features/service';
import { parseDocument, type ParsedDocument } from '../../server/src/syntax';
import { citingText, serviceWith } from './citationFixtures';
import { random } from './helpers';

const URI = 'file:///converge.reso';

/** Fix-all as the editor offers it, and the text after it. */
function fixAll(text: string, trackChanges: 'auto' | 'always' | 'never', service = new LanguageService()): { edits: OffsetEdit[]; fixed: string; document: ParsedDocument } {
  service.setDocument(URI, text);
  const document = service.document(URI) as ParsedDocument;
  const edits = settledFixAllEdits(document, service.rawDiagnostics(URI), (parsed) => service.diagnosticsOf(parsed, URI), { trackChanges });
  return { edits, fixed: applyEdits(text, edits), document };
}

/** Fix-all once reaches a fixed point: a second fix-all offers nothing. */
function assertSettlesInOnePass(text: string, trackChanges: 'auto' | 'always' | 'never', service?: LanguageService): string {
  const { fixed } = fixAll(text, trackChanges, service);
  assert.deepEqual(fixAll(fixed, trackChanges, service).edits, [], `fix-all (${trackChanges}) on its own result still edits: ${JSON.stringify(fixed)}`);
  return fixed;
}

function highlights(text: string): string[] {
  const document = parseDocument(text);
  return document.revisions.filter((m) => m.kind === 'highlight').map((m) => text.slice(m.contentStart, m.contentEnd));
}

describe('fix-all convergence and edits that never overlap', () => {
  it('a clause inside a highlight is fixed where it stands, once, without the text growing', () => {
    for (const text of ['*resolves*\n\na) {==*resolves*\n\n==}1 ', '*recalling*\n\na) one;\n{==b) two\n\n*resolves*\n\n==}1 x']) {
      for (const mode of ['auto', 'always', 'never'] as const) {
        const fixed = assertSettlesInOnePass(text, mode);
        if (mode === 'always') assert.equal(parseDocument(fixed).original.text, parseDocument(text).original.text, 'a tracked fix changed the original view');
        assert.ok(fixed.length < text.length + 40, `${mode}: ${JSON.stringify(fixed)}`);
      }
    }
    // The comma is written right after «two», inside the highlight split around it.
    const { fixed } = fixAll('*recalling*\n\na) one;\n{==b) two\n\n*resolves*\n\n==}1 x', 'always');
    assert.equal(fixed, '*recalling*\n\na) one;\n{==b) two==}{++,++}{==\n\n*resolves*\n\n==}{--1 --}x{++.++}');
    assert.match(parseDocument(fixed).amended.text, /b\) two,\n/);
  });

  it('a preamble of 110 clauses is lettered a) … z), aa) … zzzz), then aaaaa) …, read back as labels, in one pass', () => {
    let text = '*recalling*\n\n';
    for (let i = 0; i < 110; i++) text += `x) clause ${i + 1}${i === 109 ? '.' : ';'}\n`;
    const fixed = assertSettlesInOnePass(text, 'never');
    const clauses = parseDocument(fixed).root.resolutions[0].sections[0].clauses;
    assert.equal(clauses.length, 110);
    assert.deepEqual([0, 25, 26, 51, 103, 104, 109].map((i) => clauses[i].label?.value), ['a', 'z', 'aa', 'zz', 'zzzz', 'aaaaa', 'fffff']);
  });

  it('a cross-reference at a line end is not read across the line break into the next label', () => {
    const text = '*resolves*\n\n1 one;\n3 as in *resolves* 4,\n4 three.\n';
    const service = new LanguageService();
    service.setDocument(URI, text);
    const edit = renumberDocument(service, URI);
    const edits = edit?.changes?.[URI] ?? [];
    const lines = edits.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character} ${e.newText}`).sort();
    assert.deepEqual(lines, ['3:0-1 2', '3:19-20 3', '4:0-1 3']);
    assert.equal(TextDocument.applyEdits(TextDocument.create(URI, 'resolution', 0, text), edits), '*resolves*\n\n1 one;\n2 as in *resolves* 3,\n3 three.\n');
  });

  it('a label cut by a mark that holds another label is rewritten once, in one edit', () => {
    const text = '*resolves*\n\n1 one;\n1{++2 new;\n1++} two;\n3 three.\n';
    const service = new LanguageService();
    service.setDocument(URI, text);
    const edits = renumberDocument(service, URI)?.changes?.[URI] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(URI, 'resolution', 0, text), edits);
    assert.equal(fixed, '*resolves*\n\n1 one;\n{--1--}{++2 new;\n3++} two;\n{--3--}{++4++} three.\n');
    assert.equal(parseDocument(fixed).original.text, parseDocument(text).original.text);
    assertSettlesInOnePass(text, 'auto');
  });

  it('a citation fix inside a highlight keeps the highlight, tracked or not', () => {
    for (const recalling of ['{==Resolution 52 (Rev. Dubai, 2012)==},', 'a) {==see Resolution 52 (Rev. Dubai, 2012) again==},', 'a) see {==Resolution 52 (Rev. Dubai==}, 2012),']) {
      for (const mode of ['never', 'always'] as const) {
        const text = citingText(recalling);
        const service = serviceWith({});
        const fixed = assertSettlesInOnePass(text, mode, service);
        assert.equal(highlights(fixed).length >= highlights(text).length, true, `${mode}: a highlight was dropped: ${fixed}`);
        assert.ok(parseDocument(fixed).diagnostics.every((d) => d.code !== 'syntax.revision'), `${mode}: the marks broke: ${fixed}`);
        if (mode === 'always') assert.equal(parseDocument(fixed).original.text, parseDocument(text).original.text);
      }
    }
  });

  it('composes two passes of edits into one set on the original text', () => {
    const next = random(5);
    for (let run = 0; run < 3000; run++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => 'abc\n'[Math.floor(next() * 4)]).join('');
      const randomEdits = (on: string): OffsetEdit[] => {
        const out: OffsetEdit[] = [];
        let at = 0;
        while (at <= on.length && next() < 0.7) {
          const start = at + Math.floor(next() * 3);
          if (start > on.length) break;
          const end = Math.min(on.length, start + Math.floor(next() * 3));
          out.push({ start, end, newText: ['', 'X', 'YZ'][Math.floor(next() * 3)] });
          at = end + 1;
        }
        return out;
      };
      const first = randomEdits(text);
      const middle = applyEdits(text, first);
      const second = randomEdits(middle);
      const composed = composeEdits(text, first, second);
      assert.equal(applyEdits(text, composed), applyEdits(middle, second), JSON.stringify({ text, first, second, composed }));
      const sorted = [...composed].sort((a, b) => a.start - b.start);
      for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start > sorted[i - 1].end, `touching or overlapping: ${JSON.stringify(sorted)}`);
    }
  });
});
