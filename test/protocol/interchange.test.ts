// Import and Akoma Ntoso export through the built server, as the editor's commands run them.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExecuteCommandRequest } from 'vscode-languageserver-protocol/node';
import { ProtocolClient, REPO_ROOT } from './client';

interface Outcome {
  written: string[];
  report: string[];
  error?: string;
  existing?: string[];
}

describe('import and export through the server', () => {
  it('imports an AKN file beside it, asks before replacing, and exports the open document', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-server-import-'));
    const input = join(folder, 'res_2.xml');
    copyFileSync(join(REPO_ROOT, 'test', 'fixtures', 'akn', 'res_2.xml'), input);
    const client = ProtocolClient.start();
    try {
      await client.initialize({ workspace: { applyEdit: true } });
      const run = async (command: string, uri: string, replace: boolean) => (await client.request(ExecuteCommandRequest.type, { command, arguments: [uri, replace] })) as Outcome;
      const first = await run('resolution.server.import', pathToFileURL(input).href, false);
      assert.deepEqual(first.written, [join(folder, 'resolution-2.reso')]);
      assert.match(first.report[0], /res_2\.xml: resolution-2\.reso; repairs: footnote markers unglued from words: 1/);
      writeFileSync(join(folder, 'resolution-2.reso'), 'edited\n');
      const again = await run('resolution.server.import', pathToFileURL(input).href, false);
      assert.deepEqual(again.existing, [join(folder, 'resolution-2.reso')]);
      assert.equal(readFileSync(join(folder, 'resolution-2.reso'), 'utf8'), 'edited\n');
      const replaced = await run('resolution.server.import', pathToFileURL(input).href, true);
      assert.equal(replaced.written.length, 1);
      const reso = readFileSync(join(folder, 'resolution-2.reso'), 'utf8');
      assert.match(reso, /^# RESOLUTION 2 \(REV\. DUBAI, 2018\)/);

      const uri = pathToFileURL(join(folder, 'resolution-2.reso')).href;
      await client.open(uri, reso);
      const exported = await run('resolution.server.exportAkn', uri, false);
      assert.deepEqual(exported.written, [join(folder, 'resolution-2.xml')]);
      assert.match(readFileSync(join(folder, 'resolution-2.xml'), 'utf8'), /<FRBRuri value="\/akn\/un\/statement\/deliberation\/itu-pp\/2018\/res-2"\/>/);

      const broken = join(folder, 'broken.xml');
      writeFileSync(broken, '<akomaNtoso>');
      const failed = await run('resolution.server.import', pathToFileURL(broken).href, false);
      assert.match(failed.error ?? '', /^broken\.xml: malformed XML: .*nothing was written$/);
      assert.deepEqual(readdirSync(folder).sort(), ['broken.xml', 'res_2.xml', 'resolution-2.reso', 'resolution-2.xml']);
    } finally {
      await client.dispose();
    }
  });
});
