// Citation checks: a cited resolution must be known, its revision must exist, be in force at the
// document's date and be written as ITU writes it (`Rev.` for a revision, none for a first
// adoption), the body named must agree with the conference, and one document cites one revision
// of a resolution. Each diagnostic carries its quick fixes; the safe ones join "fix all".

import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import type { RelatedLocation } from '../syntax/diagnostics';
import { currentRevision, findRevision, type KnowledgeBase, type KnownResolution, type KnownRevision } from './catalogue';
import { contextAt, documentCitations, type Citation, type CitedRevision, type CitingContext, type TextRange } from './citations';
import { BODY_INFO, INFERABLE_BODIES, type Body } from './conferences';
import type { Fix, FixOptions, FixProvider, OffsetEdit } from './edits';
import type { FixAllContributor } from './fixProviders';
import type { Check } from './pipeline';
import { tracksChanges } from './renumber';

export const CITATION_CODES = {
  unknown: 'citation.unknown',
  revisionUnknown: 'citation.revision-unknown',
  future: 'citation.future',
  superseded: 'citation.superseded',
  inconsistent: 'citation.inconsistent',
  revMissing: 'citation.rev-missing',
  revExtra: 'citation.rev-extra',
  bodyMismatch: 'citation.body-mismatch',
} as const;

/** Fixes of the last check run on each document, by diagnostic (code and range). */
type StoredFixes = () => Map<string, Fix[]>;
const fixesByDocument = new WeakMap<ParsedDocument, StoredFixes>();
/** The same by text, for a caller that parsed the text again (fix-all passes): the last few texts only. */
const fixesByText = new Map<string, StoredFixes>();
const TEXTS_KEPT = 4;

function storeFixes(document: ParsedDocument, fixes: StoredFixes): void {
  fixesByDocument.set(document, fixes);
  fixesByText.delete(document.text);
  fixesByText.set(document.text, fixes);
  while (fixesByText.size > TEXTS_KEPT) fixesByText.delete(fixesByText.keys().next().value as string);
}

function storedFixes(document: ParsedDocument): Map<string, Fix[]> | undefined {
  return (fixesByDocument.get(document) ?? fixesByText.get(document.text))?.();
}

function diagnosticKey(diagnostic: Pick<SyntaxDiagnostic, 'code' | 'start' | 'end'>): string {
  return `${diagnostic.code}@${diagnostic.start}-${diagnostic.end}`;
}

/**
 * Quick fixes for a citation diagnostic of the last check run on the document. Edits are planned
 * plain and written as revision marks here, as the `trackChanges` option says.
 */
export const citationFixProvider: FixProvider = (document, diagnostic, options) => {
  const fixes = storedFixes(document)?.get(diagnosticKey(diagnostic)) ?? [];
  const tracked = tracksChanges(document, options.trackChanges);
  return fixes.map((fix) => ({ ...fix, diagnostic, edits: fix.edits.map((edit) => trackedEdit(document, tracked, edit.start, edit.end, edit.newText)) }));
};

/** The safe citation fixes of a document, for "fix all" (never a did-you-mean). */
export const citationFixAll: FixAllContributor = (document, diagnostics, options: FixOptions) =>
  diagnostics
    .filter((diagnostic) => diagnostic.code.startsWith('citation.'))
    .flatMap((diagnostic) => citationFixProvider(document, diagnostic, options))
    .filter((fix) => fix.fixAll)
    .flatMap((fix) => fix.edits);

/** The citation checks, reading the catalogue and workspace through the knowledge base. */
export function citationCheck(knowledge: KnowledgeBase): Check {
  // Without a catalogue there is nothing to judge citations against: the server and `reso check` always load the shipped one.
  return (document) => (knowledge.loadedCatalogues().length === 0 ? [] : new CitationChecker(document, knowledge).run());
}

interface Verdict {
  citation: Citation;
  known?: KnownResolution;
  cited?: KnownRevision;
  /** The revision this citation should name, when it should name another. */
  target?: KnownRevision;
  /** The reason for the target: it decides whether its fix is safe. */
  context: CitingContext | undefined;
}

class CitationChecker {
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  private readonly fixes = new Map<string, Fix[]>();
  private readonly citations: Citation[];
  private readonly contexts: CitingContext[];
  /** Revision look-ups by written revision (numbers sharing one share it). */
  private readonly revisionMemo = new Map<CitedRevision, { known: KnownResolution; year: number | undefined; cited: KnownRevision | undefined; current: KnownRevision | undefined }>();
  /** Resolutions looked up in this run, by body and number: a document cites the same few many times. */
  private readonly resolutions = new Map<Body, Map<string, KnownResolution | undefined>>();

