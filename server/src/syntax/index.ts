// Entry point of the syntax layer: parse a source text into its revision marks, its two
// views and a lossless tree built on the amended view.

import type { SyntaxDiagnostic } from './diagnostics';
import { LineIndex } from './lineIndex';
import type { DocumentNode } from './nodes';
import { emptyDocument, parseView } from './parser';
import { buildView, scanRevisions, type RevisionMark, type TextView } from './revisions';

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
  const diagnostics: SyntaxDiagnostic[] = [];
  const revisions = scanRevisions(text, diagnostics);
  const amended = buildView(text, revisions, 'amended');
  const root = safeParse(text, amended, diagnostics);
  checkFootnotes(root, diagnostics);
  let original: TextView | undefined = revisions.length === 0 ? amended : undefined;
  let originalRoot: DocumentNode | undefined = revisions.length === 0 ? root : undefined;
  let lines: LineIndex | undefined;
  return {
    text,
    root,
    revisions,
    amended,
    get original() {
      original ??= buildView(text, revisions, 'original');
      return original;
    },
    diagnostics,
    get lines() {
      lines ??= new LineIndex(text);
      return lines;
    },
    originalRoot() {
      originalRoot ??= safeParse(text, this.original, []);
      return originalRoot;
    },
  };
}

/** The parser is written never to throw; should it ever, the document still gets a tree and says why. */
function safeParse(text: string, view: TextView, diagnostics: SyntaxDiagnostic[]): DocumentNode {
  try {
    return parseView(text, view, diagnostics);
  } catch (error) {
    diagnostics.push({
      code: 'syntax.internal',
      severity: 'error',
      start: 0,
      end: 0,
      message: `The document could not be parsed (${error instanceof Error ? error.message : String(error)}); please report this text.`,
    });
    return emptyDocument(text.length, view.text.length);
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
