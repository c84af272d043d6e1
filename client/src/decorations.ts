// Revision marks painted as Word shows tracked changes: insertions underlined on a tint, deletions
// struck through and dimmed, substitutions as both, comments as notes, the delimiters faded (or
// hidden but on the cursor's line). The ranges come from the server's parse, not the grammar, so
// a citation or label inside a mark takes the mark's look. Colours are theme colours.

import {
  DecorationRangeBehavior,
  Range,
  ThemeColor,
  window,
  workspace,
  type DecorationOptions,
  type ExtensionContext,
  type TextEditor,
  type TextEditorDecorationType,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RevisionRanges } from '../../server/src/features/revisionMarks';

const RANGES_REQUEST = 'resolution/revisionRanges';

type DelimiterLook = 'faded' | 'hidden' | 'shown';

function color(id: string): ThemeColor {
  return new ThemeColor(`resolution.${id}`);
}

function createTypes(): Record<'inserted' | 'deleted' | 'comment' | 'highlight' | 'delimiter' | 'hiddenDelimiter' | 'note', TextEditorDecorationType> {
  const closed = DecorationRangeBehavior.ClosedClosed;
  return {
    inserted: window.createTextEditorDecorationType({
      color: color('insertedText.foreground'),
      backgroundColor: color('insertedText.background'),
      textDecoration: 'underline',
      rangeBehavior: closed,
    }),
    deleted: window.createTextEditorDecorationType({
      color: color('deletedText.foreground'),
      backgroundColor: color('deletedText.background'),
      textDecoration: 'line-through',
      opacity: '0.8',
      rangeBehavior: closed,
    }),
    comment: window.createTextEditorDecorationType({
      color: color('comment.foreground'),
      backgroundColor: color('comment.background'),
      fontStyle: 'italic',
      borderRadius: '3px',
      rangeBehavior: closed,
    }),
    highlight: window.createTextEditorDecorationType({ backgroundColor: color('highlight.background'), rangeBehavior: closed }),
    delimiter: window.createTextEditorDecorationType({ color: color('delimiter.foreground'), opacity: '0.55', rangeBehavior: closed }),
    // Hidden: the characters stay in the text (and on the cursor's line they show), they are only not drawn.
    hiddenDelimiter: window.createTextEditorDecorationType({ textDecoration: 'none; display: none;', rangeBehavior: closed }),
    note: window.createTextEditorDecorationType({
      after: { color: color('comment.foreground'), backgroundColor: color('comment.background'), margin: '0 0 0 2em', fontStyle: 'italic' },
    }),
  };
}

function toRanges(flat: readonly number[]): Range[] {
  const out: Range[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) out.push(new Range(flat[i], flat[i + 1], flat[i + 2], flat[i + 3]));
  return out;
}

interface Painted {
  version: number;
  inserted: Range[];
  deleted: Range[];
  comments: Range[];
  highlights: Range[];
  delimiters: Range[];
  commentTexts: string[];
}

