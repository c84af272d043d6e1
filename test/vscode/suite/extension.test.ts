// The extension in a real VS Code: language features through VS Code's own command API,
// diagnostics awaited on `languages.onDidChangeDiagnostics` with a timeout, never a sleep.

import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT_MS = 20_000;

function seedUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is not open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves with the diagnostics of `uri` once `accept` holds, or rejects after a timeout. */
function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (accept(current)) return Promise.resolve(current);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics of ${uri.toString()} never matched; last: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.code))}`));
    }, TIMEOUT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found`);
  return document.positionAt(offset + delta);
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

describe('Resolution Drafter in VS Code', () => {
  it('activates on a .reso file and shows its outline', async () => {
    const document = await vscode.workspace.openTextDocument(seedUri('res130-dubai-2018.reso'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'resolution');
    await diagnosticsWhen(document.uri, () => true);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].children[0].name, 'recalling');
    assert.equal(symbols[0].children[0].children.length, 17);
  });

  it('reports label.sequence after a clause is inserted, and the renumber quick fix clears it', async () => {
    const document = await vscode.workspace.openTextDocument(seedUri('res130-dubai-2018.reso'));
    const editor = await vscode.window.showTextDocument(document);
    const after = positionOf(document, 'b) the crucial importance');
    await editor.edit((edit) => edit.insert(after, 'b) a clause inserted by the test;\n'));
    const diagnostics = await diagnosticsWhen(document.uri, (list) => list.some((d) => codeOf(d) === 'label.sequence'));
    const sequence = diagnostics.find((d) => codeOf(d) === 'label.sequence') as vscode.Diagnostic;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, sequence.range);
    const renumber = actions.find((a) => a.title === 'Renumber «considering»');
    assert.ok(renumber?.edit, `no renumber fix among ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(renumber.edit);
    await diagnosticsWhen(document.uri, (list) => !list.some((d) => codeOf(d).startsWith('label.')));
    assert.match(document.getText(), /\nc\) the crucial importance/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('hovers a citation and goes to the cited resolution', async () => {
    const document = await vscode.workspace.openTextDocument(seedUri('res130-dubai-2018.reso'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'Resolution 174', 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Resolution 174/);
    const citing = await vscode.workspace.openTextDocument(seedUri('res130-busan-2014-dt67.reso'));
    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      citing.uri,
      positionOf(citing, 'Resolution 69', 3),
    );
    assert.ok(definitions.length > 0, 'no definition');
  });

  it('accepts all changes of the DT', async () => {
    const document = await vscode.workspace.openTextDocument(seedUri('res130-busan-2014-dt67.reso'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('resolution.acceptAllChanges');
    assert.doesNotMatch(document.getText(), /\{\+\+|\{--/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
