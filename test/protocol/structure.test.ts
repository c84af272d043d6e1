// Issue scenarios through the built server over stdio: insert a clause, see one
// label.sequence, apply the renumber fix, see the labels and cross-references follow.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DocumentOnTypeFormattingRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { fileUri, ProtocolClient, REPO_ROOT } from './client';

const CAPABILITIES: ClientCapabilities = {
  workspace: { applyEdit: true, configuration: true },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown'] },
  },
};

function seed(name: string): string {
  return readFileSync(join(REPO_ROOT, 'seeds', name), 'utf8');
}

function insertLineAfter(text: string, linePrefix: string, line: string): string {
  const at = text.indexOf(`\n${linePrefix}`);
  assert.ok(at >= 0, `test setup: no line starting ${linePrefix}`);
  const end = text.indexOf('\n', at + 1);
  return `${text.slice(0, end + 1)}${line}\n${text.slice(end + 1)}`;
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'resolution', 0, text), [...edits]);
}

function labelsUnder(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`*${heading}*`);
  const out: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i] !== ''; i++) {
    const match = /^(?:\{--[^}]*--\}\{\+\+)?([a-z]+\)|\d+)/.exec(lines[i]);
    if (match) out.push(match[1].replace(/\+\+\}$/, ''));
  }
  return out;
}

