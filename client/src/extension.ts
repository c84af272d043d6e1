// Starts the language server and registers the extension's commands, the read-only
// amended and original views, and the status bar item. The work itself is the server's.

import * as path from 'node:path';
import {
  commands,
  EventEmitter,
  Selection,
  StatusBarAlignment,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type TextDocumentContentProvider,
  type TextEditor,
} from 'vscode';
import { registerInterchange } from './interchange';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerProposalCommands } from './proposals';
import { registerTrackChanges } from './trackChanges';
import { registerChangeNavigation } from './changeNavigation';
import { registerRevisionDecorations } from './decorations';
import { registerPreview } from './preview';
import { registerWalkthrough } from './walkthrough';
import { registerWordCommands } from './word';

let client: LanguageClient | undefined;

/** Server-side commands; the language client exposes them under these ids. */
const SERVER = {
  renumberDocument: 'resolution.server.renumberDocument',
  insertClauseAfter: 'resolution.server.insertClauseAfter',
  acceptAllChanges: 'resolution.server.acceptAllChanges',
  rejectAllChanges: 'resolution.server.rejectAllChanges',
  acceptChange: 'resolution.server.acceptChange',
  rejectChange: 'resolution.server.rejectChange',
  buildCatalogue: 'resolution.server.buildCatalogue',
} as const;

const DOCUMENT_INFO_REQUEST = 'resolution/documentInfo';
const VIEW_REQUEST = 'resolution/view';
const VIEW_SCHEME = 'resolution-view';

interface LspPosition {
  line: number;
  character: number;
}

interface DocumentInfo {
  marks: Array<{ start: LspPosition; end: LspPosition }>;
  resolution?: string;
  change?: number;
}

type ViewKind = 'amended' | 'original';

function activeResolutionEditor(): TextEditor | undefined {
  const editor = window.activeTextEditor;
  return editor?.document.languageId === 'resolution' && editor.document.uri.scheme !== VIEW_SCHEME ? editor : undefined;
}

function cursorOf(editor: TextEditor): LspPosition {
  const active = editor.selection.active;
  return { line: active.line, character: active.character };
}

/** `resolution-view:/path/name.amended.reso?view=amended#<source uri>`: one virtual document per source and view. */
function viewUri(source: Uri, view: ViewKind): Uri {
  const path = source.path.endsWith('.reso') ? `${source.path.slice(0, -'.reso'.length)}.${view}.reso` : `${source.path}.${view}.reso`;
  return Uri.from({ scheme: VIEW_SCHEME, path, query: `view=${view}`, fragment: source.toString() });
}

