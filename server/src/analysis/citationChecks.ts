// Citation checks: a cited resolution must be known, its revision must exist, be in force at the
// document's date and be written as ITU writes it (`Rev.` for a revision, none for a first
// adoption), the body named must agree with the conference, and one document cites one revision
// of a resolution. Each diagnostic carries its quick fixes; the safe ones join "fix all".

import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import { movedDiagnostic, type RelatedLocation } from '../syntax/diagnostics';
import { firstStartingFrom } from '../syntax/spans';
import { currentRevision, findRevision, resolutionKey, type CatalogueCompleteness, type KnowledgeBase, type KnownResolution, type KnownRevision, type LoadedCatalogue } from './catalogue';
import { adoptsAt, documentCitations, type Citation, type CitationUnit, type CitedRevision, type CitingContext, type NamedBody, type TextRange } from './citations';
import { BODY_INFO, INFERABLE_BODIES, KIND_WORD, type Body, type Conference, type TextKind } from './conferences';
import type { Fix, FixOptions, FixProvider, OffsetEdit } from './edits';
import type { FixAllContributor } from './fixProviders';
import type { Check } from './pipeline';
import { changeInHighlight, cutsHighlight, highlightHolding, marksNear, tracksChanges } from './renumber';

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

/** Fixes of the last check run on each document, by diagnostic (code and range), of the unit holding a source offset. */
type StoredFixes = (offset: number) => Map<string, Fix[]> | undefined;
const fixesByDocument = new WeakMap<ParsedDocument, StoredFixes>();
/** The same by text, for a caller that parsed the text again (fix-all passes): the last few texts only. */
const fixesByText = new Map<string, StoredFixes>();
const TEXTS_KEPT = 4;
/** Older texts are kept only while, with the newest, they come to less than this many characters: the fixes of a text hold its whole parse. */
const CHARACTERS_KEPT = 2_000_000;

/** A document closed: the fixes kept for its text (and the parse they hold) are let go. */
export function forgetFixesOf(text: string): void {
  fixesByText.delete(text);
}

/** Every file fixed: nothing kept (a command line that fixed large files holds no parse of them). */
export function forgetAllFixes(): void {
  fixesByText.clear();
}

function storeFixes(document: ParsedDocument, fixes: StoredFixes): void {
  fixesByDocument.set(document, fixes);
  fixesByText.delete(document.text);
  fixesByText.set(document.text, fixes);
  let characters = 0;
  for (const text of fixesByText.keys()) characters += text.length;
  while (fixesByText.size > 1 && (fixesByText.size > TEXTS_KEPT || characters > CHARACTERS_KEPT)) {
    const oldest = fixesByText.keys().next().value as string;
    characters -= oldest.length;
    fixesByText.delete(oldest);
  }
}

function storedFixes(document: ParsedDocument, offset: number): Map<string, Fix[]> | undefined {
  return (fixesByDocument.get(document) ?? fixesByText.get(document.text))?.(offset);
}

function diagnosticKey(diagnostic: Pick<SyntaxDiagnostic, 'code' | 'start' | 'end'>): string {
  return `${diagnostic.code}@${diagnostic.start}-${diagnostic.end}`;
}

/**
 * Quick fixes for a citation diagnostic of the last check run on the document. Edits are planned
 * plain and written as revision marks here, as the `trackChanges` option says.
 */
export const citationFixProvider: FixProvider = (document, diagnostic, options) => {
  const fixes = storedFixes(document, diagnostic.start)?.get(diagnosticKey(diagnostic)) ?? [];
  const tracked = tracksChanges(document, options.trackChanges);
  return fixes
    .map((fix) => ({ ...fix, diagnostic, edits: fix.edits.map((edit) => trackedEdit(document, tracked, edit.start, edit.end, edit.newText)) }))
    // A highlight keeps its delimiters: a fix that would cut or drop them is not offered.
    .filter((fix) => !fix.edits.some((edit) => cutsHighlight(document, edit)));
};

/**
 * The safe citation fixes of a document, for "fix all" (never a did-you-mean). A fix offered on
 * several diagnostics (numbers sharing a revision) is applied once, and a fix is applied whole
 * or not at all: half of a split revision would change what the other numbers cite.
 */
export const citationFixAll: FixAllContributor = (document, diagnostics, options: FixOptions) => {
  // Kept edits sorted by start, so that a clash is looked for among neighbours only.
  const kept: OffsetEdit[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.code.startsWith('citation.')) continue;
    for (const fix of citationFixProvider(document, diagnostic, options)) {
      if (!fix.fixAll) continue;
      const key = editsKey(fix.edits);
      if (seen.has(key)) continue;
      seen.add(key);
      if (fix.edits.some((edit) => clashes(kept, edit))) continue;
      for (const edit of fix.edits) kept.splice(insertionPoint(kept, edit.start), 0, edit);
    }
  }
  return kept;
};

/** Index of the first kept edit starting after `start`. */
function insertionPoint(kept: readonly OffsetEdit[], start: number): number {
  return firstStartingFrom(kept, start + 1);
}

/** An edit that cannot apply with the kept ones (non-overlapping, sorted): overlapping ranges, or insertions at one point. */
function clashes(kept: readonly OffsetEdit[], edit: OffsetEdit): boolean {
  const at = insertionPoint(kept, edit.start);
  const overlaps = (k: OffsetEdit): boolean => (edit.start < k.end && k.start < edit.end) || (edit.start === k.start && (edit.start === edit.end || k.start === k.end));
  // Kept edits do not overlap each other: only the last one starting at or before, and those starting inside, can clash.
  if (at > 0 && overlaps(kept[at - 1])) return true;
  for (let i = at; i < kept.length && kept[i].start < Math.max(edit.end, edit.start + 1); i++) if (overlaps(kept[i])) return true;
  return false;
}

