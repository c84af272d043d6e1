// Revision marks as a reviewer sees them: the ranges the editor paints (per kind, delimiters
// apart), the hover on a mark with Accept / Reject links, the Accept change / Reject change
// code actions, and the next or previous change from a selection.

import { MarkupKind, type CodeAction, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { decideAt } from '../analysis/changes';
import type { ParsedDocument, RevisionMark } from '../syntax';
import { workspaceEdit } from './codeActions';
import { toRange } from './convert';
import type { FeatureRequest, LanguageService } from './service';

/** Client commands the hover links to; they take `[uri, position]`. */
export const MARK_COMMANDS = { accept: 'resolution.acceptChange', reject: 'resolution.rejectChange' } as const;

export const REVISION_ACTION_KIND = 'refactor.rewrite.resolution.change';

/**
 * Ranges to paint, each a flat array of `[startLine, startCharacter, endLine, endCharacter, …]`
 * (compact: a large DT has thousands). Inserted and deleted text is the content of insertions and
 * deletions and the two sides of substitutions; delimiters are `{++`, `++}`, `~>` and the like.
 */
export interface RevisionRanges {
  version?: number;
  inserted: number[];
  deleted: number[];
  comments: number[];
  highlights: number[];
  delimiters: number[];
  /** The text of each comment, in the order of `comments`, for the side note. */
  commentTexts: string[];
}

export function revisionRanges(document: ParsedDocument): RevisionRanges {
  const lines = document.lines;
  const out: RevisionRanges = { inserted: [], deleted: [], comments: [], highlights: [], delimiters: [], commentTexts: [] };
  const push = (target: number[], start: number, end: number): void => {
    if (end <= start) return;
    const from = lines.positionAt(start);
    const to = lines.positionAt(end);
    target.push(from.line, from.character, to.line, to.character);
  };
  for (const mark of document.revisions) {
    push(out.delimiters, mark.start, mark.contentStart);
    switch (mark.kind) {
      case 'insertion':
        push(out.inserted, mark.contentStart, mark.contentEnd);
        break;
      case 'deletion':
        push(out.deleted, mark.contentStart, mark.contentEnd);
        break;
      case 'substitution': {
        const separator = mark.separator ?? mark.contentEnd;
        push(out.deleted, mark.contentStart, separator);
        if (mark.separator !== undefined) {
          push(out.delimiters, separator, separator + 2);
          push(out.inserted, separator + 2, mark.contentEnd);
        }
        break;
      }
      case 'comment':
        push(out.comments, mark.contentStart, mark.contentEnd);
        out.commentTexts.push(oneLine(document.text.slice(mark.contentStart, mark.contentEnd)));
        break;
      case 'highlight':
        push(out.highlights, mark.contentStart, mark.contentEnd);
        break;
    }
    push(out.delimiters, mark.contentEnd, mark.end);
  }
  return out;
}

const KIND_NAMES: Record<RevisionMark['kind'], string> = {
  insertion: 'Insertion',
  deletion: 'Deletion',
  substitution: 'Substitution',
  comment: 'Comment',
  highlight: 'Highlight',
};

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Document text shown in Markdown as itself: no emphasis, links or HTML can come from it. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function quoted(text: string, max = 300): string {
  const flat = oneLine(text);
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut ? `«${escapeMarkdown(cut)}»` : '(nothing)';
}

/** What a mark does, in words: `Deletion: removes «…»`. */
export function describeMark(document: ParsedDocument, mark: RevisionMark): string {
  const text = document.text;
  const content = text.slice(mark.contentStart, mark.contentEnd);
  switch (mark.kind) {
    case 'insertion':
      return `**Insertion**: adds ${quoted(content)}`;
    case 'deletion':
      return `**Deletion**: removes ${quoted(content)}`;
    case 'substitution': {
      const separator = mark.separator ?? mark.contentEnd;
      const after = mark.separator === undefined ? '' : text.slice(separator + 2, mark.contentEnd);
      return `**Substitution**: replaces ${quoted(text.slice(mark.contentStart, separator))} with ${quoted(after)}`;
    }
    case 'comment':
      return `**Comment**: ${quoted(content, 600)}`;
    case 'highlight':
      return `**Highlight** of ${quoted(content)}`;
  }
}

function commandLink(title: string, command: string, uri: string, position: Position, tooltip: string): string {
  const args = encodeURIComponent(JSON.stringify([uri, position]));
  return `[${title}](command:${command}?${args} "${tooltip}")`;
}

/** The section on a mark: appended to any other hover at that place (a citation inside a deletion). */
export function revisionMarkHover(request: FeatureRequest): Hover | undefined {
  const { document, offset, uri } = request;
  const mark = markContaining(document, offset, false);
  if (!mark) return undefined;
  // Inside the opener: at the start itself, the mark just before (`{--x--}{++y++}`) would also touch it.
  const at = document.lines.positionAt(mark.start + 1);
  const decisions = mark.kind === 'comment' || mark.kind === 'highlight'
    ? [commandLink('Remove', MARK_COMMANDS.accept, uri, at, 'Remove this mark')]
    : [commandLink('Accept', MARK_COMMANDS.accept, uri, at, 'Accept this change'), commandLink('Reject', MARK_COMMANDS.reject, uri, at, 'Reject this change')];
  return {
    contents: { kind: MarkupKind.Markdown, value: `${describeMark(document, mark)}\n\n${decisions.join(' · ')}` },
    range: toRange(document, mark.start, mark.end),
  };
}

/** Accept change / Reject change when the cursor or selection is inside a mark. */
export function revisionMarkActions(request: FeatureRequest & { end: number }): CodeAction[] {
  const { document, offset, uri } = request;
  const mark = markContaining(document, offset, true);
  if (!mark || request.end > mark.end) return [];
  const name = KIND_NAMES[mark.kind].toLowerCase();
  const actions: CodeAction[] = [];
  for (const decision of ['accept', 'reject'] as const) {
    if (decision === 'reject' && (mark.kind === 'comment' || mark.kind === 'highlight')) continue;
    const edits = decideAt(document, mark.start + 1, decision);
    if (edits.length === 0) continue;
    const title = mark.kind === 'comment' || mark.kind === 'highlight' ? `Remove ${name}` : `${decision === 'accept' ? 'Accept' : 'Reject'} change (${name})`;
    actions.push({ title, kind: REVISION_ACTION_KIND, edit: workspaceEdit(document, uri, edits) });
  }
  return actions;
}

export interface ChangeTarget {
  range: Range;
  /** 1-based. */
  index: number;
  total: number;
  /** The search went past the end (or the start) of the document and came round. */
  wrapped: boolean;
}

/**
 * The next or previous revision mark from a selection. Next: the first mark after the selection's
 * start (or the one starting there, unless it is the selection). Previous: the last mark starting
 * before the selection's start, so the deleted half of `{--x--}{++y++}` is not skipped.
 */
export function changeFrom(document: ParsedDocument, selectionStart: number, selectionEnd: number, forward: boolean): ChangeTarget | undefined {
  const marks = document.revisions;
  if (marks.length === 0) return undefined;
  let index = -1;
  if (forward) {
    index = firstIndex(marks, (m) => m.start > selectionStart || (m.start === selectionStart && selectionEnd < m.end));
  } else {
    index = lastIndex(marks, (m) => m.start < selectionStart);
  }
  const wrapped = index < 0;
  if (wrapped) index = forward ? 0 : marks.length - 1;
  const mark = marks[index];
  return { range: toRange(document, mark.start, mark.end), index: index + 1, total: marks.length, wrapped };
}

/** The 1-based number of the mark at an offset, for "change 3 of 196". */
export function changeNumberAt(document: ParsedDocument, offset: number): number | undefined {
  const marks = document.revisions;
  const i = lastIndex(marks, (m) => m.start <= offset);
  return i >= 0 && offset <= marks[i].end ? i + 1 : undefined;
}

/**
 * The mark the offset is in: of two marks that touch, the one starting there. `orJustAfter` also
 * takes a mark the offset closes (a cursor after `++}`).
 */
export function markContaining(document: ParsedDocument, offset: number, orJustAfter: boolean): RevisionMark | undefined {
  const marks = document.revisions;
  const i = lastIndex(marks, (m) => m.start <= offset);
  if (i < 0) return undefined;
  const mark = marks[i];
  return offset < mark.end || (orJustAfter && offset === mark.end) ? mark : undefined;
}

/** Marks are in order: binary searches keep a 10,000-mark DT instant. */
function firstIndex(marks: readonly RevisionMark[], after: (mark: RevisionMark) => boolean): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(marks[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo < marks.length ? lo : -1;
}

function lastIndex(marks: readonly RevisionMark[], before: (mark: RevisionMark) => boolean): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(marks[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function registerRevisionFeatures(service: LanguageService): void {
  service.hoverAppendices.push(revisionMarkHover);
  service.codeActionProviders.push(revisionMarkActions);
}
