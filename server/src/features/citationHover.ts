// Hover on a citation: the full reference, the body, the subject, the revisions known with the
// one in force at the document's date marked, where the text is defined and how often the
// workspace cites it. On `resolves 2 of Resolution …`: that clause's text.

import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { currentRevision, findRevision } from '../analysis/catalogue';
import { citationAt, documentCitations, type OtherReference } from '../analysis/citations';
import { BODY_INFO } from '../analysis/conferences';
import { toRange } from './convert';
import { citationUnderCursor, fileName, findClause, fullReference, revisionWithText, type CitationUnderCursor } from './citationSupport';
import type { FeatureRequest } from './service';

export function citationHover(request: FeatureRequest): Hover | undefined {
  const found = citationUnderCursor(request);
  if (!found) return otherReferenceHover(request);
  const { citation } = found;
  const parts: string[] = [];
  const clause = clauseSection(request, found);
  if (clause) parts.push(clause);
  parts.push(...resolutionSection(request, found));
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    range: toRange(request.document, citation.groupRange.start, citation.groupRange.end),
  };
}

function clauseSection(request: FeatureRequest, found: CitationUnderCursor): string | undefined {
  const { citation, known } = found;
  const ref = citation.clauseRef;
  if (!ref || !known) return undefined;
  const revision = revisionWithText(known, citation);
  const site = revision?.definitions[0];
  const heading = `*${ref.section}* ${ref.label}${/^[a-z]+$/.test(ref.label) ? ')' : ''} of ${fullReference(citation.body, citation.number, citation.kind, citation.revision)}`;
  if (!site) return `${heading}: the text of this resolution is not defined in the workspace or a catalogue.`;
  const clause = findClause(request.service, site, ref.section, ref.label);
  if (!clause) return `${heading}: no such clause in ${site.title} (${fileName(site.uri)}).`;
  const exact = revision && citation.revision && findRevision(known, citation.revision.place, citation.revision.year) === revision;
  const note = exact ? '' : ` (text of ${site.title}, the nearest revision defined)`;
  return `${heading}${note}:\n\n${clause.text.split('\n').map((line) => `> ${escapeMarkdown(line)}`).join('  \n')}`;
}

