// What the citation features share: the citation under the cursor with what is known of it,
// and where a resolution's text and clauses are (a workspace file or a catalogue's record).

import type { Location, Range } from 'vscode-languageserver-types';
import { currentRevision, findRevision, resolutionKey, type CatalogueClause, type DefinitionSite, type KnownResolution, type KnownRevision, type LineRange } from '../analysis/catalogue';
import { clauseText } from '../analysis/catalogueBuilder';
import { citationAt, contextAt, documentCitations, type Citation, type CitingContext } from '../analysis/citations';
import { BODY_INFO, KIND_WORD, type Body, type TextKind } from '../analysis/conferences';
import { LineIndex } from '../syntax';
import { toRange } from './convert';
import type { FeatureRequest, LanguageService } from './service';

export interface CitationUnderCursor {
  citation: Citation;
  context: CitingContext | undefined;
  known?: KnownResolution;
  key?: string;
}

export function citationUnderCursor(request: FeatureRequest): CitationUnderCursor | undefined {
  const { service, document, offset } = request;
  const { citations, contexts } = documentCitations(document, service.knowledge.conferences);
  const citation = citationAt(citations, offset);
  if (!citation) return undefined;
  const context = contextAt(contexts, offset);
  if (!citation.body) return { citation, context };
  return { citation, context, key: resolutionKey(citation.body, citation.number, citation.kind), known: service.knowledge.resolution(citation.body, citation.number, citation.kind) };
}

/** The resolution whose title is under the cursor, when the document defines one there. */
export function titleUnderCursor(request: FeatureRequest): { body: Body; number: string; key: string } | undefined {
  const summary = request.service.knowledge.summary(request.uri);
  const definition = summary?.definitions.find((d) => d.titleStart <= request.offset && request.offset <= d.titleEnd);
  return definition ? { body: definition.body, number: definition.number, key: definition.key } : undefined;
}

export function lspRange(range: LineRange): Range {
  return { start: { ...range.start }, end: { ...range.end } };
}

/** Source offsets of another document as a location (its text converted at need). */
export function offsetsLocation(service: LanguageService, uri: string, start: number, end: number, lines?: LineIndex): Location | undefined {
  const index = lines ?? lineIndexOf(service, uri);
  if (!index) return undefined;
  return { uri, range: { start: index.positionAt(start), end: index.positionAt(end) } };
}

export function lineIndexOf(service: LanguageService, uri: string): LineIndex | undefined {
  const open = service.document(uri);
  if (open) return open.lines;
  const text = service.documentText(uri);
  return text === undefined ? undefined : new LineIndex(text);
}

/** The revision cited, else the one a definition exists for nearest in time. */
export function revisionWithText(known: KnownResolution, citation: Citation): KnownRevision | undefined {
  const cited = citation.revision ? findRevision(known, citation.revision.place, citation.revision.year) : undefined;
  if (cited && cited.definitions.length > 0) return cited;
  const year = citation.revision?.year ?? currentRevision(known, undefined)?.conference.year ?? 0;
  let best: KnownRevision | undefined;
  for (const revision of known.revisions) {
    if (revision.definitions.length === 0) continue;
    if (!best || Math.abs(revision.conference.year - year) < Math.abs(best.conference.year - year)) best = revision;
  }
  return best;
}

export interface ClauseFound {
  location: Location;
  text: string;
}

/** A clause of a defined text: `resolves 2`. */
export function findClause(service: LanguageService, site: DefinitionSite, section: string, label: string): ClauseFound | undefined {
  const matches = (clause: { section: string; label?: string }): boolean => clause.section.toLowerCase() === section.toLowerCase() && (clause.label ?? '') === label;
  if (site.origin === 'catalogue') {
    const clause = (site.clauses ?? []).find(matches);
    if (!clause) return undefined;
    // The defining file is not shipped: the clause's text is known, its place is the catalogue entry.
    return site.textAvailable ? catalogueClause(site.uri, clause) : { location: { uri: site.uri, range: lspRange(site.range) }, text: clause.text };
  }
  const document = service.workspaceDocument(site.uri);
  const resolution = site.index !== undefined ? document?.root.resolutions[site.index] : undefined;
  if (!document || !resolution) return undefined;
  for (const sectionNode of resolution.sections) {
    for (const clause of sectionNode.clauses) {
      if (matches({ section: sectionNode.heading.phrase, label: clause.label?.value ?? '' })) {
        return { location: { uri: site.uri, range: toRange(document, clause.start, clause.end) }, text: clauseText(document, clause) };
      }
    }
  }
  return undefined;
}

function catalogueClause(uri: string, clause: CatalogueClause): ClauseFound {
  return { location: { uri, range: lspRange(clause.range) }, text: clause.text };
}

/** `Resolution 45 (Rev. Dubai, 2014) of WTDC`, `UNGA Resolution 68/198`, `Opinion 4 (Lisbon, 2009)`, `Council Decision 588`. */
export function fullReference(body: Body | undefined, number: string, kind: TextKind, revision?: { rev: boolean; place?: string; year: number }): string {
  const word = KIND_WORD[kind];
  const paren = revision ? (revision.place ? ` (${revision.rev ? 'Rev. ' : ''}${revision.place}, ${revision.year})` : ` (${revision.year})`) : '';
  if (body === 'UNGA') return `UNGA ${word} ${number}`;
  if (body === 'Council') return `Council ${word} ${number}${paren}`;
  const phrase = body ? BODY_INFO[body].citePhrase : '';
  return `${word} ${number}${paren}${phrase ? ' ' + phrase : ''}`;
}

/** The file name of a URI, for display. */
export function fileName(uri: string): string {
  const last = uri.split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