/** The identity of a fix's edits: the same change offered on several diagnostics is one change. */
export function editsKey(edits: readonly OffsetEdit[]): string {
  return edits.map((e) => `${e.start}:${e.end}:${e.newText}`).join('\u0000');
}

/** The citation checks, reading the catalogue and workspace through the knowledge base. */
export function citationCheck(knowledge: KnowledgeBase): Check {
  // Without a catalogue there is nothing to judge citations against: the server and `reso check` always load the shipped one.
  return (document) => (knowledge.loadedCatalogues().length === 0 ? [] : checkCitations(document, knowledge));
}

/** What the checks found in a unit, and what they were run with: the same knowledge finds the same again. */
interface UnitFindings {
  knowledge: KnowledgeBase;
  sourceStart: number;
  definitions: number;
  catalogues: readonly LoadedCatalogue[];
  multiple: boolean;
  diagnostics: SyntaxDiagnostic[];
}

/** Findings by unit identity: a unit whose text and context did not change is not checked again, only moved. */
const findingsByUnit = new WeakMap<object, UnitFindings>();

/**
 * Each resolution is checked on its own (a document cites one revision of a text per resolution,
 * and every other rule reads one citation or one group), so after an edit only the changed
 * resolutions are checked again; the others' findings move with the text.
 */
function checkCitations(document: ParsedDocument, knowledge: KnowledgeBase): SyntaxDiagnostic[] {
  const { units } = documentCitations(document, knowledge.conferences);
  const definitions = knowledge.definitionsVersion;
  const catalogues = knowledge.loadedCatalogues();
  const multiple = units.length > 1;
  const checkers: Array<CitationChecker | undefined> = new Array(units.length);
  const lookups = runLookups();
  const out: SyntaxDiagnostic[] = [];
  units.forEach((unit, index) => {
    const kept = findingsByUnit.get(unit.identity);
    if (kept && kept.knowledge === knowledge && kept.definitions === definitions && kept.catalogues === catalogues && kept.multiple === multiple) {
      const shift = unit.sourceStart - kept.sourceStart;
      if (shift !== 0) {
        kept.diagnostics = kept.diagnostics.map((d) => movedDiagnostic(d, shift));
        kept.sourceStart = unit.sourceStart;
      }
      for (const d of kept.diagnostics) out.push(d);
      return;
    }
    const checker = new CitationChecker(document, knowledge, unit, multiple, lookups);
    checkers[index] = checker;
    const diagnostics = checker.run();
    findingsByUnit.set(unit.identity, { knowledge, sourceStart: unit.sourceStart, definitions, catalogues, multiple, diagnostics });
    for (const d of diagnostics) out.push(d);
  });
  // Fixes are worked out when first asked for (a quick fix, fix-all), unit by unit; a unit whose findings were kept is checked again then.
  storeFixes(document, (offset) => {
    const index = unitAt(units, offset);
    if (index < 0) return undefined;
    let checker = checkers[index];
    if (!checker) {
      checker = new CitationChecker(document, knowledge, units[index], multiple);
      checker.run();
      checkers[index] = checker;
    }
    return checker.plannedFixes();
  });
  return out;
}

