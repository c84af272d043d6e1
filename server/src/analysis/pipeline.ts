// The diagnostics pipeline shared by the server and the command line: syntax
// diagnostics, then every check, then `reso-ignore` suppression and severity overrides.

import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import type { Severity } from '../syntax/diagnostics';
import { isResolutionLocal, type ResolutionMemo } from './resolutionMemo';

export type SeverityOverride = Severity | 'off';

export interface AnalysisSettings {
  /** Per diagnostic code (or code prefix such as `label`): a new severity, or `off`. */
  severity: Readonly<Record<string, SeverityOverride>>;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { severity: {} };

/** What checks may look at beyond the document: other documents, through a narrow interface. */
export interface DocumentSource {
  uris(): string[];
  document(uri: string): ParsedDocument | undefined;
}

export interface CheckContext {
  readonly settings: AnalysisSettings;
  /** The workspace the document belongs to, when there is one. */
  readonly service?: DocumentSource;
  readonly uri?: string;
}

export type Check = (document: ParsedDocument, context: CheckContext) => SyntaxDiagnostic[];

/** With a memo (kept per document), resolution-local checks run only on the resolutions an edit changed. */
export function diagnose(document: ParsedDocument, context: CheckContext, checks: readonly Check[], memo?: ResolutionMemo): SyntaxDiagnostic[] {
  const all: SyntaxDiagnostic[] = [...document.diagnostics];
  const local = memo ? checks.filter(isResolutionLocal) : [];
  const remembered = memo && local.length > 0 ? memo.findings(document, local, (check, restricted) => check(restricted, context), context.settings) : [];
  for (const check of checks) {
    const index = local.indexOf(check);
    const found = index >= 0 ? remembered[index] : check(document, context);
    for (const d of found) all.push(d);
  }
  const kept = suppress(document, all);
  return applySeverity(kept, context.settings).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** True when `pattern` names the code itself or one of its dotted prefixes (`label` for `label.sequence`). */
export function codeMatches(pattern: string, code: string): boolean {
  if (pattern === code || pattern === '*') return true;
  const prefix = pattern.endsWith('.*') ? pattern.slice(0, -2) : pattern;
  return code.startsWith(prefix + '.');
}

function suppress(document: ParsedDocument, diagnostics: SyntaxDiagnostic[]): SyntaxDiagnostic[] {
  const comments = document.root.comments.filter((c) => c.ignore);
  if (comments.length === 0) return diagnostics;
  const fileWide = comments.filter((c) => c.ignore?.wholeFile).flatMap((c) => c.ignore?.codes ?? []);
  const local = comments.filter((c) => !c.ignore?.wholeFile && c.target);
  return diagnostics.filter((d) => {
    if (fileWide.some((pattern) => codeMatches(pattern, d.code))) return false;
    for (const comment of local) {
      const target = comment.target;
      if (!target || d.start < target.start || d.start > target.end) continue;
      if (comment.ignore?.codes.some((pattern) => codeMatches(pattern, d.code))) return false;
    }
    return true;
  });
}

function applySeverity(diagnostics: SyntaxDiagnostic[], settings: AnalysisSettings): SyntaxDiagnostic[] {
  const patterns = Object.keys(settings.severity);
  if (patterns.length === 0) return diagnostics;
  // The most specific pattern wins: an exact code over a prefix.
  patterns.sort((a, b) => b.length - a.length);
  const out: SyntaxDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const pattern = patterns.find((p) => codeMatches(p, diagnostic.code));
    if (pattern === undefined) {
      out.push(diagnostic);
      continue;
    }
    const override = settings.severity[pattern];
    if (override !== 'off') out.push({ ...diagnostic, severity: override });
  }
  return out;
}
