// Clause numbering: which labels a list of clauses should carry, and where they do not.
// A list is a section's clauses, or the sub-items of one clause.

import type { ClauseNode, LabelNode, ResolutionNode, SectionNode } from '../syntax';
import { letterLabel, letterValue, romanLabel, romanValue } from '../syntax/labels';

/** `numbered`: sub-items `1)`, `2)`. */
export type ListStyle = 'letter' | 'number' | 'roman' | 'bullet' | 'numbered';

export interface ClauseList {
  clauses: readonly ClauseNode[];
  style: ListStyle;
  section: SectionNode;
  /** The clause whose sub-items these are; absent for a section's own clauses. */
  parent?: ClauseNode;
}

export type LabelProblemKind = 'sequence' | 'kind' | 'missing' | 'lone';

export interface LabelProblem {
  kind: LabelProblemKind;
  clause: ClauseNode;
  list: ClauseList;
  /** Label expected there, as printed (`d)`, `3`), when one is. */
  expected?: string;
  message: string;
}

/**
 * Every list of the resolution: sections first, then sub-item lists, in document order. With the
 * amended text, a preamble clause ending in `:` may quote lettered items.
 */
export function clauseLists(resolution: ResolutionNode, text?: string): ClauseList[] {
  const lists: ClauseList[] = [];
  const addItems = (section: SectionNode, parent: ClauseNode, parentStyle: ListStyle): void => {
    if (parent.items.length === 0) return;
    const style = itemStyle(parent.items, parentStyle, section.heading.headingKind === 'preamble', parent.depth + 1, introducesQuote(parent, text));
    lists.push({ clauses: parent.items, style, section, parent });
    for (const item of parent.items) addItems(section, item, style);
  };
  for (const section of resolution.sections) {
    const style = sectionStyle(section);
    lists.push({ clauses: section.clauses, style, section });
    for (const clause of section.clauses) addItems(section, clause, style);
  }
  return lists;
}

export function sectionStyle(section: SectionNode): ListStyle {
  if (section.heading.headingKind === 'operative') return 'number';
  if (section.heading.headingKind === 'preamble') return 'letter';
  const first = section.clauses.find((c) => c.label)?.label;
  return first?.form === 'number' ? 'number' : 'letter';
}

/**
 * The style a sub-item list must have. Bullets stay bullets. Under a preamble clause sub-items
 * are roman (`i)`); under an operative clause they are roman unless the first is `a)` (letters);
 * deeper lists follow their first label the same way.
 */
function itemStyle(items: readonly ClauseNode[], parentStyle: ListStyle, preamble: boolean, depth: number, quoting: boolean): ListStyle {
  const first = items[0].label;
  if (first?.form === 'bullet') return 'bullet';
  if (first?.form === 'paren' && /^\d+$/.test(first.value)) return 'numbered';
  if (!first || first.form === 'number') return 'roman';
  if (first.value === 'i') return 'roman';
  // A preamble clause that quotes another instrument after a colon keeps that text's letters: `a) … b) … c)`.
  if (preamble && depth === 1 && !(quoting && first.value === 'a')) return 'roman';
  if (parentStyle === 'letter' && depth > 1 && romanValue(first.value) > 0) return 'roman';
  if (letterValue(first.value) > 0 && (romanValue(first.value) === 0 || first.value.length === 1)) return 'letter';
  return romanValue(first.value) > 0 ? 'roman' : 'letter';
}

/** Another instrument named, or quoting words, in a clause that introduces sub-items. */
const QUOTES_INSTRUMENT = /\b(?:Resolutions?|Articles?|Constitution|Convention|Regulations|Declaration|Agenda|Action Plan|Commitment|Opinions?|Recommendations?|Decisions?|Nos?\.|§)|\b(?:states|reads|provides|stipulates|says|as follows)\s*:$/;

/** The clause's own text (amended view) quotes another instrument and ends with a colon: the items that follow are that text's. */
function introducesQuote(clause: ClauseNode, text: string | undefined): boolean {
  if (text === undefined) return false;
  let end = clause.textViewEnd;
  while (end > clause.textViewStart && /\s/.test(text[end - 1])) end--;
  return text[end - 1] === ':' && QUOTES_INSTRUMENT.test(text.slice(clause.textViewStart, end));
}

/** The value of a label in a style (1 for `a)`, `i)`, `1`), or 0 when it is not of that style. */
export function labelValue(label: LabelNode, style: ListStyle): number {
  switch (style) {
    case 'letter':
      return label.form === 'paren' ? letterValue(label.value) : 0;
    case 'roman':
      return label.form === 'paren' ? romanValue(label.value) : 0;
    case 'number':
      return label.form === 'number' && !label.dotted && /^\d+$/.test(label.value) ? Number(label.value) : 0;
    case 'bullet':
      return label.form === 'bullet' ? 1 : 0;
    case 'numbered':
      return label.form === 'paren' && /^\d+$/.test(label.value) ? Number(label.value) : 0;
  }
}