  constructor(
    private readonly document: ParsedDocument,
    private readonly knowledge: KnowledgeBase,
  ) {
    const found = documentCitations(document, knowledge.conferences);
    this.citations = found.citations;
    this.contexts = found.contexts;
  }

  run(): SyntaxDiagnostic[] {
    const verdicts: Verdict[] = [];
    for (const citation of this.citations) {
      const verdict = this.check(citation);
      if (verdict) verdicts.push(verdict);
    }
    this.checkConsistency(verdicts);
    // Revision fixes are worked out when first asked for (a quick fix, fix-all), not on every keystroke.
    let planned = false;
    storeFixes(this.document, () => {
      if (!planned) {
        planned = true;
        this.addRevisionFixes(verdicts);
      }
      return this.fixes;
    });
    return this.diagnostics;
  }

  private check(citation: Citation): Verdict | undefined {
    const context = contextAt(this.contexts, citation.range.start);
    const revision = citation.revision;
    const year = context?.year;
    if (revision && year !== undefined && revision.year > year) {
      this.report(CITATION_CODES.future, 'error', citation.range, `${written(citation)} is later than the document's date (${context?.date ?? year}): the text cannot cite a revision not yet adopted.`);
    }
    if (this.checkBody(citation)) return undefined;
    const body = citation.body;
    if (!body) {
      if (revision?.place) {
        this.report(CITATION_CODES.unknown, 'warning', citation.range, `No ITU conference is known at ${revision.place} in ${revision.year}, so the body of ${written(citation)} cannot be told; name it (for example \`of WTDC\`).`);
      }
      return undefined;
    }
    if (!BODY_INFO[body].conference) return undefined;
    const known = this.resolution(body, citation.number);
    if (!known) {
      this.reportUnknown(citation, body, nameOf(citation, body));
      return undefined;
    }
    const verdict: Verdict = { citation, known, context };
    if (!revision?.place) return verdict;
    let memo = this.revisionMemo.get(revision);
    if (!memo || memo.known !== known || memo.year !== year) {
      memo = { known, year, cited: findRevision(known, revision.place, revision.year), current: currentRevision(known, year) };
      this.revisionMemo.set(revision, memo);
    }
    const cited = memo.cited;
    if (!cited) {
      if (year === undefined || revision.year <= year) {
        const knownList = known.revisions.map((r) => `${r.conference.place}, ${r.conference.year}`).join('; ') || 'none';
        const conferenceNote = citation.conference ? '' : ` (no ${BODY_INFO[body].name} is known at ${revision.place} in ${revision.year})`;
        this.report(CITATION_CODES.revisionUnknown, 'warning', citation.range, `${nameOf(citation, body)} is known, but not in a revision of ${revision.place}, ${revision.year}${conferenceNote}. Revisions known: ${knownList}.`);
      }
      verdict.target = memo.current;
      return verdict;
    }
    verdict.cited = cited;
    if (year !== undefined && revision.year > year) {
      verdict.target = memo.current;
      return verdict;
    }
    const current = memo.current;
    if (current && current !== cited && current.conference.year > cited.conference.year) {
      verdict.target = current;
      this.report(CITATION_CODES.superseded, 'warning', citation.range,
        `${written(citation)} was superseded by Resolution ${citation.number} ${formatRevisionOf(current.first !== true, current.conference.place, current.conference.year)}, adopted by ${current.conference.id}, before the document's date (${context?.date ?? year ?? 'undated'}).`);
    }
    if (!revision.rev && cited.first === false) {
      const first = known.revisions.find((r) => r.first === true);
      const origin = first ? `first adopted at ${first.conference.place}, ${first.conference.year}` : 'adopted before';
      this.report(CITATION_CODES.revMissing, 'warning', citation.revision?.range ?? citation.range,
        `${nameOf(citation, body)} was ${origin}: the ${revision.place}, ${revision.year} text is a revision and takes \`Rev.\`: (Rev. ${revision.place}, ${revision.year}).`);
    } else if (revision.rev && cited.first === true) {
      this.report(CITATION_CODES.revExtra, 'warning', citation.revision?.range ?? citation.range,
        `${nameOf(citation, body)} was first adopted at ${revision.place}, ${revision.year}: a first adoption is cited without \`Rev.\`, as (${revision.place}, ${revision.year}).`);
    }
    return verdict;
  }

