// Track changes as you type: while on (per document; on by default in a MOD proposal), each
// change the drafter makes is rewritten at once as revision marks by the pure tracked edit,
// in the same undo step as the change itself, so that Undo takes back both.

import {
  commands,
  Range,
  Selection,
  StatusBarAlignment,
  TextDocumentChangeReason,
  window,
  workspace,
  type ExtensionContext,
  type StatusBarItem,
  type TextDocument,
  type TextDocumentChangeEvent,
  type TextEditor,
} from 'vscode';
import { applyEdit, brokenMark, trackEdit, type DeleteIntent, type PlainEdit } from '../../server/src/drafting/trackedEdit';

const VIEW_SCHEME = 'resolution-view';
export const TOGGLE_COMMAND = 'resolution.toggleTrackChanges';
const CONTEXT_KEY = 'resolution.trackChanges';

interface Tracked {
  /** The text as last made consistent: every change after it is yet to be marked. */
  clean: string;
  /** The caret before the latest change (offset in `clean`), to tell Backspace from Delete. */
  caret?: number;
  busy: boolean;
  /** The changes of the latest event (last first), when they are the only ones since `clean`. */
  lastChanges?: PlainEdit[];
  /**
   * Fingerprints of the texts left with every change marked. The editor may keep a change and
   * its marks as neighbouring undo steps: undo and redo go on until they reach one of these, so
   * that the drafter never lands on an unmarked change.
   */
  markedStates: Set<string>;
  /** Undo or redo steps taken on the drafter's behalf in a row. */
  extraSteps: number;
}

const MAX_MARKED_STATES = 2000;
const MAX_EXTRA_STEPS = 20;

/** Length and FNV-1a hash of a text. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(hash >>> 0).toString(36)}`;
}

/** The one plain edit turning `before` into `after`: their common start and end stay. */
function difference(before: string, after: string): PlainEdit {
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start: head, end: before.length - tail, text: after.slice(head, after.length - tail) };
}

function isResolution(document: TextDocument): boolean {
  return document.languageId === 'resolution' && document.uri.scheme !== VIEW_SCHEME;
}

export class TrackChanges {
  /** Per document: on or off as chosen, or as its kind gave it when first seen. */
  private readonly state = new Map<string, boolean>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly status: StatusBarItem;
  private warned = new Set<string>();

  constructor(context: ExtensionContext) {
    this.status = window.createStatusBarItem('resolution.trackChanges', StatusBarAlignment.Left, 99);
    this.status.name = 'Track changes';
    this.status.command = TOGGLE_COMMAND;
    context.subscriptions.push(
      this.status,
      commands.registerCommand(TOGGLE_COMMAND, () => this.toggle()),
      workspace.onDidChangeTextDocument((event) => this.changed(event)),
      workspace.onDidCloseTextDocument((document) => {
        this.tracked.delete(document.uri.toString());
        this.state.delete(document.uri.toString());
      }),
      window.onDidChangeActiveTextEditor(() => this.refresh()),
      window.onDidChangeTextEditorSelection((event) => {
        const entry = this.tracked.get(event.textEditor.document.uri.toString());
        if (entry && !entry.busy && event.selections.length === 1 && event.selections[0].isEmpty) {
          entry.caret = event.textEditor.document.offsetAt(event.selections[0].active);
        } else if (entry) entry.caret = undefined;
      }),
    );
    for (const editor of window.visibleTextEditors) this.seen(editor.document);
    workspace.onDidOpenTextDocument((document) => this.seen(document), undefined, context.subscriptions);
    this.refresh();
  }

  /** Whether changes to the document are tracked. */
  isOn(document: TextDocument): boolean {
    return this.state.get(document.uri.toString()) === true;
  }

  private seen(document: TextDocument): void {
    if (!isResolution(document) || this.state.has(document.uri.toString())) return;
    // A MOD proposal is drafted with track changes on.
    const mod = /^MOD[ \t]/m.test(document.getText());
    this.state.set(document.uri.toString(), false);
    if (mod) this.start(document, false);
  }

  /** Turns tracking on, unless a broken mark makes what the text says uncertain. */
  private start(document: TextDocument, loud: boolean): boolean {
    const text = document.getText();
    const broken = brokenMark(text);
    if (broken) {
      const message = `Track changes cannot start: line ${broken.line + 1} has a broken revision mark (${broken.message}). Mend it first.`;
      if (loud || !this.warned.has(document.uri.toString())) void window.showWarningMessage(message);
      this.warned.add(document.uri.toString());
      return false;
    }
    this.state.set(document.uri.toString(), true);
    this.tracked.set(document.uri.toString(), { clean: text, busy: false, markedStates: new Set([fingerprint(text)]), extraSteps: 0 });
    this.refresh();
    return true;
  }

  private stop(document: TextDocument): void {
    this.state.set(document.uri.toString(), false);
    this.tracked.delete(document.uri.toString());
    this.refresh();
  }