/** The label's characters for a value (no `)`): `d`, `iv`, `4`. */
export function labelCharacters(value: number, style: ListStyle): string {
  switch (style) {
    case 'letter':
      return letterLabel(value);
    case 'roman':
      return romanLabel(value);
    case 'number':
    case 'numbered':
      return String(value);
    case 'bullet':
      return '-';
  }
}

export function printLabel(value: number, style: ListStyle): string {
  const characters = labelCharacters(value, style);
  return style === 'letter' || style === 'roman' || style === 'numbered' ? `${characters})` : characters;
}

function printed(label: LabelNode): string {
  return label.form === 'paren' ? `${label.value})` : label.value;
}

/** A decimal sub-paragraph such as `1.1` stands outside the count of its list. */
function isDecimal(label: LabelNode | undefined): boolean {
  return label?.form === 'number' && label.value.includes('.');
}

const STYLE_NAMES: Record<ListStyle, string> = { letter: 'a letter', number: 'a number', roman: 'a roman numeral', bullet: 'a bullet', numbered: 'a number in parentheses' };

/**
 * The labels each clause of the list should carry, as characters without `)`; undefined for a
 * clause that should carry none (the only clause of a section) or keeps its own (bullets).
 * Decimal paragraphs follow the number before them: `1`, `1.1`, `1.2`, `2`.
 */
export function wantedLabels(list: ClauseList): Array<string | undefined> {
  if (list.style === 'bullet') return list.clauses.map(() => undefined);
  if (!list.parent && list.clauses.length === 1) return [undefined];
  let value = 0;
  let minor = 0;
  return list.clauses.map((clause) => {
    if (isDecimal(clause.label) && list.style === 'number') {
      minor++;
      return `${Math.max(1, value)}.${minor}`;
    }
    value++;
    minor = 0;
    return labelCharacters(value, list.style);
  });
}

/**
 * Problems of one list: one per wrong label, never a cascade. A label is right when it is the
 * one its place needs, or when it follows the label before it (after a break, the clauses that
 * go on counting from the wrong label are not reported again: the fix renumbers them anyway).
 * The label expected is always the one the fix writes.
 */
export function listProblems(list: ClauseList): LabelProblem[] {
  const problems: LabelProblem[] = [];
  const { clauses, style } = list;
  if (style === 'bullet') return problems;
  const where = list.parent ? 'sub-item' : 'clause';
  if (!list.parent && clauses.length === 1) {
    const only = clauses[0];
    if (only.label) {
      problems.push({ kind: 'lone', clause: only, list, message: `\`${printed(only.label)}\` labels the only clause of «${list.section.heading.phrase}»; a lone clause carries no label.` });
    }
    return problems;
  }
  const wanted = wantedLabels(list);
  let previous = 0;
  let previousDecimal = '';
  const print = (characters: string): string => (style === 'number' ? characters : `${characters})`);
  clauses.forEach((clause, index) => {
    const label = clause.label;
    const want = wanted[index];
    if (want === undefined) return;
    const expected = print(want);
    if (!label) {
      problems.push({ kind: 'missing', clause, list, expected, message: `This ${where} has no label; in a list of several every ${where} is labelled: expected ${expected}.` });
      return;
    }
    if (isDecimal(label) && style === 'number') {
      const [major, minor] = label.value.split('.');
      const follows = previousDecimal !== '' ? label.value === nextDecimal(previousDecimal) : Number(minor) === 1 && Number(major) === previous;
      if (label.value !== want && !follows) {
        problems.push({ kind: 'sequence', clause, list, expected, message: `Paragraph ${label.value} is out of sequence; paragraphs follow the number before them: expected ${expected}, found ${label.value}.` });
      }
      previousDecimal = label.value;
      return;
    }
    previousDecimal = '';
    if (label.dotted) {
      problems.push({ kind: 'kind', clause, list, expected, message: `\`${label.value}.\` has a full stop; an operative number takes none: expected ${expected}, found ${label.value}.` });
      previous = Number(label.value) || previous + 1;
      return;
    }
    const value = labelValue(label, style);
    if (value === 0) {
      const context = list.parent ? `a sub-item list of ${STYLE_NAMES[style]}s here` : `${list.section.heading.headingKind === 'unknown' ? 'this' : `a ${list.section.heading.headingKind}`} section`;
      problems.push({ kind: 'kind', clause, list, expected, message: `${printed(label)} is not ${STYLE_NAMES[style]} label; ${context} needs one: expected ${expected}.` });
      previous++;
      return;
    }
    const inPlace = label.value === want;
    const followsPrevious = previous > 0 && value === previous + 1;
    if (!inPlace && !followsPrevious) {
      const reason = value === previous ? 'duplicate' : value < previous ? 'out of order' : previous === 0 ? 'wrong start' : 'gap';
      problems.push({ kind: 'sequence', clause, list, expected, message: `Label ${printed(label)} is out of sequence (${reason}); labels follow each other: expected ${expected}, found ${printed(label)}.` });
    }
    previous = value;
  });
  return problems;
}

function nextDecimal(value: string): string {
  const [major, minor] = value.split('.');
  return `${major}.${Number(minor) + 1}`;
}
