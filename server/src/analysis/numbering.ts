// Clause numbering: which labels a list of clauses should carry, and where they do not.
// A list is a section's clauses, or the sub-items of one clause.

import type { ClauseNode, LabelNode, ResolutionNode, SectionNode } from '../syntax';
import { letterLabel, letterValue, romanLabel, romanValue } from '../syntax/labels';

export type ListStyle = 'letter' | 'number' | 'roman' | 'bullet';

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

/** Every list of the resolution: sections first, then sub-item lists, in document order. */
export function clauseLists(resolution: ResolutionNode): ClauseList[] {
  const lists: ClauseList[] = [];
  const addItems = (section: SectionNode, parent: ClauseNode, parentStyle: ListStyle): void => {
    if (parent.items.length === 0) return;
    const style = itemStyle(parent.items, parentStyle);
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

/** Sub-items are roman (`i)`) unless their first label says letters (`a)`) or bullets. */
function itemStyle(items: readonly ClauseNode[], _parentStyle: ListStyle): ListStyle {
  const first = items[0].label;
  if (!first) return 'roman';
  if (first.form === 'bullet') return 'bullet';
  if (first.form === 'number') return 'number';
  if (first.value === 'i') return 'roman';
  if (letterValue(first.value) > 0 && (romanValue(first.value) === 0 || first.value === 'a' || first.value.length === 1)) return 'letter';
  return romanValue(first.value) > 0 ? 'roman' : 'letter';
}

/** The value of a label in a style (1 for `a)`, `i)`, `1`), or 0 when it is not of that style. */
export function labelValue(label: LabelNode, style: ListStyle): number {
  switch (style) {
    case 'letter':
      return label.form === 'paren' ? letterValue(label.value) : 0;
    case 'roman':
      return label.form === 'paren' ? romanValue(label.value) : 0;
    case 'number':
      return label.form === 'number' && /^\d+$/.test(label.value) ? Number(label.value) : 0;
    case 'bullet':
      return label.form === 'bullet' ? 1 : 0;
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
      return String(value);
    case 'bullet':
      return '-';
  }
}

export function printLabel(value: number, style: ListStyle): string {
  const characters = labelCharacters(value, style);
  return style === 'letter' || style === 'roman' ? `${characters})` : characters;
}

function printed(label: LabelNode): string {
  return label.form === 'paren' ? `${label.value})` : label.value;
}

/** A decimal sub-paragraph such as `1.1` stands outside the count of its list. */
function isDecimal(label: LabelNode | undefined): boolean {
  return label?.form === 'number' && label.value.includes('.');
}

const STYLE_NAMES: Record<ListStyle, string> = { letter: 'a letter', number: 'a number', roman: 'a roman numeral', bullet: 'a bullet' };

/**
 * The labels each clause of the list should carry, as characters without `)`; undefined
 * for a clause that should carry none (the only clause of a section) or that keeps its own
 * (bullets, decimal sub-paragraphs).
 */
export function wantedLabels(list: ClauseList): Array<string | undefined> {
  if (list.style === 'bullet') return list.clauses.map(() => undefined);
  if (!list.parent && list.clauses.length === 1) return [undefined];
  let value = 0;
  return list.clauses.map((clause) => {
    if (isDecimal(clause.label)) return undefined;
    value++;
    return labelCharacters(value, list.style);
  });
}

/** Problems of one list: one per wrong label, never a cascade. */
export function listProblems(list: ClauseList): LabelProblem[] {
  const problems: LabelProblem[] = [];
  const { clauses, style } = list;
  if (style === 'bullet') return problems;
  const where = list.parent ? 'sub-item' : 'clause';
  if (!list.parent && clauses.length === 1) {
    const only = clauses[0];
    if (only.label) {
      problems.push({ kind: 'lone', clause: only, list, message: `The only clause of «${list.section.heading.phrase}» carries no label.` });
    }
    return problems;
  }
  let expected = 1;
  for (const clause of clauses) {
    const label = clause.label;
    if (isDecimal(label)) continue;
    const want = printLabel(expected, style);
    if (!label) {
      problems.push({ kind: 'missing', clause, list, expected: want, message: `This ${where} has no label; expected ${want}.` });
      expected++;
      continue;
    }
    const value = labelValue(label, style);
    if (value === 0) {
      const context = list.parent ? `a sub-item list of ${STYLE_NAMES[style]}s` : `${list.section.heading.headingKind === 'unknown' ? 'this' : `a ${list.section.heading.headingKind}`} section`;
      problems.push({ kind: 'kind', clause, list, expected: want, message: `${printed(label)} is not ${STYLE_NAMES[style]} label, as ${context} needs; expected ${want}.` });
      expected++;
      continue;
    }
    if (value !== expected) {
      const reason = value === expected - 1 ? 'duplicate' : value < expected ? 'out of order' : expected === 1 ? 'wrong start' : 'gap';
      problems.push({ kind: 'sequence', clause, list, expected: want, message: `Label out of sequence (${reason}): expected ${want}, found ${printed(label)}.` });
      expected = value + 1;
      continue;
    }
    expected++;
  }
  return problems;
}
