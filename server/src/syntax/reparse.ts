// Re-reading an edited text in part. Resolutions are read independently of each other: a level-one
// title line starts afresh whatever came before it. So after an edit only the resolutions it
// touched are parsed again (the "window"), and the nodes, marks and diagnostics after them move by
// the edit's length. The result equals a parse of the whole new text; wherever that cannot be
// shown from the text (a mark or comment left open that the edit could close, a proposal waiting
// at the window's end for its title, a child dropped for overlapping), the whole text is parsed
// instead.

import { movedDiagnostic, type SyntaxDiagnostic } from './diagnostics';
import { assembleDocument, documentState, parseDocument, type DocumentParts, type ParsedDocument } from './index';
import { LineIndex } from './lineIndex';
import type { DocumentNode, ResolutionNode, SyntaxNode } from './nodes';
import { parseViewFully } from './parser';
import { buildView, closerOfOpenerAt, moveMark, movedMark, scanRevisions, TextView, type RevisionMark } from './revisions';
import { countEndingBy, firstStartingFrom } from './spans';
import { commonPrefix, commonSuffix, noteEdit } from './textDiff';

/** A window larger than this share of the text is not worth the bookkeeping: the text is parsed whole. */
const MAX_WINDOW_SHARE = 0.5;

/**
 * The parse of `text`, an edited version of `previous`'s text. The nodes and marks that lie after
 * the edit are taken over and moved in place: `previous` must not be used afterwards.
 */
export function reparseDocument(previous: ParsedDocument, text: string): ParsedDocument {
  if (previous.text === text) return previous;
  return spliced(previous, text) ?? parseDocument(text);
}

interface Window {
  /** Source range of the old text that is read again, and its end in the new text. */
  start: number;
  oldEnd: number;
  newEnd: number;
}

function spliced(previous: ParsedDocument, text: string): ParsedDocument | undefined {
  const state = documentState(previous);
  if (!state || state.parts.overlapsDropped) return undefined;
  const parts = state.parts;
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, prefix);
  const oldEditEnd = old.length - suffix;
  const delta = text.length - old.length;
  const window = windowOf(previous.root, old, text, prefix, oldEditEnd, delta);
  if (!window || window.newEnd - window.start > MAX_WINDOW_SHARE * text.length) return undefined;

  // The window read on its own, as a document of its own.
  const source = text.slice(window.start, window.newEnd);
  const scanDiagnostics: SyntaxDiagnostic[] = [];
  const marks = scanRevisions(source, scanDiagnostics);
  const amended = buildView(source, marks, 'amended');
  const parseDiagnostics: SyntaxDiagnostic[] = [];
  let read: ReturnType<typeof parseViewFully>;
  try {
    read = parseViewFully(source, amended, parseDiagnostics);
  } catch {
    return undefined;
  }
  if (read.pendingProposal || read.overlapsDropped) return undefined;
  const head = read.root.children[0];
  if (!head || head.kind !== 'resolution' || head.start !== 0 || !head.title || read.root.frontMatter) return undefined;

  if (!openEndsStay(previous, window, text, source, marks, amended.text, scanDiagnostics, parseDiagnostics)) return undefined;

  // Nothing of the old text may cross the window's edges.
  const oldMarks = previous.revisions;
  const marksBefore = countEndingBy(oldMarks, window.start);
  const marksAfter = firstStartingFrom(oldMarks, window.oldEnd);
  for (let i = marksBefore; i < marksAfter; i++) if (oldMarks[i].start < window.start || oldMarks[i].end > window.oldEnd) return undefined;
  if (marksAfter < oldMarks.length && oldMarks[marksAfter].start < window.oldEnd) return undefined;
  if (marksBefore > 0 && oldMarks[marksBefore - 1].end > window.start) return undefined;
  const children = previous.root.children;
  const childrenBefore = countEndingBy(children, window.start);
  const childrenAfter = firstStartingFrom(children, window.oldEnd);
  if (childrenBefore < children.length && children[childrenBefore].start < window.start) return undefined;
  if (childrenAfter > childrenBefore && children[childrenAfter - 1].end > window.oldEnd) return undefined;
  // Comments that wait for what follows them (a DT's notes before a proposal or a title) target
  // across the edges: those before the window take what the window's first takes, those left
  // waiting at its end what they took before, the first node after it.
  const leading = previous.root.comments.filter((c) => c.start < window.start && c.target !== undefined && c.target.start >= window.start);
  if (leading.length > 0 && (!read.firstTarget || leading.some((c) => (c.target as SyntaxNode).start >= window.oldEnd))) return undefined;
  let following: SyntaxNode | undefined;
  if (read.pendingComments.length > 0 && window.oldEnd < old.length) {
    const waiting = previous.root.comments.filter((c) => c.start >= window.start && c.start < window.oldEnd && c.target !== undefined && c.target.start >= window.oldEnd);
    following = waiting[0]?.target;
    if (!following || waiting.some((c) => c.target !== following)) return undefined;
  }
  const diagnosticsCross = (list: readonly SyntaxDiagnostic[]) => list.some((d) => (d.start < window.start && d.end > window.start) || (d.start < window.oldEnd && d.end > window.oldEnd));
  if (diagnosticsCross(parts.scanDiagnostics) || diagnosticsCross(parts.parseDiagnostics)) return undefined;

  // From here on the old document is taken over.
  const oldView = previous.amended;
  const viewStart = oldView.fromSource(window.start).offset;
  const viewDelta = amended.text.length - (oldView.fromSource(window.oldEnd).offset - viewStart);
  for (const mark of marks) moveMark(mark, window.start);
  for (let i = marksAfter; i < oldMarks.length; i++) moveMark(oldMarks[i], delta);
  const revisions = [...oldMarks.slice(0, marksBefore), ...marks, ...oldMarks.slice(marksAfter)];
  const view = TextView.spliced(oldView, window.start, window.oldEnd, amended, text, delta, revisions.length === 0);

  const kept = keptLists(previous.root, window);
  for (const child of read.root.children) moveTree(child, window.start, viewStart);
  for (let i = childrenAfter; i < children.length; i++) moveTree(children[i], delta, viewDelta);
  const root = splicedRoot(previous.root, kept, read.root, text.length, view.text.length);
  for (const comment of leading) comment.target = read.firstTarget;
  if (following) for (const comment of read.pendingComments) comment.target = following;

  const movedDiagnostics = (list: readonly SyntaxDiagnostic[], inside: readonly SyntaxDiagnostic[]): SyntaxDiagnostic[] => [
    ...list.filter((d) => d.start < window.start),
    ...inside.map((d) => movedDiagnostic(d, window.start)),
    ...list.filter((d) => d.start >= window.oldEnd).map((d) => movedDiagnostic(d, delta)),
  ];
  const { original: oldOriginal, lines: oldLines } = state.built();
  const next: DocumentParts = {
    text,
    revisions,
    amended: view,
    root,
    scanDiagnostics: movedDiagnostics(parts.scanDiagnostics, scanDiagnostics),
    parseDiagnostics: movedDiagnostics(parts.parseDiagnostics, parseDiagnostics),
    overlapsDropped: false,
  };
  if (oldOriginal && oldOriginal !== oldView) {
    next.originalFrom = () => TextView.spliced(oldOriginal, window.start, window.oldEnd, buildView(source, marks.map((m) => movedMark(m, -window.start)), 'original'), text, delta, revisions.length === 0);
  }
  if (oldLines) next.linesFrom = () => LineIndex.edited(oldLines, text, prefix, oldEditEnd, oldEditEnd + delta);
  const document = assembleDocument(next);
  noteEdit(document, old, prefix, suffix);
  return document;
}

