// Citations recognised in plain text on the amended view: `Resolution 45 (Rev. Dubai, 2014) of
// WTDC`, `Resolutions 50 and 52 (Rev. Hammamet, 2016)`, `Res 140`, `UNGA Resolution 68/198`,
// `Council Resolution 1336`, `Opinion 4 (Lisbon, 2009) of the World Telecommunication/ICT Policy
// Forum`, and the other references a drafter checks (Questions, Articles, `No. 81 of the
// Convention`, `§ 15 of …`, Objectives, Outputs, event names such as `WTDC-17`). Matching runs on
// the amended view text, so it reads through revision marks and line breaks; every range is
// mapped back to source offsets.

import type { ClauseNode, DocumentNode, ParsedDocument, ResolutionNode, TextView } from '../syntax';
import { parseRevision } from '../syntax/parser';
import { countEndingBy } from '../syntax/spans';
import { detached } from '../syntax/strings';
import { OPERATIVE_HEADINGS, OPERATIVE_LEADS, PREAMBLE_HEADINGS } from '../syntax/vocabulary';
import { BODY_INFO, CONFERENCES, INFERABLE_BODIES, conferenceId, placeKey, type Body, type Conference, type TextKind } from './conferences';

/** Source offsets. */
export interface TextRange {
  start: number;
  end: number;
}

export interface CitedRevision {
  /** `Rev.` was written. */
  rev: boolean;
  /** Absent when only a year is given: `Council Resolution 1305 (2009)`. */
  place?: string;
  year: number;
  /** Between the parentheses. */
  range: TextRange;
  /** The parentheses included. */
  outerRange: TextRange;
  revRange?: TextRange;
  placeRange?: TextRange;
  yearRange: TextRange;
  /** Written by its conference (`Rev.WRC-15`): the body, and the conference when the table knows it. */
  event?: { body: Body; conference?: Conference };
}

/** How the body of a citation was found. */
export type BodyResolution =
  /** Named: `of WTDC`, `of the Plenipotentiary Conference`, `UNGA Resolution`, `Council Resolution`. */
  | 'named'
  /** `of this conference`: the conference adopting the citing text. */
  | 'this-conference'
  /** From the conference that the place and year identify, or from the number's form (`70/125` is UNGA's). */
  | 'inferred'
  /** No revision and no body: the body of the citing text. */
  | 'document'
  /** Another organization's text: `UN Human Rights Council Resolution 20/8`, never catalogued. */
  | 'external'
  | 'unresolved';

export interface NamedBody {
  /** The body named, or for `this conference` the conference's body. */
  body: Body | undefined;
  text: string;
  range: TextRange;
  /** `of WTDC` rather than `of the World Telecommunication Development Conference (WTDC)`. */
  short: boolean;
  thisConference: boolean;
  /** `UNGA Resolution`, `Council Resolution`: the body stands before the keyword. */
  prefix: boolean;
  /** Another organization (`UN Human Rights Council`): `body` is then undefined. */
  external?: boolean;
}

export interface Citation {
  /** `Resolution`, `Decision`, `Opinion` or `Recommendation`: each numbered apart. */
  kind: TextKind;
  number: string;
  numberRange: TextRange;
  /** `Resolution`, `Resolutions`, `Res`, `Decision`, `Opinion`, with any body prefix (`UNGA Resolution`, `Council Decision`). */
  keywordRange: TextRange;
  /** The citation as diagnostics mark it: keyword (first member only) or number, to its own revision. */
  range: TextRange;
  /** The whole citation that this number belongs to, body phrase included. */
  groupRange: TextRange;
  /** Index of the group (one plural citation) in the document, and of this number in it. */
  group: number;
  member: number;
  revision?: CitedRevision;
  /** The revision stands after a later number and is shared: `50 and 52 (Rev. Hammamet, 2016)` for 50. */
  revisionShared: boolean;
  namedBody?: NamedBody;
  /** The body resolved to, and how. */
  body?: Body;
  how: BodyResolution;
  /** The conference the place and year identify (for the resolved body), when known. */
  conference?: Conference;
  /** Conferences at the cited place and year, whatever their body. */
  conferencesAtPlace: Conference[];
  /** The `on …` phrase that follows a single citation. */
  subject?: string;
  /** `resolves 2 of Resolution 130 (…)`: a clause of the cited text. */
  clauseRef?: { section: string; label: string; range: TextRange };
}

export type OtherReferenceKind = 'question' | 'article' | 'provision' | 'paragraph' | 'objective' | 'output' | 'event';

/** References that are recognised (for hover and navigation) but not validated against the catalogue. */
export interface OtherReference {
  kind: OtherReferenceKind;
  /** `3/2`, `6`, `81`, `35 and 36`, `2.2`, `WTDC-17`. */
  value: string;
  /** The instrument or sector: `ITU-D`, `Convention`, `Tunis Commitment`, `Buenos Aires Action Plan`. */
  of?: string;
  text: string;
  range: TextRange;
  conference?: Conference;
}

/** What a citation is read against: the text that cites, its conference and its date. */
export interface CitingContext {
  /** The conference adopting the citing text (`this conference`). */
  conference?: Conference;
  /** The body of the citing text. */
  body?: Body;
  /** The citing text's own number (its title's): a citation of it is of its predecessor. */
  number?: string;
  /** What the citing text is, by its title: `# DECISION 5` is a decision. */
  kind?: TextKind;
  /** The document's date: front-matter `date`, else the year of the authority line, else of the title; none when undated. */
  year?: number;
  date?: string;
  range: TextRange;
}

export interface ConferenceLookup {
  /** Conferences at a place in a year (any body). */
  at(place: string, year: number): Conference[];
  byId(id: string): Conference | undefined;
  /** Every conference id, sorted. */
  ids(): string[];
}

export function conferenceLookup(conferences: readonly Conference[]): ConferenceLookup {
  const byPlace = new Map<string, Conference[]>();
  const byId = new Map<string, Conference>();
  for (const conference of conferences) {
    const key = `${placeKey(conference.place)}|${conference.year}`;
    const list = byPlace.get(key) ?? [];
    if (!list.some((c) => c.body === conference.body)) list.push(conference);
    byPlace.set(key, list);
    if (!byId.has(conference.id)) byId.set(conference.id, conference);
  }
  // Citations repeat a few places many times: remember each spelling's answer.
  const asked = new Map<number, Map<string, Conference[]>>();
  return {
    at: (place, year) => {
      let byYear = asked.get(year);
      if (!byYear) {
        byYear = new Map();
        asked.set(year, byYear);
      }
      let found = byYear.get(place);
      if (!found) {
        found = byPlace.get(`${placeKey(place)}|${year}`) ?? [];
        if (byYear.size < 1000) byYear.set(place, found);
      }
      return found;
    },
    byId: (id) => byId.get(id),
    ids: () => [...byId.keys()].sort(),
  };
}

export const DEFAULT_CONFERENCES: ConferenceLookup = conferenceLookup(CONFERENCES);

export interface DocumentCitations {
  readonly citations: Citation[];
  readonly references: OtherReference[];
  readonly contexts: CitingContext[];
  /** The citations resolution by resolution, in order; one unit for a document without resolutions. */
  readonly units: readonly CitationUnit[];
}

/**
 * The citations of one resolution: of the text from its start to the next resolution's (the first
 * from the document's start, the last to its end). A citation never runs across a title line, and
 * each is read from its unit's text alone, so a unit whose text did not change keeps its citations.
 */
export interface CitationUnit {
  readonly citations: readonly Citation[];
  readonly context: CitingContext;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  /** In the view the citations were read on. */
  readonly viewStart: number;
  readonly viewEnd: number;
  /**
   * The same object for as long as the unit's text and context stay what they were, wherever the
   * unit moves: what is worked out from the unit alone can be kept under it.
   */
  readonly identity: object;
}

// ---- patterns -------------------------------------------------------------------------

