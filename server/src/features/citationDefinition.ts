// Go-to-definition on a citation: the title of the cited revision in a workspace or seed file
// (the nearest revision defined when the exact one is not), else the resolution's entry in the
// catalogue file; on `resolves 2 of Resolution …`, the clause itself.

import type { Location } from 'vscode-languageserver-types';
import { citationUnderCursor, findClause, lspRange, revisionWithText } from './citationSupport';
import type { FeatureRequest } from './service';

export function citationDefinition(request: FeatureRequest): Location[] | undefined {
  const found = citationUnderCursor(request);
  if (!found?.known) return undefined;
  const { citation, known } = found;
  const revision = revisionWithText(known, citation);
  const site = revision?.definitions[0];
  const ref = citation.clauseRef;
  if (site && ref && ref.range.start <= request.offset && request.offset <= citation.range.end) {
    const clause = findClause(request.service, site, ref.section, ref.label);
    if (clause) return [clause.location];
  }
  if (site) return [{ uri: site.uri, range: lspRange(site.range) }];
  const entry = known.entries[known.entries.length - 1];
  return entry ? [{ uri: entry.uri, range: lspRange(entry.range) }] : [];
}
