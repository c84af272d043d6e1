// Next change / Previous change: select the revision mark, reveal it, and say where it is
// ("change 3 of 196"), announcing a wrap round the document. The server picks the mark.

import { commands, Range, Selection, TextEditorRevealType, window, type ExtensionContext, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const CHANGE_REQUEST = 'resolution/change';

interface LspPosition {
  line: number;
  character: number;
}

interface ChangeTarget {
  range: { start: LspPosition; end: LspPosition };
  index: number;
  total: number;
  wrapped: boolean;
}

export function registerChangeNavigation(context: ExtensionContext, client: LanguageClient, activeEditor: () => TextEditor | undefined): void {
  const move = (forward: boolean) => async (): Promise<void> => {
    const editor = activeEditor();
    if (!editor) return;
    const selection = editor.selection;
    const target = await client.sendRequest<ChangeTarget | null>(CHANGE_REQUEST, {
      uri: editor.document.uri.toString(),
      start: { line: selection.start.line, character: selection.start.character },
      end: { line: selection.end.line, character: selection.end.character },
      forward,
    });
    if (!target) {
      void window.showInformationMessage('This document has no revision marks.');
      return;
    }
    const { start, end } = target.range;
    const range = new Range(start.line, start.character, end.line, end.character);
    // The cursor (the active end) at the start: the status bar then names this change, not one touching its end.
    editor.selection = new Selection(range.end, range.start);
    editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
    const where = `Change ${target.index} of ${target.total}`;
    const wrap = target.wrapped ? (forward ? ' (wrapped round to the start of the document)' : ' (wrapped round to the end of the document)') : '';
    context.subscriptions.push(window.setStatusBarMessage(`$(diff) ${where}${wrap}`, target.wrapped ? 6000 : 4000));
  };
  context.subscriptions.push(
    commands.registerCommand('resolution.nextChange', move(true)),
    commands.registerCommand('resolution.previousChange', move(false)),
  );
}
