// Editing commands: renumber the whole document, insert a clause after the cursor,
// and continue the label sequence when Enter is pressed at the end of a clause.

import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { clauseAt } from '../analysis/crossrefs';
import { fixesWithheld } from '../analysis/fixProviders';
import type { OffsetEdit } from '../analysis/edits';
import { clauseLists, printLabel, type ClauseList } from '../analysis/numbering';
import { listOf, listsWithProblems, planRenumber, tracksChanges } from '../analysis/renumber';
import { parseDocument, type ClauseNode, type ParsedDocument } from '../syntax';
import { toTextEdits, workspaceEdit } from './codeActions';
import { LanguageService } from './service';

export const COMMANDS = {
  renumberDocument: 'resolution.server.renumberDocument',
  insertClauseAfter: 'resolution.server.insertClauseAfter',
} as const;

export function renumberDocument(service: LanguageService, uri: string): WorkspaceEdit | undefined {
  const document = service.document(uri);
  if (!document || fixesWithheld(document)) return undefined;
  const plan = planRenumber(document, listsWithProblems(document), tracksChanges(document, service.settingsFor(uri).renumber.trackChanges));
  return plan.edits.length > 0 ? workspaceEdit(document, uri, plan.edits) : undefined;
}

export interface InsertedClause {
  edit: WorkspaceEdit;
  /** Where the cursor goes: inside the new clause, after its label. */
  cursor: Position;
}

/** The indentation of the line a clause starts on. */
function indentOf(document: ParsedDocument, clause: ClauseNode): string {
  const text = document.text;
  const lineStart = text.lastIndexOf('\n', clause.start) + (text[clause.start] === '\n' ? 0 : 1);
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(lineStart, end);
}

function isDecimal(clause: ClauseNode): boolean {
  return clause.label?.form === 'number' && clause.label.value.includes('.');
}

/**
 * The clause a new one goes after, and the new one's label: after a decimal paragraph the next
 * decimal (`1.2`); after a numbered clause, past its decimal paragraphs, the next number.
 */
function placeAfter(list: ClauseList, clause: ClauseNode): { anchor: ClauseNode; label: string } {
  const index = list.clauses.indexOf(clause);
  if (list.style === 'bullet') return { anchor: clause, label: '-' };
  if (isDecimal(clause)) {
    const [major, minor] = (clause.label?.value ?? '1.0').split('.');
    return { anchor: clause, label: `${major}.${Number(minor) + 1}` };
  }
  let anchor = clause;
  for (let i = index + 1; i < list.clauses.length && isDecimal(list.clauses[i]); i++) anchor = list.clauses[i];
  const majorsSoFar = list.clauses.slice(0, index + 1).filter((c) => !isDecimal(c)).length;
  return { anchor, label: printLabel(majorsSoFar + 1, list.style) };
}

function printedFor(list: ClauseList, characters: string): string {
  return list.style === 'number' ? characters : `${characters})`;
}

/**
 * Inserts an empty clause after the clause at the cursor (after its sub-items), with the
 * label its place needs, and renumbers what follows and the cross-references, in one edit.
 */
export function insertClauseAfter(service: LanguageService, uri: string, position: Position): InsertedClause | undefined {
  const document = service.document(uri);
  // A new clause written as `{++…++}` could pair with a broken mark: mend the marks first.
  if (!document || fixesWithheld(document)) return undefined;
  const offset = document.lines.offsetAt(position);
  const place = clauseAt(document, offset);
  if (!place) return undefined;
  const track = tracksChanges(document, service.settingsFor(uri).renumber.trackChanges);
  let anchorEnd: number;
  let label: string;
  let indent = '';
  if (place.clause) {
    const clause = place.clause;
    const list = listOf(document, clause);
    if (!list) return undefined;
    const placed = placeAfter(list, clause);
    label = placed.label;
    anchorEnd = placed.anchor.end;
    indent = indentOf(document, clause);
  } else {
    // On a heading: the new clause comes first in the section.
    const section = place.section;
    const list = clauseLists(place.resolution).find((l) => l.section === section && !l.parent);
    label = list ? printedFor(list, list.style === 'number' ? '1' : 'a') : 'a)';
    anchorEnd = (section.intro ?? section.heading).end;
  }
  const body = `${label} `;
  // Inside inserted text the new clause is simply more inserted text.
  const plain = !track || document.revisions.some((m) => (m.kind === 'insertion' || m.kind === 'substitution') && m.contentStart <= anchorEnd && anchorEnd <= m.contentEnd);
  const inserted = plain ? body : `{++${body}++}`;
  const before = `\n${indent}`;
  const insert: OffsetEdit = { start: anchorEnd, end: anchorEnd, newText: before + inserted };
  const edits = withRenumbering(document, insert, anchorEnd + before.length + (plain ? 0 : 3) + body.length, track);
  const lines = document.lines;
  const anchor = lines.positionAt(anchorEnd);
  return {
    edit: workspaceEdit(document, uri, edits),
    cursor: { line: anchor.line + 1, character: indent.length + (plain ? 0 : 3) + body.length },
  };
}

