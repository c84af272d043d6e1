// Entry point of the syntax layer: parse a source text into its revision marks, its two
// views and a lossless tree built on the amended view.

import type { SyntaxDiagnostic } from './diagnostics';
import { LineIndex } from './lineIndex';
import { countEndingBy } from './spans';
import type { DocumentNode } from './nodes';
import { emptyDocument, parseViewFully } from './parser';
import { buildView, movedMark, scanRevisions, type RevisionMark, type TextView, type ViewKind } from './revisions';

export interface ParsedDocument {
  readonly text: string;
  /** Structure of the amended view, lossless over the source. */
  readonly root: DocumentNode;
  readonly revisions: readonly RevisionMark[];
  readonly amended: TextView;
  readonly original: TextView;
  /** Syntax diagnostics: revision marks, front matter, comments, footnotes. */
  readonly diagnostics: readonly SyntaxDiagnostic[];
  readonly lines: LineIndex;
  /** Structure of the original view (built on first use). */
  originalRoot(): DocumentNode;
}

export function parseDocument(text: string): ParsedDocument {
  const scanDiagnostics: SyntaxDiagnostic[] = [];
  const revisions = scanRevisions(text, scanDiagnostics);
  const amended = buildView(text, revisions, 'amended');
  const parseDiagnostics: SyntaxDiagnostic[] = [];
  const parsed = safeParse(text, amended, parseDiagnostics);
  return assembleDocument({ text, revisions, amended, root: parsed.root, scanDiagnostics, parseDiagnostics, overlapsDropped: parsed.overlapsDropped });
}

/** What a document was made of, kept so that an edited text can be re-read in part (see reparse.ts). */
export interface DocumentParts {
  text: string;
  revisions: RevisionMark[];
  amended: TextView;
  root: DocumentNode;
  /** Diagnostics of the revision marks, then of the parse, each in text order. */
  scanDiagnostics: SyntaxDiagnostic[];
  parseDiagnostics: SyntaxDiagnostic[];
  overlapsDropped: boolean;
  /** How to make the original view and the line index other than from scratch. */
  originalFrom?: () => TextView;
  linesFrom?: () => LineIndex;
}

interface DocumentState {
  parts: DocumentParts;
  /** The original view and the line index, if they were built. */
  built(): { original?: TextView; lines?: LineIndex };
}

// Kept on the document as a symbol that is not enumerable: a spread does not copy it, and a
// narrowed copy (`Object.create(document)`) finds it on its prototype.
const STATE = Symbol('document state');

/** The parts a document was assembled from, and its lazily built views, if it was made here. */
export function documentState(document: ParsedDocument): Readonly<DocumentState> | undefined {
  return (document as ParsedDocument & { [STATE]?: DocumentState })[STATE];
}

export function assembleDocument(parts: DocumentParts): ParsedDocument {
  const { text, root, revisions, amended } = parts;
  const diagnostics = [...parts.scanDiagnostics, ...parts.parseDiagnostics];
  checkFootnotes(root, diagnostics);
  // What is built on demand lives in the getters' own variables: holding it in an object the
  // getters share made large parses spend twice as long collecting garbage.
  let original: TextView | undefined = revisions.length === 0 ? amended : undefined;
  let originalRoot: DocumentNode | undefined = revisions.length === 0 ? root : undefined;
  let lines: LineIndex | undefined;
  let originalFrom = parts.originalFrom;
  let linesFrom = parts.linesFrom;
  const document: ParsedDocument = {
    text,
    root,
    revisions,
    amended,
    get original() {
      if (!original) {
        original = originalFrom?.() ?? buildView(text, revisions, 'original');
        // What it was made from is let go.
        originalFrom = undefined;
      }
      return original;
    },
    diagnostics,
    get lines() {
      if (!lines) {
        lines = linesFrom?.() ?? new LineIndex(text);
        linesFrom = undefined;
      }
      return lines;
    },
    originalRoot() {
      originalRoot ??= safeParse(text, this.original, []).root;
      return originalRoot;
    },
  };
  const state: DocumentState = { parts, built: () => ({ original, lines }) };
  Object.defineProperty(document, STATE, { value: state });
  return document;
}