  private resolution(body: Body, number: string): KnownResolution | undefined {
    let byNumber = this.resolutions.get(body);
    if (!byNumber) {
      byNumber = new Map();
      this.resolutions.set(body, byNumber);
    }
    if (byNumber.has(number)) return byNumber.get(number);
    const known = this.knowledge.resolution(body, number);
    byNumber.set(number, known);
    return known;
  }

  /** The body named disagrees with the conference the place and year identify. True when reported. */
  private checkBody(citation: Citation): boolean {
    const named = citation.namedBody;
    const revision = citation.revision;
    if (!named || named.prefix || !revision?.place || named.body === undefined) return false;
    const identified = citation.conferencesAtPlace.filter((c) => INFERABLE_BODIES.has(c.body) && (citation.kind === 'opinion' ? c.body === 'WTPF' : c.body !== 'WTPF'));
    if (identified.length === 0 || identified.some((c) => c.body === named.body)) return false;
    const held = identified.map((c) => `${c.id}`).join(' and ');
    const what = named.thisConference ? `this conference (${BODY_INFO[named.body].name})` : `the ${BODY_INFO[named.body].name.replace(/ \(.*\)$/, '')}`;
    const diagnostic = this.report(CITATION_CODES.bodyMismatch, 'error', named.range,
      `${revision.place}, ${revision.year} identifies ${held}, not ${what}: the body named and the revision disagree.`);
    if (identified.length === 1) {
      const body = identified[0].body;
      const phrase = bodyPhrase(body, named.short && !named.thisConference);
      this.addFix(diagnostic, { title: `Correct the body: of ${phrase}`, edits: [this.edit(named.range.start, named.range.end, phrase)], fixAll: true, preferred: true });
    }
    return true;
  }

  private reportUnknown(citation: Citation, body: Body, name: string): void {
    const near = nearNumbers(citation.number, this.knowledge.numbers(body)).slice(0, 3);
    const suggestion = near.length > 0 ? ` Did you mean ${near.map((n) => `Resolution ${n}`).join(', ')}?` : '';
    const diagnostic = this.report(CITATION_CODES.unknown, 'warning', citation.range, `${name} is neither in the catalogue nor defined in the workspace.${suggestion}`);
    for (const number of near) {
      const known = this.knowledge.resolution(body, number);
      const about = known?.name ?? known?.subject;
      this.addFix(diagnostic, {
        title: `Change to Resolution ${number}${about ? ` (${about.length > 60 ? about.slice(0, 57) + '…' : about})` : ''}`,
        edits: [this.edit(citation.numberRange.start, citation.numberRange.end, number)],
        fixAll: false,
      });
    }
  }

  /** The same resolution cited with different revisions in one document. */
  private checkConsistency(verdicts: Verdict[]): void {
    const byKey = new Map<string, Verdict[]>();
    for (const verdict of verdicts) {
      const revision = verdict.citation.revision;
      if (!revision?.place || !verdict.known) continue;
      const list = byKey.get(verdict.known.key) ?? [];
      list.push(verdict);
      byKey.set(verdict.known.key, list);
    }
    for (const list of byKey.values()) {
      const revisionOf = (v: Verdict): string => `${v.citation.revision?.place?.toLowerCase()}|${v.citation.revision?.year}`;
      const counts = new Map<string, Verdict[]>();
      for (const verdict of list) {
        const key = revisionOf(verdict);
        const same = counts.get(key);
        if (same) same.push(verdict);
        else counts.set(key, [verdict]);
      }
      if (counts.size < 2) continue;
      // The revision the document means: the one in force at its date when cited, else the most cited (the latest among equals).
      const known = list[0].known as KnownResolution;
      const current = currentRevision(known, list[0].context?.year);
      const currentKey = current ? `${current.conference.place.toLowerCase()}|${current.conference.year}` : undefined;
      const preferredKey = currentKey && counts.has(currentKey)
        ? currentKey
        : [...counts.entries()].sort((a, b) => b[1].length - a[1].length || (b[1][0].citation.revision?.year ?? 0) - (a[1][0].citation.revision?.year ?? 0))[0][0];
      const preferred = counts.get(preferredKey) ?? [];
      const preferredRevision = preferred[0].cited ?? current;
      for (const verdict of list) {
        if (revisionOf(verdict) === preferredKey) continue;
        const citation = verdict.citation;
        const shown = preferred[0].citation.revision;
        const related: RelatedLocation[] = preferred.slice(0, 5).map((other) => ({
          start: other.citation.range.start,
          end: other.citation.range.end,
          message: `cited here as ${formatRevisionOf(shown?.rev ?? true, shown?.place, shown?.year ?? 0)}`,
        }));
        this.report(CITATION_CODES.inconsistent, 'warning', citation.range,
          `Resolution ${citation.number} is cited here as ${formatRevisionOf(citation.revision?.rev ?? true, citation.revision?.place, citation.revision?.year ?? 0)} and ${preferred.length} time${preferred.length === 1 ? '' : 's'} elsewhere in this document as ${formatRevisionOf(shown?.rev ?? true, shown?.place, shown?.year ?? 0)}.`,
          related);
        if (!verdict.target && preferredRevision) verdict.target = preferredRevision;
      }
    }
  }

