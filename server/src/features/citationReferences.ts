// Find references: every citation of a resolution in the workspace (open documents and the
// files of the workspace folders), from a citation of it or from its own title.

import type { Location } from 'vscode-languageserver-types';
import { lspRange, offsetsLocation, lineIndexOf, citationUnderCursor, titleUnderCursor } from './citationSupport';
import type { FeatureRequest } from './service';

export function citationReferences(request: FeatureRequest, includeDeclaration: boolean): Location[] | undefined {
  const key = citationUnderCursor(request)?.key ?? titleUnderCursor(request)?.key;
  if (!key) return undefined;
  const { service } = request;
  const locations: Location[] = [];
  if (includeDeclaration) {
    for (const { uri, definition } of service.knowledge.workspaceDefinitions()) {
      if (definition.key === key) locations.push({ uri, range: lspRange(definition.titleRange) });
    }
  }
  for (const { uri, offsets } of service.knowledge.citationsOf(key)) {
    const lines = lineIndexOf(service, uri);
    if (!lines) continue;
    for (let i = 0; i < offsets.length; i += 2) {
      const location = offsetsLocation(service, uri, offsets[i], offsets[i + 1], lines);
      if (location) locations.push(location);
    }
  }
  return locations.sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
