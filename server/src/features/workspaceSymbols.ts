// Workspace symbols: every resolution (or decision, recommendation) defined in the workspace, by number and name.

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { BODY_INFO, KIND_WORD } from '../analysis/conferences';
import { lspRange } from './citationSupport';
import type { LanguageService } from './service';

/** At most this many results: a one-letter query in a large workspace would otherwise send thousands. Type more to narrow. */
export const WORKSPACE_SYMBOL_LIMIT = 500;

export function workspaceSymbols(service: LanguageService, query: string, limit = WORKSPACE_SYMBOL_LIMIT): SymbolInformation[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const out: SymbolInformation[] = [];
  for (const { uri, definition } of service.knowledge.workspaceDefinitions()) {
    const revision = definition.revision ? ` (${definition.revision.rev ? 'Rev. ' : ''}${definition.revision.place}, ${definition.revision.year})` : '';
    const name = `${KIND_WORD[definition.kind]} ${definition.number}${revision}${definition.name ? ` — ${definition.name}` : ''}`;
    const haystack = `${name} ${definition.body} ${BODY_INFO[definition.body].name}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) continue;
    out.push({ name, kind: SymbolKind.Class, location: { uri, range: lspRange(definition.titleRange) }, containerName: BODY_INFO[definition.body].name });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }) || a.location.uri.localeCompare(b.location.uri)).slice(0, limit);
}