/**
 * The text one view holds for the source range [start, end). When that view is not built yet
 * (the original view, on a keystroke), it is read from the lines around the range alone, widened
 * until no revision mark crosses their edges: a view keeps or drops text mark by mark and line by
 * line, so those lines read the same on their own.
 */
export function viewText(document: ParsedDocument, kind: ViewKind, start: number, end: number): string {
  const state = documentState(document);
  const built = kind === 'amended' ? document.amended : state ? state.built().original : document.original;
  if (built) return built.text.slice(built.fromSource(start).offset, built.fromSource(end).offset);
  const text = document.text;
  const marks = document.revisions;
  let from = lineStartAt(text, start);
  let to = lineAfter(text, end);
  let first = 0;
  let last = 0;
  for (let widened = true; widened; ) {
    widened = false;
    first = countEndingBy(marks, from);
    last = first;
    while (last < marks.length && marks[last].start < to) last++;
    if (first < last && marks[first].start < from) {
      from = lineStartAt(text, marks[first].start);
      widened = true;
    }
    if (first < last && marks[last - 1].end > to) {
      to = lineAfter(text, marks[last - 1].end);
      widened = true;
    }
  }
  const local = marks.slice(first, last).map((m) => movedMark(m, -from));
  const view = buildView(text.slice(from, to), local, kind);
  return view.text.slice(view.fromSource(start - from).offset, view.fromSource(end - from).offset);
}

function lineStartAt(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one holding `offset` (or the text's end). */
function lineAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}


/** The parser is written never to throw; should it ever, the document still gets a tree and says why. */
function safeParse(text: string, view: TextView, diagnostics: SyntaxDiagnostic[]): { root: DocumentNode; overlapsDropped: boolean } {
  try {
    return parseViewFully(text, view, diagnostics);
  } catch (error) {
    diagnostics.push({
      code: 'syntax.internal',
      severity: 'error',
      start: 0,
      end: 0,
      message: `The document could not be parsed (${error instanceof Error ? error.message : String(error)}); please report this text.`,
    });
    return { root: emptyDocument(text.length, view.text.length), overlapsDropped: false };
  }
}

function checkFootnotes(root: DocumentNode, diagnostics: SyntaxDiagnostic[]): void {
  const defined = new Map<string, number>();
  for (const definition of root.footnoteDefinitions) {
    if (defined.has(definition.id)) {
      diagnostics.push({
        code: 'footnote.duplicate',
        severity: 'error',
        start: definition.start,
        end: definition.markerEnd,
        message: `Footnote [^${definition.id}] is defined twice; a footnote has one definition.`,
      });
    } else defined.set(definition.id, 0);
  }
  for (const reference of root.footnoteReferences) {
    const uses = defined.get(reference.id);
    if (uses === undefined) {
      diagnostics.push({
        code: 'footnote.undefined',
        severity: 'error',
        start: reference.start,
        end: reference.end,
        message: `Footnote [^${reference.id}] has no definition; every marker needs a line \`[^${reference.id}]: …\`.`,
      });
    } else defined.set(reference.id, uses + 1);
  }
  for (const definition of root.footnoteDefinitions) {
    if (defined.get(definition.id) === 0) {
      diagnostics.push({
        code: 'footnote.unused',
        severity: 'warning',
        start: definition.start,
        end: definition.markerEnd,
        message: `Footnote [^${definition.id}] is defined but never referenced; a definition needs its marker \`[^${definition.id}]\` in the text.`,
      });
      defined.set(definition.id, -1);
    }
  }
}

export type { SyntaxDiagnostic } from './diagnostics';
export * from './nodes';
export { LineIndex } from './lineIndex';
export { TextView, type RevisionMark } from './revisions';
