// Internal cross-references: an italic section name with an optional clause label,
// `*resolves* 5`, `*considering c)*`, `*considering further* b)`, `*bearing in mind*`.
// They are read on the amended view and resolved within their own resolution.

import { allClauses, walk, type ClauseNode, type ParsedDocument, type ResolutionNode, type SectionNode } from '../syntax';
import { classifyHeading, normalizePhrase } from '../syntax/vocabulary';

export interface CrossReference {
  /** Source range of the whole reference (italics and label). */
  start: number;
  end: number;
  phrase: string;
  /** The label as written, without `)`: `c`, `5`; absent for a whole section. */
  label?: string;
  /** View range of the label's characters (without `)`), for rewriting it. */
  labelViewStart?: number;
  labelViewEnd?: number;
  /** Source range of the label. */
  labelStart?: number;
  labelEnd?: number;
  resolution: ResolutionNode;
  section?: SectionNode;
  clause?: ClauseNode;
}

const INSIDE = /^(.*?[a-z])(?:\s+(?:([a-z]{1,3})\)|(\d+(?:\.\d+)*)))?$/;
const AFTER = /^[ \t]+(?:([a-z]{1,3})\)|(\d+(?:\.\d+)*))(?![\w/-])/;
/** `… of Resolution 130 (…)`: the reference points into another text, which citations handle. */
const INTO_ANOTHER_TEXT = /^[ \t]+of\s+(?:the\s+)?(?:Resolution|Res\.?|Decision|Recommendation|Opinion)\b/;

/** A further label of a list: `*resolves* 3 and 4`, `*resolves* 2 to 5`, `*considering b), c) and d)*`. */
// Within the line: a label at the start of the next line is that clause's own, never one more reference.
const NEXT_LABEL = /^(?:[ \t]*,[ \t]*|[ \t]+(?:and|or|to)[ \t]+|[ \t]*-[ \t]*)(?:([a-z]{1,3})\)|(\d+(?:\.\d+)*))(?![\w/-])/;

/**
 * Every cross-reference of the document, resolved where possible. A reference that names several
 * clauses (`*resolves* 3 and 4`) gives one reference per label. A reference followed by
 * `of Resolution …` points into another text and is left to the citations.
 */
export function crossReferences(document: ParsedDocument, within?: ReadonlySet<ResolutionNode>): CrossReference[] {
  const out: CrossReference[] = [];
  const view = document.amended;
  const text = view.text;
  for (const resolution of document.root.resolutions) {
    // References resolve within their own resolution: those of other resolutions can be skipped.
    if (within && !within.has(resolution)) continue;
    for (const node of walk(resolution)) {
      if (node.kind !== 'italic' || node.parent?.kind === 'heading') continue;
      const inner = text.slice(node.viewStart + 1, node.viewEnd - 1);
      const match = INSIDE.exec(inner);
      if (!match) continue;
      const phrase = normalizePhrase(match[1]);
      const section = resolution.sections.find((s) => s.heading.phrase === phrase);
      // Italic words in running text (`*lessons*`) are no reference: an unknown section needs a lead word headings use.
      const heading = section ? undefined : classifyHeading(phrase);
      if (heading && !(heading.known && heading.lexical)) continue;
      // The labels, as view ranges of their characters and the end of each as written (with `)`).
      const labels: Array<{ start: number; end: number; writtenEnd: number }> = [];
      let cursor = node.viewEnd;
      const insideLabel = match[2] ?? match[3];
      if (insideLabel !== undefined) {
        const at = node.viewStart + 1 + inner.lastIndexOf(insideLabel);
        labels.push({ start: at, end: at + insideLabel.length, writtenEnd: node.viewEnd });
      } else {
        const after = AFTER.exec(text.slice(cursor, cursor + 24));
        if (after) {
          const value = after[1] ?? after[2];
          const at = cursor + after[0].indexOf(value);
          labels.push({ start: at, end: at + value.length, writtenEnd: at + value.length + (after[1] ? 1 : 0) });
          cursor = labels[0].writtenEnd;
        }
      }
      for (let next = labels.length > 0 ? NEXT_LABEL.exec(text.slice(cursor, cursor + 24)) : null; next; next = NEXT_LABEL.exec(text.slice(cursor, cursor + 24))) {
        const value = next[1] ?? next[2];
        const at = cursor + next[0].lastIndexOf(value);
        labels.push({ start: at, end: at + value.length, writtenEnd: at + value.length + (next[1] ? 1 : 0) });
        cursor = at + value.length + (next[1] ? 1 : 0);
      }
      if (INTO_ANOTHER_TEXT.test(text.slice(cursor, cursor + 40))) continue;
      if (labels.length === 0) {
        out.push({ start: node.start, end: node.end, phrase, resolution, section });
        continue;
      }
      for (const label of labels) {
        const value = text.slice(label.start, label.end);
        out.push({
          start: node.start,
          end: Math.max(node.end, view.toSourceEnd(label.writtenEnd)),
          phrase,
          resolution,
          section,
          label: value,
          labelViewStart: label.start,
          labelViewEnd: label.end,
          labelStart: view.toSource(label.start),
          labelEnd: view.toSourceEnd(label.end),
          clause: section ? findClause(section, value) : undefined,
        });
      }
    }
  }
  return out;
}

/** The clause of a section with this label; with duplicates, the first one. */
export function findClause(section: SectionNode, label: string): ClauseNode | undefined {
  return section.clauses.find((c) => c.label?.value === label);
}

/** The label of a clause as printed: `c)` or `5`. */
export function printedLabel(clause: ClauseNode): string {
  const label = clause.label;
  if (!label) return '';
  return label.form === 'paren' ? `${label.value})` : label.value;
}

/** A clause's full text on the amended view, sub-items included, without its label. */
export function clauseText(document: ParsedDocument, clause: ClauseNode): string {
  const text = document.amended.text;
  const lines = [text.slice(clause.textViewStart, clause.textViewEnd).trim()];
  for (const item of allClauses(clause.items)) {
    lines.push(`${'  '.repeat(item.depth - clause.depth)}${printedLabel(item)} ${text.slice(item.textViewStart, item.textViewEnd).trim()}`);
  }
  return lines.join('\n');
}

/** The section and clause that contain an offset. */
export function clauseAt(document: ParsedDocument, offset: number): { resolution: ResolutionNode; section: SectionNode; clause?: ClauseNode } | undefined {
  for (const resolution of document.root.resolutions) {
    if (offset < resolution.start || offset > resolution.end) continue;
    for (const section of resolution.sections) {
      if (offset < section.start || offset > section.end) continue;
      let found: ClauseNode | undefined;
      for (const clause of allClauses(section.clauses)) if (clause.start <= offset && offset <= clause.end) found = clause;
      return { resolution, section, clause: found };
    }
  }
  return undefined;
}