/**
 * An opener that finds no closer (a revision mark, a comment) is read up to the end of the text,
 * and an unclosed front matter looks for its `---` down the whole text. They are read the same
 * after the edit only if the window brings no closer for an opener before it, and nothing after
 * the window closes an opener inside it.
 */
function openEndsStay(
  previous: ParsedDocument,
  window: Window,
  text: string,
  source: string,
  marks: readonly RevisionMark[],
  viewText: string,
  scanDiagnostics: readonly SyntaxDiagnostic[],
  parseDiagnostics: readonly SyntaxDiagnostic[],
): boolean {
  const old = previous.text;
  for (const d of previous.diagnostics) {
    if (d.code === 'syntax.internal') return false;
    if (d.code === 'syntax.frontmatter' && !previous.root.frontMatter) return false;
    if (d.start >= window.start) continue;
    if (d.code === 'syntax.revision') {
      const closer = unclosedOpener(old, previous.revisions, d.start);
      if (closer !== undefined && source.includes(closer)) return false;
    }
    if (d.code === 'syntax.comment' && viewText.includes('-->')) return false;
  }
  for (const d of scanDiagnostics) {
    const closer = d.code === 'syntax.revision' ? unclosedOpener(source, marks, d.start) : undefined;
    if (closer !== undefined && text.includes(closer, window.newEnd)) return false;
  }
  if (parseDiagnostics.some((d) => d.code === 'syntax.comment')) {
    const oldView = previous.amended;
    if (oldView.text.includes('-->', oldView.fromSource(window.oldEnd).offset)) return false;
  }
  return true;
}

/** The closer an opener at `at` never found; none when a mark holds `at` (an opener inside a mark). */
function unclosedOpener(text: string, marks: readonly RevisionMark[], at: number): string | undefined {
  const index = firstStartingFrom(marks, at + 1) - 1;
  if (index >= 0 && marks[index].end > at) return undefined;
  return closerOfOpenerAt(text, at);
}