/** The index of the unit holding a source offset: the last starting at or before it. */
function unitAt(units: readonly CitationUnit[], offset: number): number {
  let lo = 0;
  let hi = units.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (units[mid].sourceStart <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What the units of one run look up alike: shared, as a document cites the same few texts in every resolution. */
interface RunLookups {
  knownLists: Map<KnownResolution, string>;
  resolutions: Map<string, KnownResolution | undefined>;
}

function runLookups(): RunLookups {
  return { knownLists: new Map(), resolutions: new Map() };
}

interface Verdict {
  citation: Citation;
  known?: KnownResolution;
  cited?: KnownRevision;
  /** The revision this citation should name, when it should name another. */
  target?: KnownRevision;
  /** The target is a guess (an undated text's inconsistency): a quick fix, never part of fix-all. */
  guess?: boolean;
  context: CitingContext | undefined;
  /** Cited as history (a list of revisions, the text's own predecessor, past wording): never superseded nor inconsistent. */
  historical?: boolean;
}

/**
 * Wording that tells of the past around a citation: `no budget was allocated to accompany …`,
 * `… has only been partially implemented`, `the previous revision`.
 */
const PAST_WORDING = /\b(?:was|were|had|previous(?:ly)?|earlier|former(?:ly)?|predecessor|original(?:ly)?|until|replaced|superseded|abrogated|since)\b|\bha(?:s|ve)\b(?:\s+\w+){0,2}\s+been\b/i;
/** How far a sentence is read around a citation, each way. */
const SENTENCE_REACH = 300;

class CitationChecker {
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  private readonly fixes = new Map<string, Fix[]>();
  /** Diagnostics that several numbers share (a revision or body phrase written once), by key, with the numbers. */
  private readonly shared = new Map<string, { diagnostic: SyntaxDiagnostic; numbers: Set<string>; message: (numbers: string[]) => string }>();
  /** Did-you-mean fixes, planned with the revision fixes. */
  private readonly unknown: Array<{ diagnostic: SyntaxDiagnostic; citation: Citation; body: Body; near: readonly string[] }> = [];
  private readonly citations: readonly Citation[];
  private readonly context: CitingContext;
  /** Revision look-ups by written revision (numbers sharing one share it). */
  private readonly revisionMemo = new Map<CitedRevision, { known: KnownResolution; year: number | undefined; cited: KnownRevision | undefined; current: KnownRevision | undefined }>();
  /** The revisions of a text as messages list them, by text. */
  private readonly knownLists: Map<KnownResolution, string>;
  /** Texts looked up in this run, by key (body, kind and number): a document cites the same few many times. */
  private readonly resolutions: Map<string, KnownResolution | undefined>;
  private verdicts: Verdict[] = [];
  private planned = false;

  /** `multiple`: the document holds more than one resolution (messages then say "in this resolution"). */
  constructor(
    private readonly document: ParsedDocument,
    private readonly knowledge: KnowledgeBase,
    private readonly unit: CitationUnit,
    private readonly multiple: boolean,
    shared: RunLookups = runLookups(),
  ) {
    this.citations = unit.citations;
    this.context = unit.context;
    this.knownLists = shared.knownLists;
    this.resolutions = shared.resolutions;
  }

  run(): SyntaxDiagnostic[] {
    const mismatched = this.checkBodies();
    const verdicts: Verdict[] = [];
    for (const citation of this.citations) {
      const verdict = this.check(citation, mismatched);
      if (verdict) verdicts.push(verdict);
    }
    this.checkConsistency(verdicts);
    this.nameSharers();
    this.verdicts = verdicts;
    return this.diagnostics;
  }

  /** The fixes of the run's diagnostics, by diagnostic: worked out when first asked for (a quick fix, fix-all), not on every keystroke. */
  plannedFixes(): Map<string, Fix[]> {
    if (!this.planned) {
      this.planned = true;
      this.addRevisionFixes(this.verdicts);
      this.addRevMarkFixes(this.verdicts);
      this.addNearFixes();
    }
    return this.fixes;
  }

  private check(citation: Citation, mismatched: ReadonlySet<Citation>): Verdict | undefined {
    const context = this.context;
    const revision = citation.revision;
    // An undated text gives no date to judge a revision by: no future, no superseded.
    const year = context?.year;
    if (revision && year !== undefined && revision.year > year) {
      this.report(CITATION_CODES.future, 'error', citation.range, `${written(citation)} is later than the document's date (${context?.date ?? year}); a text can cite only a revision adopted by its date.`);
    }
    if (mismatched.has(citation)) return undefined;
    const body = citation.body;
    if (!body) {
      // Another organization's text (`UN Human Rights Council Resolution 20/8`) is no concern of the catalogue.
      if (revision?.place && citation.how !== 'external' && citation.conferencesAtPlace.length === 0) {
        this.report(CITATION_CODES.unknown, 'warning', citation.range, `No ITU conference met at ${revision.place} in ${revision.year}, as far as the table of conferences knows, so the body of ${written(citation)} cannot be told; name the body (for example \`of WTDC\`) or correct the place and year.`);
      }
      return undefined;
    }
    const known = this.resolution(body, citation.number, citation.kind);
    if (!known) {
      const claim = this.knowledge.completeFor(body, revision?.year ?? year);
      // A body whose texts no shipped catalogue holds is checked only against what a catalogue knows.
      if (BODY_INFO[body].catalogueOnly && !claim) return undefined;
      this.reportUnknown(citation, body, nameOf(citation, body), claim);
      return undefined;
    }
    if (!BODY_INFO[body].conference) return undefined;
    if (citation.kind === 'opinion') {
      // An opinion belongs to one forum: Opinion 4 (Lisbon, 2009) and Opinion 4 (Geneva, 2013) are two texts, not two revisions.
      if (revision?.place && !findRevision(known, revision.place, revision.year)) {
        const forums = known.revisions.map((r) => `${r.conference.id} (${r.conference.place}, ${r.conference.year})`).join(', ');
        this.report(CITATION_CODES.unknown, 'information', citation.range, `${written(citation)} is not in the catalogue: it knows Opinion ${citation.number} of ${forums || 'another forum'}, a different opinion of another forum.`);
      }
      return undefined;
    }
    const verdict: Verdict = { citation, known, context };
    if (!revision?.place) return verdict;
    let memo = this.revisionMemo.get(revision);
    if (!memo || memo.known !== known || memo.year !== year) {
      memo = { known, year, cited: findRevision(known, revision.place, revision.year), current: year === undefined ? undefined : currentRevision(known, year) };
      this.revisionMemo.set(revision, memo);
    }
    const cited = memo.cited;
    if (!cited) {
      if (year === undefined || revision.year <= year) {
        // Said of every citation of the text: listed once a run.
        let knownList = this.knownLists.get(known);
        if (knownList === undefined) {
          knownList = known.revisions.map((r) => `${r.conference.place}, ${r.conference.year}`).join('; ') || 'none';
          this.knownLists.set(known, knownList);
        }
        const first = known.revisions.find((r) => r.first === true);
        const claim = this.knowledge.completeFor(body, revision.year);
        if (!citation.conference) {
          const conferenceNote = ` (no ${BODY_INFO[body].name} is known at ${revision.place} in ${revision.year})`;
          this.report(CITATION_CODES.revisionUnknown, 'warning', citation.range, `${nameOf(citation, body)} has no revision of ${revision.place}, ${revision.year} that the catalogue or the workspace knows${conferenceNote}; a citation names a revision the resolution has. Revisions known: ${knownList}.`);
        } else if (first && first.conference.year > revision.year) {
          this.report(CITATION_CODES.revisionUnknown, 'warning', citation.range, `${written(citation)} is earlier than the first adoption of ${nameOf(citation, body)} (${first.conference.place}, ${first.conference.year}); a citation names a revision the resolution has. Revisions known: ${knownList}.`);
        } else if (claim) {
          this.report(CITATION_CODES.revisionUnknown, 'warning', citation.range, `${nameOf(citation, body)} has no revision of ${revision.place}, ${revision.year} in the catalogue, which declares that it holds every text of the ${BODY_INFO[body].name}${period(claim)}; a citation names a revision the resolution has. Revisions known: ${knownList}.`);
        } else {
          // A real conference met there: the catalogue, which holds a few revisions of a few dozen texts, may just not know this one.
          this.report(CITATION_CODES.revisionUnknown, 'information', citation.range, `${written(citation)} is not in the catalogue, which knows ${nameOf(citation, body)} in the revisions ${knownList}; the catalogue may not hold every revision.`);
        }
      }
      // Without a date, which revision to cite instead cannot be told.
      if (memo.current) verdict.target = memo.current;
      return verdict;
    }
    verdict.cited = cited;
    if (year !== undefined && revision.year > year) {
      if (memo.current) verdict.target = memo.current;
      return verdict;
    }
    const current = memo.current;
    // Whether a citation tells of history is read only where it matters: most citations are in force.
    if (current && current !== cited && current.conference.year > cited.conference.year && !this.historical(verdict)) {
      verdict.target = current;
      this.report(CITATION_CODES.superseded, 'warning', citation.range,
        `${written(citation)} was superseded by ${KIND_WORD[citation.kind]} ${citation.number} ${formatRevisionOf(current.first !== true, current.conference.place, current.conference.year)}, adopted by ${current.conference.id}, before the document's date (${context?.date ?? year}); a text cites the revision in force, unless it speaks of history.`);
    }
    const range = revision.range;
    if (!revision.rev && cited.first === false) {
      const first = known.revisions.find((r) => r.first === true);
      const origin = first ? `first adopted at ${first.conference.place}, ${first.conference.year}` : 'adopted before';
      this.reportShared(CITATION_CODES.revMissing, range, citation.number, (numbers) =>
        `(${revision.place}, ${revision.year}) has no \`Rev.\`, but ${namesOf(citation, body, numbers)} ${numbers.length === 1 ? 'was' : 'were'} ${origin}; a revision is cited with \`Rev.\`: (Rev. ${revision.place}, ${revision.year}).`);
    } else if (revision.rev && cited.first === true) {
      this.reportShared(CITATION_CODES.revExtra, range, citation.number, (numbers) =>
        `(Rev. ${revision.place}, ${revision.year}) carries \`Rev.\`, but ${namesOf(citation, body, numbers)} ${numbers.length === 1 ? 'was' : 'were'} first adopted there; a first adoption is cited without it: (${revision.place}, ${revision.year}).`);
    }
    return verdict;
  }

  /** Groups citing one number in several revisions (`Resolutions 125 (Rev. Busan, 2014), 125 (Rev. Guadalajara, 2010) …`), found once. */
  private revisionLists?: Set<number>;

  private historical(verdict: Verdict): boolean {
    verdict.historical ??= this.isHistorical(verdict.citation, verdict.context);
    return verdict.historical;
  }

  /** A citation of history rather than of the text in force. */
  private isHistorical(citation: Citation, context: CitingContext | undefined): boolean {
    // The text's own predecessor: Resolution 140 (Rev. Busan, 2014) recalled in Resolution 140 (Rev. Dubai, 2018).
    if (context?.number === citation.number && context.body === citation.body && (context.kind ?? 'resolution') === citation.kind) return true;
    if (!this.revisionLists) {
      this.revisionLists = new Set();
      const seen = new Map<string, string>();
      for (const other of this.citations) {
        const key = `${other.group} ${other.number}`;
        const revision = `${other.revision?.place}|${other.revision?.year}`;
        const before = seen.get(key);
        if (before === undefined) seen.set(key, revision);
        else if (before !== revision) this.revisionLists.add(other.group);
      }
    }
    if (this.revisionLists.has(citation.group)) return true;
    return PAST_WORDING.test(this.sentenceAround(citation.groupRange));
  }

  /** The amended text of the sentence around a source range: to the nearest `;`, `:`, `.` or blank line each way. */
  private sentenceAround(range: TextRange): string {
    const view = this.document.amended;
    const text = view.text;
    const from = view.fromSource(range.start).offset;
    const to = view.fromSource(range.end).offset;
    let start = from;
    // A sentence never runs out of its resolution.
    const floor = Math.max(this.unit.viewStart, from - SENTENCE_REACH);
    while (start > floor && !';:.'.includes(text[start - 1]) && !(text[start - 1] === '\n' && text[start - 2] === '\n')) start--;
    let end = to;
    const ceiling = Math.min(this.unit.viewEnd, to + SENTENCE_REACH);
    while (end < ceiling && !';:'.includes(text[end]) && !(text[end] === '.' && !/\d/.test(text[end + 1] ?? '')) && !(text[end] === '\n' && text[end + 1] === '\n')) end++;
    // The citation's own words (its subject included) are not the sentence's tense.
    return `${text.slice(start, from)} ${text.slice(to, end).replace(/^,?\s*on\b[^,;]*/, '')}`;
  }

  private resolution(body: Body, number: string, kind: TextKind): KnownResolution | undefined {
    const key = resolutionKey(body, number, kind);
    if (this.resolutions.has(key)) return this.resolutions.get(key);
    const known = this.knowledge.resolution(body, number, kind);
    this.resolutions.set(key, known);
    return known;
  }

  /**
   * The body named disagrees with the conference the place and year identify. One diagnostic per
   * body phrase, however many numbers share it; returns the numbers at fault.
   */
  private checkBodies(): Set<Citation> {
    const mismatched = new Set<Citation>();
    // Most phrases agree with their revisions: only the phrases with a number at fault are grouped.
    let faulty: Set<NamedBody> | undefined;
    for (const citation of this.citations) {
      const named = citation.namedBody;
      if (!named || named.prefix || named.body === undefined || !citation.revision?.place) continue;
      if (disagrees(citation, named.body)) (faulty ??= new Set()).add(named);
    }
    if (!faulty) return mismatched;
    const byPhrase = new Map<NamedBody, Citation[]>();
    for (const citation of this.citations) {
      const named = citation.namedBody;
      if (!named || !faulty.has(named)) continue;
      const list = byPhrase.get(named);
      if (list) list.push(citation);
      else byPhrase.set(named, [citation]);
    }
    for (const [named, list] of byPhrase) {
      const wrong = list.filter((c) => c.revision?.place !== undefined && disagrees(c, named.body as Body));
      if (wrong.length === 0) continue;
      for (const citation of wrong) mismatched.add(citation);
      const namedBody = named.body as Body;
      const what = named.thisConference ? `this conference (${BODY_INFO[namedBody].name})` : `the ${BODY_INFO[namedBody].name.replace(/ \(.*\)$/, '')}`;
      const claims = new Map<string, string>();
      for (const citation of wrong) {
        const revision = citation.revision as CitedRevision;
        const key = `${revision.place}, ${revision.year}`;
        if (!claims.has(key)) claims.set(key, `${key} identifies ${identifiedConferences(citation).map((c) => c.id).join(' and ')}`);
      }
      const whose = wrong.length < list.length ? `For ${resolutions(wrong)}, ` : '';
      const diagnostic = this.report(CITATION_CODES.bodyMismatch, 'error', named.range,
        `${whose}${[...claims.values()].join('; ')}, not ${what}; the body named and the place and year must name one conference.`);
      const fix = this.bodyFix(named, list, new Set(wrong));
      if (fix) this.addFix(diagnostic, fix);
    }
    return mismatched;
  }

  /**
   * Gives each number the body its place and year identify and touches nothing else: the shared
   * phrase takes the body of the last number, and a number whose body differs from the next
   * number's gets its own phrase after its revision (`45 (Rev. Dubai, 2014) of WTDC and 140 …`).
   */
  private bodyFix(named: NamedBody, list: readonly Citation[], wrong: ReadonlySet<Citation>): Omit<Fix, 'diagnostic'> | undefined {
    let safe = true;
    // Runs of numbers sharing one revision, in order, with the body each run should name.
    const runs: Array<{ citations: Citation[]; body: Body; end: number }> = [];
    for (const citation of list) {
      let body = named.body as Body;
      if (wrong.has(citation)) {
        const answer = correctBody(citation);
        if (!answer) return undefined;
        body = answer.body;
        safe &&= answer.safe;
      }
      const last = runs[runs.length - 1];
      if (last && citation.revision && last.citations[0].revision === citation.revision) {
        last.citations.push(citation);
        if (last.body !== body) return undefined;
        continue;
      }
      runs.push({ citations: [citation], body, end: citation.revision && !citation.revisionShared ? citation.revision.outerRange.end : citation.numberRange.end });
    }
    const short = named.short && !named.thisConference;
    const edits: OffsetEdit[] = [];
    const changed: string[] = [];
    for (let i = 0; i < runs.length - 1; i++) {
      const run = runs[i];
      // A number whose revision is written after another number's phrase cannot take its own.
      if (run.citations[run.citations.length - 1].revisionShared) return undefined;
      if (run.body === runs[i + 1].body) continue;
      edits.push(this.edit(run.end, run.end, ` of ${bodyPhrase(run.body, short)}`));
      changed.push(`${resolutions(run.citations)} of ${bodyPhrase(run.body, short)}`);
    }
    const last = runs[runs.length - 1];
    if (last.body !== named.body) {
      edits.push(this.edit(named.range.start, named.range.end, bodyPhrase(last.body, short)));
      if (changed.length > 0) changed.push(`${resolutions(last.citations)} of ${bodyPhrase(last.body, short)}`);
    }
    if (edits.length === 0) return undefined;
    const title = changed.length === 0 ? `Correct the body: of ${bodyPhrase(last.body, short)}` : `Correct the body: ${changed.join(', ')}`;
    // A body is what the text says: the drafter picks the correction, fix-all never does.
    return { title: safe ? title : `${title} (a guess between bodies)`, edits, fixAll: false, preferred: safe };
  }

  private reportUnknown(citation: Citation, body: Body, name: string, claim: CatalogueCompleteness | undefined): void {
    // A guess at another number only where the body is sure: a bare `Resolution 1305` may be the Council's, not this body's.
    const near = citation.how === 'document' || citation.how === 'unresolved' ? [] : this.knowledge.nearNumbers(body, citation.number, citation.kind).slice(0, 3);
    const word = KIND_WORD[citation.kind];
    const suggestion = near.length > 0 ? ` Did you mean ${near.map((n) => `${word} ${n}`).join(', ')}?` : '';
    const bodyName = BODY_INFO[body].name;
    const what = word.toLowerCase();
    // The shipped catalogue knows a few dozen resolutions; real texts cite hundreds: not knowing one is information.
    const message = claim
      ? `${name} is not in the catalogue, which declares that it holds every ${what} of the ${bodyName}${period(claim)}; no workspace file defines it either.${suggestion}`
      : `${name} is not in the catalogue and no workspace file defines it; the catalogue may not hold every ${what} of the ${bodyName}.${suggestion}`;
    const diagnostic = this.report(CITATION_CODES.unknown, claim ? 'warning' : 'information', citation.range, message);
    if (near.length > 0) this.unknown.push({ diagnostic, citation, body, near });
  }

  private addNearFixes(): void {
    for (const { diagnostic, citation, body, near } of this.unknown) {
      for (const number of near) {
        const known = this.knowledge.resolution(body, number, citation.kind);
        const about = known?.name ?? known?.subject;
        this.addFix(diagnostic, {
          title: `Change to ${KIND_WORD[citation.kind]} ${number}${about ? ` (${about.length > 60 ? about.slice(0, 57) + '…' : about})` : ''}`,
          edits: [this.edit(citation.numberRange.start, citation.numberRange.end, number)],
          fixAll: false,
        });
      }
    }
  }

  /** The same resolution cited with different revisions in one resolution of the document (a compilation holds several, of several dates). */
  private checkConsistency(verdicts: Verdict[]): void {
    const byKey = new Map<string, Verdict[]>();
    const contextIndex = new Map<CitingContext | undefined, number>();
    for (const verdict of verdicts) {
      const revision = verdict.citation.revision;
      if (!revision?.place || !verdict.known) continue;
      let index = contextIndex.get(verdict.context);
      if (index === undefined) {
        index = contextIndex.size;
        contextIndex.set(verdict.context, index);
      }
      const key = `${index} ${verdict.known.key}`;
      const list = byKey.get(key);
      if (list) list.push(verdict);
      else byKey.set(key, [verdict]);
    }
    const revisionOf = (v: Verdict): string => `${v.citation.revision?.place?.toLowerCase()}|${v.citation.revision?.year}`;
    for (const all of byKey.values()) {
      if (all.length < 2 || all.every((v) => sameRevision(v.citation.revision, all[0].citation.revision))) continue;
      // Citations of history are not counted: only those of the text in force must agree.
      const list = all.filter((v) => !this.historical(v));
      if (list.length < 2) continue;
      const counts = new Map<string, Verdict[]>();
      for (const verdict of list) {
        const key = revisionOf(verdict);
        const same = counts.get(key);
        if (same) same.push(verdict);
        else counts.set(key, [verdict]);
      }
      if (counts.size < 2) continue;
      // The revision the text means: the one in force at its date when cited, else the most cited (the latest among equals).
      const known = list[0].known as KnownResolution;
      const year = list[0].context?.year;
      const current = year === undefined ? undefined : currentRevision(known, year);
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
        const where = this.multiple ? 'elsewhere in this resolution' : 'elsewhere in this document';
        this.report(CITATION_CODES.inconsistent, 'warning', citation.range,
          `${KIND_WORD[citation.kind]} ${citation.number} is cited here as ${formatRevisionOf(citation.revision?.rev ?? true, citation.revision?.place, citation.revision?.year ?? 0)} and ${preferred.length} time${preferred.length === 1 ? '' : 's'} ${where} as ${formatRevisionOf(shown?.rev ?? true, shown?.place, shown?.year ?? 0)}; a text cites one revision of a resolution, unless it speaks of history.`,
          related);
        if (!verdict.target && preferredRevision) {
          verdict.target = preferredRevision;
          // Undated, the most cited revision is only the likelier one.
          verdict.guess = year === undefined;
        }
      }
    }
  }

  /**
   * One fix per written revision: every number sharing it gets the text it should cite (the
   * target revision, with or without `Rev.` as the catalogue says), consecutive numbers that
   * agree keep sharing one revision, and the fix is offered on each of their diagnostics, so that
   * fix-all applies it once and never undoes one number's fix with another's.
   */
  private addRevisionFixes(verdicts: Verdict[]): void {
    // What each number should cite: `safe` joins fix-all, `guess` is a quick fix only.
    const safe = new Map<Citation, string>();
    const guess = new Map<Citation, string>();
    for (const verdict of verdicts) {
      const revision = verdict.citation.revision;
      if (!revision?.place) continue;
      const old = normalize(this.viewText(revision.range));
      const textOf = (target: KnownRevision): string => {
        const rev = target.first === true ? false : target.first === false ? true : target === verdict.cited ? revision.rev : true;
        return `${rev ? 'Rev. ' : ''}${target.conference.place}, ${target.conference.year}`;
      };
      const ownText = verdict.cited ? textOf(verdict.cited) : undefined;
      if (ownText !== undefined && ownText !== old) safe.set(verdict.citation, ownText);
      if (!verdict.target) continue;
      const targetText = textOf(verdict.target);
      if (verdict.guess) {
        if (targetText !== old) guess.set(verdict.citation, targetText);
      } else if (targetText !== old) safe.set(verdict.citation, targetText);
      else safe.delete(verdict.citation);
    }
    if (safe.size === 0 && guess.size === 0) return;
    const byKey = new Map(this.diagnostics.map((d) => [diagnosticKey(d), d]));
    const diagnosticsOf = (citation: Citation, codes: readonly string[]): SyntaxDiagnostic[] =>
      codes.flatMap((code) => {
        const range = code === CITATION_CODES.revMissing || code === CITATION_CODES.revExtra ? citation.revision?.range ?? citation.range : citation.range;
        const diagnostic = byKey.get(diagnosticKey({ code, start: range.start, end: range.end }));
        return diagnostic ? [diagnostic] : [];
      });
    // Numbers sharing one written revision, in order: `50, 58 and 52 (Rev. Dubai, 2012)`.
    const needed = new Set<CitedRevision | undefined>([...safe.keys(), ...guess.keys()].map((c) => c.revision));
    const sharers = new Map<CitedRevision, Citation[]>();
    for (const citation of this.citations) {
      const revision = citation.revision;
      if (!revision || !needed.has(revision)) continue;
      const list = sharers.get(revision);
      if (list) list.push(citation);
      else sharers.set(revision, [citation]);
    }
    const allCodes = [CITATION_CODES.superseded, CITATION_CODES.future, CITATION_CODES.revisionUnknown, CITATION_CODES.inconsistent, CITATION_CODES.revMissing, CITATION_CODES.revExtra];
    // The guesses over the safe texts, made once when first needed.
    let guessed: Map<Citation, string> | undefined;
    for (const [revision, group] of sharers) {
      const fix = this.revisionFix(revision, group, safe);
      if (fix) {
        const offered = new Set<SyntaxDiagnostic>();
        for (const citation of group) {
          if (!safe.has(citation)) continue;
          for (const diagnostic of diagnosticsOf(citation, allCodes)) {
            if (offered.has(diagnostic)) continue;
            offered.add(diagnostic);
            // Which revision a text cites is what it says: the drafter chooses, fix-all never rewrites it.
            this.addFix(diagnostic, { ...fix, fixAll: false, preferred: true });
          }
        }
      }
      if (!group.some((c) => guess.has(c))) continue;
      if (!guessed) {
        guessed = new Map(safe);
        for (const [citation, text] of guess) guessed.set(citation, text);
      }
      const guessFix = this.revisionFix(revision, group, guessed);
      if (!guessFix) continue;
      for (const citation of group) {
        if (!guess.has(citation)) continue;
        for (const diagnostic of diagnosticsOf(citation, [CITATION_CODES.inconsistent])) this.addFix(diagnostic, { ...guessFix, fixAll: false, preferred: false });
      }
    }
  }

  /**
   * The one citation fix that fix-all applies: `Rev.` written before a revision that the catalogue
   * records as not a first adoption, for every number sharing it. Nothing else of the text moves.
   */
  private addRevMarkFixes(verdicts: readonly Verdict[]): void {
    const byRevision = new Map<CitedRevision, boolean>();
    for (const verdict of verdicts) {
      const revision = verdict.citation.revision;
      if (!revision?.place || revision.rev || verdict.citation.kind === 'opinion') continue;
      const proven = verdict.cited?.first === false;
      byRevision.set(revision, (byRevision.get(revision) ?? true) && proven);
    }
    if (byRevision.size === 0) return;
    // Every number sharing the revision must be a known revision: `50 and 52 (Hammamet, 2016)` with 50 first adopted there stays.
    const judged = new Set(verdicts.map((v) => v.citation));
    for (const citation of this.citations) {
      const revision = citation.revision;
      if (revision && byRevision.has(revision) && !judged.has(citation)) byRevision.set(revision, false);
    }
    const byKey = new Map(this.diagnostics.filter((d) => d.code === CITATION_CODES.revMissing).map((d) => [diagnosticKey(d), d]));
    for (const [revision, proven] of byRevision) {
      if (!proven) continue;
      const diagnostic = byKey.get(diagnosticKey({ code: CITATION_CODES.revMissing, start: revision.range.start, end: revision.range.end }));
      if (!diagnostic) continue;
      const key = diagnosticKey(diagnostic);
      const old = normalize(this.viewText(revision.range));
      // The planned fix that writes only `Rev.` is this one: offered once, with its title.
      const list = this.fixes.get(key) ?? [];
      const same = list.findIndex((f) => f.edits.length === 1 && f.edits[0].start === revision.range.start && f.edits[0].end === revision.range.end && normalize(f.edits[0].newText) === `Rev. ${old}`);
      const title = same >= 0 ? list[same].title : `Write \`Rev.\`: (Rev. ${old})`;
      if (same >= 0) list.splice(same, 1);
      list.unshift({ title, edits: [this.edit(revision.range.start, revision.range.start, 'Rev. ')], fixAll: true, preferred: true });
      for (const fix of list.slice(1)) fix.preferred = false;
      this.fixes.set(key, list);
    }
  }

  /** The edits that make each number of `group` (all sharing `revision`) cite its wanted text; consecutive equal texts stay shared. */
  private revisionFix(revision: CitedRevision, group: readonly Citation[], wanted: ReadonlyMap<Citation, string>): Omit<Fix, 'diagnostic' | 'fixAll'> | undefined {
    const old = normalize(this.viewText(revision.range));
    const texts = group.map((c) => wanted.get(c) ?? old);
    const changed = group.filter((_c, i) => texts[i] !== old);
    if (changed.length === 0) return undefined;
    const edits: OffsetEdit[] = [];
    for (let i = 0; i < group.length - 1; i++) {
      if (texts[i] !== texts[i + 1]) edits.push(this.edit(group[i].numberRange.end, group[i].numberRange.end, ` (${texts[i]})`));
    }
    const last = texts[texts.length - 1];
    if (last !== old) edits.push(this.edit(revision.range.start, revision.range.end, last));
    const distinct = new Set(changed.map((c) => wanted.get(c)));
    const word = KIND_WORD[group[0].kind];
    const title = changed.length === 1
      ? `Cite ${word} ${changed[0].number} (${wanted.get(changed[0])})`
      : distinct.size === 1
        ? `Cite ${word}s ${joinNumbers(changed.map((c) => c.number))} (${[...distinct][0]})`
        : `Cite ${changed.map((c) => `${word} ${c.number} (${wanted.get(c)})`).join(', ')}`;
    return { title, edits };
  }

  private report(code: string, severity: SyntaxDiagnostic['severity'], range: TextRange, message: string, related?: RelatedLocation[]): SyntaxDiagnostic {
    const diagnostic: SyntaxDiagnostic = { code, severity, start: range.start, end: range.end, message, ...(related && related.length > 0 ? { related } : {}) };
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }

  /** A diagnostic on text that several numbers share (`50 and 52 (Hammamet, 2016)`): reported once, naming them all. */
  private reportShared(code: string, range: TextRange, number: string, message: (numbers: string[]) => string): void {
    const key = diagnosticKey({ code, start: range.start, end: range.end });
    const entry = this.shared.get(key);
    if (entry) entry.numbers.add(number);
    else this.shared.set(key, { diagnostic: this.report(code, 'warning', range, message([number])), numbers: new Set([number]), message });
  }

  /** Shared diagnostics name all their numbers, once every number is known (a list may be long). */
  private nameSharers(): void {
    for (const { diagnostic, numbers, message } of this.shared.values()) if (numbers.size > 1) diagnostic.message = message([...numbers]);
  }

  private addFix(diagnostic: SyntaxDiagnostic, fix: Omit<Fix, 'diagnostic'>): void {
    const key = diagnosticKey(diagnostic);
    const list = this.fixes.get(key) ?? [];
    // The same change reached twice (two numbers, one revision) is offered once.
    const edits = editsKey(fix.edits);
    if (list.some((f) => editsKey(f.edits) === edits)) return;
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

/** Two written revisions name one place and year (the same object most often: numbers sharing it). */
function sameRevision(a: CitedRevision | undefined, b: CitedRevision | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.year !== b.year) return false;
  return a.place === b.place || (a.place !== undefined && b.place !== undefined && a.place.toLowerCase() === b.place.toLowerCase());
}

/** ` (1994–2022)`, ` (from 1994)`, or nothing for a claim on every year. */
function period(claim: CatalogueCompleteness): string {
  if (claim.from !== undefined && claim.to !== undefined) return ` (${claim.from}–${claim.to})`;
  if (claim.from !== undefined) return ` (from ${claim.from})`;
  return claim.to !== undefined ? ` (to ${claim.to})` : '';
}

/** The place and year identify conferences, none of them of the body named. */
function disagrees(citation: Citation, named: Body): boolean {
  let identified = false;
  for (const conference of citation.conferencesAtPlace) {
    if (!adoptsAt(citation.kind, conference.body)) continue;
    if (conference.body === named) return false;
    identified = true;
  }
  return identified;
}

/** Conferences at the citation's place and year whose body adopts what it cites (opinions: WTPF), of any body: WCIT-12 and WTSA-12 both met at Dubai in 2012. */
function identifiedConferences(citation: Citation): Conference[] {
  return citation.conferencesAtPlace.filter((c) => adoptsAt(citation.kind, c.body));
}

/** The body a mismatched citation should name: sure when one body met there, a likely guess when one of the usual ones did. */
function correctBody(citation: Citation): { body: Body; safe: boolean } | undefined {
  const bodies = [...new Set(identifiedConferences(citation).map((c) => c.body))];
  if (bodies.length === 1) return { body: bodies[0], safe: true };
  const usual = bodies.filter((b) => INFERABLE_BODIES.has(b));
  return usual.length === 1 ? { body: usual[0], safe: false } : undefined;
}

/** `Resolution 45`, `Resolutions 45 and 69`. */
function resolutions(citations: readonly Citation[]): string {
  const word = KIND_WORD[citations[0]?.kind ?? 'resolution'];
  const numbers = citations.map((c) => c.number);
  return `${word}${new Set(numbers).size > 1 ? 's' : ''} ${joinNumbers(numbers)}`;
}

/** `50`, `50 and 52`, `50, 58 and 52`: each number once. */
function joinNumbers(numbers: readonly string[]): string {
  const once = [...new Set(numbers)];
  return once.length <= 1 ? once.join('') : `${once.slice(0, -1).join(', ')} and ${once[once.length - 1]}`;
}

/**
 * An edit that, in a document carrying revision marks or a MOD/ADD marker, shows itself as a
 * revision (`{--old--}{++new++}`), so the DT shows what changed; inside inserted text it is plain.
 */
export function trackedEdit(document: ParsedDocument, tracked: boolean, start: number, end: number, newText: string): OffsetEdit {
  if (!tracked) return { start, end, newText };
  const marks = marksNear(document, start, end);
  if (marks.some((m) => m.kind === 'insertion' && m.contentStart <= start && end <= m.contentEnd)) return { start, end, newText };
  const highlight = highlightHolding(document, start, end);
  if (highlight) {
    // The content of a highlight is plain text (marks do not nest): the change is marked there, the highlight split around it.
    const plain = trackedEdit({ ...document, revisions: document.revisions.filter((m) => m !== highlight) }, true, start, end, newText);
    return plain.newText === '' ? plain : changeInHighlight(highlight, plain.start, plain.end, plain.newText);
  }
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
  const { prefix, suffix } = wordEdges(original, amended);
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

/**
 * The unchanged start and end of two texts, cut between words: a reader of the DT sees
 * `{--Doha, 2006--}{++Dubai, 2014++}`, whole places and years, never `D{--oha--}{++ubai++}`.
 */
function wordEdges(a: string, b: string): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  while (prefix > 0 && isWordChar(a[prefix - 1]) && (isWordChar(a[prefix]) || isWordChar(b[prefix]))) prefix--;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  while (suffix > 0 && isWordChar(a[a.length - suffix]) && (isWordChar(a[a.length - 1 - suffix]) || isWordChar(b[b.length - 1 - suffix]))) suffix--;
  return { prefix, suffix };
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `Resolution 52 (Rev. Dubai, 2012)` as written. */
function written(citation: Citation): string {
  const revision = citation.revision;
  return `${KIND_WORD[citation.kind]} ${citation.number}${revision ? ' ' + formatRevisionOf(revision.rev, revision.place, revision.year) : ''}`;
}

/** `Resolution 52 of WTSA`. */
function nameOf(citation: Citation, body: Body): string {
  return `${KIND_WORD[citation.kind]} ${citation.number} ${BODY_INFO[body].citePhrase || 'of ' + BODY_INFO[body].name}`;
}

/** `Resolutions 50 and 52 of WTSA`. */
function namesOf(citation: Citation, body: Body, numbers: readonly string[]): string {
  if (numbers.length <= 1) return nameOf(citation, body);
  return `${KIND_WORD[citation.kind]}s ${joinNumbers(numbers)} ${BODY_INFO[body].citePhrase || 'of ' + BODY_INFO[body].name}`;
}

export function formatRevisionOf(rev: boolean, place: string | undefined, year: number): string {
  return place ? `(${rev ? 'Rev. ' : ''}${place}, ${year})` : `(${year})`;
}

/** The phrase after `of` naming a body: `WTDC` (short) or `the World Telecommunication Development Conference (WTDC)`. */
export function bodyPhrase(body: Body, short: boolean): string {
  if (body === 'PP') return 'the Plenipotentiary Conference';
  return short ? body : `the ${BODY_INFO[body].name}`;
}

export { nearNumbers } from './catalogue';
