// Quick fixes for citation diagnostics, as code actions: update to the revision in force, add or
// remove `Rev.`, correct the body, or the did-you-mean number.

import { fixesWithheld } from '../analysis/fixProviders';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { citationFixProvider, editsKey } from '../analysis/citationChecks';
import { toRange } from './convert';
import { toLspDiagnostic } from './diagnostics';
import { wantsKind, type FeatureRequest } from './service';
import type { SyntaxDiagnostic } from '../syntax';

export function citationQuickFixes(request: FeatureRequest & { diagnostics: readonly SyntaxDiagnostic[]; only?: readonly string[] }): CodeAction[] {
  const { document, uri, service } = request;
  if (fixesWithheld(document) || !wantsKind(request.only, CodeActionKind.QuickFix)) return [];
  const options = { trackChanges: service.settingsFor(uri).renumber.trackChanges };
  const actions: CodeAction[] = [];
  // One action per change: a fix that settles several diagnostics (superseded and inconsistent, or numbers sharing a revision) lists them all.
  const byChange = new Map<string, CodeAction>();
  for (const diagnostic of request.diagnostics) {
    if (!diagnostic.code.startsWith('citation.')) continue;
    for (const fix of citationFixProvider(document, diagnostic, options)) {
      const key = editsKey(fix.edits);
      const same = byChange.get(key);
      if (same) {
        same.diagnostics?.push(toLspDiagnostic(document, uri, diagnostic));
        if (fix.preferred === true) same.isPreferred = true;
        continue;
      }
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(document, uri, diagnostic)],
        isPreferred: fix.preferred === true,
        edit: { changes: { [uri]: fix.edits.map((edit) => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText })) } },
      };
      byChange.set(key, action);
      actions.push(action);
    }
  }
  return actions;
}
