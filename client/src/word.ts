// Resolution: Export to Word / Import Word document, from the palette and the Explorer's context
// menu. The server converts and writes the file beside the source; this module picks the file,
// asks before replacing one, and opens or reveals what was written.

import { commands, Uri, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const EXPORT_WORD_REQUEST = 'resolution/exportWord';
const IMPORT_WORD_REQUEST = 'resolution/importWord';

type WordResult = { written: string; messages: string[] } | { exists: string } | { error: string };

export function registerWordCommands(context: ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    commands.registerCommand('resolution.exportWord', async (target?: Uri) => {
      const uri = target ?? resolutionFile();
      if (!uri) return void window.showWarningMessage('Export to Word: open a .reso file, or choose one in the Explorer.');
      const result = await convert(client, EXPORT_WORD_REQUEST, uri);
      if (result) void window.showInformationMessage(`Exported ${workspace.asRelativePath(result)}.`);
    }),
    commands.registerCommand('resolution.importWord', async (target?: Uri) => {
      const uri = target ?? (await pickWordFile());
      if (!uri) return;
      const result = await convert(client, IMPORT_WORD_REQUEST, uri);
      if (result) await window.showTextDocument(result);
    }),
  );
}

function resolutionFile(): Uri | undefined {
  const document = window.activeTextEditor?.document;
  return document?.languageId === 'resolution' && document.uri.scheme === 'file' ? document.uri : undefined;
}

async function pickWordFile(): Promise<Uri | undefined> {
  const picked = await window.showOpenDialog({ canSelectMany: false, filters: { 'Word documents': ['docx'] }, openLabel: 'Import' });
  return picked?.[0];
}

/** Runs a conversion; asks before replacing an existing file. Returns the written file. */
async function convert(client: LanguageClient, request: string, uri: Uri): Promise<Uri | undefined> {
  let result = await client.sendRequest<WordResult>(request, { uri: uri.toString() });
  if ('exists' in result) {
    const written = request === EXPORT_WORD_REQUEST ? 'Word document' : 'markup file';
    const choice = await window.showWarningMessage(`The ${written} beside ${workspace.asRelativePath(uri)} exists already. Replace it?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
    result = await client.sendRequest<WordResult>(request, { uri: uri.toString(), replace: true });
  }
  if ('error' in result) {
    void window.showErrorMessage(result.error);
    return undefined;
  }
  if ('exists' in result) return undefined;
  for (const message of result.messages) void window.showInformationMessage(message);
  return Uri.parse(result.written);
}
