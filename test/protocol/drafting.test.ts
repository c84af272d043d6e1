// Drafting through the built server over stdio: the resolutions a proposal may concern, the text
// of a new MOD (from the shipped catalogue, which carries the texts in force), and renaming a
// placeholder number.

import assert from 'node:assert/strict';
import { PrepareRenameRequest, ProtocolRequestType, RenameRequest } from 'vscode-languageserver-protocol/node';
import { fileUri, ProtocolClient } from './client';

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
