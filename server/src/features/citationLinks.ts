// Citations as document links: Ctrl+hover underlines the whole citation (`Resolution 45 (Rev.
// Dubai, 2014) of the WTDC`), Ctrl+click opens the cited text where it is defined. In a plural
// citation (`Resolutions 50 and 52 (…)`) each number links to its own resolution.

import type { DocumentLink } from 'vscode-languageserver-types';
import { documentCitations, type Citation } from '../analysis/citations';
import { fullReference, revisionWithText } from './citationSupport';
import { toRange } from './convert';
import type { LanguageService } from './service';

export function citationLinks(service: LanguageService, uri: string): DocumentLink[] {
  const document = service.document(uri);
  if (!document) return [];
  const { citations } = documentCitations(document, service.knowledge.conferences);
  const members = new Map<number, number>();
  for (const citation of citations) members.set(citation.group, (members.get(citation.group) ?? 0) + 1);
  const links: DocumentLink[] = [];
  let lastEnd = -1;
  for (const citation of citations) {
    const target = targetOf(service, citation);
    if (!target) continue;
    const whole = (members.get(citation.group) ?? 1) === 1;
    const range = whole ? citation.groupRange : citation.range;
    // Links never overlap: a member's range can run into the next one's in odd texts.
    if (range.start < lastEnd) continue;
    lastEnd = range.end;
    links.push({ range: toRange(document, range.start, range.end), target, tooltip: `Open ${fullReference(citation.body, citation.number, citation.kind, citation.revision)}` });
  }
  return links;
}

function targetOf(service: LanguageService, citation: Citation): string | undefined {
  if (!citation.body) return undefined;
  const known = service.knowledge.resolution(citation.body, citation.number);
  if (!known) return undefined;
  const site = revisionWithText(known, citation)?.definitions[0];
  if (site) return `${site.uri}#L${site.range.start.line + 1}`;
  const entry = known.entries[known.entries.length - 1];
  return entry ? `${entry.uri}#L${entry.range.start.line + 1}` : undefined;
}