function resolutionSection(request: FeatureRequest, found: CitationUnderCursor): string[] {
  const { citation, known, context, key } = found;
  const body = citation.body;
  const parts: string[] = [];
  const reference = fullReference(body, citation.number, citation.kind, citation.revision);
  parts.push(`**${escapeMarkdown(reference)}**`);
  const how = citation.how === 'inferred' ? (citation.revision?.place ? ' (from the place and year)' : citation.kind === 'opinion' ? ' (only the forum gives opinions)' : ' (from the form of the number)') : citation.how === 'this-conference' ? ' (this conference)' : citation.how === 'document' ? ' (the body of this text)' : '';
  const from = citation.revision?.event ? ' (from the conference named)' : how;
  parts.push(
    body
      ? `${BODY_INFO[body].name}${from}`
      : citation.how === 'external'
        ? `A text of another organization (${escapeMarkdown(citation.namedBody?.text.trim() ?? 'named with it')}): not checked against the ITU catalogue.`
        : 'Body not known: name it (for example `of WTDC`) or give the revision.',
  );
  // An opinion's name is its forum's: Opinion 4 of WTPF-09 and of WTPF-13 are two texts.
  const forum = citation.kind === 'opinion' && known && citation.revision ? findRevision(known, citation.revision.place, citation.revision.year) : undefined;
  const about = citation.kind === 'opinion' ? (forum?.name ?? forum?.subject ?? citation.subject ?? (known?.revisions.length === 1 ? known.name ?? known.subject : undefined)) : (known?.name ?? known?.subject ?? citation.subject);
  if (about) parts.push(`*${escapeMarkdown(about)}*`);
  if (body && BODY_INFO[body].conference) {
    if (!known) parts.push('Not in the catalogue and not defined in the workspace.');
    else {
      const year = context?.year;
      const current = currentRevision(known, year);
      const cited = citation.revision ? findRevision(known, citation.revision.place, citation.revision.year) : undefined;
      // An opinion belongs to one forum: those of the same number at other forums are other opinions, not revisions.
      const opinion = citation.kind === 'opinion';
      const lines = known.revisions.filter((revision) => !opinion || revision === cited).map((revision) => {
        const marks: string[] = [];
        if (revision.first === true && !opinion) marks.push('first adoption');
        if (revision === cited) marks.push('cited');
        if (revision === current && !opinion) marks.push(year !== undefined ? `in force at the document's date (${context?.date ?? year})` : 'latest known');
        const text = `${revision.conference.place}, ${revision.conference.year} (${revision.conference.id})`;
        return `- ${revision === current ? `**${text}**` : text}${marks.length > 0 ? ` — ${marks.join(', ')}` : ''}`;
      });
      if (opinion) {
        const others = known.revisions.filter((revision) => revision !== cited).map((revision) => revision.conference.id);
        parts.push(cited ? `Adopted by ${cited.conference.id} (${cited.conference.place}, ${cited.conference.year}).` : 'This forum\'s opinion of that number is not in the catalogue.');
        if (others.length > 0) parts.push(`Other opinions of that number, of other forums: ${others.join(', ')}.`);
      } else if (lines.length > 0) parts.push(`Revisions known:\n${lines.join('\n')}`);
      // One entry per file and title: a much-copied resolution would otherwise list the same file many times.
      const seen = new Set<string>();
      const sites = known.revisions.flatMap((revision) => revision.definitions.map((site) => ({ revision, site }))).filter(({ site }) => {
        const key = `${site.uri}\u0000${site.title}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (sites.length > 0) {
        const shown = sites.slice(0, MAX_SITES).map(({ site }) => `[${escapeMarkdown(site.title)}](${linkTo(site.uri, site.range.start.line)}) (${escapeMarkdown(fileName(site.uri))})`);
        const more = sites.length - MAX_SITES;
        parts.push(`Text defined in: ${shown.join('; ')}${more > 0 ? `; and ${more} more file${more === 1 ? '' : 's'}` : ''}`);
      } else if (known.entries.length > 0) {
        parts.push(`Text not defined; recorded in the catalogue [${escapeMarkdown(fileName(known.entries[known.entries.length - 1].uri))}](${linkTo(known.entries[known.entries.length - 1].uri, known.entries[known.entries.length - 1].range.start.line)}).`);
      }
    }
  }
  if (key) {
    const count = request.service.knowledge.citationCount(key);
    parts.push(`Cited ${count.citations} time${count.citations === 1 ? '' : 's'} in the workspace${count.files > 0 ? `, in ${count.files} file${count.files === 1 ? '' : 's'}` : ''}.`);
  }
  return parts;
}

/** Files listed in the hover of a resolution defined in many. */
const MAX_SITES = 4;

const REFERENCE_NAMES: Record<OtherReference['kind'], string> = {
  question: 'Study Question',
  article: 'Article',
  provision: 'Provision number',
  paragraph: 'Paragraph',
  objective: 'Objective',
  output: 'Output',
  event: 'Conference',
};

function otherReferenceHover(request: FeatureRequest): Hover | undefined {
  const { references, citations } = documentCitations(request.document, request.service.knowledge.conferences);
  if (citationAt(citations, request.offset)) return undefined;
  const reference = references.find((r) => r.range.start <= request.offset && request.offset <= r.range.end);
  if (!reference) return undefined;
  let text = `**${escapeMarkdown(reference.text.replace(/\s+/g, ' '))}**\n\n${REFERENCE_NAMES[reference.kind]}${reference.of ? ` of ${escapeMarkdown(reference.of)}` : ''}`;
  if (reference.kind === 'event') {
    text = reference.conference
      ? `**${reference.conference.id}**\n\n${BODY_INFO[reference.conference.body].name}, ${reference.conference.place}, ${reference.conference.year}`
      : `**${reference.value}**\n\nA conference not in the table of known conferences.`;
  }
  return { contents: { kind: MarkupKind.Markdown, value: `${text}\n\n*Recognised, not checked against a catalogue.*` }, range: toRange(request.document, reference.range.start, reference.range.end) };
}

function linkTo(uri: string, line: number): string {
  return `${uri}#L${line + 1}`;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}
