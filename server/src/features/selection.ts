// Selection ranges: word, then each enclosing node (label, clause, section, resolution), then the document.

import type { Position, SelectionRange } from 'vscode-languageserver-types';
import { nodeAt, type ParsedDocument, type SyntaxNode } from '../syntax';
import { toOffset, toRange } from './convert';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’/.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

export function selectionRanges(document: ParsedDocument, positions: readonly Position[]): SelectionRange[] {
  return positions.map((position) => selectionRange(document, toOffset(document, position)));
}

function selectionRange(document: ParsedDocument, offset: number): SelectionRange {
  const spans: Array<[number, number]> = [];
  const word = wordAt(document.text, offset);
  if (word) spans.push(word);
  for (let node: SyntaxNode | undefined = nodeAt(document.root, offset); node; node = node.parent) spans.push([node.start, node.end]);
  let result: SelectionRange | undefined;
  // Build from the outside in, skipping spans equal to their parent.
  let previous: [number, number] | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const span = spans[i];
    if (previous && previous[0] === span[0] && previous[1] === span[1]) continue;
    if (previous && (span[0] < previous[0] || span[1] > previous[1])) continue;
    result = result ? { range: toRange(document, span[0], span[1]), parent: result } : { range: toRange(document, span[0], span[1]) };
    previous = span;
  }
  return result ?? { range: toRange(document, offset, offset) };
}

function wordAt(text: string, offset: number): [number, number] | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  WORD.lastIndex = 0;
  for (let match = WORD.exec(line); match; match = WORD.exec(line)) {
    const start = lineStart + match.index;
    const end = start + match[0].length;
    if (start <= offset && offset <= end) return [start, end];
  }
  return undefined;
}