/** Blanks, or one line break with blanks around it: a citation may wrap but not cross a blank line. */
const WS = String.raw`(?:[ \t]*\r?\n[ \t]*|[ \t]+)`;
const WS0 = String.raw`(?:[ \t]*(?:\r?\n[ \t]*)?)`;

/** The keyword, found fast; a body prefix (`UNGA Resolution`) is looked for behind it only when one may stand there. */
const KEYWORD = new RegExp(String.raw`\b(Resolutions|Resolution|Res\.?|Decisions|Decision|Opinions|Opinion|Recommendations|Recommendation)(?=${WS}(?:ITU-R${WS})?\d)`, 'g');
const PREFIX = new RegExp(String.raw`\b(United Nations General Assembly${WS}\(UNGA\)|United Nations General Assembly|UN General Assembly|General Assembly|UNGA|ITU Council|Council)${WS}$`);

/** The word that ends at `end` (letters, digits, `-`), read backwards without a regular expression; at most 40 characters. */
function wordBefore(text: string, end: number): string | undefined {
  let start = end;
  while (start > 0 && end - start < 40) {
    const code = text.charCodeAt(start - 1);
    if (!((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || isDigit(code) || code === 45 || code === 95)) break;
    start--;
  }
  if (start === end) return undefined;
  const first = text.charCodeAt(start);
  return (first >= 65 && first <= 90) || (first >= 97 && first <= 122) ? text.slice(start, end) : undefined;
}

/** After blanks with at most one line break (as WS matches); `from` when there are none. */
function skipBlanks(text: string, from: number): number {
  let at = from;
  let breaks = 0;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 32 || code === 9 || code === 13) at++;
    else if (code === 10 && breaks === 0) {
      breaks++;
      at++;
    } else return at;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** End of a resolution number at `from` (`130`, UNGA `68/198`); `from` when there is none or it runs into a word. */
function scanNumber(text: string, from: number): number {
  let at = from;
  while (isDigit(text.charCodeAt(at)) && at - from < 5) at++;
  if (at === from) return from;
  if (text.charCodeAt(at) === 47 /* / */ && isDigit(text.charCodeAt(at + 1))) {
    const slash = at++;
    while (isDigit(text.charCodeAt(at)) && at - slash <= 4) at++;
  }
  const next = text.charCodeAt(at);
  // Not a number of its own: `45a`, `1305-2`, `22-1/1`, or more digits than a number has.
  if (isDigit(next) || next === 47 || next === 45 || next === 95 || (next >= 65 && next <= 90) || (next >= 97 && next <= 122)) return from;
  return at;
}
const PLACE = String.raw`([\p{Lu}][\p{L}'.-]*(?:${WS}[\p{L}][\p{L}'.-]*)*?)`;
const REVISION = new RegExp(String.raw`${WS0}\(${WS0}((?:Rev|REV)\.?)?${WS0}(?:${PLACE}(?:${WS0},${WS0}|${WS}))?(\d{4})${WS0}\)`, 'uy');
/** A revision named by its conference: `(Rev.WRC-15)`, `(WRC-15)`, `(WRC-2015)`, `(Rev. WTDC-17)`. */
const EVENT_REVISION = new RegExp(String.raw`${WS0}\(${WS0}((?:Rev|REV)\.?)?${WS0}(PP|WTDC|WTSA|WTPF|WCIT|WRC|RA)-(\d{4}|\d{2})${WS0}\)`, 'y');
const LIST_CONTINUES = new RegExp(String.raw`(?:${WS0},${WS0}and${WS}|${WS0},${WS0}|${WS}and${WS})(?=\d)`, 'y');
const BODY_PHRASES: ReadonlyArray<{ pattern: string; body: Body | 'this' | 'external'; short: boolean }> = [
  { pattern: String.raw`this${WS}(?:conference|Conference|assembly|Assembly|forum|Forum)`, body: 'this', short: true },
  // Other organizations' councils and assemblies come before the ITU Council and the General Assembly they resemble.
  { pattern: String.raw`the${WS}(?:(?:United${WS}Nations|UN)${WS})?(?:Human${WS}Rights|Security|Economic${WS}and${WS}Social|Trusteeship)${WS}Council`, body: 'external', short: false },
  { pattern: String.raw`the${WS}(?:ITU${WS})?Council`, body: 'Council', short: true },
  { pattern: String.raw`the${WS}(?:United${WS}Nations${WS})?General${WS}Assembly(?:${WS0}\(UNGA\))?`, body: 'UNGA', short: false },
  { pattern: String.raw`the${WS}World${WS}Radiocommunication${WS}Conference(?:${WS0}\(WRC\))?`, body: 'WRC', short: false },
  { pattern: String.raw`the${WS}Radiocommunication${WS}Assembly(?:${WS0}\(RA\))?`, body: 'RA', short: false },
  { pattern: String.raw`the${WS}Plenipotentiary${WS}Conference(?:${WS}\(PP\))?`, body: 'PP', short: false },
  { pattern: String.raw`the${WS}World${WS}[Tt]elecommunication${WS}Development${WS}Conference(?:${WS0}\(WTDC\))?`, body: 'WTDC', short: false },
  { pattern: String.raw`the${WS}World${WS}[Tt]elecommunication${WS}Standardization${WS}Assembly(?:${WS0}\(WTSA\))?`, body: 'WTSA', short: false },
  { pattern: String.raw`the${WS}World${WS}[Tt]elecommunication(?:\/ICT)?${WS}Policy${WS}Forum(?:${WS0}\(WTPF\))?`, body: 'WTPF', short: false },
  { pattern: String.raw`the${WS}World${WS}Conference${WS}on${WS}International${WS}Telecommunications(?:${WS0}\(WCIT\))?`, body: 'WCIT', short: false },
  { pattern: String.raw`(?:the${WS})?(?:WTDC|WTSA|WTPF|WCIT|WRC|PP)(?![\w-])`, body: 'PP', short: true },
];
const BODY_PHRASE = new RegExp(String.raw`${WS}(?:of|adopted${WS}by)${WS}(${BODY_PHRASES.map((p) => `(${p.pattern})`).join('|')})`, 'y');

/** Words that make `Resolution 1` a kind of text, not a citation: `the respective Resolution 1 on working methods of each Sector`. */
const GENERIC_WORDS: ReadonlySet<string> = new Set(['respective', 'relevant', 'corresponding', 'each', 'every', 'any', 'a', 'an', 'such', 'another', 'similar']);
/** A body written before the keyword as an acronym: `WTDC Resolution 37`. */
const PREFIX_ACRONYMS: Readonly<Record<string, Body>> = { WTDC: 'WTDC', WTSA: 'WTSA', WRC: 'WRC', RA: 'RA', WTPF: 'WTPF', WCIT: 'WCIT', PP: 'PP' };
/** Acronyms that are ITU's own or that name nothing: `ITU Resolution 71`. */
const NOT_A_BODY: ReadonlySet<string> = new Set(['ITU', 'UN', 'UNGA', 'ICT', 'ICTS', 'DT', 'MOD', 'ADD', 'SUP', 'NOC', 'I', 'II', 'III', 'IV']);
const OTHER_COUNCIL = /\b(?:Human\s+Rights|Security|Economic\s+and\s+Social|Trusteeship)\s+$/;
const OTHER_NAME = /(?:\b(?:United\s+Nations|UN)\s+)?\b(?:Human\s+Rights|Security|Economic\s+and\s+Social|Trusteeship)\s+Council\s*$/;
const SUBJECT = new RegExp(String.raw`${WS0},?${WS}on${WS}`, 'y');

const QUESTION = /\b(?:(ITU-[DTR])\s+)?(?:[Qq]uestions?)\s+(\d{1,3}(?:-\d)?\/\d{1,2})(?![\w/])/g;
const ARTICLE = /\bArticles?\s+(\d{1,3}[A-Z]?)\b(?:\s+of\s+the\s+(Constitution|Convention|International Telecommunication Regulations|Radio Regulations))?/g;
const PROVISION = /\bNos?\.\s+(\d{1,4}[A-Z]?)\b(?:\s+of\s+the\s+(Constitution|Convention|International Telecommunication Regulations|Radio Regulations))?/g;
const PARAGRAPH = /(§§?)\s*(\d{1,3}(?:\s*(?:,|and|to)\s*\d{1,3})*)(?:\s+of\s+the\s+([A-Z][\w+-]*(?:\s+(?:[A-Z][\w+-]*|of|for|on))*))?/g;
const OBJECTIVE = /\b(Objective|Output)\s+(\d{1,2}(?:\.\d{1,2})?)\b(?:\s+of\s+(?:the\s+)?((?:WTDC\s+)?(?:\d{4}\s+)?[A-Z][\w ]*?Action Plan))?/g;
const EVENT = /\b(PP|WTDC|WTSA|WTPF|WCIT)-(\d{2})\b/g;

/** Heading phrases that may stand before `2 of Resolution …`, longest first. */
const CLAUSE_REF_HEADINGS: readonly string[] = [...new Set([...PREAMBLE_HEADINGS, ...OPERATIVE_HEADINGS, ...OPERATIVE_LEADS])].sort((a, b) => b.length - a.length);
const CLAUSE_REF_SET: ReadonlySet<string> = new Set(CLAUSE_REF_HEADINGS);
const LABEL_TAIL = /[ \t]+(\d{1,3}(?:\.\d{1,3})*|[a-z]{1,3}\))$/;

