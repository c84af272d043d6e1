// Two parses compared whole: tree (offsets, parents and comment targets named by kind and span),
// marks, both views, diagnostics, line index and the lines starting with a few literals.

import assert from 'node:assert/strict';
import type { ParsedDocument, SyntaxNode, TextView } from '../../server/src/syntax';

/** Literals whose line starts a view finds once and carries over a splice. */
export const LITERALS = ['Reasons:', 'a)', '1'];

type Plain = { [key: string]: unknown };

function place(node: SyntaxNode | undefined): string | undefined {
  return node ? `${node.kind}@${node.start}-${node.end}` : undefined;
}

/** A node as plain data: parents and comment targets named by kind and span, so cycles compare. */
export function plain(node: SyntaxNode): Plain {
  const out: Plain = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'target') out[key] = place(value as SyntaxNode | undefined);
    else if (key === 'children') out.children = (value as SyntaxNode[]).map(plain);
    else if (Array.isArray(value)) out[key] = value.map((v: unknown) => (v && typeof v === 'object' && 'kind' in v ? place(v as SyntaxNode) : v));
    else if (value && typeof value === 'object' && 'kind' in value) out[key] = place(value as SyntaxNode);
    else out[key] = value;
  }
  return out;
}

function viewData(view: TextView, sourceLength: number): Plain {
  return { kind: view.kind, text: view.text, identity: view.identity, removed: view.removedRanges(sourceLength) };
}

function lineStarts(document: ParsedDocument): number[] {
  return Array.from({ length: document.lines.lineCount }, (_, line) => document.lines.lineStart(line));
}

export function assertSameParse(actual: ParsedDocument, expected: ParsedDocument, where: string): void {
  assert.equal(actual.text, expected.text, where);
  assert.deepEqual(plain(actual.root), plain(expected.root), `${where}: tree`);
  assert.deepEqual(actual.revisions, expected.revisions, `${where}: marks`);
  assert.deepEqual(viewData(actual.amended, actual.text.length), viewData(expected.amended, expected.text.length), `${where}: amended view`);
  assert.deepEqual(actual.diagnostics, expected.diagnostics, `${where}: diagnostics`);
  assert.deepEqual(viewData(actual.original, actual.text.length), viewData(expected.original, expected.text.length), `${where}: original view`);
  assert.deepEqual(lineStarts(actual), lineStarts(expected), `${where}: line index`);
  for (const literal of LITERALS) assert.deepEqual(actual.amended.lineStartsOf(literal), expected.amended.lineStartsOf(literal), `${where}: lines starting \`${literal}\``);
  assert.deepEqual(plain(actual.originalRoot()), plain(expected.originalRoot()), `${where}: original tree`);
}

