// Document outline: resolution > section > clause (> sub-item), annexes beside them.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ClauseNode, ParsedDocument, ResolutionNode, SectionNode } from '../syntax';
import { detached } from '../syntax/strings';
import { toRange } from './convert';

const FIRST_WORDS = 8;

export function documentSymbols(document: ParsedDocument): DocumentSymbol[] {
  const root = document.root;
  const symbols: DocumentSymbol[] = [];
  for (const child of root.children) {
    if (child.kind === 'resolution') symbols.push(resolutionSymbol(document, child));
    else if (child.kind === 'annex') {
      symbols.push(symbol(document, child.title.text, 'annex', SymbolKind.Module, child.start, child.end, child.title.start, child.title.end, []));
    }
  }
  return symbols;
}

function resolutionSymbol(document: ParsedDocument, resolution: ResolutionNode): DocumentSymbol {
  const title = resolution.title;
  const name = title ? title.text : 'Resolution (untitled)';
  const detail = resolution.subtitle?.text ?? '';
  const selection = title ?? resolution;
  return symbol(document, name, detail, SymbolKind.Class, resolution.start, resolution.end, selection.start, selection.end,
    resolution.sections.map((section) => sectionSymbol(document, section)));
}

function sectionSymbol(document: ParsedDocument, section: SectionNode): DocumentSymbol {
  const heading = section.heading;
  const detail = heading.headingKind === 'unknown' ? 'heading' : heading.headingKind;
  return symbol(document, heading.phrase, detail, SymbolKind.Namespace, section.start, section.end, heading.start, heading.end,
    section.clauses.map((clause) => clauseSymbol(document, clause)));
}

/**
 * Clause names by node: a node that a partial re-read carried over has the same text, so an
 * outline asked for after each keystroke names only the clauses read anew.
 */
const clauseNames = new WeakMap<ClauseNode, string>();

function clauseName(document: ParsedDocument, clause: ClauseNode): string {
  let name = clauseNames.get(clause);
  if (name === undefined) {
    const label = clause.label;
    const labelText = label ? (label.form === 'paren' ? `${label.value})` : label.value) : '';
    const words = firstWords(document.amended.text.slice(clause.textViewStart, clause.textViewEnd));
    // A copy: a carried node outlives its text, and a name cut from it would keep that text alive.
    name = detached(labelText ? `${labelText} ${words}` : words || '(empty clause)');
    clauseNames.set(clause, name);
  }
  return name;
}

function clauseSymbol(document: ParsedDocument, clause: ClauseNode): DocumentSymbol {
  const name = clauseName(document, clause);
  const selection = clause.label ?? clause;
  return symbol(document, name, '', clause.depth === 0 ? SymbolKind.Field : SymbolKind.EnumMember, clause.start, clause.end,
    selection.start, selection.end, clause.items.map((item) => clauseSymbol(document, item)));
}

export function firstWords(text: string, count = FIRST_WORDS): string {
  const words = text.replace(/[*]/g, '').trim().split(/\s+/).filter((w) => w.length > 0);
  const head = words.slice(0, count).join(' ');
  return words.length > count ? `${head} …` : head;
}

function symbol(
  document: ParsedDocument,
  name: string,
  detail: string,
  kind: SymbolKind,
  start: number,
  end: number,
  selectionStart: number,
  selectionEnd: number,
  children: DocumentSymbol[],
): DocumentSymbol {
  return {
    name: name.trim() || '(empty)',
    detail,
    kind,
    range: toRange(document, start, end),
    selectionRange: toRange(document, selectionStart, Math.max(selectionStart, Math.min(selectionEnd, end))),
    children,
  };
}