  toggle(): void {
    const editor = window.activeTextEditor;
    if (!editor || !isResolution(editor.document)) return;
    if (this.isOn(editor.document)) this.stop(editor.document);
    else this.start(editor.document, true);
  }

  private refresh(): void {
    const editor = window.activeTextEditor;
    if (!editor || !isResolution(editor.document)) {
      this.status.hide();
      void commands.executeCommand('setContext', CONTEXT_KEY, false);
      return;
    }
    const on = this.isOn(editor.document);
    this.status.text = on ? '$(edit) Track changes: on' : '$(circle-slash) Track changes: off';
    this.status.tooltip = on ? 'What you type is written as revision marks. Click to stop tracking.' : 'Click to write what you type as revision marks.';
    this.status.show();
    void commands.executeCommand('setContext', CONTEXT_KEY, on);
  }

  private changed(event: TextDocumentChangeEvent): void {
    const entry = this.tracked.get(event.document.uri.toString());
    if (!entry || event.contentChanges.length === 0) return;
    // Undo and redo restore a state that was already consistent: nothing to mark.
    if (event.reason === TextDocumentChangeReason.Undo || event.reason === TextDocumentChangeReason.Redo) {
      const text = event.document.getText();
      entry.clean = text;
      if (!entry.markedStates.has(fingerprint(text)) && entry.extraSteps < MAX_EXTRA_STEPS) {
        entry.extraSteps++;
        void commands.executeCommand(event.reason === TextDocumentChangeReason.Undo ? 'undo' : 'redo');
      } else entry.extraSteps = 0;
      return;
    }
    if (entry.busy) return;
    entry.lastChanges = event.contentChanges
      .map((change) => ({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text }))
      .sort((a, b) => b.start - a.start);
    void this.mark(event.document, entry);
  }

  /** Rewrites what changed since the clean text as marks; again while changes keep coming. */
  private async mark(document: TextDocument, entry: Tracked): Promise<void> {
    entry.busy = true;
    try {
      for (let round = 0; round < 5; round++) {
        const current = document.getText();
        if (current === entry.clean) return;
        // The event's own changes when they are all that happened since the clean text (several
        // at once from multiple cursors or a command's edit: each is marked on its own); else the
        // one edit between the two texts.
        const fromEvent = entry.lastChanges;
        entry.lastChanges = undefined;
        const plains = fromEvent && fromEvent.reduce((text, change) => applyEdit(text, change), entry.clean) === current ? fromEvent : [difference(entry.clean, current)];
        let desired = entry.clean;
        let caret: number | undefined;
        let failure: string | undefined;
        for (const plain of plains) {
          const intent: DeleteIntent | undefined =
            plains.length === 1 && plain.text === '' && entry.caret !== undefined ? (entry.caret === plain.end ? 'backspace' : entry.caret === plain.start ? 'delete' : undefined) : undefined;
          const result = trackEdit(desired, plain, intent);
          if (!result.ok) {
            failure = result.message;
            break;
          }
          desired = applyEdit(desired, result.edit);
          caret = plains.length === 1 ? result.edit.caret : undefined;
        }
        if (failure !== undefined) {
          void window.showWarningMessage(`Track changes: ${failure} The change stays as typed, without marks.`);
          this.marked(entry, current);
          return;
        }
        const correction = difference(current, desired);
        if (correction.start === correction.end && correction.text === '') {
          this.marked(entry, desired);
          continue;
        }
        const editor = window.visibleTextEditors.find((e) => e.document === document);
        const applied = editor ? await this.apply(editor, correction) : false;
        if (applied) {
          this.marked(entry, desired);
          if (editor && caret !== undefined && editor.selections.length === 1 && document.getText() === desired) {
            const position = document.positionAt(caret);
            editor.selection = new Selection(position, position);
          }
        }
        // Not applied: the text moved on meanwhile; the next round marks everything since `clean`.
      }
    } finally {
      entry.busy = false;
      entry.caret = undefined;
      const editor = window.visibleTextEditors.find((e) => e.document === document);
      if (editor && editor.selections.length === 1 && editor.selection.isEmpty) entry.caret = document.offsetAt(editor.selection.active);
    }
  }

  private marked(entry: Tracked, text: string): void {
    entry.clean = text;
    entry.markedStates.add(fingerprint(text));
    if (entry.markedStates.size > MAX_MARKED_STATES) entry.markedStates.delete(entry.markedStates.values().next().value ?? '');
  }

  private async apply(editor: TextEditor, correction: PlainEdit): Promise<boolean> {
    const document = editor.document;
    const range = new Range(document.positionAt(correction.start), document.positionAt(correction.end));
    // No undo stop before: the marks join the change they mark in one undo step.
    return editor.edit((builder) => builder.replace(range, correction.text), { undoStopBefore: false, undoStopAfter: false });
  }
}

export function registerTrackChanges(context: ExtensionContext): TrackChanges {
  return new TrackChanges(context);
}