// ---- recognition ----------------------------------------------------------------------

const cache = new WeakMap<ParsedDocument, WeakMap<ConferenceLookup, DocumentCitations>>();

/** One view of a document with the tree parsed on it. */
interface Reading {
  text: string;
  root: DocumentNode;
  view: TextView;
}

function reading(document: ParsedDocument, which: 'amended' | 'original'): Reading {
  return which === 'amended'
    ? { text: document.text, root: document.root, view: document.amended }
    : { text: document.text, root: document.originalRoot(), view: document.original };
}

/** Every citation and reference of the document (amended view), resolved against the conferences. */
export function documentCitations(document: ParsedDocument, conferences: ConferenceLookup = DEFAULT_CONFERENCES): DocumentCitations {
  let byLookup = cache.get(document);
  if (!byLookup) {
    byLookup = new WeakMap();
    cache.set(document, byLookup);
  }
  let result = byLookup.get(conferences);
  if (!result) {
    result = analyse(reading(document, 'amended'), conferences, true);
    byLookup.set(conferences, result);
  }
  return result;
}

/** The citations of the original view (deletions kept): what the text cited before it was amended. */
export function originalCitations(document: ParsedDocument, conferences: ConferenceLookup = DEFAULT_CONFERENCES): DocumentCitations {
  return analyse(reading(document, 'original'), conferences, false);
}

function analyse(read: Reading, conferences: ConferenceLookup, remember: boolean): DocumentCitations {
  const contexts = readingContexts(read, conferences);
  const units = citationUnits(read, conferences, contexts, remember);
  let citations: Citation[] | undefined;
  let references: OtherReference[] | undefined;
  // A keystroke's checks read the changed units only: the whole list is made when first asked for,
  // and the other references (the workspace index needs citations only) too.
  return {
    get citations() {
      citations ??= units.length === 1 ? [...units[0].citations] : units.flatMap((unit) => unit.citations);
      return citations;
    },
    contexts,
    units,
    get references() {
      references ??= recogniseReferences(read, conferences);
      return references;
    },
  };
}

/** What a unit was read with, kept by its resolution's node (a partial re-read carries the node over). */
interface UnitEntry {
  identity: object;
  lookup: ConferenceLookup;
  contextKey: string;
  /** The unit's source and view texts, pointing at the latest text that has them. */
  sourceText: string;
  viewText: string;
  groups: number;
  /** Maps the unit where it stands now, for every citation read in it (a revision maps its parts when first asked). */
  mapper: UnitMapper;
  /** The citations as read, at the source offset and first group number they were read at. */
  citations: Citation[];
  sourceStart: number;
  groupBase: number;
}

const unitEntries = new WeakMap<ResolutionNode, UnitEntry>();

/** View offsets of a unit's text (from 0) to source offsets of the document it now stands in. */
class UnitMapper {
  constructor(
    public view: TextView,
    public viewStart: number,
  ) {}

  src(start: number, end: number): TextRange {
    const from = this.view.toSource(this.viewStart + start);
    return { start: from, end: Math.max(from, this.view.toSourceEnd(this.viewStart + end)) };
  }
}

/** A unit where it stands in one document; its citations are moved there from where they were read when first asked for. */
class PlacedUnit implements CitationUnit {
  private moved?: Citation[];

  constructor(
    private readonly entry: UnitEntry,
    readonly context: CitingContext,
    readonly sourceStart: number,
    readonly sourceEnd: number,
    readonly viewStart: number,
    readonly viewEnd: number,
    private readonly groupBase: number,
  ) {}

  get identity(): object {
    return this.entry.identity;
  }

  get citations(): readonly Citation[] {
    const entry = this.entry;
    if (this.sourceStart === entry.sourceStart && this.groupBase === entry.groupBase) return entry.citations;
    this.moved ??= movedCitations(entry.citations, this.sourceStart - entry.sourceStart, this.groupBase - entry.groupBase, entry.mapper);
    return this.moved;
  }
}

function contextKey(context: CitingContext): string {
  const c = context.conference;
  return `${c ? `${c.id}|${c.body}|${c.place}|${c.year}` : ''}|${context.body ?? ''}|${context.number ?? ''}|${context.kind ?? ''}|${context.year ?? ''}|${context.date ?? ''}`;
}

function citationUnits(read: Reading, conferences: ConferenceLookup, contexts: readonly CitingContext[], remember: boolean): CitationUnit[] {
  const { root, view, text } = read;
  const resolutions = root.resolutions;
  if (resolutions.length === 0) {
    const mapper = new UnitMapper(view, 0);
    const { citations } = recogniseUnit(read, view.text, mapper, undefined, conferences, contexts[0], 0);
    return [{ citations, context: contexts[0], sourceStart: 0, sourceEnd: text.length, viewStart: 0, viewEnd: view.text.length, identity: {} }];
  }
  const units: CitationUnit[] = [];
  let group = 0;
  for (let i = 0; i < resolutions.length; i++) {
    const resolution = resolutions[i];
    const last = i === resolutions.length - 1;
    const sourceStart = i === 0 ? 0 : resolution.start;
    const sourceEnd = last ? text.length : resolutions[i + 1].start;
    const viewStart = i === 0 ? 0 : resolution.viewStart;
    const viewEnd = last ? view.text.length : resolutions[i + 1].viewStart;
    const context = contexts[i];
    const unitText = view.text.slice(viewStart, viewEnd);
    const sourceText = text.slice(sourceStart, sourceEnd);
    let entry = remember ? unitEntries.get(resolution) : undefined;
    const key = remember ? contextKey(context) : '';
    if (entry && (entry.lookup !== conferences || entry.contextKey !== key || entry.viewText !== unitText || entry.sourceText !== sourceText)) entry = undefined;
    if (entry) {
      // Kept: it points at this text and view from now on, so that no old text is held.
      entry.sourceText = sourceText;
      entry.viewText = unitText;
      entry.mapper.view = view;
      entry.mapper.viewStart = viewStart;
    } else {
      const mapper = new UnitMapper(view, viewStart);
      const found = recogniseUnit(read, unitText, mapper, resolution, conferences, context, group);
      entry = { identity: {}, lookup: conferences, contextKey: key, sourceText, viewText: unitText, groups: found.groups, mapper, citations: found.citations, sourceStart, groupBase: group };
      if (remember) unitEntries.set(resolution, entry);
    }
    units.push(new PlacedUnit(entry, context, sourceStart, sourceEnd, viewStart, viewEnd, group));
    group += entry.groups;
  }
  return units;
}