export class RevisionDecorations {
  private types = createTypes();
  private readonly byDocument = new Map<string, Painted>();
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly client: LanguageClient) {}

  private settings(): { enabled: boolean; delimiters: DelimiterLook } {
    const config = workspace.getConfiguration('resolution.revisionMarks');
    const delimiters = config.get<string>('delimiters', 'faded');
    return { enabled: config.get<boolean>('decorations', true), delimiters: delimiters === 'hidden' || delimiters === 'shown' ? delimiters : 'faded' };
  }

  /** Asks the server for the ranges of the editor's document, then paints every editor showing it. */
  async refresh(editor: TextEditor): Promise<void> {
    const document = editor.document;
    if (document.languageId !== 'resolution' || !this.client.isRunning()) return;
    const key = document.uri.toString();
    const version = document.version;
    const ranges = await this.client.sendRequest<RevisionRanges | null>(RANGES_REQUEST, { uri: key }).catch(() => null);
    // A newer version is on its way: its own refresh paints it.
    if (!ranges || document.version !== version) return;
    this.byDocument.set(key, {
      version,
      inserted: toRanges(ranges.inserted),
      deleted: toRanges(ranges.deleted),
      comments: toRanges(ranges.comments),
      highlights: toRanges(ranges.highlights),
      delimiters: toRanges(ranges.delimiters),
      commentTexts: ranges.commentTexts,
    });
    for (const visible of window.visibleTextEditors) if (visible.document === document) this.paint(visible);
  }

  /** Soon after typing stops: a large DT is not re-asked on every key. */
  refreshSoon(editor: TextEditor, delayMs = 120): void {
    const key = editor.document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      void this.refresh(editor);
    }, delayMs));
  }

  /** Paints from what is known; only the cursor-line exception of hidden delimiters changes here. */
  paint(editor: TextEditor): void {
    const painted = this.byDocument.get(editor.document.uri.toString());
    const { enabled, delimiters } = this.settings();
    const types = this.types;
    if (!painted || !enabled || painted.version !== editor.document.version) {
      if (!enabled) for (const type of Object.values(types)) editor.setDecorations(type, []);
      return;
    }
    editor.setDecorations(types.inserted, painted.inserted);
    editor.setDecorations(types.deleted, painted.deleted);
    const cursorLines = new Set<number>();
    for (const selection of editor.selections) for (let line = selection.start.line; line <= selection.end.line; line++) cursorLines.add(line);
    const onCursorLine = (range: Range): boolean => {
      for (let line = range.start.line; line <= range.end.line; line++) if (cursorLines.has(line)) return true;
      return false;
    };
    // Hidden delimiters: a comment leaves the line too and stands as a side note at its end,
    // unless the cursor is on it (then it is there to edit).
    const sideNotes = delimiters === 'hidden' ? painted.comments.map((range) => !onCursorLine(range)) : painted.comments.map(() => false);
    editor.setDecorations(types.comment, painted.comments.filter((_, i) => !sideNotes[i]));
    editor.setDecorations(types.highlight, painted.highlights);
    const hidden: Range[] = painted.comments.filter((_, i) => sideNotes[i]).map((range) => range);
    const faded: Range[] = [];
    if (delimiters !== 'shown') {
      for (const range of painted.delimiters) {
        if (delimiters === 'hidden' && !onCursorLine(range)) hidden.push(range);
        else faded.push(range);
      }
    }
    editor.setDecorations(types.delimiter, faded);
    editor.setDecorations(types.hiddenDelimiter, hidden);
    const notes: DecorationOptions[] = [];
    painted.comments.forEach((range, i) => {
      if (!sideNotes[i]) return;
      const end = editor.document.lineAt(range.end.line).range.end;
      notes.push({ range: new Range(end, end), renderOptions: { after: { contentText: `\u270E ${painted.commentTexts[i] ?? ''}` } } });
    });
    editor.setDecorations(types.note, notes);
  }

  /** Only hidden delimiters depend on the cursor: nothing else is repainted as it moves. */
  cursorMoved(editor: TextEditor): void {
    if (this.settings().delimiters === 'hidden') this.paint(editor);
  }

  forget(uri: string): void {
    this.byDocument.delete(uri);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    for (const type of Object.values(this.types)) type.dispose();
  }
}

export function registerRevisionDecorations(context: ExtensionContext, client: LanguageClient): RevisionDecorations {
  const decorations = new RevisionDecorations(client);
  const refreshVisible = (): void => {
    for (const editor of window.visibleTextEditors) if (editor.document.languageId === 'resolution') void decorations.refresh(editor);
  };
  context.subscriptions.push(
    decorations,
    window.onDidChangeVisibleTextEditors(refreshVisible),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId !== 'resolution') return;
      const editor = window.visibleTextEditors.find((e) => e.document === event.document);
      if (editor) decorations.refreshSoon(editor);
    }),
    workspace.onDidCloseTextDocument((document) => decorations.forget(document.uri.toString())),
    window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor.document.languageId === 'resolution') decorations.cursorMoved(event.textEditor);
    }),
    workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('resolution.revisionMarks')) for (const editor of window.visibleTextEditors) decorations.paint(editor);
    }),
    client.onDidChangeState(() => refreshVisible()),
  );
  refreshVisible();
  return decorations;
}
