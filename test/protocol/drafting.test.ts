// Drafting through the built server over stdio: the resolutions a proposal may concern, the text
// of a new MOD (from the shipped catalogue, which carries the texts in force), and renaming a
// placeholder number.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LSPErrorCodes, PrepareRenameRequest, ProtocolRequestType, RenameRequest, ResponseError } from 'vscode-languageserver-protocol/node';
import { DEFAULT_TIMEOUT_MS, fileUri, ProtocolClient } from './client';

const CANDIDATES = new ProtocolRequestType<Record<string, never>, Array<{ body: string; number: string; inForce?: string; hasText: boolean }>, never, void, void>('resolution/proposalCandidates');
const NEW_PROPOSAL = new ProtocolRequestType<
  { action: string; body?: string; number?: string; conference: string; date: string },
  { result: { text: string; cursor: number } | { error: string } },
  never,
  void,
  void
>('resolution/newProposal');

describe('drafting through the server', () => {
  let client: ProtocolClient;
  before(async () => {
    client = ProtocolClient.start();
    await client.initialize({ textDocument: { rename: { prepareSupport: true } } });
  });
  after(async () => client.dispose());

  it('offers Resolution 130 with its revision in force and its text, and makes a MOD of it', async () => {
    const candidates = await client.request(CANDIDATES, {});
    const pp130 = candidates.find((c) => c.body === 'PP' && c.number === '130');
    assert.deepEqual(pp130 && { inForce: pp130.inForce, hasText: pp130.hasText }, { inForce: '(Rev. Dubai, 2018)', hasText: true });
    const { result } = await client.request(NEW_PROPOSAL, { action: 'MOD', body: 'PP', number: '130', conference: 'PP-22', date: '2026-12-02' });
    assert.ok('text' in result, JSON.stringify(result));
    assert.match(result.text, /^MOD XXX\/YY\/1\n\n# RESOLUTION 130 \(REV\. \{--DUBAI, 2018--\}\{\+\+BUCHAREST, 2022\+\+\}\)$/m);
  });

  it('renames a placeholder number and its mentions with F2', async () => {
    const uri = fileUri('untitled-draft.reso');
    await client.open(uri, 'ADD XXX/1/1\n\n# DRAFT NEW RESOLUTION [XXX-1]\n\n*resolves*\n\nto apply Resolution [XXX-1].\n\nReasons: New.\n');
    const prepared = await client.request(PrepareRenameRequest.type, { textDocument: { uri }, position: { line: 2, character: 25 } });
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 23 }, end: { line: 2, character: 30 } }, placeholder: '[XXX-1]' });
    const edit = await client.request(RenameRequest.type, { textDocument: { uri }, position: { line: 2, character: 25 }, newName: '204' });
    assert.deepEqual(edit?.changes?.[uri]?.map((e) => e.range.start), [{ line: 2, character: 23 }, { line: 6, character: 20 }]);
  });
});

describe('renaming a placeholder across the workspace, through the server', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-placeholder-'));
  const draft = pathToFileURL(join(folder, 'draft.reso')).href;
  const citing = pathToFileURL(join(folder, 'citing.reso')).href;
  const unsaved = 'untitled:Untitled-1';
  const DRAFT = 'ADD XXX/1/1\n\n# DRAFT NEW RESOLUTION [XXX-1]\n\n*resolves*\n\n1 to apply Resolution [XXX-1].\n\nReasons: New.\n';
  let client: ProtocolClient;

  before(async () => {
    writeFileSync(join(folder, 'draft.reso'), DRAFT);
    // On disk only, never opened: the workspace index is what knows it.
    writeFileSync(join(folder, 'citing.reso'), '# RESOLUTION 71 (REV. DUBAI, 2018)\n\n*noting*\n\na) draft new Resolution [XXX-1] (Bucharest, 2022) of this conference;\n');
    client = ProtocolClient.start();
    const indexed = new Promise<{ files: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no resolution/indexed within ${DEFAULT_TIMEOUT_MS} ms`)), DEFAULT_TIMEOUT_MS);
      client.connection.onNotification('resolution/indexed', (params: { files: number }) => {
        clearTimeout(timer);
        resolve(params);
      });
    });
    await client.initialize({ workspace: { workspaceFolders: true }, textDocument: { rename: { prepareSupport: true } } }, { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'workspace' }] });
    assert.equal((await indexed).files, 2);
    await client.open(draft, DRAFT);
    await client.open(unsaved, '*recalling*\n\nResolution [XXX-1] (Bucharest, 2022)\n');
  });
  after(async () => {
    await client?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('one edit covers the draft, the unsaved document and the workspace file that cite it', async () => {
    const edit = await client.request(RenameRequest.type, { textDocument: { uri: draft }, position: { line: 2, character: 25 }, newName: '204' });
    const starts = Object.fromEntries(Object.entries(edit?.changes ?? {}).map(([uri, edits]) => [uri, edits.map((e) => [e.range.start.line, e.range.start.character, e.newText])]));
    assert.deepEqual(starts, { [draft]: [[2, 23, '204'], [6, 22, '204']], [citing]: [[4, 24, '204']], [unsaved]: [[2, 11, '204']] });
  });

  it('a new name that is not a resolution number or placeholder is refused with the reason', async () => {
    // The raw connection, to read the error response as the editor gets it.
    const refused = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: draft }, position: { line: 2, character: 25 }, newName: '20a' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof ResponseError, String(refused));
    assert.equal(refused.code, LSPErrorCodes.RequestFailed);
    assert.equal(refused.message, '"20a" is not a resolution number or a placeholder: give the final number (such as 204) or another placeholder in brackets (such as [XXX-2]).');
  });
});