/** The citations of a unit that moved by `shift` in the source, its groups renumbered by `groupShift`. */
function movedCitations(citations: readonly Citation[], shift: number, groupShift: number, mapper: UnitMapper): Citation[] {
  const move = (range: TextRange): TextRange => ({ start: range.start + shift, end: range.end + shift });
  // Numbers share their revision and body phrase objects: the checks group by them.
  const revisions = new Map<CitedRevision, CitedRevision>();
  const bodies = new Map<NamedBody, NamedBody>();
  return citations.map((citation) => {
    const moved: Citation = {
      kind: citation.kind,
      number: citation.number,
      numberRange: move(citation.numberRange),
      keywordRange: move(citation.keywordRange),
      range: move(citation.range),
      groupRange: move(citation.groupRange),
      group: citation.group + groupShift,
      member: citation.member,
      revisionShared: citation.revisionShared,
      how: citation.how,
      conferencesAtPlace: citation.conferencesAtPlace,
    };
    // The same properties as the citation read there, none added as undefined.
    if ('body' in citation) moved.body = citation.body;
    if ('conference' in citation) moved.conference = citation.conference;
    if ('subject' in citation) moved.subject = citation.subject;
    const revision = citation.revision;
    if (revision) {
      let copy = revisions.get(revision);
      if (!copy) {
        copy = revision instanceof SourceRevision ? revision.moved(shift, mapper) : { ...revision, range: move(revision.range), outerRange: move(revision.outerRange), yearRange: move(revision.yearRange), ...(revision.revRange ? { revRange: move(revision.revRange) } : {}), ...(revision.placeRange ? { placeRange: move(revision.placeRange) } : {}) };
        revisions.set(revision, copy);
      }
      moved.revision = copy;
    }
    const named = citation.namedBody;
    if (named) {
      let copy = bodies.get(named);
      if (!copy) {
        copy = { ...named, range: move(named.range) };
        bodies.set(named, copy);
      }
      moved.namedBody = copy;
    }
    if (citation.clauseRef) moved.clauseRef = { ...citation.clauseRef, range: move(citation.clauseRef.range) };
    return moved;
  });
}

/** The context of a source offset: the resolution that holds it, else the document's first. */
export function contextAt(contexts: readonly CitingContext[], offset: number): CitingContext {
  // Contexts follow each other in the document: the last one starting at or before the offset.
  let lo = 0;
  let hi = contexts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (contexts[mid].range.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return contexts[lo];
}

/** The citation at a source offset (end-inclusive), the number's own parts first. */
export function citationAt(citations: readonly Citation[], offset: number): Citation | undefined {
  let inGroup: Citation | undefined;
  let lo = 0;
  let hi = citations.length - 1;
  // Binary search for the first citation whose group ends at or after the offset.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (citations[mid].groupRange.end < offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < citations.length && citations[i].groupRange.start <= offset; i++) {
    const citation = citations[i];
    if (offset > citation.groupRange.end) continue;
    if (within(citation.numberRange, offset) || within(citation.range, offset)) return citation;
    if (citation.revision && !citation.revisionShared && within(citation.revision.outerRange, offset)) return citation;
    inGroup ??= citation;
  }
  return inGroup;
}