  /**
   * One canonical text per citation (the target revision, written with or without `Rev.` as the
   * catalogue says), so that every diagnostic on a citation offers the same edit and fix-all
   * applies it once.
   */
  private addRevisionFixes(verdicts: Verdict[]): void {
    const wanted = new Map<Citation, string>();
    for (const verdict of verdicts) {
      const revision = verdict.citation.revision;
      if (!revision?.place) continue;
      const target = verdict.target ?? verdict.cited;
      if (!target) continue;
      const rev = target.first === true ? false : target.first === false ? true : target === verdict.cited ? revision.rev : true;
      const text = `${rev ? 'Rev. ' : ''}${target.conference.place}, ${target.conference.year}`;
      if (normalize(this.viewText(revision.range)) !== normalize(text)) wanted.set(verdict.citation, text);
    }
    const byKey = new Map(this.diagnostics.map((d) => [diagnosticKey(d), d]));
    // Numbers sharing one written revision, found once: `50 and 52 (Rev. Hammamet, 2016)`.
    const sharers = new Map<number, Citation[]>();
    for (const citation of this.citations) {
      const start = citation.revision?.outerRange.start;
      if (start === undefined) continue;
      const list = sharers.get(start) ?? [];
      list.push(citation);
      sharers.set(start, list);
    }
    for (const [citation, text] of wanted) {
      const fix = this.revisionFix(citation, text, wanted, sharers.get(citation.revision?.outerRange.start ?? -1) ?? [citation]);
      if (!fix) continue;
      for (const code of [CITATION_CODES.superseded, CITATION_CODES.future, CITATION_CODES.revisionUnknown, CITATION_CODES.inconsistent, CITATION_CODES.revMissing, CITATION_CODES.revExtra]) {
        const range = code === CITATION_CODES.revMissing || code === CITATION_CODES.revExtra ? citation.revision?.range ?? citation.range : citation.range;
        const diagnostic = byKey.get(diagnosticKey({ code, start: range.start, end: range.end }));
        if (diagnostic) this.addFix(diagnostic, { ...fix });
      }
    }
  }

  private revisionFix(citation: Citation, text: string, wanted: Map<Citation, string>, sharers: readonly Citation[]): Omit<Fix, 'diagnostic'> | undefined {
    const revision = citation.revision;
    if (!revision) return undefined;
    const title = `Cite Resolution ${citation.number} (${text})`;
    if (sharers.length <= 1) return { title, edits: [this.edit(revision.range.start, revision.range.end, text)], fixAll: true, preferred: true };
    const old = this.viewText(revision.range);
    const targets = sharers.map((c) => wanted.get(c) ?? old);
    if (targets.every((t) => t === text)) return { title, edits: [this.edit(revision.range.start, revision.range.end, text)], fixAll: true, preferred: true };
    // Only this number changes: give it its own revision and keep the shared one for the others.
    const alone = targets.filter((t) => t !== old).length === 1;
    const index = sharers.indexOf(citation);
    const edits: OffsetEdit[] = [];
    const previous = index > 0 ? sharers[index - 1] : undefined;
    if (previous) edits.push(this.edit(previous.numberRange.end, previous.numberRange.end, ` (${old})`));
    if (index === sharers.length - 1) edits.push(this.edit(revision.range.start, revision.range.end, text));
    else edits.push(this.edit(citation.numberRange.end, citation.numberRange.end, ` (${text})`));
    return { title, edits, fixAll: alone, preferred: alone };
  }