describe('structure scenarios through the server over stdio', () => {
  let client: ProtocolClient;
  let version = 1;

  before(async () => {
    client = ProtocolClient.start();
    await client.initialize(CAPABILITIES);
  });

  after(async () => {
    await client.dispose();
  });

  async function openAndWait(uri: string, text: string, codes: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    version++;
    await client.open(uri, text, version);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === version && codes(structural(p.diagnostics)));
    return structural(published.diagnostics);
  }

  /** These scenarios are about structure; the seeds' citation warnings are tested in citations.test.ts. */
  function structural(diagnostics: Diagnostic[]): Diagnostic[] {
    return diagnostics.filter((d) => !String(d.code).startsWith('citation.'));
  }

  async function renumberFix(uri: string, diagnostic: Diagnostic, title: string): Promise<CodeAction> {
    const actions = await client.request(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const action = (actions ?? []).find((a): a is CodeAction => 'title' in a && a.title === title);
    assert.ok(action, `no «${title}» among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    return action;
  }

  for (const [section, anchor, line] of [
    ['considering', 'e) that the ITU Secretary-General', 'f) a clause inserted in the middle;'],
    ['resolves', '4 to promote a culture', '5 a clause inserted in the middle;'],
  ] as const) {
    it(`2018 seed, «${section}»: one label.sequence, the renumber fix, consecutive labels, no structure diagnostic left`, async () => {
      const uri = fileUri(`scenario-${section}.reso`);
      const text = insertLineAfter(seed('res130-dubai-2018.reso'), anchor, line);
      const diagnostics = await openAndWait(uri, text, (d) => d.length > 0);
      assert.deepEqual(diagnostics.map((d) => d.code), ['label.sequence']);
      const action = await renumberFix(uri, diagnostics[0], `Renumber «${section}»`);
      const fixed = apply(text, action.edit?.changes?.[uri] ?? []);
      const labels = labelsUnder(fixed, section);
      assert.deepEqual(labels, labels.map((_l, i) => (section === 'resolves' ? String(i + 1) : `${String.fromCharCode(97 + i)})`)));
      if (section === 'resolves') assert.match(fixed, /consistent with \*resolves\* 6;/);
      version++;
      await client.change(uri, version, fixed);
      const republished = await client.waitForDiagnostics(uri, (p) => p.version === version);
      assert.deepEqual(structural(republished.diagnostics), []);
    });
  }

  it('DT seed: the fix is written as revision marks and the original view is untouched', async () => {
    const uri = fileUri('scenario-dt.reso');
    const text = insertLineAfter(seed('res130-busan-2014-dt67.reso'), '{--b--}{++c++}) that, with the application', '{++d) a clause inserted in the draft;++}');
    const diagnostics = await openAndWait(uri, text, (d) => d.some((x) => x.code === 'label.sequence'));
    const sequence = diagnostics.filter((d) => String(d.code).startsWith('label'));
    assert.equal(sequence.length, 1);
    const action = await renumberFix(uri, sequence[0], 'Renumber «considering»');
    const fixed = apply(text, action.edit?.changes?.[uri] ?? []);
    assert.match(fixed, /\n\{--c--\}\{\+\+e\+\+\}\) that the ITU Secretary-General/);
    const stripInsertions = (t: string) => t.replace(/\{\+\+[\s\S]*?\+\+\}/g, '').replace(/\{--([\s\S]*?)--\}/g, '$1');
    assert.equal(stripInsertions(fixed), stripInsertions(text));
  });

  it('hovers a cross-reference with the target clause, and inserts a clause by command', async () => {
    const uri = fileUri('scenario-commands.reso');
    const text = seed('res130-dubai-2018.reso');
    await openAndWait(uri, text, () => true);
    const at = text.indexOf('*resolves* 5');
    const line = text.slice(0, at).split('\n').length - 1;
    const character = at - (text.lastIndexOf('\n', at) + 1) + 2;
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.match(hover.contents.value, /^\*resolves\*\n\n\*\*5\*\* to promote greater awareness among ITU members/);

    const before = client.appliedEdits.length;
    const clauseLine = text.slice(0, text.indexOf('4 to promote a culture')).split('\n').length - 1;
    const cursor = await client.request(ExecuteCommandRequest.type, {
      command: 'resolution.server.insertClauseAfter',
      arguments: [uri, { line: clauseLine, character: 3 }],
    });
    assert.deepEqual(cursor, { line: clauseLine + 1, character: 2 });
    const edit = client.appliedEdits[before]?.edit.changes?.[uri];
    assert.ok(edit, 'the server applied no edit');
    const after = apply(text, edit);
    assert.match(after, /\n4 to promote a culture[^\n]*\n5 \n6 to promote greater awareness/);
    assert.match(after, /consistent with \*resolves\* 6;/);
  });

  it('starts the next clause with its label on Enter', async () => {
    const uri = fileUri('scenario-ontype.reso');
    const text = '*recalling*\n\na) the first clause;\n\n';
    await openAndWait(uri, text, () => true);
    const edits = await client.request(DocumentOnTypeFormattingRequest.type, {
      textDocument: { uri },
      position: { line: 3, character: 0 },
      ch: '\n',
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepEqual(edits?.map((e) => e.newText), ['b) ']);
  });
});

describe('building a catalogue through the server', () => {
  it('builds the catalogue of a folder exactly as `npm run catalogue` does', async () => {
    // The command writes catalogue.json into the folder: a copy of the seeds, not the repository's own.
    const folder = mkdtempSync(join(tmpdir(), 'reso-build-'));
    for (const name of ['res130-dubai-2018.reso', 'res130-busan-2014-dt67.reso']) copyFileSync(join(REPO_ROOT, 'seeds', name), join(folder, name));
    const client = ProtocolClient.start();
    try {
      await client.initialize({ workspace: { applyEdit: true } }, { workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'seeds' }] });
      const built = await client.request(ExecuteCommandRequest.type, {
        command: 'resolution.server.buildCatalogue',
        arguments: [pathToFileURL(folder).href],
      });
      assert.ok(built && typeof built === 'object' && 'text' in built && 'files' in built);
      assert.equal(built.files, 2);
      assert.equal(built.text, readFileSync(join(REPO_ROOT, 'seeds', 'catalogue.json'), 'utf8'));
      assert.equal(readFileSync(join(folder, 'catalogue.json'), 'utf8'), built.text);
    } finally {
      await client.dispose();
    }
  });
});
