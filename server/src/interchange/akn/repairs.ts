// Repairs of what PDF-to-AKN converters get wrong, on the statement as read, before it becomes
// the model. Each repair works on clauses whose content is plain text (what converters write);
// text with formatting or revisions is left alone. Each one is counted.

import type { Footnote, Inline } from '../model';
import { classifyHeading } from '../../syntax/vocabulary';
import { letterLabel, letterValue, romanLabel } from '../../syntax/labels';

export interface RawClause {
  label?: Inline[];
  content: Inline[];
  items: RawClause[];
  /** A comment printed before the clause (what a repair did). */
  comment?: string;
}

export interface RawSection {
  heading: Inline[];
  preamble: boolean;
  intro?: Inline[];
  clauses: RawClause[];
  comment?: string;
}

export interface RawAnnex {
  title: Inline[];
  paragraphs: Inline[][];
  /** Comments before paragraph n. */
  comments?: Record<number, string[]>;
}

export interface RawStatement {
  kind: string;
  number?: string;
  title: Inline[];
  subtitle?: Inline[];
  authority?: Inline[];
  paragraphs: Inline[][];
  sections: RawSection[];
  annexes: RawAnnex[];
  /** Free paragraphs after the resolution (text with no place), each with a comment saying why. */
  trailing: Array<{ inlines: Inline[]; comment?: string }>;
  /** Comments printed after the resolution. */
  comments: string[];
  footnotes: Footnote[];
  frontMatter?: import('../model').FrontMatter;
  proposal?: import('../model').Proposal;
  reasons?: Inline[];
}

export const REPAIR_KINDS = {
  headingInText: 'headings found in paragraph text',
  footnoteMarker: 'footnote markers unglued from words',
  footnoteText: 'footnote texts cut out of clauses',
  clauseSplit: 'run-together clauses split back',
  labelFromText: 'labels taken out of the text',
  labelBySequence: 'labels given by sequence',
  annexHeading: 'annex and part headings cut out of clauses',
  crossReference: 'cross-references put back in italics',
  tableCell: 'stray table cells dropped',
} as const;

export type RepairKind = keyof typeof REPAIR_KINDS;
export type RepairCounts = Record<RepairKind, number>;

export function emptyRepairCounts(): RepairCounts {
  return { headingInText: 0, footnoteMarker: 0, footnoteText: 0, clauseSplit: 0, labelFromText: 0, labelBySequence: 0, annexHeading: 0, crossReference: 0, tableCell: 0 };
}

// ---- plain text with footnote markers --------------------------------------------

const NOTE_OPEN = '\u0001';
const NOTE_CLOSE = '\u0002';
const ITALIC_OPEN = '\u0003';
const ITALIC_CLOSE = '\u0004';

/** The content as one string when it is plain text (footnote markers as tokens); undefined otherwise. */
export function plainOf(inlines: readonly Inline[]): string | undefined {
  let out = '';
  for (const inline of inlines) {
    if (inline.type === 'footnote' && !inline.change) out += `${NOTE_OPEN}${inline.id}${NOTE_CLOSE}`;
    else if (inline.type === 'text' && !inline.italic && !inline.bold && !inline.change && !inline.highlight) out += inline.text;
    else return undefined;
  }
  return out;
}

export function fromPlain(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = new RegExp(`${NOTE_OPEN}([^${NOTE_CLOSE}]*)${NOTE_CLOSE}|${ITALIC_OPEN}([^${ITALIC_CLOSE}]*)${ITALIC_CLOSE}`, 'g');
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) out.push({ type: 'text', text: text.slice(at, match.index) });
    if (match[1] !== undefined) out.push({ type: 'footnote', id: match[1] });
    else out.push({ type: 'text', text: match[2], italic: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ type: 'text', text: text.slice(at) });
  return out.filter((inline) => inline.type !== 'text' || inline.text !== '');
}

const plainLabel = (label: readonly Inline[] | undefined): string => (label ?? []).map((inline) => (inline.type === 'text' && inline.change?.kind !== 'deletion' ? inline.text : '')).join('').trim();
const labelInlines = (label: string): Inline[] => [{ type: 'text', text: label }];

// ---- the repairs -------------------------------------------------------------------

