// The built language server over stdio, driven by a real JSON-RPC client (see ./client.ts).
// Run `npm run build` first: these tests spawn server/out/server.js.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  FoldingRangeKind,
  SymbolKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentSymbol,
  type Position,
  type Range,
  type SelectionRange,
} from 'vscode-languageserver-protocol/node';
import { fileUri, ProtocolClient, REPO_ROOT } from './client';

const SEED_2018 = 'seeds/res130-dubai-2018.reso';
const SEED_DT = 'seeds/res130-busan-2014-dt67.reso';

function readSeed(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    selectionRange: {},
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

/** The same client without `textDocument.diagnostic`: the server must push diagnostics. */
const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

/** Line/character of `offset` in `text` (UTF-16 units, LF or CRLF). */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function offsetOf(text: string, needle: string): number {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `test setup: ${JSON.stringify(needle)} not found`);
  return offset;
}

function lineOf(text: string, needle: string): number {
  return positionAt(text, offsetOf(text, needle)).line;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function contains(outer: Range, inner: Range): boolean {
  return compare(outer.start, inner.start) <= 0 && compare(inner.end, outer.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return compare(a.start, b.start) === 0 && compare(a.end, b.end) === 0;
}

function show(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** `a)` from `a) United Nations …`. */
function labelOf(symbol: DocumentSymbol): string {
  return symbol.name.split(' ')[0];
}

function letters(from: string, to: string): string[] {
  const out: string[] = [];
  for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) out.push(`${String.fromCharCode(code)})`);
  return out;
}

function section(resolution: DocumentSymbol, name: string): DocumentSymbol {
  const found = resolution.children?.find((child) => child.name === name);
  assert.ok(found, `no section ${JSON.stringify(name)} among ${JSON.stringify(resolution.children?.map((c) => c.name))}`);
  return found;
}

function onlyResolution(symbols: DocumentSymbol[]): DocumentSymbol {
  assert.equal(symbols.length, 1, `expected one top-level symbol, got ${JSON.stringify(symbols.map((s) => s.name))}`);
  return symbols[0];
}

function selectionChain(selection: SelectionRange): Range[] {
  const chain: Range[] = [];
  for (let current: SelectionRange | undefined = selection; current; current = current.parent) chain.push(current.range);
  return chain;
}

function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ code: d.code, severity: d.severity, range: show(d.range), message: d.message })));
}

// A real document with one syntax error: an insertion mark opened in clause b) and never closed.
const SEED_2018_TEXT = readSeed(SEED_2018);
const BROKEN_AT = offsetOf(SEED_2018_TEXT, 'b) UNGA Resolution 71/199') + 'b) '.length;
const BROKEN_TEXT = `${SEED_2018_TEXT.slice(0, BROKEN_AT)}{++${SEED_2018_TEXT.slice(BROKEN_AT)}`;
const BROKEN_RANGE: Range = { start: positionAt(BROKEN_TEXT, BROKEN_AT), end: positionAt(BROKEN_TEXT, BROKEN_AT + 3) };

