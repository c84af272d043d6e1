// Code actions: a quick fix per diagnostic, and `source.fixAll.resolution` for every safe fix at once.

import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { OffsetEdit } from '../analysis/edits';
import { fixesFor, settledFixAllEdits } from '../analysis/fixProviders';
import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import { toRange } from './convert';
import { toLspDiagnostic } from './diagnostics';
import { wantsKind, type FeatureRequest, type LanguageService } from './service';

export const FIX_ALL_KIND = 'source.fixAll.resolution';

export function toTextEdits(document: ParsedDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText }));
}

export function workspaceEdit(document: ParsedDocument, uri: string, edits: readonly OffsetEdit[]): WorkspaceEdit {
  return { changes: { [uri]: toTextEdits(document, edits) } };
}

export function quickFixes(request: FeatureRequest & { diagnostics: readonly SyntaxDiagnostic[]; only?: readonly string[] }): CodeAction[] {
  const { service, uri, document } = request;
  if (!wantsKind(request.only, CodeActionKind.QuickFix)) return [];
  const options = { trackChanges: service.settingsFor(uri).renumber.trackChanges };
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of request.diagnostics) {
    for (const fix of fixesFor(document, diagnostic, options)) {
      // One renumber fix per list, even when several of its labels are wrong.
      const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(document, uri, diagnostic)],
        isPreferred: fix.preferred === true,
        edit: workspaceEdit(document, uri, fix.edits),
      });
    }
  }
  return actions;
}

export function fixAllAction(service: LanguageService, uri: string): CodeAction | undefined {
  const document = service.document(uri);
  if (!document) return undefined;
  const edits = settledFixAllEdits(document, service.rawDiagnostics(uri), (parsed) => service.diagnosticsOf(parsed, uri), { trackChanges: service.settingsFor(uri).renumber.trackChanges });
  if (edits.length === 0) return undefined;
  return { title: 'Fix all resolution problems', kind: FIX_ALL_KIND, edit: workspaceEdit(document, uri, edits) };
}

export function fixAllProvider(request: FeatureRequest & { only?: readonly string[] }): CodeAction[] {
  if (!wantsKind(request.only, FIX_ALL_KIND)) return [];
  const action = fixAllAction(request.service, request.uri);
  return action ? [action] : [];
}
