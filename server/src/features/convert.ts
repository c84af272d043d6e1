// Offsets to LSP positions and back, at the edge of the service.

import type { Position, Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../syntax';

export function toRange(document: ParsedDocument, start: number, end: number): Range {
  return { start: document.lines.positionAt(start), end: document.lines.positionAt(end) };
}

export function toOffset(document: ParsedDocument, position: Position): number {
  return document.lines.offsetAt(position);
}
