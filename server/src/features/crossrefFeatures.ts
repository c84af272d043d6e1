// Hover, go-to-definition and find-references for internal cross-references
// (`*resolves* 5`, `*considering c)*`, `*bearing in mind*`).

import { MarkupKind, type Hover, type Location } from 'vscode-languageserver-types';
import { clauseAt, clauseText, crossReferences, printedLabel, type CrossReference } from '../analysis/crossrefs';
import type { ClauseNode, ParsedDocument, SectionNode } from '../syntax';
import { toRange } from './convert';
import type { FeatureRequest } from './service';

function referenceAt(document: ParsedDocument, offset: number): CrossReference | undefined {
  const references = crossReferences(document);
  // On a label of a list (`*resolves* 3 and 4`), the reference of that label.
  return (
    references.find((r) => r.labelStart !== undefined && r.labelEnd !== undefined && r.labelStart <= offset && offset <= r.labelEnd) ??
    references.find((r) => r.start <= offset && offset <= r.end)
  );
}

function clauseMarkdown(document: ParsedDocument, clause: ClauseNode): string {
  const label = printedLabel(clause);
  return `${label ? `**${label}** ` : ''}${clauseText(document, clause)}`;
}

function sectionMarkdown(document: ParsedDocument, section: SectionNode): string {
  const lines = [`*${section.heading.phrase}*`, ''];
  for (const clause of section.clauses) lines.push(clauseMarkdown(document, clause), '');
  return lines.join('\n').trim();
}

export function crossReferenceHover(request: FeatureRequest): Hover | undefined {
  const { document, offset } = request;
  const reference = referenceAt(document, offset);
  if (!reference) return undefined;
  let value: string;
  if (!reference.section) value = `No section «${reference.phrase}» in this resolution.`;
  else if (reference.label !== undefined && !reference.clause) value = `«${reference.phrase}» has no clause ${reference.label}.`;
  else if (reference.clause) value = `*${reference.phrase}*\n\n${clauseMarkdown(document, reference.clause)}`;
  else value = sectionMarkdown(document, reference.section);
  return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(document, reference.start, reference.end) };
}

export function crossReferenceDefinition(request: FeatureRequest): Location[] | undefined {
  const { document, offset, uri } = request;
  const reference = referenceAt(document, offset);
  if (!reference?.section) return undefined;
  const target = reference.clause ?? reference.section;
  if (reference.label !== undefined && !reference.clause) return [];
  return [{ uri, range: toRange(document, target.start, target.end) }];
}

/** From a clause (its label or text) or a section heading: every cross-reference to it. */
export function crossReferenceReferences(request: FeatureRequest, includeDeclaration: boolean): Location[] | undefined {
  const { document, offset, uri } = request;
  const fromReference = referenceAt(document, offset);
  let section: SectionNode | undefined;
  let clause: ClauseNode | undefined;
  if (fromReference) {
    section = fromReference.section;
    clause = fromReference.clause;
  } else {
    const place = clauseAt(document, offset);
    if (!place) return undefined;
    section = place.section;
    const onHeading = offset >= place.section.heading.start && offset <= place.section.heading.end;
    clause = onHeading ? undefined : place.clause;
    if (clause && clause.depth > 0) return undefined;
  }
  if (!section) return undefined;
  const references = crossReferences(document).filter((r) => r.section === section && (clause ? r.clause === clause : r.label === undefined));
  const locations = references.map((r) => ({ uri, range: toRange(document, r.start, r.end) }));
  if (includeDeclaration) {
    const target = clause?.label ?? clause ?? section.heading;
    locations.unshift({ uri, range: toRange(document, target.start, target.end) });
  }
  return locations;
}
