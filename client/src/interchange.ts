// Import (Akoma Ntoso, PDF text) and export (Akoma Ntoso) in the editor. The server reads,
// converts and writes; this module picks the file, asks before replacing, and opens the result.

import { commands, Uri, window, type Disposable } from 'vscode';

const IMPORT = 'resolution.server.import';
const EXPORT_AKN = 'resolution.server.exportAkn';

interface Outcome {
  written: string[];
  report: string[];
  error?: string;
  existing?: string[];
}

/** Runs a server command; when files exist, asks, and runs it again to replace them. */
async function run(command: string, uri: string): Promise<Outcome | undefined> {
  let outcome = await commands.executeCommand<Outcome | null>(command, uri, false);
  if (outcome?.existing && outcome.existing.length > 0) {
    const names = outcome.existing.map((path) => Uri.file(path).path.split('/').pop()).join(', ');
    const choice = await window.showWarningMessage(`${names} already exist${outcome.existing.length === 1 ? 's' : ''}. Replace?`, { modal: true }, 'Replace');
    if (choice !== 'Replace') return undefined;
    outcome = await commands.executeCommand<Outcome | null>(command, uri, true);
  }
  if (!outcome) return undefined;
  if (outcome.error) {
    void window.showErrorMessage(outcome.error);
    return undefined;
  }
  return outcome;
}

export function registerInterchange(activeResolution: () => Uri | undefined): Disposable[] {
  return [
    commands.registerCommand('resolution.importFile', async (target?: Uri) => {
      const picked = target instanceof Uri ? [target] : await window.showOpenDialog({ canSelectMany: false, openLabel: 'Import', filters: { 'Akoma Ntoso or PDF text': ['xml', 'akn', 'txt'] } });
      const file = picked?.[0];
      if (!file) return;
      const outcome = await run(IMPORT, file.toString());
      if (!outcome) return;
      if (outcome.written[0]) await window.showTextDocument(Uri.file(outcome.written[0]), { preview: false });
      void window.showInformationMessage(`Imported ${outcome.written.length} file${outcome.written.length === 1 ? '' : 's'}. ${outcome.report.join(' ')}`);
    }),
    commands.registerCommand('resolution.exportAkn', async () => {
      const uri = activeResolution();
      if (!uri) {
        void window.showInformationMessage('Open a .reso file to export it as Akoma Ntoso.');
        return;
      }
      const outcome = await run(EXPORT_AKN, uri.toString());
      if (!outcome) return;
      void window.showInformationMessage(`Akoma Ntoso written: ${outcome.written.map((path) => Uri.file(path).path.split('/').pop()).join(', ')}`);
    }),
  ];
}