function within(range: TextRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/**
 * The citations of one unit, read on its own text (`text`, view offsets from 0): a look back stops
 * at the unit's start and a look ahead at its end, so the result depends on the unit alone.
 */
function recogniseUnit(read: Reading, text: string, mapper: UnitMapper, resolution: ResolutionNode | undefined, conferences: ConferenceLookup, context: CitingContext, groupBase: number): { citations: Citation[]; groups: number } {
  const src = (start: number, end: number): TextRange => mapper.src(start, end);
  const base = mapper.viewStart;
  const out: Citation[] = [];
  const skipped = skippedRanges(read.root, base, base + text.length, mapper.view.toSource(base));
  const titleLine = titleLineTracker(text);
  const labels = numberLabelStarts(resolution, base);
  const headings = sectionHeadings(resolution, base, src);
  let group = groupBase;
  KEYWORD.lastIndex = 0;
  for (let match = KEYWORD.exec(text); match; match = KEYWORD.exec(text)) {
    const keyword = match[1];
    if (titleLine(match.index) || skipped(match.index)) continue;
    const plural = keyword.endsWith('s');
    const kind: TextKind = keyword.startsWith('Opinion') ? 'opinion' : keyword.startsWith('Decision') ? 'decision' : keyword.startsWith('Recommendation') ? 'recommendation' : 'resolution';
    let blank = match.index;
    while (blank > 0 && isBlank(text.charCodeAt(blank - 1))) blank--;
    const mayHavePrefix = blank < match.index && (text.startsWith('Assembly', blank - 8) || text.startsWith('UNGA', blank - 4) || text.startsWith('(UNGA)', blank - 6) || text.startsWith('Council', blank - 7));
    const before = mayHavePrefix ? text.slice(Math.max(0, match.index - 50), match.index) : '';
    let prefix = mayHavePrefix ? PREFIX.exec(before) : null;
    // `UN Human Rights Council Resolution 20/8` is another organization's, never the ITU Council's.
    const otherCouncil = prefix !== null && prefix[1] === 'Council' && OTHER_COUNCIL.test(before.slice(0, prefix.index));
    // The organization's name as written, for hover: `UN Human Rights Council`.
    let externalName = otherCouncil ? (OTHER_NAME.exec(before)?.[0].trim() ?? 'Council') : '';
    if (otherCouncil) prefix = null;
    let prefixText = prefix?.[1];
    let prefixBody: Body | undefined;
    let external = otherCouncil;
    let keywordStart = prefix ? match.index - before.length + prefix.index : match.index;
    if (!prefix && blank < match.index && blank > 0) {
      const written = wordBefore(text, blank);
      if (written !== undefined) {
        if (GENERIC_WORDS.has(written.toLowerCase())) {
          KEYWORD.lastIndex = Math.max(KEYWORD.lastIndex, match.index + match[0].length);
          continue;
        }
        if (PREFIX_ACRONYMS[written]) {
          prefixText = written;
          prefixBody = PREFIX_ACRONYMS[written];
          keywordStart = blank - written.length;
        } else if (/^[A-Z]{2,8}$/.test(written) && !NOT_A_BODY.has(written)) {
          external = true;
          externalName = written;
        }
      }
    }
    const keywordEnd = match.index + match[0].length;
    let cursor = keywordEnd;
    // `Resolution ITU-R 69`: a Radiocommunication Assembly resolution.
    let assembly: NamedBody | undefined;
    {
      const after = skipBlanks(text, cursor);
      if (text.startsWith('ITU-R', after)) {
        assembly = { body: 'RA', text: 'ITU-R', range: src(after, after + 5), short: true, thisConference: false, prefix: true };
        cursor = after + 5;
      }
    }
    const members: RawMember[] = [];
    // Where the last number (with its revision) ends: a list that goes on to no number gives back its `and`.
    let afterMember = cursor;
    for (;;) {
      if (members.length === 0) {
        const after = skipBlanks(text, cursor);
        if (after === cursor) break;
        cursor = after;
      }
      const numberEnd = scanNumber(text, cursor);
      // A clause label at the start of the next line (`2 to report …`) is never a cited number.
      if (numberEnd === cursor || labels.has(cursor)) {
        cursor = afterMember;
        // Its own body phrase, if read, is the group's: it is read again below.
        if (members.length > 0) delete members[members.length - 1].named;
        break;
      }
      const member: RawMember = { number: text.slice(cursor, numberEnd), start: cursor, end: numberEnd };
      cursor = numberEnd;
      REVISION.lastIndex = cursor;
      const revision = REVISION.exec(text);
      if (revision) {
        member.revision = rawRevision(revision, text);
        cursor = REVISION.lastIndex;
      } else {
        EVENT_REVISION.lastIndex = cursor;
        const event = EVENT_REVISION.exec(text);
        if (event) {
          member.revision = eventRevision(event, conferences);
          cursor = EVENT_REVISION.lastIndex;
        }
      }
      afterMember = cursor;
      members.push(member);
      if (!plural) break;
      // A number may name its own body before the list goes on: `45 (Rev. Dubai, 2014) of WTDC and 140 (…) of …`.
      if (!prefixText && !assembly) {
        BODY_PHRASE.lastIndex = cursor;
        const own = BODY_PHRASE.exec(text);
        if (own) {
          LIST_CONTINUES.lastIndex = BODY_PHRASE.lastIndex;
          if (LIST_CONTINUES.test(text)) {
            member.named = namedBody(own, BODY_PHRASE.lastIndex, context, src);
            cursor = LIST_CONTINUES.lastIndex;
            continue;
          }
        }
      }
      LIST_CONTINUES.lastIndex = cursor;
      if (!LIST_CONTINUES.test(text)) break;
      cursor = LIST_CONTINUES.lastIndex;
    }
    if (members.length === 0) {
      KEYWORD.lastIndex = Math.max(KEYWORD.lastIndex, keywordEnd);
      continue;
    }
    let named: NamedBody | undefined = assembly;
    if (prefixText) {
      const body: Body = prefixBody ?? (/Council/.test(prefixText) ? 'Council' : 'UNGA');
      named = { body, text: prefixText, range: src(keywordStart, keywordStart + prefixText.length), short: body === 'Council' || prefixText === 'UNGA' || prefixBody !== undefined, thisConference: false, prefix: true };
    } else if (external) {
      named = { body: undefined, text: externalName, range: src(Math.max(0, blank - externalName.length), blank), short: true, thisConference: false, prefix: true, external: true };
    }
    let groupEnd = cursor;
    BODY_PHRASE.lastIndex = cursor;
    const phrase = prefixText || assembly || external ? null : BODY_PHRASE.exec(text);
    if (phrase) {
      named = namedBody(phrase, BODY_PHRASE.lastIndex, context, src);
      groupEnd = BODY_PHRASE.lastIndex;
      // `Resolution 1386 of the Council (2017)`: the year after the body.
      const last = members[members.length - 1];
      if (!last.revision) {
        REVISION.lastIndex = groupEnd;
        const year = REVISION.exec(text);
        if (year && year[2] === undefined) {
          last.revision = rawRevision(year, text);
          groupEnd = REVISION.lastIndex;
        }
      }
    }
    // A number without its own revision shares the next one written: `50 and 52 (Rev. Hammamet, 2016)`.
    const owners: Array<RawRevision | undefined> = members.map((m) => m.revision);
    for (let i = members.length - 2; i >= 0; i--) if (!owners[i]) owners[i] = owners[i + 1];
    // The body phrase of a number is its own, else the next one written, as with revisions.
    const bodies: Array<NamedBody | undefined> = members.map((m) => m.named);
    bodies[members.length - 1] = named;
    for (let i = members.length - 2; i >= 0; i--) if (!bodies[i]) bodies[i] = bodies[i + 1];
    let council: NamedBody | undefined;
    let possessor: NamedBody | undefined;
    let subject: string | undefined;
    if (members.length === 1) {
      SUBJECT.lastIndex = groupEnd;
      if (SUBJECT.test(text)) subject = readSubject(text, SUBJECT.lastIndex);
    }
    const clauseRef = members.length === 1 ? readClauseRef(text, keywordStart, src) : undefined;
    const groupRange = src(clauseRef ? clauseRef.viewStart : keywordStart, groupEnd);
    const keywordRange = src(keywordStart, keywordEnd);
    // Numbers sharing one written revision share its object; most groups have one number.
    const revisions = members.length > 1 ? new Map<RawRevision, CitedRevision>() : undefined;
    members.forEach((member, index) => {
      const raw = owners[index];
      let revision = raw ? revisions?.get(raw) : undefined;
      if (raw && !revision) {
        revision = sourceRevision(raw, mapper);
        revisions?.set(raw, revision);
      }
      const ownEnd = member.revision ? member.revision.end : member.end;
      const citation: Citation = {
        kind,
        number: member.number,
        numberRange: src(member.start, member.end),
        keywordRange,
        range: src(index === 0 ? keywordStart : member.start, ownEnd),
        groupRange,
        group,
        member: index,
        revisionShared: raw !== undefined && member.revision === undefined,
        how: 'unresolved',
        conferencesAtPlace: NO_CONFERENCES,
      };
      if (revision) citation.revision = revision;
      let body = bodies[index];
      // `the Council, in its Resolution 1305`, or `its Resolution 1344` under *instructs the ITU Council*:
      // a four-digit number (a decision's runs in the hundreds) with the Council named before it in the sentence or in the section heading.
      const councilNumber = kind === 'resolution' ? member.number.length === 4 : kind === 'decision' && member.number.length >= 3;
      if (!body && !raw?.place && councilNumber && !member.number.includes('/')) {
        council ??= councilBefore(text, keywordStart, src) ?? headings.councilAt(keywordStart) ?? undefined;
        if (council) body = council;
      }
      // `WTDC, in its Resolution 37`: the body named before `its` in the sentence.
      if (!body && !raw?.place && (kind === 'resolution' || kind === 'decision') && index === 0 && wordBefore(text, blank) === 'its') {
        possessor ??= bodyBeforeIts(text, blank - 3, src) ?? undefined;
        if (possessor) body = possessor;
      }
      if (body) citation.namedBody = body;
      if (subject) citation.subject = subject;
      if (clauseRef) citation.clauseRef = { section: clauseRef.section, label: clauseRef.label, range: clauseRef.range };
      resolveBody(citation, context, raw?.place ? (raw.atPlace ??= conferences.at(raw.place, raw.year)) : NO_CONFERENCES);
      out.push(citation);
    });
    group++;
    KEYWORD.lastIndex = Math.max(KEYWORD.lastIndex, groupEnd);
  }
  return { citations: out, groups: group - groupBase };
}

/** The body phrase matched by `BODY_PHRASE` (ending at `end`), resolved. */
function namedBody(phrase: RegExpExecArray, end: number, context: CitingContext | undefined, src: (start: number, end: number) => TextRange): NamedBody {
  const phraseText = phrase[1];
  const index = BODY_PHRASES.findIndex((_, i) => phrase[i + 2] !== undefined);
  const entry = BODY_PHRASES[index];
  let body: Body | undefined;
  if (entry.body === 'this') body = context?.body;
  else if (entry.body === 'external') body = undefined;
  else if (index === BODY_PHRASES.length - 1) body = /WTDC/.test(phraseText) ? 'WTDC' : /WTSA/.test(phraseText) ? 'WTSA' : /WTPF/.test(phraseText) ? 'WTPF' : /WCIT/.test(phraseText) ? 'WCIT' : /WRC/.test(phraseText) ? 'WRC' : 'PP';
  else body = entry.body;
  return { body, text: phraseText, range: src(end - phraseText.length, end), short: entry.short, thisConference: entry.body === 'this', prefix: false, ...(entry.body === 'external' ? { external: true } : {}) };
}

/** `Council` earlier in the same sentence (within 80 characters, no `;`, `:`, `.` or blank line between), as the citation's body. */
function councilBefore(text: string, keywordStart: number, src: (start: number, end: number) => TextRange): NamedBody | null {
  const from = Math.max(0, keywordStart - 80);
  // Searched in the reach only: a search of the whole text before would make a long text quadratic.
  const found = text.slice(from, keywordStart).lastIndexOf('Council');
  if (found < 0) return null;
  const at = from + found;
  if (at > 0 && /\w/.test(text[at - 1])) return null;
  if (/\w/.test(text[at + 7] ?? '')) return null;
  const between = text.slice(at + 7, keywordStart);
  if (/[;:.]|\n[ \t]*\r?\n/.test(between)) return null;
  return { body: 'Council', text: 'Council', range: src(at, at + 7), short: true, thisConference: false, prefix: true };
}

/** The section heading over a unit offset, asked for rarely (four-digit numbers with no body): sections found once. */
function sectionHeadings(resolution: ResolutionNode | undefined, base: number, src: (start: number, end: number) => TextRange): { councilAt(offset: number): NamedBody | null } {
  let sections: Array<{ start: number; end: number; phrase: string; phraseStart: number; phraseEnd: number }> | undefined;
  return {
    councilAt(offset) {
      sections ??= (resolution?.sections ?? []).map((s) => ({ start: s.viewStart - base, end: s.viewEnd - base, phrase: s.heading.phrase, phraseStart: s.heading.viewStart - base, phraseEnd: s.heading.viewEnd - base }));
      // Sections follow each other: the last one starting at or before the offset.
      let lo = 0;
      let hi = sections.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sections[mid].start <= offset) lo = mid;
        else hi = mid - 1;
      }
      const found = sections[lo];
      const section = found && found.start <= offset && offset <= found.end ? found : undefined;
      if (!section || !/\bCouncil\b/.test(section.phrase) || /\b(?:Human Rights|Security|Economic and Social)\s+Council\b/.test(section.phrase)) return null;
      return { body: 'Council', text: section.phrase, range: src(section.phraseStart, section.phraseEnd), short: true, thisConference: false, prefix: true };
    },
  };
}

