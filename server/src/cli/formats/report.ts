// What a check found in each file, as the output formats read it.

import type { ParsedDocument, SyntaxDiagnostic } from '../../syntax';
import type { Severity } from '../../syntax/diagnostics';

export interface FileReport {
  /** The name printed: relative to the current folder when inside it, `<stdin>` for unnamed input. */
  name: string;
  /** The absolute path, when the text has one (a file, or standard input with --stdin-filename). */
  path?: string;
  document: ParsedDocument;
  diagnostics: SyntaxDiagnostic[];
}

export type Counts = Record<Severity, number>;

export function countSeverities(reports: readonly FileReport[]): Counts {
  const counts: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) for (const diagnostic of report.diagnostics) counts[diagnostic.severity]++;
  return counts;
}

/** `1 error`, `2 warnings`, `3 information`. */
export function plural(count: number, severity: Severity | 'problem' | 'file' | 'fix'): string {
  if (severity === 'information') return `${count} information`;
  const word = severity === 'fix' ? (count === 1 ? 'fix' : 'fixes') : count === 1 ? severity : `${severity}s`;
  return `${count} ${word}`;
}

/** `2 errors, 1 warning` with information and hints only when there are some. */
export function countsText(counts: Counts): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.information > 0) parts.push(plural(counts.information, 'information'));
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  return parts.join(', ');
}