export function repairStatement(statement: RawStatement, counts: RepairCounts): void {
  cutAnnexHeadings(statement, counts);
  dropTableCells(statement, counts);
  for (const section of statement.sections) for (const clause of section.clauses) takeLabelFromText(clause, counts);
  splitHeadings(statement, counts);
  cutFootnoteTexts(statement, counts);
  for (const section of statement.sections) splitRunTogether(section.clauses, counts);
  markGluedFootnotes(statement, counts);
  for (const section of statement.sections) labelBySequence(section.clauses, section.preamble, 0, counts);
  italicizeCrossReferences(statement, counts);
}

/**
 * `referred to in resolves 8 above`, `instructs the ITU Council 2`, `in decides above`: the
 * extraction lost the italics of internal cross-references. A heading of this text followed by
 * one of its section's labels, or by `above`/`below`, is put back in italics.
 */
function italicizeCrossReferences(statement: RawStatement, counts: RepairCounts): void {
  const sections = new Map<string, Set<string>>();
  for (const section of statement.sections) {
    const phrase = section.heading.map((inline) => (inline.type === 'text' && inline.change?.kind !== 'deletion' ? inline.text : '')).join('').trim();
    if (!phrase) continue;
    const labels = sections.get(phrase) ?? new Set<string>();
    for (const clause of section.clauses) {
      const label = plainLabel(clause.label);
      if (label) labels.add(label.replace(/\)$/, ''));
    }
    sections.set(phrase, labels);
  }
  if (sections.size === 0) return;
  const phrases = [...sections.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\w*-])(${phrases.join('|')})(?:\\s+(\\d{1,3}(?:\\.\\d{1,3})?|[a-z]{1,3}\\)))?(?=(\\s+(?:above|below)\\b)?)`, 'g');
  const visit = (clause: RawClause): void => {
    const text = plainOf(clause.content);
    if (text !== undefined) {
      let changed = false;
      const repaired = text.replace(pattern, (whole: string, phrase: string, label: string | undefined, place: string | undefined, offset: number) => {
        const labels = sections.get(phrase);
        const value = label?.replace(/\)$/, '');
        const known = value !== undefined && labels?.has(value);
        // Not at the start of the clause: a clause never opens with a reference to its own heading.
        if (offset === 0 || (!known && !place)) return whole;
        changed = true;
        counts.crossReference++;
        return known ? `${ITALIC_OPEN}${phrase}${ITALIC_CLOSE} ${label}` : `${ITALIC_OPEN}${phrase}${ITALIC_CLOSE}${label ? ` ${label}` : ''}`;
      });
      if (changed) clause.content = fromPlain(repaired);
    }
    clause.items.forEach(visit);
  };
  for (const section of statement.sections) section.clauses.forEach(visit);
}

/** `ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)` inside a clause: it and all that follows is the annex. */
const ANNEX_HEADING = /\bANNEX(?:\s+\d+)?\s+TO\s+(?:DRAFT\s+)?(?:NEW\s+)?(?:RESOLUTION|DECISION|RECOMMENDATION)\s+\d+\s*(?:\([^)]*\))?/;
/** `PART VI - RESOLUTIONS`: a heading of the compilation, not of the text. */
const PART_HEADING = /\bPART\s+[IVXLC]+\s*[-\u2013\u2014]\s*[A-Z][A-Z,' ]*[A-Z]/;

function clauseAsText(clause: RawClause): string {
  const label = plainLabel(clause.label);
  const own = (plainOf(clause.content) ?? clause.content.map((i) => (i.type === 'text' ? i.text : '')).join('')).trim();
  const items = clause.items.map(clauseAsText);
  return [label ? `${label} ${own}` : own, ...items].filter((part) => part !== '').join(' ');
}

function cutAnnexHeadings(statement: RawStatement, counts: RepairCounts): void {
  for (let s = 0; s < statement.sections.length; s++) {
    const section = statement.sections[s];
    for (let c = 0; c < section.clauses.length; c++) {
      const clause = section.clauses[c];
      const text = plainOf(clause.content);
      if (text === undefined) continue;
      const part = PART_HEADING.exec(text);
      if (part) {
        clause.content = fromPlain(text.slice(0, part.index).trimEnd());
        const rest = text.slice(part.index + part[0].length).trim();
        statement.comments.push(part[0]);
        if (rest) statement.trailing.push({ inlines: fromPlain(rest), comment: `text after the heading "${part[0]}", which had run into a clause` });
        counts.annexHeading++;
        continue;
      }
      const annex = ANNEX_HEADING.exec(text);
      if (!annex) continue;
      counts.annexHeading++;
      clause.content = fromPlain(text.slice(0, annex.index).trimEnd());
      // Everything after the heading, this clause's rest and every clause after it, is annex text.
      const pieces: Array<{ text: string; label?: string; cell?: boolean }> = [];
      const rest = text.slice(annex.index + annex[0].length).trim();
      if (rest) pieces.push({ text: rest });
      const moved = section.clauses.splice(c + 1);
      for (const later of statement.sections.splice(s + 1)) moved.push({ content: later.heading, items: [] }, ...later.clauses);
      for (const later of moved) pieces.push({ text: clauseAsText({ ...later, label: undefined }), label: plainLabel(later.label) || undefined });
      let current: RawAnnex = { title: [{ type: 'text', text: annex[0] }], paragraphs: [] };
      statement.annexes.unshift(current);
      let inserted = 1;
      for (const piece of pieces) {
        // A later annex's heading inside the text starts that annex.
        let body = piece.text;
        let first = true;
        for (;;) {
          const next = ANNEX_HEADING.exec(body);
          const head = next ? body.slice(0, next.index).trim() : body.trim();
          if (head || (first && piece.label)) {
            const index = current.paragraphs.length;
            current.paragraphs.push(fromPlain(head));
            if (first && piece.label !== undefined) ((current.comments ??= {})[index] ??= []).push(`label ${piece.label} of the converter`);
          }
          first = false;
          if (!next) break;
          counts.annexHeading++;
          current = { title: [{ type: 'text', text: next[0] }], paragraphs: [] };
          statement.annexes.splice(inserted++, 0, current);
          body = body.slice(next.index + next[0].length);
        }
      }
      return;
    }
  }
}

const CELL = /^[\d.,\s]*$/;

/** Table cells the converter made into numbered paragraphs (`<num>0</num><p>0</p>`): dropped, with a comment. */
function dropTableCells(statement: RawStatement, counts: RepairCounts): void {
  for (const annex of statement.annexes) {
    const kept: Inline[][] = [];
    const comments: Record<number, string[]> = {};
    annex.paragraphs.forEach((paragraph, index) => {
      const own = annex.comments?.[index] ?? [];
      const text = plainOf(paragraph) ?? '';
      const label = own.map((comment) => /^label (\S+) of the converter$/.exec(comment)?.[1]).find((value) => value !== undefined);
      const others = own.filter((comment) => !/^label \S+ of the converter$/.test(comment));
      if (label !== undefined) counts.tableCell++;
      if (CELL.test(text) && text.trim() !== '') {
        counts.tableCell++;
        (comments[kept.length] ??= []).push(...others, `table cell dropped: ${[label, text.trim()].filter(Boolean).join(' ')}`);
        return;
      }
      if (label !== undefined) others.push(`table cell dropped: ${label}`);
      if (others.length > 0) comments[kept.length] = [...(comments[kept.length] ?? []), ...others];
      kept.push(paragraph);
    });
    // Comments left after the last paragraph go before it: nothing is lost.
    const last = Object.keys(comments).map(Number).filter((index) => index >= kept.length);
    for (const index of last) {
      if (kept.length === 0) kept.push([]);
      (comments[kept.length - 1] ??= []).push(...comments[index]);
      delete comments[index];
    }
    annex.paragraphs = kept;
    annex.comments = comments;
  }
  for (const section of statement.sections) {
    section.clauses = section.clauses.filter((clause, index, all) => {
      const text = plainOf(clause.content);
      const label = plainLabel(clause.label);
      if (text === undefined || clause.items.length > 0 || !(label === '0' || label === '') || !CELL.test(text) || text.trim() === '') return true;
      counts.tableCell++;
      const next = all[index + 1];
      const comment = `table cell dropped: ${[label, text.trim()].filter(Boolean).join(' ')}`;
      if (next) next.comment = next.comment ? `${comment}; ${next.comment}` : comment;
      else statement.comments.push(comment);
      return false;
    });
  }
}

const LABEL_AT_START = /^([a-z]{1,3}\)|[ivxlc]+\)|\d{1,3}(?:\.\d{1,3})*)\s+(?=\S)/;

function takeLabelFromText(clause: RawClause, counts: RepairCounts): void {
  if (plainLabel(clause.label) === '') {
    const text = plainOf(clause.content);
    const match = text === undefined ? null : LABEL_AT_START.exec(text);
    if (text !== undefined && match) {
      clause.label = labelInlines(match[1]);
      clause.content = fromPlain(text.slice(match[0].length));
      counts.labelFromText++;
    }
  }
  for (const item of clause.items) takeLabelFromText(item, counts);
}

/** `…, instructs the Secretary-General and the Directors of the Bureaux` at the end of a clause: a heading. */
const HEADING_AT_END = /,\s+((?:further\s+)?(?:instructs|invites|resolves|decides|urges|encourages|requests|calls upon|authorizes|recommends|considering|recognizing|recalling|noting|aware|bearing in mind|emphasizing|taking into account)\b[^;:.]*)$/;

function splitHeadings(statement: RawStatement, counts: RepairCounts): void {
  for (let s = 0; s < statement.sections.length; s++) {
    const section = statement.sections[s];
    for (let c = 0; c < section.clauses.length; c++) {
      const clause = section.clauses[c];
      const text = plainOf(clause.content);
      if (text === undefined || clause.items.length > 0) continue;
      const match = HEADING_AT_END.exec(text.trimEnd());
      if (!match) continue;
      const phrase = match[1].trim();
      const heading = classifyHeading(phrase);
      if (!heading.known || (heading.kind === 'preamble') !== section.preamble) continue;
      clause.content = fromPlain(text.slice(0, match.index + 1));
      const moved = section.clauses.splice(c + 1);
      statement.sections.splice(s + 1, 0, { heading: [{ type: 'text', text: phrase }], preamble: section.preamble, clauses: moved });
      counts.headingInText++;
      break;
    }
  }
}

/** `____________________ 1 These include …`: a footnote's text in a clause, after the separator line. */
const FOOTNOTE_TEXT = /_{4,}\s*(\d{1,2})\s+/;

function cutFootnoteTexts(statement: RawStatement, counts: RepairCounts): void {
  for (const section of statement.sections) {
    for (let c = 0; c < section.clauses.length; c++) {
      const clause = section.clauses[c];
      const text = plainOf(clause.content);
      if (text === undefined) continue;
      const match = FOOTNOTE_TEXT.exec(text);
      if (!match) continue;
      let note = text.slice(match.index + match[0].length);
      let id = match[1];
      clause.content = fromPlain(text.slice(0, match.index).trimEnd());
      counts.footnoteText++;
      // The clause the note swallowed: after a full stop, the label that comes next in the section.
      const next = nextLabel(plainLabel(clause.label));
      const following = section.clauses[c + 1];
      let swallowed: RawClause | undefined;
      if (next && plainLabel(following?.label) !== next) {
        const at = note.search(new RegExp(`[.;]\\s+${escapeRegExp(next)}\\s+(?=[a-z])`));
        if (at >= 0) {
          const labelAt = note.indexOf(next, at + 1);
          swallowed = { label: labelInlines(next), content: fromPlain(note.slice(labelAt + next.length).trim()), items: [] };
          note = note.slice(0, at + 1);
        }
      }
      // Several notes in a row: `1 These include …. 2 Including …`.
      for (;;) {
        const nextId = String(Number(id) + 1);
        const split = new RegExp(`(?<=[.;])\\s+${nextId}\\s+(?=[A-Z])`).exec(note);
        if (!split) break;
        addFootnote(statement, id, note.slice(0, split.index).trim());
        note = note.slice(split.index + split[0].length);
        id = nextId;
      }
      addFootnote(statement, id, note.trim());
      if (swallowed) {
        section.clauses.splice(c + 1, 0, swallowed);
        counts.clauseSplit++;
      }
    }
  }
}

function addFootnote(statement: RawStatement, id: string, text: string): void {
  if (statement.footnotes.some((note) => note.id === id)) return;
  statement.footnotes.push({ id, content: fromPlain(text) });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The label after this one: `9` → `10`, `c)` → `d)`, `1.3` → `1.4`. */
function nextLabel(label: string): string | undefined {
  if (/^\d+$/.test(label)) return String(Number(label) + 1);
  const decimal = /^(\d+(?:\.\d+)*)\.(\d+)$/.exec(label);
  if (decimal) return `${decimal[1]}.${Number(decimal[2]) + 1}`;
  const letter = /^([a-z]+)\)$/.exec(label);
  if (letter && letterValue(letter[1]) > 0) return `${letterLabel(letterValue(letter[1]) + 1)})`;
  return undefined;
}

/**
 * `…prior to the forum; 10 that broad participation …`: the next clause run into this one, split
 * back when the next clause is missing; `following: 1.1 that …; 1.2 that …` becomes sub-items.
 */
function splitRunTogether(clauses: RawClause[], counts: RepairCounts): void {
  for (let c = 0; c < clauses.length; c++) {
    const clause = clauses[c];
    const label = plainLabel(clause.label);
    const text = plainOf(clause.content);
    if (text === undefined || label === '') continue;
    // Decimal sub-paragraphs after a colon.
    if (/^\d+$/.test(label) && clause.items.length === 0) {
      const first = new RegExp(`:\\s+${label}\\.1\\s+(?=[a-z])`).exec(text);
      if (first) {
        const items: RawClause[] = [];
        let rest = text.slice(first.index + first[0].length);
        let current = `${label}.1`;
        for (;;) {
          const after = nextLabel(current) as string;
          const split = new RegExp(`;\\s+${escapeRegExp(after)}\\s+(?=[a-z])`).exec(rest);
          if (!split) break;
          items.push({ label: labelInlines(current), content: fromPlain(rest.slice(0, split.index + 1)), items: [] });
          rest = rest.slice(split.index + split[0].length);
          current = after;
        }
        items.push({ label: labelInlines(current), content: fromPlain(rest), items: [] });
        clause.content = fromPlain(text.slice(0, first.index + 1));
        clause.items = items;
        counts.clauseSplit += items.length;
        continue;
      }
    }
    const next = nextLabel(label);
    if (!next || plainLabel(clauses[c + 1]?.label) === next || clauses.some((other) => plainLabel(other.label) === next)) continue;
    const split = new RegExp(`;\\s+${escapeRegExp(next)}\\s+(?=(?:that|to|the|in|upon|on|with|consistent|without)\\b)`).exec(text);
    if (!split) continue;
    clause.content = fromPlain(text.slice(0, split.index + 1));
    clauses.splice(c + 1, 0, { label: labelInlines(next), content: fromPlain(text.slice(split.index + split[0].length)), items: [] });
    counts.clauseSplit++;
  }
}

/** `developing countries1,` → `developing countries[^1],` when footnote 1 exists. */
function markGluedFootnotes(statement: RawStatement, counts: RepairCounts): void {
  const ids = new Set(statement.footnotes.map((note) => note.id));
  if (ids.size === 0) return;
  const visit = (clause: RawClause): void => {
    const text = plainOf(clause.content);
    if (text !== undefined) {
      let changed = false;
      const repaired = text.replace(/([a-z]{3,})(\d{1,2})(?=[\s,;.:)]|$)/g, (whole, word: string, digits: string) => {
        if (!ids.has(digits)) return whole;
        changed = true;
        counts.footnoteMarker++;
        return `${word}${NOTE_OPEN}${digits}${NOTE_CLOSE}`;
      });
      if (changed) clause.content = fromPlain(repaired);
    }
    clause.items.forEach(visit);
  };
  for (const section of statement.sections) section.clauses.forEach(visit);
}

/** Unlabelled clauses among labelled ones, and list points without numbers, get the label their place needs. */
function labelBySequence(clauses: RawClause[], preamble: boolean, depth: number, counts: RepairCounts): void {
  const labelled = clauses.filter((clause) => plainLabel(clause.label) !== '');
  if (clauses.length > 1 && (labelled.length > 0 || depth > 0)) {
    const style = styleOf(labelled.map((clause) => plainLabel(clause.label)), preamble, depth);
    clauses.forEach((clause, index) => {
      if (plainLabel(clause.label) !== '' || plainOf(clause.content) === undefined) return;
      clause.label = labelInlines(labelFor(style, index + 1));
      counts.labelBySequence++;
    });
  }
  for (const clause of clauses) labelBySequence(clause.items, preamble, depth + 1, counts);
}

type LabelStyle = 'letter' | 'number' | 'roman' | 'bullet';

function styleOf(labels: readonly string[], preamble: boolean, depth: number): LabelStyle {
  const first = labels[0];
  if (first === undefined) return depth > 0 ? 'roman' : preamble ? 'letter' : 'number';
  if (first === '-') return 'bullet';
  if (/^\d/.test(first)) return 'number';
  if (depth > 0 && /^[ivxlc]+\)$/.test(first) && first !== 'c)') return 'roman';
  return 'letter';
}

function labelFor(style: LabelStyle, n: number): string {
  switch (style) {
    case 'number':
      return String(n);
    case 'roman':
      return `${romanLabel(n)})`;
    case 'bullet':
      return '-';
    case 'letter':
      return `${letterLabel(n)})`;
  }
}