/**
 * The window: from the last resolution whose title line ends before the edit, to the first
 * resolution that starts after it (or the end of the text). Both edges are line starts, and the
 * line before the end edge is blank, so no line of the window looks past it (a plain heading
 * looks at the line after it).
 */
function windowOf(root: DocumentNode, old: string, text: string, editStart: number, oldEditEnd: number, delta: number): Window | undefined {
  const resolutions = root.resolutions;
  let first = firstStartingFrom(resolutions, editStart) - 1;
  while (first >= 0 && !headedBefore(resolutions[first], editStart)) first--;
  if (first < 0) return undefined;
  const start = resolutions[first].start;
  if (start > 0 && old.charCodeAt(start - 1) !== 10) return undefined;
  let next = first + 1;
  while (next < resolutions.length && resolutions[next].start <= oldEditEnd) next++;
  if (next >= resolutions.length) return { start, oldEnd: old.length, newEnd: text.length };
  const oldEnd = resolutions[next].start;
  const newEnd = oldEnd + delta;
  if (old.charCodeAt(oldEnd - 1) !== 10 || !blankLineBefore(text, start, newEnd)) return undefined;
  return { start, oldEnd, newEnd };
}

function headedBefore(resolution: ResolutionNode, offset: number): boolean {
  return resolution.title !== undefined && resolution.title.end < offset && resolution.parent?.kind === 'document';
}

/** The line that ends at `end` (a line start) holds only blanks, and lies after `start`. */
function blankLineBefore(text: string, start: number, end: number): boolean {
  let at = end - 2;
  while (at >= start) {
    const code = text.charCodeAt(at);
    if (code === 10) return true;
    if (code !== 32 && code !== 9 && code !== 13) return false;
    at--;
  }
  return false;
}

type ListName = 'children' | 'resolutions' | 'annexes' | 'paragraphs' | 'proposals' | 'comments' | 'footnoteDefinitions' | 'footnoteReferences';
const LISTS: readonly ListName[] = ['children', 'resolutions', 'annexes', 'paragraphs', 'proposals', 'comments', 'footnoteDefinitions', 'footnoteReferences'];

/** Per list of the root, its nodes before the window and after it (found before anything moves). */
type KeptLists = Record<ListName, { before: SyntaxNode[]; after: SyntaxNode[] }>;

function keptLists(root: DocumentNode, window: Window): KeptLists {
  // Lists hold nodes in the order a parse meets them, which is not always text order (sub-items'
  // footnote references come before their clause's): each part keeps its order, split by position.
  const kept = {} as KeptLists;
  for (const name of LISTS) {
    const list: readonly SyntaxNode[] = root[name];
    kept[name] = { before: list.filter((node) => node.start < window.start), after: list.filter((node) => node.start >= window.oldEnd) };
  }
  return kept;
}

function splicedRoot(old: DocumentNode, kept: KeptLists, window: DocumentNode, sourceLength: number, viewLength: number): DocumentNode {
  const join = <T extends SyntaxNode>(name: ListName, inside: readonly T[]): T[] => [...(kept[name].before as T[]), ...inside, ...(kept[name].after as T[])];
  const root: DocumentNode = {
    kind: 'document',
    start: 0,
    end: sourceLength,
    viewStart: 0,
    viewEnd: viewLength,
    children: join('children', window.children),
    parent: undefined,
    resolutions: join('resolutions', window.resolutions),
    annexes: join('annexes', window.annexes),
    paragraphs: join('paragraphs', window.paragraphs),
    proposals: join('proposals', window.proposals),
    comments: join('comments', window.comments),
    footnoteDefinitions: join('footnoteDefinitions', window.footnoteDefinitions),
    footnoteReferences: join('footnoteReferences', window.footnoteReferences),
  };
  if (old.frontMatter) root.frontMatter = old.frontMatter;
  for (const child of root.children) child.parent = root;
  return root;
}

/** Moves a node and everything under it, in place. */
function moveTree(top: SyntaxNode, delta: number, viewDelta: number): void {
  if (delta === 0 && viewDelta === 0) return;
  const stack: SyntaxNode[] = [top];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    node.start += delta;
    node.end += delta;
    node.viewStart += viewDelta;
    node.viewEnd += viewDelta;
    switch (node.kind) {
      case 'clause':
        node.textViewStart += viewDelta;
        node.textViewEnd += viewDelta;
        break;
      case 'heading':
        node.phraseStart += delta;
        node.phraseEnd += delta;
        break;
      case 'footnoteDefinition':
        node.markerEnd += delta;
        break;
    }
    const children = node.children;
    for (let i = 0; i < children.length; i++) stack.push(children[i]);
  }
}
