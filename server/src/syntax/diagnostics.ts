// Diagnostics on source offsets, shared by the parser and the checks.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
  /** Another document, when the related place is not in this one. */
  uri?: string;
}

export interface SyntaxDiagnostic {
  code: string;
  severity: Severity;
  start: number;
  end: number;
  message: string;
  related?: RelatedLocation[];
}

/** A diagnostic moved by `delta` with the text it is on (related places in other documents stay). */
export function movedDiagnostic(d: SyntaxDiagnostic, delta: number): SyntaxDiagnostic {
  if (delta === 0) return d;
  const copy: SyntaxDiagnostic = { ...d, start: d.start + delta, end: d.end + delta };
  if (d.related) copy.related = d.related.map((r) => (r.uri === undefined ? { ...r, start: r.start + delta, end: r.end + delta } : r));
  return copy;
}
