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
