// Citations through the built server over stdio: a workspace folder with copies of the seeds, a
// citing document, hover, go-to-definition across files, references, completion, workspace
// symbols, a broken user catalogue and file watching.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  ReferencesRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  WorkspaceSymbolRequest,
  type ClientCapabilities,
  type CompletionItem,
  type Location,
  type Position,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_TIMEOUT_MS, ProtocolClient, REPO_ROOT } from './client';

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: {},
    references: {},
    completion: { completionItem: { snippetSupport: false } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

const CITING = `---
date: 2019-03-01
---

# RESOLUTION 900 (DUBAI, 2018)

## Follow-up for tests

The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),

*recalling*

a) Resolution 130 (Rev. Dubai, 2018) of this conference;
b) Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference, as amended;
c) Resolution 67 (Rev. Buenos Aires, 2017) of WTDC;
d) Resolution 52 (Rev. Hammamet, 2016);
e) Resolution 777 (Rev. Dubai, 2018) of this conference,

*resolves*

to pursue the work described in resolves 2 of Resolution 130 (Rev. Dubai, 2018).
`;

const DEFINES_777 = '# RESOLUTION 777 (REV. DUBAI, 2018)\n\n## Tests\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto test.\n';

function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `test setup: ${needle} not found`);
  const before = text.slice(0, offset + delta);
  return { line: before.split('\n').length - 1, character: offset + delta - (before.lastIndexOf('\n') + 1) };
}

function lineOf(text: string, needle: string): number {
  return positionOf(text, needle).line;
}

function hoverText(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'contents' in value) {
    const contents = (value as { contents: unknown }).contents;
    if (typeof contents === 'object' && contents !== null && 'value' in contents) return String((contents as { value: unknown }).value);
  }
  return '';
}

