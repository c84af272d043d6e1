// Folding: front matter, resolutions, annexes, sections, clauses with several lines, comments.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { allClauses, type ParsedDocument } from '../syntax';

export function foldingRanges(document: ParsedDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lines = document.lines;
  const add = (start: number, end: number, kind?: FoldingRangeKind): void => {
    const startLine = lines.positionAt(start).line;
    // A range ending at a line start ends on the line before.
    const endPosition = lines.positionAt(end);
    const endLine = endPosition.character === 0 && endPosition.line > startLine ? endPosition.line - 1 : endPosition.line;
    if (endLine > startLine) ranges.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const root = document.root;
  if (root.frontMatter) add(root.frontMatter.start, root.frontMatter.end);
  for (const comment of root.comments) add(comment.start, comment.end, FoldingRangeKind.Comment);
  for (const annex of root.annexes) add(annex.start, annex.end, FoldingRangeKind.Region);
  for (const resolution of root.resolutions) {
    add(resolution.start, resolution.end, FoldingRangeKind.Region);
    for (const section of resolution.sections) {
      add(section.start, section.end, FoldingRangeKind.Region);
      for (const clause of allClauses(section.clauses)) add(clause.start, clause.end);
    }
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