/**
 * An insertion that starts a clause, with the renumbering of its list that follows from it
 * (labels after it, cross-references to them): planned on the text with the new clause, then
 * carried back to this text, so that all of it is one edit and one undo step.
 */
function withRenumbering(document: ParsedDocument, insert: OffsetEdit, cursorOffset: number, track: boolean): OffsetEdit[] {
  const at = insert.start;
  const after = document.text.slice(0, at) + insert.newText + document.text.slice(insert.end);
  const next = parseDocument(after);
  const newPlace = clauseAt(next, cursorOffset);
  const newList = newPlace?.clause && listOf(next, newPlace.clause);
  const shift = insert.newText.length - (insert.end - insert.start);
  const renumber = newList ? planRenumber(next, [newList], track).edits : [];
  const edits: OffsetEdit[] = [insert];
  for (const edit of renumber) {
    if (edit.start >= at + insert.newText.length) edits.push({ start: edit.start - shift, end: edit.end - shift, newText: edit.newText });
    else if (edit.end <= at) edits.push(edit);
  }
  return edits;
}

/**
 * After Enter at the end of a clause line: the next label of that list (or the first
 * sub-item, after a clause that ends with a colon). Nothing when the new line has text.
 */
export function labelOnEnter(service: LanguageService, uri: string, position: Position): TextEdit[] {
  if (!service.settingsFor(uri).onTypeLabels) return [];
  const document = service.document(uri);
  if (!document || position.line === 0) return [];
  const lines = document.lines;
  const lineStart = lines.lineStart(position.line);
  const lineText = document.text.slice(lineStart, lines.lineEnd(position.line));
  if (lineText.trim() !== '') return [];
  const previousEnd = lines.lineEnd(position.line - 1);
  if (previousEnd <= lines.lineStart(position.line - 1)) return [];
  const place = clauseAt(document, previousEnd);
  const clause = place?.clause;
  if (!clause || clause.end !== previousEnd) return [];
  const list = listOf(document, clause);
  if (!list) return [];
  const indent = indentOf(document, clause);
  const ownText = document.amended.text.slice(clause.textViewStart, clause.textViewEnd).trimEnd();
  let insert: string;
  if (ownText.endsWith(':') && clause.items.length === 0) {
    insert = `${indent}  i) `;
  } else if (clause.items.length > 0) {
    return [];
  } else {
    insert = `${indent}${placeAfter(list, clause).label} `;
  }
  const edit: OffsetEdit = { start: lineStart, end: lineStart + lineText.length, newText: insert };
  if (!service.settings.renumber.onInsert) return toTextEdits(document, [edit]);
  const track = tracksChanges(document, service.settings.renumber.trackChanges);
  return toTextEdits(document, withRenumbering(document, edit, lineStart + insert.length, track));
}

const LABEL_TOKEN = /(?:[a-z]{1,3}\)|[ivxlcdm]+\)|\d+(?:\.\d+)*|-)/.source;
const TWO_LABELS = new RegExp(`^([ \\t]*)(${LABEL_TOKEN}) (${LABEL_TOKEN}) $`);

/**
 * A label typed where Enter already put one (`b) ` then `c) ` typed): the typed label stays,
 * the one Enter put goes. Only when the first is the label Enter gives there and nothing follows.
 */
export function typedLabel(service: LanguageService, uri: string, position: Position): TextEdit[] {
  if (!service.settings.onTypeLabels) return [];
  const document = service.document(uri);
  if (!document || position.line === 0) return [];
  const lines = document.lines;
  const lineStart = lines.lineStart(position.line);
  const lineEnd = lines.lineEnd(position.line);
  const cursor = lines.offsetAt(position);
  if (cursor !== lineEnd) return [];
  const match = TWO_LABELS.exec(document.text.slice(lineStart, lineEnd));
  if (!match) return [];
  const [, indent, given] = match;
  // What Enter would have put on this line, were it empty.
  const blank = document.text.slice(0, lineStart) + document.text.slice(lineEnd);
  const probe = new LanguageService();
  probe.settings = { ...service.settings, renumber: { ...service.settings.renumber, onInsert: false } };
  probe.setDocument(uri, blank);
  const expected = labelOnEnter(probe, uri, { line: position.line, character: 0 })[0]?.newText;
  if (expected !== `${indent}${given} `) return [];
  return [{ range: { start: lines.positionAt(lineStart + indent.length), end: lines.positionAt(lineStart + indent.length + given.length + 1) }, newText: '' }];
}