class ViewProvider implements TextDocumentContentProvider {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Set<string>();

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    this.open.add(uri.toString());
    const view: ViewKind = uri.query === 'view=original' ? 'original' : 'amended';
    const text = await client?.sendRequest<string | null>(VIEW_REQUEST, { uri: uri.fragment, view });
    return text ?? 'The source document is not open.';
  }

  /** The source changed: every open view of it is out of date. */
  sourceChanged(source: Uri): void {
    for (const view of ['amended', 'original'] as const) {
      const uri = viewUri(source, view);
      if (this.open.has(uri.toString())) this.changed.fire(uri);
    }
  }

  closed(uri: Uri): void {
    this.open.delete(uri.toString());
  }
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'resolution', scheme: 'file' }, { language: 'resolution', scheme: 'untitled' }],
    synchronize: {
      configurationSection: 'resolution',
      fileEvents: [workspace.createFileSystemWatcher('**/.resorc.json'), workspace.createFileSystemWatcher('**/*.reso')],
    },
    middleware: {
      workspace: {
        // Catalogues outside the workspace are read only when the user's own settings name them: the server is told which.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          const user = workspace.getConfiguration('resolution').inspect<string[]>('catalogue.paths')?.globalValue ?? [];
          return result.map((value: unknown, i) => (params.items[i]?.section === 'resolution' && typeof value === 'object' && value !== null ? { ...value, userCataloguePaths: user } : value));
        },
      },
    },
    // Hovers on a revision mark link to Accept and Reject; no other command can be run from a hover.
    markdown: { isTrusted: { enabledCommands: ['resolution.acceptChange', 'resolution.rejectChange'] } },
  };
  const languageClient = new LanguageClient('resolution', 'Resolution Drafter', serverOptions, clientOptions);
  client = languageClient;

  const views = new ViewProvider();
  const status = window.createStatusBarItem('resolution.status', StatusBarAlignment.Left, 100);
  status.name = 'Resolution';
  status.command = 'resolution.showAmendedView';
  status.tooltip = 'Show the amended view';

  const documentInfo = async (editor: TextEditor, withPosition: boolean): Promise<DocumentInfo | undefined> =>
    (await languageClient.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_REQUEST, {
      uri: editor.document.uri.toString(),
      position: withPosition ? cursorOf(editor) : undefined,
    })) ?? undefined;

  const updateStatus = async (): Promise<void> => {
    const editor = activeResolutionEditor();
    if (!editor || !languageClient.isRunning()) {
      status.hide();
      return;
    }
    const info = await documentInfo(editor, true);
    const marks = info?.marks.length ?? 0;
    const changes = info?.change !== undefined ? `change ${info.change} of ${marks}` : marks > 0 ? `${marks} revision mark${marks === 1 ? '' : 's'}` : 'no revision marks';
    const parts = [info?.resolution ?? 'Resolution', changes];
    status.text = `$(law) ${parts.join(' · ')}`;
    status.show();
  };

  // From a hover link the document and position come as arguments; from the palette, the cursor's.
  const decide = (command: string, atCursor: boolean, nothing: string) => async (uri?: unknown, position?: unknown): Promise<void> => {
    const editor = activeResolutionEditor();
    const given = typeof uri === 'string' && typeof position === 'object' && position !== null;
    if (!editor && !given) return;
    const args: unknown[] = [given ? uri : editor?.document.uri.toString()];
    if (atCursor) args.push(given ? position : editor && cursorOf(editor));
    const changed = await commands.executeCommand<boolean>(command, ...args);
    if (!changed) void window.showInformationMessage(nothing);
  };

  const showView = (view: ViewKind) => async (): Promise<void> => {
    const editor = activeResolutionEditor();
    if (!editor) return;
    const document = await workspace.openTextDocument(viewUri(editor.document.uri, view));
    await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preview: true, preserveFocus: true });
  };

  context.subscriptions.push(
    ...registerInterchange(() => activeResolutionEditor()?.document.uri),
    status,
    workspace.registerTextDocumentContentProvider(VIEW_SCHEME, views),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId !== 'resolution' || event.document.uri.scheme === VIEW_SCHEME) return;
      views.sourceChanged(event.document.uri);
      if (event.document === window.activeTextEditor?.document) void updateStatus();
    }),
    workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === VIEW_SCHEME) views.closed(document.uri);
    }),
    window.onDidChangeActiveTextEditor(() => void updateStatus()),
    window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor === window.activeTextEditor) void updateStatus();
    }),
    commands.registerCommand('resolution.renumberDocument', decide(SERVER.renumberDocument, false, 'Nothing to renumber: the labels are in sequence, or an unclosed revision mark must be mended first.')),
    commands.registerCommand('resolution.insertClauseAfter', async () => {
      const editor = activeResolutionEditor();
      if (!editor) return;
      const target = await commands.executeCommand<LspPosition | null>(SERVER.insertClauseAfter, editor.document.uri.toString(), cursorOf(editor));
      if (!target) {
        void window.showInformationMessage('Place the cursor in a clause or on a section heading to insert a clause (and close any unclosed revision mark first).');
        return;
      }
      const position = editor.document.validatePosition(editor.selection.active.with(target.line, target.character));
      editor.selection = new Selection(position, position);
      editor.revealRange(editor.selection);
    }),
    commands.registerCommand('resolution.acceptAllChanges', decide(SERVER.acceptAllChanges, false, 'This document has no revision marks.')),
    commands.registerCommand('resolution.rejectAllChanges', decide(SERVER.rejectAllChanges, false, 'This document has no revision marks.')),
    commands.registerCommand('resolution.acceptChange', decide(SERVER.acceptChange, true, 'The cursor is not in a revision mark.')),
    commands.registerCommand('resolution.rejectChange', decide(SERVER.rejectChange, true, 'The cursor is not in a revision mark.')),
    commands.registerCommand('resolution.showAmendedView', showView('amended')),
    commands.registerCommand('resolution.showOriginalView', showView('original')),
    commands.registerCommand('resolution.buildCatalogue', async () => {
      const folders = workspace.workspaceFolders ?? [];
      const folder = folders.length > 1 ? await window.showWorkspaceFolderPick({ placeHolder: 'Folder whose .reso files make the catalogue' }) : folders[0];
      if (!folder) {
        void window.showInformationMessage('Open a folder of .reso files to build its catalogue.');
        return;
      }
      // The server writes the file (atomically, inside the workspace only) and says where.
      const built = await commands.executeCommand<{ text: string; files: number; uri: string } | null>(SERVER.buildCatalogue, folder.uri.toString());
      if (!built) return;
      const target = Uri.parse(built.uri);
      await window.showTextDocument(target, { preview: false });
      void window.showInformationMessage(`Catalogue of ${built.files} file${built.files === 1 ? '' : 's'} written to catalogue.json. Add it to "resolution.catalogue.paths" to share it.`);
    }),
    commands.registerCommand('resolution.restartServer', async () => {
      await languageClient.restart();
      void updateStatus();
    }),
  );
  registerTrackChanges(context);
  registerProposalCommands(context, languageClient);
  registerRevisionDecorations(context, languageClient);
  registerChangeNavigation(context, languageClient, activeResolutionEditor);
  registerPreview(context, languageClient, activeResolutionEditor);
  registerWalkthrough(context);
  registerWordCommands(context, languageClient);
  await languageClient.start();
  void updateStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