function assertUnclosedInsertion(diagnostics: readonly Diagnostic[]): void {
  const revision = diagnostics.filter((d) => d.code === 'syntax.revision');
  assert.equal(revision.length, 1, `expected one syntax.revision diagnostic, got ${describeDiagnostics(diagnostics)}`);
  const [diagnostic] = revision;
  assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
  assert.equal(diagnostic.source, 'resolution');
  assert.deepEqual(diagnostic.range, BROKEN_RANGE, `range ${show(diagnostic.range)}, expected ${show(BROKEN_RANGE)}`);
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  assert.match(message, /\{\+\+/);
  assert.match(message, /never closed/);
}

describe('language server over stdio (server/out/server.js)', () => {
  describe('initialize', () => {
    let client: ProtocolClient;
    before(() => {
      client = ProtocolClient.start();
    });
    after(async () => {
      await client?.dispose();
    });

    it('advertises the features it implements', async () => {
      const result = await client.initialize(PULL_CAPABILITIES);
      const capabilities = result.capabilities;
      const sync = capabilities.textDocumentSync;
      const change = typeof sync === 'object' ? sync.change : sync;
      assert.equal(change, TextDocumentSyncKind.Incremental, `textDocumentSync ${JSON.stringify(sync)}`);
      if (typeof sync === 'object') assert.equal(sync.openClose, true);
      assert.ok(capabilities.documentSymbolProvider, 'documentSymbolProvider');
      assert.ok(capabilities.foldingRangeProvider, 'foldingRangeProvider');
      assert.ok(capabilities.selectionRangeProvider, 'selectionRangeProvider');
      const diagnosticProvider = capabilities.diagnosticProvider;
      assert.ok(diagnosticProvider, 'diagnosticProvider');
      // Citations read definitions in other documents.
      assert.equal(diagnosticProvider.interFileDependencies, true);
      assert.equal(diagnosticProvider.workspaceDiagnostics, false);
      assert.equal(result.serverInfo?.name, 'resolution-language-server');
    });
  });

  describe('a client with pull diagnostics, on the 2018 seed', () => {
    const uri = fileUri(SEED_2018);
    const brokenUri = fileUri('test/protocol/unclosed-insertion.reso');
    const text = SEED_2018_TEXT;
    let client: ProtocolClient;

    before(async () => {
      client = ProtocolClient.start();
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, text);
    });
    after(async () => {
      await client?.dispose();
    });

    it('documentSymbol: one resolution whose children are the sections in order', async () => {
      const resolution = onlyResolution(await client.documentSymbols(uri));
      assert.equal(resolution.kind, SymbolKind.Class);
      assert.match(resolution.name, /^RESOLUTION 130 \(REV\. DUBAI, 2018\)/);
      assert.match(resolution.detail ?? '', /^Strengthening the role of ITU/);
      const names = (resolution.children ?? []).map((child) => child.name);
      assert.deepEqual(names.slice(0, 7), ['recalling', 'considering', 'recognizing', 'aware', 'noting', 'bearing in mind', 'resolves'], JSON.stringify(names));
      // Every heading of the seed, in source order.
      const headings = text.split('\n').filter((line) => /^\*[^*]+\*\s*$/.test(line)).map((line) => line.trim().slice(1, -1));
      assert.deepEqual(names, headings);
      const lines = (resolution.children ?? []).map((child) => child.range.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'sections in source order');
      for (const child of resolution.children ?? []) {
        assert.equal(child.kind, SymbolKind.Namespace, child.name);
        assert.ok(contains(resolution.range, child.range), `${child.name} lies inside the resolution`);
        assert.ok(contains(child.range, child.selectionRange), `${child.name}: selectionRange inside range`);
      }
    });

    it('documentSymbol: recalling has 17 clauses labelled a) to q)', async () => {
      const recalling = section(onlyResolution(await client.documentSymbols(uri)), 'recalling');
      const clauses = recalling.children ?? [];
      assert.equal(clauses.length, 17, JSON.stringify(clauses.map((c) => c.name)));
      assert.deepEqual(clauses.map(labelOf), letters('a', 'q'));
      assert.match(clauses[0].name, /^a\) United Nations General Assembly/);
      assert.equal(clauses[0].range.start.line, lineOf(text, 'a) United Nations General Assembly'));
      assert.equal(clauses[16].range.start.line, lineOf(text, 'q) that ITU Council Resolution 1305'));
      for (const clause of clauses) {
        assert.equal(clause.kind, SymbolKind.Field, clause.name);
        assert.ok(contains(recalling.range, clause.range), `${clause.name} lies inside recalling`);
      }
    });

    it('foldingRange: the considering section folds from its heading over all its clauses', async () => {
      const ranges = await client.foldingRanges(uri);
      const heading = lineOf(text, '*considering*');
      const lastClause = lineOf(text, 'r) that some small and medium enterprises');
      const next = lineOf(text, '*recognizing*');
      const considering = ranges.find((r) => r.startLine === heading && r.kind === FoldingRangeKind.Region);
      assert.ok(considering, `no region starting on line ${heading}: ${JSON.stringify(ranges.filter((r) => r.startLine === heading))}`);
      assert.ok(considering.endLine >= lastClause && considering.endLine < next, `considering folds ${heading}-${considering.endLine}, expected to end on ${lastClause}..${next - 1}`);
      const resolution = ranges.find((r) => r.startLine === 0 && r.kind === FoldingRangeKind.Region);
      assert.ok(resolution, 'a region for the whole resolution');
      assert.ok(resolution.endLine >= considering.endLine);
      for (const range of ranges) assert.ok(range.endLine > range.startLine, `empty fold ${JSON.stringify(range)}`);
    });

    it('selectionRange: at a clause, the ranges grow from the word to the whole document', async () => {
      const offset = offsetOf(text, 'c) UNGA Resolution 68/243') + 'c) UNGA Res'.length;
      const position = positionAt(text, offset);
      const [selection, ...rest] = await client.selectionRanges(uri, [position]);
      assert.equal(rest.length, 0, 'one answer per position');
      const chain = selectionChain(selection);
      assert.ok(chain.length >= 4, `chain ${chain.map(show).join(' < ')}`);
      // The innermost range is the word under the cursor.
      assert.deepEqual(chain[0], { start: { line: position.line, character: position.character - 3 }, end: { line: position.line, character: position.character + 7 } });
      for (let i = 1; i < chain.length; i++) {
        assert.ok(contains(chain[i], chain[i - 1]) && !sameRange(chain[i], chain[i - 1]), `${show(chain[i])} should strictly contain ${show(chain[i - 1])}`);
      }
      const whole: Range = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
      assert.deepEqual(chain[chain.length - 1], whole, `outermost ${show(chain[chain.length - 1])}, expected ${show(whole)}`);
      // On the way out: the clause, its section and the resolution, as the outline has them.
      const resolution = onlyResolution(await client.documentSymbols(uri));
      const recalling = section(resolution, 'recalling');
      const clause = (recalling.children ?? [])[2];
      for (const symbol of [clause, recalling, resolution]) {
        assert.ok(chain.some((range) => sameRange(range, symbol.range)), `no selection range equals ${symbol.name} ${show(symbol.range)}: ${chain.map(show).join(' < ')}`);
      }
    });

    it('textDocument/diagnostic reports an unclosed {++ as a syntax.revision error at the mark', async () => {
      await client.open(brokenUri, BROKEN_TEXT);
      const report = await client.pullDiagnostics(brokenUri);
      assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
      assertUnclosedInsertion(report.kind === DocumentDiagnosticReportKind.Full ? report.items : []);
    });

    it('textDocument/diagnostic follows a change that fixes the error', async () => {
      await client.change(brokenUri, 2, SEED_2018_TEXT);
      const report = await client.pullDiagnostics(brokenUri);
      assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
      const items = report.kind === DocumentDiagnosticReportKind.Full ? report.items : [];
      assert.deepEqual(items.filter((d) => d.code === 'syntax.revision'), [], describeDiagnostics(items));
    });

    it('pushes no diagnostics to a client that pulls them', () => {
      // Every request above was answered after the server handled the opens and changes before it,
      // so anything pushed for them has arrived by now.
      assert.deepEqual([...client.published.keys()], [], JSON.stringify([...client.published.values()]));
    });
  });

  describe('a client without pull diagnostics', () => {
    const uri = fileUri('test/protocol/unclosed-insertion.reso');
    let client: ProtocolClient;

    before(async () => {
      client = ProtocolClient.start();
      await client.initialize(PUSH_CAPABILITIES);
    });
    after(async () => {
      await client?.dispose();
    });

    it('gets publishDiagnostics with the syntax.revision error on open', async () => {
      await client.open(uri, BROKEN_TEXT, 1);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assertUnclosedInsertion(published.diagnostics);
    });

    it('gets an empty list after a didChange that fixes the error', async () => {
      const version = 2;
      await client.change(uri, version, SEED_2018_TEXT);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === version);
      // The seed's own citation warnings (test/protocol/citations.test.ts) stay; the syntax error is gone.
      const others = published.diagnostics.filter((d) => !String(d.code).startsWith('citation.'));
      assert.deepEqual(others, [], describeDiagnostics(published.diagnostics));
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['citation.superseded', 'citation.inconsistent', 'citation.rev-missing']);
    });

    it('gets the error back when a change breaks the document again, and an empty list on close', async () => {
      const version = 3;
      await client.change(uri, version, BROKEN_TEXT);
      assertUnclosedInsertion((await client.waitForDiagnostics(uri, (p) => p.version === version)).diagnostics);
      await client.close(uri);
      // The clearing notification carries no version: the document is gone.
      const cleared = await client.waitForDiagnostics(uri, (p) => p.version === undefined);
      assert.deepEqual(cleared.diagnostics, []);
    });
  });

  describe('the DT seed (revision marks)', () => {
    const uri = fileUri(SEED_DT);
    const text = readSeed(SEED_DT);
    let client: ProtocolClient;

    before(async () => {
      client = ProtocolClient.start();
      await client.initialize(PULL_CAPABILITIES);
      await client.open(uri, text);
    });
    after(async () => {
      await client?.dispose();
    });

    it('documentSymbol shows the amended view: recalling a) to k), considering a) to j)', async () => {
      const resolution = onlyResolution(await client.documentSymbols(uri));
      assert.match(resolution.name, /RESOLUTION 130/);
      const recalling = section(resolution, 'recalling');
      assert.deepEqual((recalling.children ?? []).map(labelOf), letters('a', 'k'), JSON.stringify(recalling.children?.map((c) => c.name)));
      // Names are read in the amended view: the inserted a), not the deleted Resolution 130 clause.
      assert.match((recalling.children ?? [])[0].name, /^a\) United Nations General Assembly/);
      const considering = section(resolution, 'considering');
      assert.deepEqual((considering.children ?? []).map(labelOf), letters('a', 'j'), JSON.stringify(considering.children?.map((c) => c.name)));
    });

    it('documentSymbol ranges are in source coordinates', async () => {
      const recalling = section(onlyResolution(await client.documentSymbols(uri)), 'recalling');
      const clauses = recalling.children ?? [];
      const j = clauses[9];
      const k = clauses[10];
      assert.equal(j.range.start.line, lineOf(text, '{--b--}{++j++}) Resolution 69'));
      assert.equal(k.range.start.line, lineOf(text, '{--e--}{++k++}) that ITU Council'));
      const kLine = text.split('\n')[k.range.start.line];
      assert.ok(contains(k.range, k.selectionRange), `k) selectionRange ${show(k.selectionRange)} inside ${show(k.range)}`);
      assert.ok(kLine.slice(k.selectionRange.start.character, k.selectionRange.end.character).includes('k'), `k) selection covers ${JSON.stringify(kLine.slice(k.selectionRange.start.character, k.selectionRange.end.character))}`);
    });

    it('textDocument/diagnostic: no revision-mark errors in the DT', async () => {
      const report = await client.pullDiagnostics(uri);
      assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
      const items = report.kind === DocumentDiagnosticReportKind.Full ? report.items : [];
      assert.deepEqual(items.filter((d) => d.code === 'syntax.revision'), [], describeDiagnostics(items));
    });
  });

  describe('shutdown and exit', () => {
    let client: ProtocolClient;
    before(() => {
      client = ProtocolClient.start();
    });
    after(async () => {
      await client?.dispose();
    });

    it('the process exits with code 0 after shutdown and exit', async () => {
      await client.initialize(PUSH_CAPABILITIES);
      await client.open(fileUri(SEED_2018), SEED_2018_TEXT);
      await client.waitForDiagnostics(fileUri(SEED_2018), (p) => p.version === 1);
      const status = await client.shutdown();
      assert.deepEqual(status, { code: 0, signal: null }, client.stderr);
    });
  });
});
