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
    range: toRange(document, diagnostic.start, diagnostic.end),
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
