// Revision-mark commands in LSP shapes: accept or reject all changes or the one at the
// cursor, the marks for navigation, and the two views as text.

import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { decideAll, decideAt, type ChangeDecision } from '../analysis/changes';
import { workspaceEdit } from './codeActions';
import { toRange } from './convert';
import { changeNumberAt } from './revisionMarks';
import type { LanguageService } from './service';

export function decideChanges(service: LanguageService, uri: string, decision: ChangeDecision, position?: Position): WorkspaceEdit | undefined {
  const document = service.document(uri);
  if (!document) return undefined;
  const edits = position ? decideAt(document, document.lines.offsetAt(position), decision) : decideAll(document, decision);
  return edits.length > 0 ? workspaceEdit(document, uri, edits) : undefined;
}

export interface DocumentInfo {
  /** The revision marks, in order. */
  marks: Range[];
  /** Title of the resolution at the position, when one was asked for and found. */
  resolution?: string;
  /** 1-based number of the mark at the position, when the position is in one. */
  change?: number;
}

export function documentInfo(service: LanguageService, uri: string, position?: Position): DocumentInfo | undefined {
  const document = service.document(uri);
  if (!document) return undefined;
  const info: DocumentInfo = { marks: document.revisions.map((mark) => toRange(document, mark.start, mark.end)) };
  if (position) {
    const offset = document.lines.offsetAt(position);
    const change = changeNumberAt(document, offset);
    if (change !== undefined) info.change = change;
    const resolutions = document.root.resolutions;
    // Outside any resolution (front matter, a proposal line), name the next one, else the last.
    const resolution =
      resolutions.find((r) => r.start <= offset && offset <= r.end) ?? resolutions.find((r) => r.start > offset) ?? resolutions[resolutions.length - 1];
    const title = resolution?.title;
    if (title) info.resolution = [title.number ? `${title.form === 'other' ? '' : capitalize(title.form)} ${title.number}`.trim() : title.text, title.revision ? `(${title.revision.rev ? 'Rev. ' : ''}${title.revision.place}, ${title.revision.year})` : ''].join(' ').trim();
  }
  return info;
}

function capitalize(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

export function viewText(service: LanguageService, uri: string, view: 'amended' | 'original'): string | undefined {
  const document = service.document(uri);
  if (!document) return undefined;
  return view === 'amended' ? document.amended.text : document.original.text;
}
