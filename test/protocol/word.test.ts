import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProtocolRequestType } from 'vscode-languageserver-protocol';
import { ProtocolClient, REPO_ROOT } from './client';

type WordResult = { written: string; messages: string[] } | { exists: string } | { error: string };
const exportWord = new ProtocolRequestType<{ uri: string; replace?: boolean }, WordResult, never, void, void>('resolution/exportWord');
const importWord = new ProtocolRequestType<{ uri: string; replace?: boolean }, WordResult, never, void, void>('resolution/importWord');

describe('Word export and import through the server', () => {
  it('exports the open text beside the file, asks before replacing, and imports a .docx beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-word-lsp-'));
    const file = join(folder, 'dt.reso');
    copyFileSync(join(REPO_ROOT, 'seeds', 'res130-busan-2014-dt67.reso'), file);
    const uri = pathToFileURL(file).href;
    const client = ProtocolClient.start();
    try {
      await client.initialize({});
      // The open text, with an unsaved edit, is what is exported.
      await client.open(uri, readFileSync(file, 'utf8').replace('*recalling*', '*recalling also*'));
      const first = await client.request(exportWord, { uri });
      assert.ok('written' in first, JSON.stringify(first));
      assert.equal(first.written, pathToFileURL(join(folder, 'dt.docx')).href);
      assert.ok(readFileSync(join(folder, 'dt.docx')).includes(Buffer.from('word/document.xml')));
      const again = await client.request(exportWord, { uri });
      assert.ok('exists' in again, JSON.stringify(again));
      assert.ok('written' in (await client.request(exportWord, { uri, replace: true })));
      const imported = await client.request(importWord, { uri: pathToFileURL(join(folder, 'dt.docx')).href });
      assert.ok('exists' in imported, 'dt.reso exists beside dt.docx and is not replaced unasked');
      copyFileSync(join(folder, 'dt.docx'), join(folder, 'copy.docx'));
      const copy = await client.request(importWord, { uri: pathToFileURL(join(folder, 'copy.docx')).href });
      assert.ok('written' in copy, JSON.stringify(copy));
      assert.match(readFileSync(join(folder, 'copy.reso'), 'utf8'), /^\*recalling also\*$/m);
      writeFileSync(join(folder, 'bad.docx'), 'not a zip');
      const bad = await client.request(importWord, { uri: pathToFileURL(join(folder, 'bad.docx')).href });
      assert.ok('error' in bad && /not a Word document/.test(bad.error), JSON.stringify(bad));
      assert.ok(!existsSync(join(folder, 'bad.reso')));
    } finally {
      await client.dispose();
    }
  });
});