function waitFor<T>(register: (resolve: (value: T) => void) => void, what: string, timeoutMs = DEFAULT_TIMEOUT_MS * 2): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe('citations through the server over stdio', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-workspace-'));
  const seed2018 = join(folder, 'res130-dubai-2018.reso');
  const seedDt = join(folder, 'drafts', 'res130-busan-2014-dt67.reso');
  const citingPath = join(folder, 'citing.reso');
  const uri = pathToFileURL(citingPath).href;
  const text2018 = readFileSync(join(REPO_ROOT, 'seeds', 'res130-dubai-2018.reso'), 'utf8');
  const textDt = readFileSync(join(REPO_ROOT, 'seeds', 'res130-busan-2014-dt67.reso'), 'utf8');
  let client: ProtocolClient;
  const messages: ShowMessageParams[] = [];
  let indexed: Promise<{ files: number }>;
  let warned: Promise<ShowMessageParams>;

  before(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(folder, 'drafts'));
    copyFileSync(join(REPO_ROOT, 'seeds', 'res130-dubai-2018.reso'), seed2018);
    copyFileSync(join(REPO_ROOT, 'seeds', 'res130-busan-2014-dt67.reso'), seedDt);
    writeFileSync(citingPath, CITING);
    writeFileSync(join(folder, 'broken-catalogue.json'), '{ "format": 1, "conferences": [], "resolutions": [ { "id": "PP 1" } ] }');
    client = ProtocolClient.start();
    client.settings.set('resolution', { catalogue: { paths: ['broken-catalogue.json'] } });
    indexed = waitFor((resolve) => client.connection.onNotification('resolution/indexed', resolve), 'resolution/indexed');
    // A message may come as a notification or as a request (with actions): both are answered.
    warned = waitFor((resolve) => {
      client.connection.onNotification(ShowMessageNotification.type, (params) => {
        messages.push(params);
        resolve(params);
      });
      client.connection.onRequest(ShowMessageRequest.type, (params) => {
        messages.push(params);
        resolve(params);
        return null;
      });
    }, 'a message about the broken catalogue');
    await client.initialize(CAPABILITIES, { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'workspace' }] });
    assert.equal((await indexed).files, 3);
    await client.open(uri, CITING);
  });

  after(async () => {
    await client?.dispose();
  });

  it('a broken user catalogue gives one clear message naming the file and the problem; the rest keeps working', async () => {
    const message = await warned;
    assert.match(message.message, /broken-catalogue\.json is not a valid catalogue: resolutions\[0\]\.number must be a non-empty string/);
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation.unknown'));
    // Only Resolution 777 is unknown: the shipped catalogue and the workspace still answer (b)
    // names a revision that PP-18 replaced, and the text cites Resolution 130 in two revisions).
    assert.deepEqual(published.diagnostics.map((d) => `${String(d.code)} ${d.range.start.line}`), [
      `citation.superseded ${lineOf(CITING, 'b) Resolution 130')}`,
      `citation.inconsistent ${lineOf(CITING, 'b) Resolution 130')}`,
      `citation.unknown ${lineOf(CITING, 'e) Resolution 777')}`,
    ]);
    assert.equal(messages.length, 1);
  });

  it('hover: full reference, body, name, revisions with the one in force marked, where defined, workspace count', async () => {
    const hover = hoverText(await client.request(HoverRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'a) Resolution 130', 14) }));
    assert.match(hover, /\*\*Resolution 130 \(Rev\. Dubai, 2018\) of the Plenipotentiary Conference\*\*/);
    assert.match(hover, /Plenipotentiary Conference \(this conference\)/);
    assert.match(hover, /Strengthening the role of ITU in building confidence and security/);
    assert.match(hover, /\*\*Dubai, 2018 \(PP-18\)\*\* — cited, in force at the document's date \(2019-03-01\)/);
    assert.match(hover, /Busan, 2014 \(PP-14\)/);
    // The workspace copies of the seeds, not the shipped catalogue's record of them.
    assert.match(hover, /Text defined in: \[RESOLUTION 130 \(REV\. BUSAN, 2014\)\]\(file:.*reso-workspace-.*\/drafts\/res130-busan-2014-dt67\.reso#L15\) \(res130-busan-2014-dt67\.reso\); \[RESOLUTION 130 \(REV\. DUBAI, 2018\)\]\(file:.*reso-workspace-[^)]*\/res130-dubai-2018\.reso#L1\) \(res130-dubai-2018\.reso\)\n/);
    assert.match(hover, /Cited 3 times in the workspace, in 1 file\./);
  });

  it('hover on `resolves 2 of Resolution 130 (Rev. Dubai, 2018)`: that clause\'s text', async () => {
    const hover = hoverText(await client.request(HoverRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'resolves 2 of', 3) }));
    assert.match(hover, /\*resolves\* 2 of Resolution 130 \(Rev\. Dubai, 2018\)/);
    assert.match(hover, /> to give high priority to the work of ITU described under \\\*bearing in mind\\\* above/);
  });

  it('definition: the title of the cited revision in the workspace file that defines it', async () => {
    const dubai = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'a) Resolution 130', 14) })) as Location[];
    assert.deepEqual(dubai, [{ uri: pathToFileURL(seed2018).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 35 } } }]);
    const busan = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'b) Resolution 130', 14) })) as Location[];
    assert.equal(busan[0].uri, pathToFileURL(seedDt).href);
    assert.equal(busan[0].range.start.line, lineOf(textDt, '# RESOLUTION 130'));
  });

  it('definition into the clause for `resolves 2 of Resolution …`', async () => {
    const [location] = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'resolves 2 of', 3) })) as Location[];
    assert.equal(location.uri, pathToFileURL(seed2018).href);
    assert.equal(location.range.start.line, lineOf(text2018, '2 to give high priority'));
  });

  it('definition of a resolution no file defines: its entry in the shipped catalogue', async () => {
    const [location] = (await client.request(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'Resolution 67', 11) })) as Location[];
    assert.equal(location.uri, pathToFileURL(join(REPO_ROOT, 'seeds', 'catalogue.json')).href);
    const line = readFileSync(join(REPO_ROOT, 'seeds', 'catalogue.json'), 'utf8').split('\n')[location.range.start.line];
    assert.match(line, /"id": "WTDC 67"/);
  });

  it('references: every citation of the resolution in the workspace, across files', async () => {
    const locations = (await client.request(ReferencesRequest.type, { textDocument: { uri }, position: positionOf(CITING, 'd) Resolution 52', 14), context: { includeDeclaration: false } })) ?? [];
    const byFile = new Map<string, number>();
    for (const location of locations) byFile.set(location.uri, (byFile.get(location.uri) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(byFile), { [uri]: 1, [pathToFileURL(seedDt).href]: 5, [pathToFileURL(seed2018).href]: 5 });
  });

  it('references from a resolution\'s own title, with its declarations', async () => {
    const seedUri = pathToFileURL(seed2018).href;
    await client.open(seedUri, text2018);
    const locations = (await client.request(ReferencesRequest.type, { textDocument: { uri: seedUri }, position: { line: 0, character: 14 }, context: { includeDeclaration: true } })) ?? [];
    const summary = locations.map((l) => `${l.uri === uri ? 'citing' : l.uri === seedUri ? '2018' : 'dt'}:${l.range.start.line}`);
    const citing = ['a) Resolution 130', 'b) Resolution 130', 'resolves 2 of'].map((needle) => `citing:${lineOf(CITING, needle)}`);
    assert.deepEqual(summary.sort(), ['2018:0', ...citing, `dt:${lineOf(textDt, '# RESOLUTION 130')}`].sort());
  });

  it('completion after `Resolution `: known numbers with their revision in force and body', async () => {
    const text = CITING.replace('e) Resolution 777 (Rev. Dubai, 2018) of this conference,', 'e) Resolution ');
    await client.change(uri, 2, text);
    const position = positionOf(text, 'e) Resolution ', 'e) Resolution '.length);
    const result = await client.request(CompletionRequest.type, { textDocument: { uri }, position });
    const items: CompletionItem[] = Array.isArray(result) ? result : result?.items ?? [];
    const insert = (label: string, body: string) => {
      const item = items.find((i) => i.label === label && i.labelDetails?.description === body);
      assert.ok(item, `${body} ${label} among ${items.map((i) => `${i.labelDetails?.description} ${i.label}`).join(', ')}`);
      return item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : undefined;
    };
    assert.equal(insert('45', 'WTDC'), '45 (Rev. Dubai, 2014) of WTDC');
    assert.equal(insert('52', 'WTSA'), '52 (Rev. Hammamet, 2016) of WTSA');
    assert.equal(insert('100', 'PP'), '100 (Minneapolis, 1998) of the Plenipotentiary Conference');
    assert.equal(insert('130', 'PP'), '130 (Rev. Dubai, 2018) of this conference');
    await client.change(uri, 3, CITING);
  });

  it('workspace symbols: every resolution defined in the workspace, by number and name', async () => {
    const symbols = (await client.request(WorkspaceSymbolRequest.type, { query: '130' })) ?? [];
    const names = symbols.map((s) => s.name).sort();
    assert.deepEqual(names, [
      'Resolution 130 (Rev. Busan, 2014) — Strengthening the role of ITU in building confidence and security in the use of information and communication technologies',
      'Resolution 130 (Rev. Dubai, 2018) — Strengthening the role of ITU in building confidence and security in the use of information and communication technologies',
    ]);
    const all = (await client.request(WorkspaceSymbolRequest.type, { query: '' })) ?? [];
    assert.equal(all.length, 3, 'the two seeds and the citing document');
  });

  it('a new file seen through file watching defines a resolution the citing document needed', async () => {
    const path = join(folder, 'res777.reso');
    writeFileSync(path, '# RESOLUTION 777 (REV. DUBAI, 2018)\n\n## Tests\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto test.\n');
    await client.notify(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).href, type: FileChangeType.Created }] });
    const published = await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'citation.unknown'));
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['citation.superseded', 'citation.inconsistent']);
    await client.notify(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).href, type: FileChangeType.Deleted }] });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation.unknown'));
  });

  it('a folder deleted in one event takes its definitions with it; one created brings them', async () => {
    const sub = join(folder, 'more', 'deeper');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'res777.reso'), DEFINES_777);
    await client.notify(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(folder, 'more')).href, type: FileChangeType.Created }] });
    await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'citation.unknown'));
    rmSync(join(folder, 'more'), { recursive: true });
    await client.notify(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(join(folder, 'more')).href, type: FileChangeType.Deleted }] });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation.unknown'));
  });

  it('a definition typed into another open document clears the citing document\'s diagnostic, and deleting it brings it back', async () => {
    const other = pathToFileURL(join(folder, 'unsaved.reso')).href;
    const before = client.published.get(uri)?.length ?? 0;
    await client.open(other, 'nothing yet\n');
    await client.change(other, 2, DEFINES_777);
    const cleared = await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'citation.unknown'));
    assert.deepEqual(cleared.diagnostics.map((d) => d.code), ['citation.superseded', 'citation.inconsistent']);
    await client.change(other, 3, 'nothing again\n');
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'citation.unknown'));
    // Typing that defines nothing new republishes nothing else.
    const count = client.published.get(uri)?.length ?? 0;
    await client.change(other, 4, 'nothing again, still\n');
    // A request answered after the change: whatever the change published came before the answer.
    await client.documentSymbols(other);
    assert.equal(client.published.get(uri)?.length, count);
    assert.ok(count > before);
    await client.close(other);
  });
});

