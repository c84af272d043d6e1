// The reviewer's requests through the built server over stdio: revision mark ranges, the next
// change, the preview and the exported page, the document links, and the Accept / Reject code actions.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, DocumentLinkRequest, type CodeAction, type DocumentLink } from 'vscode-languageserver-protocol/node';
import { fileUri, ProtocolClient, REPO_ROOT } from './client';

const DT = readFileSync(join(REPO_ROOT, 'seeds', 'res130-busan-2014-dt67.reso'), 'utf8');
const URI = fileUri('review-protocol.reso');

describe('reviewing through the server over stdio', () => {
  let client: ProtocolClient;

  before(async () => {
    client = ProtocolClient.start();
    await client.initialize({ textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: {} } });
    await client.open(URI, DT);
  });

  after(async () => {
    await client.dispose();
  });

  it('answers the ranges that draw the marks', async () => {
    const ranges = await client.connection.sendRequest<{ inserted: number[]; deleted: number[]; delimiters: number[]; version: number } | null>('resolution/revisionRanges', { uri: URI });
    assert.ok(ranges);
    assert.equal(ranges.version, 1);
    const lines = DT.split('\n');
    const first = ranges.deleted.slice(0, 4);
    assert.equal(lines[first[0]].slice(first[1], first[3]), 'GUADALAJARA, 2010');
    assert.ok(ranges.inserted.length / 4 > 100 && ranges.delimiters.length / 4 >= 392);
  });

  it('goes to the next change and says which', async () => {
    const target = await client.connection.sendRequest<{ index: number; total: number; wrapped: boolean } | null>('resolution/change', { uri: URI, start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, forward: false });
    assert.deepEqual(target && { index: target.index, total: target.total, wrapped: target.wrapped }, { index: 196, total: 196, wrapped: true });
  });

  it('renders the preview and the standalone page', async () => {
    const preview = await client.connection.sendRequest<{ body: string; mode: string; css: string } | null>('resolution/preview', { uri: URI, mode: 'amended' });
    assert.ok(preview && preview.mode === 'amended' && preview.css.includes('.resolution-document'));
    assert.match(preview.body, /RESOLUTION 130 \(REV\. BUSAN, 2014\)/);
    const page = await client.connection.sendRequest<string | null>('resolution/htmlPage', { uri: URI, mode: 'tracked' });
    assert.match(page ?? '', /^<!DOCTYPE html>[^]*<del>GUADALAJARA, 2010<\/del><ins>BUSAN, 2014<\/ins>/);
  });

  it('offers Accept change and Reject change in a mark', async () => {
    const line = DT.split('\n').findIndex((l) => l.startsWith('# RESOLUTION 130'));
    const character = DT.split('\n')[line].indexOf('BUSAN');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: URI },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title).filter((t) => /change/.test(t)), ['Accept change (insertion)', 'Reject change (insertion)']);
  });

  it('links citations as wholes', async () => {
    const links = ((await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: URI } })) ?? []) as DocumentLink[];
    assert.ok(links.length > 0);
    const lines = DT.split('\n');
    const texts = links.map((l) => lines[l.range.start.line].slice(l.range.start.character, l.range.start.line === l.range.end.line ? l.range.end.character : undefined));
    assert.ok(texts.some((t) => /^Resolution 174 \(Rev\. Busan, 2014\) of the Plenipotentiary Conference/.test(t)), texts.slice(0, 5).join(' | '));
  });
});
