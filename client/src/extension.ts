// Starts the language server and registers the extension's commands.

import * as path from 'node:path';
import { commands, Selection, window, workspace, type ExtensionContext, type Position as VsPosition } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Server-side commands; the language client exposes them under these ids. */
const SERVER = {
  renumberDocument: 'resolution.server.renumberDocument',
  insertClauseAfter: 'resolution.server.insertClauseAfter',
} as const;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'resolution' }],
    synchronize: {
      configurationSection: 'resolution',
      fileEvents: [workspace.createFileSystemWatcher('**/.resorc.json'), workspace.createFileSystemWatcher('**/*.reso')],
    },
  };
  client = new LanguageClient('resolution', 'Resolution Drafter', serverOptions, clientOptions);

  context.subscriptions.push(
    commands.registerCommand('resolution.renumberDocument', async () => {
      const editor = window.activeTextEditor;
      if (editor?.document.languageId !== 'resolution') return;
      const changed = await commands.executeCommand<boolean>(SERVER.renumberDocument, editor.document.uri.toString());
      if (!changed) void window.showInformationMessage('Labels are already in sequence.');
    }),
    commands.registerCommand('resolution.insertClauseAfter', async () => {
      const editor = window.activeTextEditor;
      if (editor?.document.languageId !== 'resolution') return;
      const cursor = editor.selection.active;
      const target = await commands.executeCommand<{ line: number; character: number } | null>(SERVER.insertClauseAfter, editor.document.uri.toString(), {
        line: cursor.line,
        character: cursor.character,
      });
      if (!target) {
        void window.showInformationMessage('Place the cursor in a clause or on a section heading to insert a clause.');
        return;
      }
      const position: VsPosition = editor.document.validatePosition(cursor.with(target.line, target.character));
      editor.selection = new Selection(position, position);
      editor.revealRange(editor.selection);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