/** Bodies a sentence may name before `its Resolution N`, nearest first wins. */
const POSSESSORS: ReadonlyArray<[RegExp, Body | 'external']> = [
  [/\b(?:Human Rights|Security|Economic and Social|Trusteeship) Council\b/g, 'external'],
  [/\b(?:ITU )?Council\b/g, 'Council'],
  [/\b(?:United Nations )?General Assembly\b|\bUNGA\b/g, 'UNGA'],
  [/\bRadiocommunication Assembly\b/g, 'RA'],
  [/\bWorld Radiocommunication Conference\b|\bWRC\b/g, 'WRC'],
  [/\bWorld Telecommunication Development Conference\b|\bWTDC\b/g, 'WTDC'],
  [/\bWorld Telecommunication Standardization Assembly\b|\bWTSA\b/g, 'WTSA'],
  [/\bPlenipotentiary Conference\b/g, 'PP'],
];

/** The body a sentence names before `its` (within 120 characters, no `;`, `:`, `.` or blank line between): the nearest. */
function bodyBeforeIts(text: string, itsStart: number, src: (start: number, end: number) => TextRange): NamedBody | null {
  const from = Math.max(0, itsStart - 120);
  let window = text.slice(from, itsStart);
  const stop = Math.max(window.lastIndexOf(';'), window.lastIndexOf(':'), window.lastIndexOf('. '), window.lastIndexOf('\n\n'));
  const offset = from + (stop >= 0 ? stop + 1 : 0);
  window = text.slice(offset, itsStart).replace(/\s/g, ' ');
  let best: { at: number; length: number; body: Body | 'external' } | undefined;
  for (const [pattern, body] of POSSESSORS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(window); match; match = pattern.exec(window)) {
      // `Human Rights Council` holds `Council`: the longer name at the same end wins.
      const end = match.index + match[0].length;
      if (!best || end > best.at + best.length) best = { at: match.index, length: match[0].length, body };
    }
  }
  if (!best) return null;
  const range = src(offset + best.at, offset + best.at + best.length);
  const name = window.slice(best.at, best.at + best.length);
  return best.body === 'external'
    ? { body: undefined, text: name, range, short: true, thisConference: false, prefix: true, external: true }
    : { body: best.body, text: name, range, short: true, thisConference: false, prefix: true };
}

/** Unit offsets where an operative clause's number label starts: such a number is never cited. */
function numberLabelStarts(resolution: ResolutionNode | undefined, base: number): ReadonlySet<number> {
  const starts = new Set<number>();
  const visit = (clauses: readonly ClauseNode[]): void => {
    for (const clause of clauses) {
      if (clause.label?.form === 'number') starts.add(clause.label.viewStart - base);
      if (clause.items.length > 0) visit(clause.items);
    }
  };
  for (const section of resolution?.sections ?? []) visit(section.clauses);
  return starts;
}

interface RawMember {
  number: string;
  start: number;
  end: number;
  revision?: RawRevision;
  /** The number's own body phrase, when the list goes on after it. */
  named?: NamedBody;
}

interface RawRevision {
  /** Conferences at the place and year, looked up once for every number sharing the revision. */
  atPlace?: Conference[];
  event?: { body: Body; conference?: Conference };
  rev: boolean;
  place?: string;
  year: number;
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  revStart?: number;
  revEnd?: number;
  placeStart?: number;
  placeEnd?: number;
  yearStart: number;
  yearEnd: number;
}

function rawRevision(match: RegExpExecArray, text: string): RawRevision {
  // Part offsets from the match text (no indices array to allocate): the year is the last four digits,
  // `Rev.` comes first after the parenthesis, the place between them.
  const whole = match[0];
  const open = whole.indexOf('(');
  const start = match.index + open;
  const end = match.index + whole.length;
  const yearStart = match.index + whole.lastIndexOf(match[3]);
  const raw: RawRevision = { rev: match[1] !== undefined, year: Number(match[3]), start, end, innerStart: start + 1, innerEnd: end - 1, yearStart, yearEnd: yearStart + 4 };
  while (raw.innerStart < raw.innerEnd && /\s/.test(text[raw.innerStart])) raw.innerStart++;
  while (raw.innerEnd > raw.innerStart && /\s/.test(text[raw.innerEnd - 1])) raw.innerEnd--;
  let after = open + 1;
  if (match[1] !== undefined) {
    const revAt = whole.indexOf(match[1], open);
    raw.revStart = match.index + revAt;
    raw.revEnd = raw.revStart + match[1].length;
    after = revAt + match[1].length;
  }
  if (match[2] !== undefined) {
    const placeAt = whole.indexOf(match[2], after);
    raw.placeStart = match.index + placeAt;
    raw.placeEnd = raw.placeStart + match[2].length;
    raw.place = placeName(match[2]);
  }
  return raw;
}

/** `(Rev.WRC-15)`, `(WTDC-2017)`: the year from the id (two digits are this century's below 50), the place from the table. */
function eventRevision(match: RegExpExecArray, conferences: ConferenceLookup): RawRevision {
  const whole = match[0];
  const open = whole.indexOf('(');
  const start = match.index + open;
  const end = match.index + whole.length;
  const body = match[2] as Body;
  const digits = match[3];
  const year = digits.length === 4 ? Number(digits) : Number(digits) + (Number(digits) < 50 ? 2000 : 1900);
  const conference = conferences.byId(conferenceId(body, year));
  const idAt = match.index + whole.indexOf(`${body}-`, open);
  const raw: RawRevision = {
    rev: match[1] !== undefined, year, start, end, innerStart: start + 1, innerEnd: end - 1, yearStart: idAt, yearEnd: idAt + body.length + 1 + digits.length,
    event: { body, ...(conference ? { conference } : {}) },
  };
  while (raw.innerStart < raw.innerEnd && /\s/.test(whole[raw.innerStart - match.index])) raw.innerStart++;
  while (raw.innerEnd > raw.innerStart && /\s/.test(whole[raw.innerEnd - 1 - match.index])) raw.innerEnd--;
  if (match[1] !== undefined) {
    raw.revStart = match.index + whole.indexOf(match[1], open);
    raw.revEnd = raw.revStart + match[1].length;
  }
  if (conference) raw.place = conference.place;
  return raw;
}

const placeNames = new Map<string, string>();

