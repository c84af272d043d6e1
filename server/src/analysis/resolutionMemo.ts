// Re-analysis after an edit: checks whose findings in a resolution depend on that resolution
// alone are run again only on the resolutions whose text changed. The findings of the others
// are kept from the last analysis and moved with the text, so the result equals a full run.

import type { ParsedDocument, ResolutionNode, SyntaxDiagnostic, TextView } from '../syntax';
import { movedDiagnostic } from '../syntax/diagnostics';
import { editBetween } from '../syntax/textDiff';
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
  start: number;
  end: number;
  /** Where the resolution's amended view text was (a revision mark opened before it changes it). */
  view: TextView;
  viewStart: number;
  viewEnd: number;
  checks: readonly Check[];
  /** Per check, its findings in the resolution. */
  findings: SyntaxDiagnostic[][];
}

/** The findings of the last analysis of one document, per resolution. */
export class ResolutionMemo {
  /** The text last analysed and its resolutions' findings, by node and by start offset. */
  private last?: { text: string; byNode: Map<ResolutionNode, Entry>; byStart: Map<number, Entry> };
  /** The settings the kept findings were made with: other settings, other findings. */
  private settings: unknown;

  /**
   * The findings of `checks` (all resolution-local), per check, over every resolution in order.
   * A resolution whose node was carried over by a partial re-read of the text is unchanged; one
   * that lies wholly before or after the text an edit changed, with the same amended view, is
   * too. Either keeps its findings (moved by the edit's length); the others are found again.
   */
  findings(document: ParsedDocument, checks: readonly Check[], run: (check: Check, restricted: ParsedDocument) => SyntaxDiagnostic[], settings?: unknown): SyntaxDiagnostic[][] {
    if (settings !== this.settings) {
      this.last = undefined;
      this.settings = settings;
    }
    const out: SyntaxDiagnostic[][] = checks.map(() => []);
    const text = document.text;
    const previous = this.last;
    let edit: { prefix: number; suffix: number } | undefined;
    const delta = previous ? text.length - previous.text.length : 0;
    const byNode = new Map<ResolutionNode, Entry>();
    const byStart = new Map<number, Entry>();
    const view = document.amended;
    for (const resolution of document.root.resolutions) {
      let entry = previous?.byNode.get(resolution);
      if (entry && (entry.end - entry.start !== resolution.end - resolution.start || !sameChecks(entry.checks, checks))) entry = undefined;
      if (!entry && previous) {
        // Not carried over: the same text, wholly within the common prefix or the common suffix.
        if (!edit) {
          edit = editBetween(previous.text, document, text);
        }
        const shift = resolution.end <= edit.prefix ? 0 : resolution.start >= text.length - edit.suffix ? delta : undefined;
        const known = shift === undefined ? undefined : previous.byStart.get(resolution.start - shift);
        if (known && shift !== undefined && known.end === resolution.end - shift && sameChecks(known.checks, checks) && viewText(known) === viewText({ view, ...viewRange(view, resolution) })) entry = known;
      }
      let kept: Entry | undefined;
      if (entry) {
        const shift = resolution.start - entry.start;
        const findings = shift === 0 ? entry.findings : entry.findings.map((list) => list.map((d) => movedDiagnostic(d, shift)));
        // Pointing at the current view, so that no entry holds an old text alive.
        kept = { start: resolution.start, end: resolution.end, view, ...viewRange(view, resolution), checks, findings };
      } else {
        const restricted = restrictTo(document, resolution);
        const findings = checks.map((check) => run(check, restricted));
        // Findings outside the resolution's own text depend on more than it: never kept.
        if (findings.every((list) => list.every((d) => within(d, resolution)))) kept = { start: resolution.start, end: resolution.end, view, ...viewRange(view, resolution), checks, findings };
        else findings.forEach((list, i) => {
          for (const d of list) out[i].push(d);
        });
      }
      if (!kept) continue;
      byNode.set(resolution, kept);
      byStart.set(resolution.start, kept);
      kept.findings.forEach((list, i) => {
        for (const d of list) out[i].push(d);
      });
    }
    this.last = { text, byNode, byStart };
    return out;
  }
}

function viewRange(view: TextView, resolution: ResolutionNode): { viewStart: number; viewEnd: number } {
  return { viewStart: view.fromSource(resolution.start).offset, viewEnd: view.fromSource(resolution.end).offset };
}

function viewText(entry: { view: TextView; viewStart: number; viewEnd: number }): string {
  return entry.view.text.slice(entry.viewStart, entry.viewEnd);
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