describe('citations across documents for a client that pulls diagnostics', () => {
  let client: ProtocolClient;
  after(async () => {
    await client?.dispose();
  });

  it('declares inter-file dependencies and asks for a refresh when another document\'s definitions change', async () => {
    client = ProtocolClient.start();
    let refreshes = 0;
    let refreshed: () => void = () => undefined;
    client.connection.onRequest('workspace/diagnostic/refresh', () => {
      refreshes++;
      refreshed();
      return null;
    });
    const indexed = waitFor((resolve) => client.connection.onNotification('resolution/indexed', resolve), 'resolution/indexed');
    const result = await client.initialize({
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: { dynamicRegistration: false } },
    });
    const provider = result.capabilities.diagnosticProvider;
    assert.ok(provider && 'interFileDependencies' in provider && provider.interFileDependencies === true);
    await indexed;
    const citing = 'file:///pull/citing.reso';
    const defining = 'file:///pull/defining.reso';
    await client.open(citing, CITING);
    const codes = async (): Promise<string[]> => {
      const report = await client.pullDiagnostics(citing);
      return 'items' in report ? report.items.map((d) => String(d.code)) : [];
    };
    assert.ok((await codes()).includes('citation.unknown'));
    await client.open(defining, 'nothing yet\n');
    const asked = new Promise<void>((resolve) => (refreshed = resolve));
    const before = refreshes;
    await client.change(defining, 2, DEFINES_777);
    await asked;
    assert.equal(refreshes, before + 1);
    assert.ok(!(await codes()).includes('citation.unknown'));
  });
});