/** `BUENOS  AIRES` → `Buenos Aires`, as titles and citations compare; remembered, a text repeats its places. */
function placeName(written: string): string {
  let name = placeNames.get(written);
  if (name === undefined) {
    const place = written.replace(/\s+/g, ' ').trim();
    // Copies: the written place is a slice of the document, which the table would keep.
    name = detached(parseRevision(`${place}, 2000`)?.place ?? place);
    if (placeNames.size < 10_000) placeNames.set(detached(written), name);
  }
  return name;
}

/** The revision in source offsets; the ranges of its parts are mapped when first read (most never are). */
class SourceRevision implements CitedRevision {
  readonly rev: boolean;
  readonly year: number;
  readonly place?: string;
  readonly range: TextRange;
  readonly outerRange: TextRange;
  readonly event?: { body: Body; conference?: Conference };
  private mappedYear?: TextRange;
  private mappedRev?: TextRange;
  private mappedPlace?: TextRange;

  constructor(
    private readonly raw: RawRevision,
    private readonly mapper: UnitMapper,
    ranges?: { range: TextRange; outerRange: TextRange },
  ) {
    this.rev = raw.rev;
    this.year = raw.year;
    if (raw.place !== undefined) this.place = raw.place;
    if (raw.event) this.event = raw.event;
    this.range = ranges?.range ?? mapper.src(raw.innerStart, raw.innerEnd);
    this.outerRange = ranges?.outerRange ?? mapper.src(raw.start, raw.end);
  }

  /** The same revision in its unit moved by `shift` in the source; `mapper` maps the unit where it now stands. */
  moved(shift: number, mapper: UnitMapper): SourceRevision {
    return new SourceRevision(this.raw, mapper, {
      range: { start: this.range.start + shift, end: this.range.end + shift },
      outerRange: { start: this.outerRange.start + shift, end: this.outerRange.end + shift },
    });
  }

  private src(start: number, end: number): TextRange {
    return this.mapper.src(start, end);
  }

  get yearRange(): TextRange {
    this.mappedYear ??= this.src(this.raw.yearStart, this.raw.yearEnd);
    return this.mappedYear;
  }

  get revRange(): TextRange | undefined {
    const { revStart, revEnd } = this.raw;
    if (revStart === undefined || revEnd === undefined) return undefined;
    this.mappedRev ??= this.src(revStart, revEnd);
    return this.mappedRev;
  }

  get placeRange(): TextRange | undefined {
    const { placeStart, placeEnd } = this.raw;
    if (placeStart === undefined || placeEnd === undefined) return undefined;
    this.mappedPlace ??= this.src(placeStart, placeEnd);
    return this.mappedPlace;
  }
}

function sourceRevision(raw: RawRevision, mapper: UnitMapper): CitedRevision {
  return new SourceRevision(raw, mapper);
}

const NO_CONFERENCES: Conference[] = [];

function resolveBody(citation: Citation, context: CitingContext | undefined, atPlace: Conference[]): void {
  const revision = citation.revision;
  citation.conferencesAtPlace = atPlace;
  const named = citation.namedBody;
  if (named?.external) {
    citation.how = 'external';
  } else if (revision?.event && !named) {
    // `(Rev.WRC-15)` names the conference, and so the body.
    citation.body = revision.event.body;
    citation.how = 'inferred';
    if (revision.event.conference) citation.conference = revision.event.conference;
  } else if (named) {
    citation.body = named.body;
    citation.how = named.body === undefined ? 'unresolved' : named.thisConference ? 'this-conference' : 'named';
    if (named.thisConference && context?.conference && revision?.place && placeKey(context.conference.place) === placeKey(revision.place) && context.conference.year === revision.year) {
      citation.conference = context.conference;
    }
  } else if (citation.number.includes('/')) {
    // Only the General Assembly numbers its resolutions by session: `70/125`.
    citation.body = 'UNGA';
    citation.how = 'inferred';
  } else if (revision?.place) {
    const candidates = atPlace.filter((c) => INFERABLE_BODIES.has(c.body) && adoptsAt(citation.kind, c.body));
    if (candidates.length === 1) {
      citation.body = candidates[0].body;
      citation.how = 'inferred';
    }
  } else if (!revision && context?.body && citation.kind === 'resolution' && citation.number.length < 4) {
    // A four-digit number is never the Plenipotentiary Conference's (its resolutions are numbered in the hundreds).
    citation.body = context.body;
    citation.how = 'document';
  } else if (!revision && citation.kind === 'opinion') {
    // Only the forum gives opinions: `Opinion 4` with no forum is one of its opinions of that number.
    citation.body = 'WTPF';
    citation.how = 'inferred';
  } else if (!revision && context?.body === 'PP' && citation.kind === 'decision' && citation.number.length < 3) {
    // The Conference's decisions are few (Decision 5, Decision 11); the Council's run in the hundreds.
    citation.body = 'PP';
    citation.how = 'document';
  }
  if (citation.body && !citation.conference && revision?.place) {
    const conference = atPlace.find((c) => c.body === citation.body);
    if (conference) citation.conference = conference;
  }
}

/**
 * Whether a conference of the body adopts texts of the kind, as far as a place and year tell: the
 * forum gives opinions only; of the conferences, only the Plenipotentiary Conference takes decisions.
 */
export function adoptsAt(kind: TextKind, body: Body): boolean {
  if (kind === 'opinion') return body === 'WTPF';
  if (kind === 'decision') return body === 'PP';
  return body !== 'WTPF';
}

function readSubject(text: string, from: number): string | undefined {
  let end = from;
  const limit = Math.min(text.length, from + 400);
  while (end < limit) {
    const char = text[end];
    if (char === ';' || char === ':' || (char === '\n' && /^\s*(?:\n|[a-z]{1,4}\)|\d{1,3}\s|\*)/.test(text.slice(end + 1, end + 8)))) break;
    if (char === '[' && text[end + 1] === '^') break;
    end++;
  }
  let subject = text.slice(from, end).replace(/\s+/g, ' ').trim();
  subject = subject.replace(/[,.]+$/, '').trim();
  if (subject.length > 240) {
    const cut = subject.lastIndexOf(',', 240);
    subject = (cut > 40 ? subject.slice(0, cut) : subject.slice(0, 240)).trim() + ' …';
  }
  return subject.length > 0 ? subject : undefined;
}

function readClauseRef(text: string, keywordStart: number, src: (start: number, end: number) => TextRange): { section: string; label: string; range: TextRange; viewStart: number } | undefined {
  // Read backwards, without a regular expression that would try every start: ` of `, the label, the heading.
  let at = keywordStart;
  while (at > 0 && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9)) at--;
  if (at === keywordStart || at < 3 || text.slice(at - 3, at) !== ' of') return undefined;
  const from = Math.max(0, keywordStart - 160);
  const before = text.slice(from, keywordStart);
  const of = { index: at - 3 - from };
  const label = LABEL_TAIL.exec(before.slice(Math.max(0, of.index - 12), of.index));
  if (!label) return undefined;
  const headEnd = of.index - label[0].length;
  const head = before.slice(0, headEnd);
  let section: string | undefined;
  let sectionStart: number;
  if (head.endsWith('*')) {
    const open = head.lastIndexOf('*', head.length - 2);
    if (open < 0) return undefined;
    const phrase = head.slice(open + 1, -1).trim().replace(/\s+/g, ' ');
    if (!CLAUSE_REF_SET.has(phrase) && !CLAUSE_REF_HEADINGS.some((h) => phrase.startsWith(h + ' '))) return undefined;
    section = phrase;
    sectionStart = from + open;
  } else {
    const words = head.replace(/\s+/g, ' ').trimEnd();
    section = CLAUSE_REF_HEADINGS.find((h) => words === h || words.endsWith(' ' + h));
    if (!section) return undefined;
    sectionStart = from + head.trimEnd().length - section.length;
  }
  return { section, label: label[1].replace(/\)$/, ''), range: src(sectionStart, keywordStart), viewStart: sectionStart };
}

