// Re-analysis after an edit: checks whose findings in a resolution depend on that resolution
// alone are run again only on the resolutions whose text changed. The findings of the others
// are kept from the last analysis and moved with the text, so the result equals a full run.

import type { ParsedDocument, ResolutionNode, SyntaxDiagnostic } from '../syntax';
import type { Check } from './pipeline';

const LOCAL = new WeakSet<Check>();

/** Marks a check whose findings in a resolution depend only on that resolution's text and tree. */
export function resolutionLocal(check: Check): Check {
  LOCAL.add(check);
  return check;
}

export function isResolutionLocal(check: Check): boolean {
  return LOCAL.has(check);
}

interface Entry {
  /** The resolution's amended view text (a revision mark opened before it changes it). */
  view: string;
  start: number;
  checks: readonly Check[];
  /** Per check, its findings in the resolution. */
  findings: SyntaxDiagnostic[][];
}

/** The findings of the last analysis of one document, by the source text of each resolution. */
export class ResolutionMemo {
  private entries = new Map<string, Entry>();
  /** The settings the kept findings were made with: other settings, other findings. */
  private settings: unknown;

  /**
   * The findings of `checks` (all resolution-local), per check, over every resolution in order;
   * each resolution's found again only when its text differs from the last analysis.
   */
  findings(document: ParsedDocument, checks: readonly Check[], run: (check: Check, restricted: ParsedDocument) => SyntaxDiagnostic[], settings?: unknown): SyntaxDiagnostic[][] {
    if (settings !== this.settings) {
      this.entries.clear();
      this.settings = settings;
    }
    const out: SyntaxDiagnostic[][] = checks.map(() => []);
    const next = new Map<string, Entry>();
    const view = document.amended;
    for (const resolution of document.root.resolutions) {
      const source = document.text.slice(resolution.start, resolution.end);
      const viewText = view.text.slice(view.fromSource(resolution.start).offset, view.fromSource(resolution.end).offset);
      const known = this.entries.get(source) ?? next.get(source);
      let findings: SyntaxDiagnostic[][];
      if (known && known.view === viewText && sameChecks(known.checks, checks)) {
        findings = known.start === resolution.start ? known.findings : known.findings.map((list) => list.map((d) => shifted(d, resolution.start - known.start)));
      } else {
        const restricted = restrictTo(document, resolution);
        findings = checks.map((check) => run(check, restricted));
      }
      // Findings outside the resolution's own text depend on more than it: never kept.
      if (findings.every((list) => list.every((d) => within(d, resolution)))) next.set(source, { view: viewText, start: resolution.start, checks, findings });
      findings.forEach((list, i) => {
        for (const d of list) out[i].push(d);
      });
    }
    this.entries = next;
    return out;
  }
}

/** The document seen with one resolution only: the checks iterate `root.resolutions`. */
function restrictTo(document: ParsedDocument, resolution: ResolutionNode): ParsedDocument {
  return Object.create(document, { root: { value: { ...document.root, resolutions: [resolution] } } }) as ParsedDocument;
}

function sameChecks(a: readonly Check[], b: readonly Check[]): boolean {
  return a.length === b.length && a.every((check, i) => check === b[i]);
}

function within(d: SyntaxDiagnostic, resolution: ResolutionNode): boolean {
  const inside = (start: number, end: number): boolean => start >= resolution.start && end <= resolution.end;
  return inside(d.start, d.end) && (d.related ?? []).every((r) => r.uri === undefined && inside(r.start, r.end));
}

function shifted(d: SyntaxDiagnostic, delta: number): SyntaxDiagnostic {
  const moved: SyntaxDiagnostic = { ...d, start: d.start + delta, end: d.end + delta };
  if (d.related) moved.related = d.related.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
  return moved;
}
