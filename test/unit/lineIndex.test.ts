import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/analysis/edits';
import { fixAllEdits } from '../../server/src/analysis/fixProviders';
import { fixAllAction } from '../../server/src/features/codeActions';
import { LanguageService } from '../../server/src/features/service';
import { LineIndex } from '../../server/src/syntax/lineIndex';
import { pick, random } from './helpers';

/** Every position of every offset, and back, exactly as an editor's TextDocument counts them. */
function assertSameAsTextDocument(text: string): void {
  const editor = TextDocument.create('file:///t.reso', 'resolution', 0, text);
  const index = new LineIndex(text);
  assert.equal(index.lineCount, editor.lineCount, `line count of ${JSON.stringify(text)}`);
  for (let offset = -1; offset <= text.length + 1; offset++) {
    assert.deepEqual(index.positionAt(offset), editor.positionAt(offset), `positionAt(${offset}) in ${JSON.stringify(text)}`);
  }
  for (let line = -1; line <= editor.lineCount; line++) {
    for (let character = -1; character <= 8; character++) {
      assert.equal(index.offsetAt({ line, character }), editor.offsetAt({ line, character }), `offsetAt(${line}:${character}) in ${JSON.stringify(text)}`);
    }
  }
}

describe('line index', () => {
  it('counts LF, CRLF and a lone CR as line breaks, as TextDocument does', () => {
    for (const text of ['', 'a', 'a\nb', 'a\r\nb', 'a\rb', '\r', '\n', '\r\n', '\r\r\n\n', 'a\r\rb\n\r\nc\r', 'é\r😀\nx', '\n\r', 'zz\r\n']) assertSameAsTextDocument(text);
    const lines = new LineIndex('one\rtwo\r\nthree\nfour');
    assert.deepEqual([0, 1, 2, 3].map((l) => [lines.lineStart(l), lines.lineEnd(l)]), [[0, 3], [4, 7], [9, 14], [15, 19]]);
  });

  it('agrees with TextDocument on 2,000 random texts of mixed line breaks', () => {
    const next = random(9);
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(next() * 12);
      for (let i = 0; i < length; i++) text += pick(next, ['a', 'b', '\n', '\r', '\r\n', 'é', '\ud83d\ude00', ' ']);
      assertSameAsTextDocument(text);
    }
  });

  it('fix-all edits the characters it means after a lone CR (LSP edits equal offset edits)', () => {
    for (const text of ['*recalling*\n\na) one\rzzz;\nc) two.\n', '*recalling*\r\n\r\na) one\rzzz;\r\nc) two.\r\n', '*resolves*\n\n1 to act\r\rx;\n3 to end.\n']) {
      const service = new LanguageService();
      service.setDocument('file:///t.reso', text);
      const action = fixAllAction(service, 'file:///t.reso');
      assert.ok(action?.edit?.changes, `no fix-all for ${JSON.stringify(text)}`);
      const editor = TextDocument.create('file:///t.reso', 'resolution', 0, text);
      const throughEditor = TextDocument.applyEdits(editor, action.edit.changes['file:///t.reso']);
      const document = service.document('file:///t.reso');
      assert.ok(document);
      const byOffsets = applyEdits(text, fixAllEdits(document, service.rawDiagnostics('file:///t.reso'), { trackChanges: 'never' }));
      assert.equal(throughEditor, byOffsets);
      assert.ok(byOffsets.includes('zzz;') || byOffsets.includes('\r\rx;'), byOffsets);
    }
  });
});
