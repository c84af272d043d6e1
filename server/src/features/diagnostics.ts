// Diagnostics in LSP shape.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import type { Severity } from '../syntax/diagnostics';
import { toRange } from './convert';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'resolution';

export function toLspDiagnostic(document: ParsedDocument, uri: string, diagnostic: SyntaxDiagnostic): Diagnostic {
  const lsp: Diagnostic = {
    range: toRange(document, diagnostic.start, shownEnd(document, diagnostic)),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
  };
  if (diagnostic.related && diagnostic.related.length > 0) {
    lsp.relatedInformation = diagnostic.related.map((related) => ({
      location: { uri: related.uri ?? uri, range: toRange(document, related.start, related.end) },
      message: related.message,
    }));
  }
  return lsp;
}

/**
 * Where the editor underlines a diagnostic. A label problem is reported on the label (the fixes
 * work on it); shown, it also covers the clause's first word: `b)` alone is hard to see and to hover.
 */
function shownEnd(document: ParsedDocument, diagnostic: SyntaxDiagnostic): number {
  if (!diagnostic.code.startsWith('label.') || diagnostic.end - diagnostic.start > 24) return diagnostic.end;
  const text = document.text;
  let at = diagnostic.end;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  if (at === diagnostic.end) return diagnostic.end;
  const wordStart = at;
  while (at < text.length && !/\s/.test(text[at])) at++;
  return at > wordStart ? at : diagnostic.end;
}