/** Ranges of the view range [from, to) where no citation is read (front matter and comments), as offsets from `from`. */
/** `sourceFrom`: the source offset of the view offset `from`. */
function skippedRanges(root: DocumentNode, from = 0, to = Number.MAX_SAFE_INTEGER, sourceFrom = 0): (offset: number) => boolean {
  const ranges: Array<[number, number]> = [];
  const front = root.frontMatter;
  if (front && front.viewEnd > from && front.viewStart < to) ranges.push([front.viewStart - from, front.viewEnd - from]);
  // Comments follow each other and never nest: those of the range are found by halving.
  const comments = root.comments;
  const lo = countEndingBy(comments, sourceFrom);
  for (let i = lo; i < comments.length && comments[i].viewStart < to; i++) ranges.push([comments[i].viewStart - from, comments[i].viewEnd - from]);
  ranges.sort((a, b) => a[0] - b[0]);
  return (offset) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][1] <= offset) lo = mid + 1;
      else if (ranges[mid][0] > offset) hi = mid - 1;
      else return true;
    }
    return false;
  };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** `isTitleLine` for offsets asked in increasing order: line starts are found scanning forward once. */
function titleLineTracker(text: string): (offset: number) => boolean {
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  return (offset) => {
    if (offset < lineStart) return isTitleLine(text, offset);
    while (nextBreak >= 0 && nextBreak < offset) {
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    return text.charCodeAt(lineStart) === 35 /* # */;
  };
}

function isTitleLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.charCodeAt(lineStart) === 35 /* # */;
}

function recogniseReferences(read: Reading, conferences: ConferenceLookup): OtherReference[] {
  const view = read.view;
  const text = view.text;
  const out: OtherReference[] = [];
  const skipped = skippedRanges(read.root);
  const add = (kind: OtherReferenceKind, match: RegExpExecArray, value: string, of: string | undefined, conference?: Conference): void => {
    const start = view.toSource(match.index);
    out.push({
      kind,
      value,
      text: match[0],
      range: { start, end: Math.max(start, view.toSourceEnd(match.index + match[0].length)) },
      ...(of ? { of } : {}),
      ...(conference ? { conference } : {}),
    });
  };
  const scan = (pattern: RegExp, visit: (match: RegExpExecArray) => void): void => {
    pattern.lastIndex = 0;
    // Matches come in order: one forward tracker per pattern keeps a long line linear.
    const titleLine = titleLineTracker(text);
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) if (!titleLine(match.index) && !skipped(match.index)) visit(match);
  };
  scan(QUESTION, (m) => add('question', m, m[2], m[1]));
  scan(ARTICLE, (m) => add('article', m, m[1], m[2]));
  scan(PROVISION, (m) => add('provision', m, m[1], m[2]));
  scan(PARAGRAPH, (m) => add('paragraph', m, m[2].replace(/\s+/g, ' '), m[3]?.replace(/\s+(?:of|for|on)$/, '')));
  scan(OBJECTIVE, (m) => add(m[1] === 'Objective' ? 'objective' : 'output', m, m[2], m[3]));
  scan(EVENT, (m) => add('event', m, m[0], undefined, conferences.byId(m[0])));
  return out.sort((a, b) => a.range.start - b.range.start);
}

// ---- the citing text's context ------------------------------------------------------

const AUTHORITY_BODIES: ReadonlyArray<[RegExp, Body]> = [
  [/Plenipotentiary Conference/i, 'PP'],
  [/Telecommunication Development Conference/i, 'WTDC'],
  [/Standardization Assembly/i, 'WTSA'],
  [/Policy Forum/i, 'WTPF'],
  [/Conference on International Telecommunications/i, 'WCIT'],
];

/** One context per resolution of the document (its conference and date); one for the whole document when it has none. */
export function citingContexts(document: ParsedDocument, conferences: ConferenceLookup = DEFAULT_CONFERENCES): CitingContext[] {
  return readingContexts(reading(document, 'amended'), conferences);
}

function readingContexts(read: Reading, conferences: ConferenceLookup): CitingContext[] {
  const root = read.root;
  const frontDate = root.frontMatter?.entries.find((e) => e.key === 'date')?.value;
  const dateMatch = frontDate ? /^(\d{4})-\d{2}-\d{2}$/.exec(frontDate) : null;
  const meeting = root.frontMatter?.entries.find((e) => e.key === 'meeting')?.value;
  const meetingConference = meeting ? /\b((?:PP|WTDC|WTSA|WTPF|WCIT)-\d{2})\b/.exec(meeting) : null;
  const fallback = meetingConference ? conferences.byId(meetingConference[1]) : undefined;
  const contexts: CitingContext[] = root.resolutions.map((resolution) => {
    const found = resolutionConference(read, resolution, conferences) ?? {};
    // The meeting of the front matter stands in for a conference the text does not show.
    const conference = found.conference ?? (fallback && (!found.body || found.body === fallback.body) ? fallback : undefined);
    const year = dateMatch ? Number(dateMatch[1]) : found.year;
    const form = resolution.title?.form;
    const kind: TextKind | undefined = form === 'resolution' || form === 'decision' || form === 'recommendation' ? form : undefined;
    const number = kind ? resolution.title?.number : undefined;
    return {
      range: { start: resolution.start, end: resolution.end },
      ...(number && kind ? { number, kind } : {}),
      ...(conference ? { conference, body: conference.body } : found.body ? { body: found.body } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(dateMatch && frontDate ? { date: frontDate } : {}),
    };
  });
  if (contexts.length === 0) {
    contexts.push({
      range: { start: 0, end: read.text.length },
      ...(fallback ? { conference: fallback, body: fallback.body } : {}),
      ...(dateMatch && frontDate ? { year: Number(dateMatch[1]), date: frontDate } : {}),
    });
  } else {
    // Text before the first resolution and after the last (annexes) reads as the nearest resolution's.
    contexts[0].range = { start: 0, end: contexts[0].range.end };
    contexts[contexts.length - 1].range = { start: contexts[contexts.length - 1].range.start, end: read.text.length };
  }
  return contexts;
}

function resolutionConference(read: Reading, resolution: ResolutionNode, conferences: ConferenceLookup): { conference?: Conference; body?: Body; year?: number } | undefined {
  const authority = resolution.authority;
  let body: Body | undefined;
  if (authority) {
    const text = read.view.text.slice(authority.viewStart, authority.viewEnd).replace(/\s+/g, ' ');
    body = AUTHORITY_BODIES.find(([pattern]) => pattern.test(text))?.[1];
    const paren = /\(([^()]*)\)\s*,?\s*$/.exec(text);
    const revision = paren ? parseRevision(paren[1]) : undefined;
    if (revision) {
      const atPlace = conferences.at(revision.place, revision.year);
      const conference = (body ? atPlace.find((c) => c.body === body) : atPlace.length === 1 ? atPlace[0] : undefined) ??
        (body ? { id: conferenceId(body, revision.year), body, place: revision.place, year: revision.year, source: 'authority line' } : undefined);
      return { ...(conference ? { conference } : {}), ...(body ? { body } : {}), year: revision.year };
    }
  }
  // No place and year on the authority line: the title's (its revision is the text's own) give the conference and the year.
  const title = resolution.title?.revision;
  if (title) {
    const atPlace = conferences.at(title.place, title.year).filter((c) => INFERABLE_BODIES.has(c.body));
    const conference = body ? atPlace.find((c) => c.body === body) : atPlace.length === 1 ? atPlace[0] : undefined;
    body ??= conference?.body;
    return { ...(conference ? { conference } : {}), ...(body ? { body } : {}), year: title.year };
  }
  return body ? { body } : undefined;
}


export function bodyLabel(body: Body | undefined): string {
  return body ? BODY_INFO[body].name : 'unknown body';
}
