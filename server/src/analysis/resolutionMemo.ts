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
  end: number;
  /** The resolution's amended view text (a revision mark opened before it changes it). */
  view: string;
  checks: readonly Check[];
  /** Per check, its findings in the resolution. */
  findings: SyntaxDiagnostic[][];
}

/** The findings of the last analysis of one document, per resolution. */
export class ResolutionMemo {
  /** The text last analysed and its resolutions' findings by start offset. */
  private last?: { text: string; entries: Map<number, Entry> };
  /** The settings the kept findings were made with: other settings, other findings. */
  private settings: unknown;

  /**
   * The findings of `checks` (all resolution-local), per check, over every resolution in order.
   * A resolution that lies wholly before or after the text an edit changed, with the same
   * amended view, keeps its findings (moved by the edit's length); the others are found again.
   */
  findings(document: ParsedDocument, checks: readonly Check[], run: (check: Check, restricted: ParsedDocument) => SyntaxDiagnostic[], settings?: unknown): SyntaxDiagnostic[][] {
    if (settings !== this.settings) {
      this.last = undefined;
      this.settings = settings;
    }
    const out: SyntaxDiagnostic[][] = checks.map(() => []);
    const text = document.text;
    const previous = this.last;
    const prefix = previous ? commonPrefix(previous.text, text) : 0;
    const suffix = previous ? commonSuffix(previous.text, text, prefix) : 0;
    const delta = previous ? text.length - previous.text.length : 0;
    const entries = new Map<number, Entry>();
    const view = document.amended;
    for (const resolution of document.root.resolutions) {
      const viewText = view.text.slice(view.fromSource(resolution.start).offset, view.fromSource(resolution.end).offset);
      // Unchanged text: wholly within the common prefix, or wholly within the common suffix.
      const shift = resolution.end <= prefix ? 0 : resolution.start >= text.length - suffix ? delta : undefined;
      const known = previous && shift !== undefined ? previous.entries.get(resolution.start - shift) : undefined;
      let findings: SyntaxDiagnostic[][];
      if (known && shift !== undefined && known.end === resolution.end - shift && known.view === viewText && sameChecks(known.checks, checks)) {
        findings = shift === 0 ? known.findings : known.findings.map((list) => list.map((d) => shifted(d, shift)));
      } else {
        const restricted = restrictTo(document, resolution);
        findings = checks.map((check) => run(check, restricted));
      }
      // Findings outside the resolution's own text depend on more than it: never kept.
      if (findings.every((list) => list.every((d) => within(d, resolution)))) entries.set(resolution.start, { end: resolution.end, view: viewText, checks, findings });
      findings.forEach((list, i) => {
        for (const d of list) out[i].push(d);
      });
    }
    this.last = { text, entries };
    return out;
  }
}

const BLOCK = 4096;

/** Length of the common start of two texts, compared a block at a time (native string compares). */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  while (at + BLOCK <= limit && a.slice(at, at + BLOCK) === b.slice(at, at + BLOCK)) at += BLOCK;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** Length of the common end of two texts, not reaching into their common start. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let length = 0;
  while (length + BLOCK <= limit && a.slice(a.length - length - BLOCK, a.length - length) === b.slice(b.length - length - BLOCK, b.length - length)) length += BLOCK;
  while (length < limit && a.charCodeAt(a.length - length - 1) === b.charCodeAt(b.length - length - 1)) length++;
  return length;
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
