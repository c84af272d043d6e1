// The preview: the document rendered as the printed resolution in a webview, beside the source or
// in its place, live as the source changes, its scroll kept in step with the editor's by source
// line both ways. Tracked, Amended and Original readings; problems as dots in the margin.

import { randomBytes } from 'node:crypto';
import {
  commands,
  DiagnosticSeverity,
  env,
  languages,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  window,
  workspace,
  type ExtensionContext,
  type TextDocument,
  type TextEditor,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { makeNonce, previewShell } from './previewShell';

const PREVIEW_REQUEST = 'resolution/preview';
type Mode = 'tracked' | 'amended' | 'original';

interface PreviewContent {
  mode: Mode;
  body: string;
  title: string;
  marks: number;
  lines: number;
  css: string;
  version?: number;
}

interface Problem {
  line: number;
  severity: 'error' | 'warning' | 'information';
  message: string;
}

type FromWebview = { type: 'ready' } | { type: 'mode'; mode: Mode } | { type: 'reveal'; line: number } | { type: 'open'; line: number };

function problemsOf(uri: Uri): Problem[] {
  return languages
    .getDiagnostics(uri)
    .filter((d) => d.severity !== DiagnosticSeverity.Hint)
    .map((d) => ({
      line: d.range.start.line,
      severity: d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'information',
      message: d.message,
    }));
}

class Preview {
  private mode: Mode;
  private timer: NodeJS.Timeout | undefined;
  /** Set while the editor scrolls because the preview asked: its echo is not sent back. */
  private editorScrollFromPreviewUntil = 0;
  private ready = false;

  constructor(
    readonly panel: WebviewPanel,
    readonly source: TextDocument,
    private readonly client: LanguageClient,
    mode: Mode,
    css: string,
  ) {
    this.mode = mode;
    const webview = panel.webview;
    webview.html = previewShell({ nonce: makeNonce((n) => randomBytes(n)), cspSource: webview.cspSource, css, mode, markers: true });
    webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message));
  }

  private editor(): TextEditor | undefined {
    return window.visibleTextEditors.find((e) => e.document === this.source);
  }

  private onMessage(message: FromWebview): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        void this.update(this.editor()?.visibleRanges[0]?.start.line);
        return;
      case 'mode':
        this.mode = message.mode;
        void this.update();
        return;
      case 'reveal': {
        const editor = this.editor();
        if (!editor || !Number.isFinite(message.line)) return;
        this.editorScrollFromPreviewUntil = Date.now() + 300;
        const line = Math.max(0, Math.min(message.line, this.source.lineCount - 1));
        editor.revealRange(new Range(line, 0, line, 0), TextEditorRevealType.AtTop);
        return;
      }
      case 'open': {
        const line = Math.max(0, Math.min(message.line, this.source.lineCount - 1));
        void window.showTextDocument(this.source, { viewColumn: this.editor()?.viewColumn ?? ViewColumn.One, selection: new Selection(line, 0, line, 0) });
        return;
      }
    }
  }

  /** Renders again from the server's parse and posts it, keeping the scroll at `line` if given. */
  async update(line?: number): Promise<void> {
    if (!this.ready) return;
    const content = await this.client.sendRequest<PreviewContent | null>(PREVIEW_REQUEST, { uri: this.source.uri.toString(), mode: this.mode }).catch(() => null);
    if (!content) return;
    this.panel.title = `Preview ${shortName(this.source.uri)}`;
    void this.panel.webview.postMessage({ type: 'content', mode: content.mode, body: content.body, marks: content.marks, problems: problemsOf(this.source.uri), line });
  }

  updateSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 150);
  }

  editorScrolled(line: number): void {
    if (Date.now() < this.editorScrollFromPreviewUntil) return;
    void this.panel.webview.postMessage({ type: 'scroll', line });
  }

  problemsChanged(): void {
    void this.panel.webview.postMessage({ type: 'problems', problems: problemsOf(this.source.uri) });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

function shortName(uri: Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}

export function registerPreview(context: ExtensionContext, client: LanguageClient, activeEditor: () => TextEditor | undefined): void {
  const previews = new Map<string, Preview>();

  const open = (beside: boolean) => async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) {
      void window.showInformationMessage('Open a .reso file to preview it.');
      return;
    }
    const key = editor.document.uri.toString();
    const column = beside ? ViewColumn.Beside : (editor.viewColumn ?? ViewColumn.Active);
    const existing = previews.get(key);
    if (existing) {
      existing.panel.reveal(column, beside);
      return;
    }
    const first = await client.sendRequest<PreviewContent | null>(PREVIEW_REQUEST, { uri: key, mode: 'tracked' }).catch(() => null);
    if (!first) {
      void window.showWarningMessage('The preview needs the language server, which is not running.');
      return;
    }
    const panel = window.createWebviewPanel('resolution.preview', `Preview ${shortName(editor.document.uri)}`, { viewColumn: column, preserveFocus: beside }, {
      enableScripts: true,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      // Nothing is loaded from disk; the extension's own folder is the most the webview may see.
      localResourceRoots: [context.extensionUri],
    });
    panel.iconPath = Uri.joinPath(context.extensionUri, 'client', 'icon.png');
    const preview = new Preview(panel, editor.document, client, 'tracked', first.css);
    previews.set(key, preview);
    panel.onDidDispose(() => {
      preview.dispose();
      previews.delete(key);
    });
  };

  const exportHtml = async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) {
      void window.showInformationMessage('Open a .reso file to export it.');
      return;
    }
    const modes: Array<{ label: string; description: string; mode: Mode }> = [
      { label: 'Tracked', description: 'insertions underlined, deletions struck through', mode: 'tracked' },
      { label: 'Amended', description: 'every change accepted', mode: 'amended' },
      { label: 'Original', description: 'the text before the changes', mode: 'original' },
    ];
    const picked = await window.showQuickPick(modes, { placeHolder: 'Which reading of the revision marks?' });
    if (!picked) return;
    const source = editor.document.uri;
    const suggested = source.scheme === 'file' ? Uri.file(source.fsPath.replace(/\.reso$/i, '') + '.html') : undefined;
    const target = await window.showSaveDialog({ defaultUri: suggested, filters: { 'HTML page': ['html'] }, saveLabel: 'Export' });
    if (!target) return;
    const page = await client.sendRequest<string | null>('resolution/htmlPage', { uri: source.toString(), mode: picked.mode });
    if (page === null) return;
    await workspace.fs.writeFile(target, new TextEncoder().encode(page));
    const open = await window.showInformationMessage(`Exported to ${target.path.split('/').pop() ?? 'the page'}.`, 'Open in browser');
    if (open) await env.openExternal(target);
  };

  context.subscriptions.push(
    commands.registerCommand('resolution.exportHtml', exportHtml),
    commands.registerCommand('resolution.openPreview', open(false)),
    commands.registerCommand('resolution.openPreviewToSide', open(true)),
    workspace.onDidChangeTextDocument((event) => previews.get(event.document.uri.toString())?.updateSoon()),
    window.onDidChangeTextEditorVisibleRanges((event) => {
      const preview = previews.get(event.textEditor.document.uri.toString());
      const top = event.visibleRanges[0];
      if (preview && top) preview.editorScrolled(top.start.line);
    }),
    languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) previews.get(uri.toString())?.problemsChanged();
    }),
    { dispose: () => previews.forEach((preview) => preview.panel.dispose()) },
  );
}