  private report(code: string, severity: SyntaxDiagnostic['severity'], range: TextRange, message: string, related?: RelatedLocation[]): SyntaxDiagnostic {
    const diagnostic: SyntaxDiagnostic = { code, severity, start: range.start, end: range.end, message, ...(related && related.length > 0 ? { related } : {}) };
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }

  private addFix(diagnostic: SyntaxDiagnostic, fix: Omit<Fix, 'diagnostic'>): void {
    const key = diagnosticKey(diagnostic);
    const list = this.fixes.get(key) ?? [];
    list.push(fix);
    this.fixes.set(key, list);
  }

  /** The amended text of a source range. */
  private viewText(range: TextRange): string {
    return viewTextOf(this.document, this.document.amended, range.start, range.end);
  }

  private edit(start: number, end: number, newText: string): OffsetEdit {
    return { start, end, newText };
  }
}

/**
 * An edit that, in a document carrying revision marks or a MOD/ADD marker, shows itself as a
 * revision (`{--old--}{++new++}`), so the DT shows what changed; inside inserted text it is plain.
 */
export function trackedEdit(document: ParsedDocument, tracked: boolean, start: number, end: number, newText: string): OffsetEdit {
  if (!tracked) return { start, end, newText };
  const marks = document.revisions;
  if (marks.some((m) => m.kind === 'insertion' && m.contentStart <= start && end <= m.contentEnd)) return { start, end, newText };
  // Widen to the marks the edit touches: marks do not nest, so those are rewritten whole.
  let from = start;
  let to = end;
  for (const mark of marks) {
    const touches = start === end ? mark.start < start && start < mark.end : mark.start < end && mark.end > start;
    if (!touches) continue;
    from = Math.min(from, mark.start);
    to = Math.max(to, mark.end);
  }
  const original = viewTextOf(document, document.original, from, to);
  const amended = viewTextOf(document, document.amended, from, start) + newText + viewTextOf(document, document.amended, end, to);
  const { prefix, suffix } = commonEdges(original, amended);
  const removed = original.slice(prefix, original.length - suffix);
  const added = amended.slice(prefix, amended.length - suffix);
  const change = `${removed ? `{--${removed}--}` : ''}${added ? `{++${added}++}` : ''}`;
  // Plain text: mark only what changes. Across marks: the span is rewritten, its unchanged edges plain.
  if (from === start && to === end) return { start: start + prefix, end: end - suffix, newText: change };
  return { start: from, end: to, newText: original.slice(0, prefix) + change + original.slice(original.length - suffix) };
}

function viewTextOf(document: ParsedDocument, view: ParsedDocument['amended'], start: number, end: number): string {
  let out = '';
  view.sourceRuns(start, end, (kept, from, to) => {
    if (kept) out += document.text.slice(from, to);
  });
  return out;
}

function commonEdges(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `Resolution 52 (Rev. Dubai, 2012)` as written. */
function written(citation: Citation): string {
  const revision = citation.revision;
  return `${citation.kind === 'opinion' ? 'Opinion' : 'Resolution'} ${citation.number}${revision ? ' ' + formatRevisionOf(revision.rev, revision.place, revision.year) : ''}`;
}

/** `Resolution 52 of WTSA`. */
function nameOf(citation: Citation, body: Body): string {
  return `${citation.kind === 'opinion' ? 'Opinion' : 'Resolution'} ${citation.number} ${BODY_INFO[body].citePhrase || 'of ' + BODY_INFO[body].name}`;
}

export function formatRevisionOf(rev: boolean, place: string | undefined, year: number): string {
  return place ? `(${rev ? 'Rev. ' : ''}${place}, ${year})` : `(${year})`;
}

/** The phrase after `of` naming a body: `WTDC` (short) or `the World Telecommunication Development Conference (WTDC)`. */
export function bodyPhrase(body: Body, short: boolean): string {
  if (body === 'PP') return 'the Plenipotentiary Conference';
  return short ? body : `the ${BODY_INFO[body].name}`;
}

/** Known numbers one edit away (a digit changed, added, dropped or two swapped). */
export function nearNumbers(number: string, known: readonly string[]): string[] {
  return known.filter((candidate) => candidate !== number && oneEditApart(number, candidate)).sort((a, b) => Number(a) - Number(b));
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return diffs.length === 2 && diffs[1] === diffs[0] + 1 && a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}
