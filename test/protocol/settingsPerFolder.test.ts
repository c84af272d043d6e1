// The editor and `reso` read the same `.resorc.json` for a file: the nearest one in its folder or
// above, as far as the workspace root.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities } from 'vscode-languageserver-protocol/node';
import { main } from '../../server/src/cli';
import { ProtocolClient } from './client';

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true },
  textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
};

/** One label.sequence error and one punctuation.ending warning. */
const TEXT = '*recalling*\n\na) one;\nc) two;\n';
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

describe('settings per folder, in the editor as in reso', () => {
  const root = mkdtempSync(join(tmpdir(), 'reso-folders-'));
  mkdirSync(join(root, 'relaxed', 'deeper'), { recursive: true });
  writeFileSync(join(root, '.resorc.json'), JSON.stringify({ diagnostics: { severity: { 'punctuation.ending': 'off' } } }));
  writeFileSync(join(root, 'relaxed', '.resorc.json'), JSON.stringify({ diagnostics: { severity: { 'label.sequence': 'warning' } } }));
  const files = ['top.reso', 'relaxed/deeper/b.reso'];
  for (const file of files) writeFileSync(join(root, file), TEXT);
  let client: ProtocolClient;

  before(async () => {
    client = ProtocolClient.start();
    await client.initialize(CAPABILITIES, { workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'workspace' }] });
  });

  after(async () => {
    await client?.dispose();
  });

  it('a document follows the nearest .resorc.json, and reso check reports the same', async () => {
    const expected: Record<string, string[]> = {
      'top.reso': ['error label.sequence'],
      'relaxed/deeper/b.reso': ['warning label.sequence', 'warning punctuation.ending'],
    };
    const editor: string[] = [];
    const rows = (diagnostics: Array<{ severity?: number; code?: number | string }>) => diagnostics.map((d) => `${SEVERITY[d.severity ?? 0]} ${String(d.code)}`);
    for (const file of files) {
      const uri = pathToFileURL(join(root, file)).href;
      await client.open(uri, TEXT);
      // The settings are read after initialization: the diagnostics published under them are awaited.
      const published = await client.waitForDiagnostics(uri, (p) => JSON.stringify(rows(p.diagnostics)) === JSON.stringify(expected[file]));
      editor.push(...rows(published.diagnostics).map((row) => `${file} ${row}`));
    }
    let out = '';
    main(['check', '--format', 'json', root], { out: (t) => (out += t), err: () => undefined });
    const cli = (JSON.parse(out) as Array<{ file: string; severity: string; code: string }>).map((p) => `${relative(root, p.file).split('\\').join('/')} ${p.severity} ${p.code}`);
    assert.deepEqual([...cli].sort(), [...editor].sort());
  });
});
