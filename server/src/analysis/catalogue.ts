// The catalogue of resolutions: its JSON format (documented in seeds/catalogue.schema.json),
// a reader that checks a file's shape and says what is wrong, and the knowledge base that merges
// catalogues with the resolutions defined and cited in the workspace. A definition in the
// workspace wins over what a catalogue says. Pure: files are read by the caller.

import { parseJson } from './json';
import { detached } from '../syntax/strings';
import type { ParsedDocument } from '../syntax';
import { documentCitations, conferenceLookup, type CitationUnit, type ConferenceLookup } from './citations';
import { BODIES, CONFERENCES, KIND_WORD, TEXT_KINDS, conferenceId, isBody, isTextKind, placeKey, type Body, type Conference, type TextKind } from './conferences';

// ---- the JSON format ------------------------------------------------------------------

export interface LinePosition {
  /** Zero-based line and UTF-16 character, as editors count. */
  line: number;
  character: number;
}

export interface LineRange {
  start: LinePosition;
  end: LinePosition;
}

export interface CatalogueClause {
  /** Heading phrase of the section: `resolves`, `instructs the Secretary-General`. */
  section: string;
  /** `2`, `c`; absent for a lone unlabelled clause. */
  label?: string;
  range: LineRange;
  /** The clause's text (amended view), sub-items included. */
  text: string;
}

export interface CatalogueDefinition {
  /** Path of the defining file, relative to the catalogue file. */
  file: string;
  /** The title line. */
  range: LineRange;
  title: string;
  clauses?: CatalogueClause[];
  /** The whole text of the resolution as markup (amended view, from its title on), when the catalogue carries it. */
  text?: string;
}

export interface CatalogueRevision {
  /** Id of a conference of the catalogue or of the built-in table: `WTDC-14`. */
  conference: string;
  /** True for the first adoption (cited without `Rev.`), false for a revision; absent when not known. */
  first?: boolean;
  definition?: CatalogueDefinition;
}

export interface CatalogueCitation {
  file: string;
  range: LineRange;
  /** The conference of the revision cited, when one was. */
  revision?: string;
}

export interface CatalogueResolution {
  /** `WTDC 45`, `Council Decision 588`, `WTPF-09 Opinion 4`: unique in the file. */
  id: string;
  body: Body;
  number: string;
  /**
   * Resolution, decision, opinion or recommendation: with the body and number, what the entry is
   * (absent in older files: a resolution). An opinion is its forum's own text: one entry per
   * forum, its one revision the forum that adopted it.
   */
  kind?: TextKind;
  /** The name from a defining text. */
  name?: string;
  /** The `on …` phrase of citing texts, when no text defines it. */
  subject?: string;
  /** Known revisions, oldest first. */
  revisions: CatalogueRevision[];
  citedIn?: CatalogueCitation[];
}

export interface CatalogueConference extends Conference {}

/**
 * A catalogue's claim to hold every resolution of a body (adopted from `from` to `to`, years
 * included, when given): a citation it does not know is then a warning, not information.
 */
export interface CatalogueCompleteness {
  body: Body;
  from?: number;
  to?: number;
}

export interface CatalogueFile {
  $schema?: string;
  format: 1;
  description?: string;
  /** Files the catalogue was built from, relative to it. */
  sources?: string[];
  complete?: CatalogueCompleteness[];
  conferences: CatalogueConference[];
  resolutions: CatalogueResolution[];
}

/** `WTDC 45` for a resolution (as older catalogues key it), `Council Decision 588`, `WTPF Opinion 4` for the other kinds. */
export function resolutionKey(body: Body, number: string, kind: TextKind = 'resolution'): string {
  return kind === 'resolution' ? `${body} ${number}` : `${body} ${KIND_WORD[kind]} ${number}`;
}

/** The kind of a catalogue entry: a resolution when an older file does not say. */
export function entryKind(resolution: Pick<CatalogueResolution, 'kind'>): TextKind {
  return resolution.kind ?? 'resolution';
}

// ---- reading a catalogue file ---------------------------------------------------------

export type CatalogueRead = { ok: true; catalogue: CatalogueFile } | { ok: false; error: string };

/** Parses and checks a catalogue file's text; the error names the place of the first problem found. */
export function readCatalogue(text: string): CatalogueRead {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const json = parsed.value;
  const problems: string[] = [];
  checkCatalogue(json, problems);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    return { ok: false, error: problems[0] + more };
  }
  return { ok: true, catalogue: json as CatalogueFile };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkCatalogue(json: unknown, problems: string[]): void {
  if (!isObject(json)) {
    problems.push('the top level must be an object with `format`, `conferences` and `resolutions`');
    return;
  }
  if (json.format !== 1) problems.push(`\`format\` must be 1 (found ${JSON.stringify(json.format)})`);
  if (json.complete !== undefined) {
    if (!Array.isArray(json.complete)) problems.push('`complete` must be an array of { body, from?, to? }');
    else json.complete.forEach((claim: unknown, i) => {
      const at = `complete[${i}]`;
      if (!isObject(claim)) return void problems.push(`${at} must be an object`);
      requireBody(claim, at, problems);
      for (const key of ['from', 'to']) if (claim[key] !== undefined && !Number.isInteger(claim[key])) problems.push(`${at}.${key} must be a year`);
    });
  }
  const conferenceIds = new Set(CONFERENCES.map((c) => c.id));
  if (!Array.isArray(json.conferences)) problems.push('`conferences` must be an array');
  else {
    json.conferences.forEach((conference: unknown, i) => {
      const at = `conferences[${i}]`;
      if (!isObject(conference)) return void problems.push(`${at} must be an object`);
      requireString(conference, 'id', at, problems);
      requireBody(conference, at, problems);
      requireString(conference, 'place', at, problems);
      requireString(conference, 'source', at, problems);
      if (!Number.isInteger(conference.year)) problems.push(`${at}.year must be a whole number`);
      if (typeof conference.id === 'string') conferenceIds.add(conference.id);
    });
  }
  if (!Array.isArray(json.resolutions)) {
    problems.push('`resolutions` must be an array');
    return;
  }
  const ids = new Set<string>();
  json.resolutions.forEach((resolution: unknown, i) => {
    const at = `resolutions[${i}]`;
    if (!isObject(resolution)) return void problems.push(`${at} must be an object`);
    requireString(resolution, 'id', at, problems);
    requireString(resolution, 'number', at, problems);
    requireBody(resolution, at, problems);
    if (resolution.kind !== undefined && !isTextKind(resolution.kind)) problems.push(`${at}.kind must be one of ${TEXT_KINDS.map((k) => `"${k}"`).join(', ')} (found ${JSON.stringify(resolution.kind)})`);
    for (const key of ['name', 'subject']) if (resolution[key] !== undefined && typeof resolution[key] !== 'string') problems.push(`${at}.${key} must be a string`);
    if (typeof resolution.id === 'string') {
      if (ids.has(resolution.id)) problems.push(`${at}.id "${resolution.id}" is used twice`);
      ids.add(resolution.id);
    }
    if (!Array.isArray(resolution.revisions)) return void problems.push(`${at}.revisions must be an array`);
    resolution.revisions.forEach((revision: unknown, j) => {
      const where = `${at}.revisions[${j}]`;
      if (!isObject(revision)) return void problems.push(`${where} must be an object`);
      if (typeof revision.conference !== 'string') problems.push(`${where}.conference must be a conference id`);
      else if (!conferenceIds.has(revision.conference)) problems.push(`${where}.conference "${revision.conference}" is not a known conference (add it to \`conferences\`)`);
      if (revision.first !== undefined && typeof revision.first !== 'boolean') problems.push(`${where}.first must be true or false`);
      if (revision.definition !== undefined) checkDefinition(revision.definition, `${where}.definition`, problems);
    });
    if (resolution.citedIn !== undefined) {
      if (!Array.isArray(resolution.citedIn)) problems.push(`${at}.citedIn must be an array`);
      else resolution.citedIn.forEach((cited: unknown, j) => {
        const where = `${at}.citedIn[${j}]`;
        if (!isObject(cited)) return void problems.push(`${where} must be an object`);
        requireString(cited, 'file', where, problems);
        checkRange(cited.range, `${where}.range`, problems);
      });
    }
  });
}

function checkDefinition(definition: unknown, at: string, problems: string[]): void {
  if (!isObject(definition)) return void problems.push(`${at} must be an object`);
  requireString(definition, 'file', at, problems);
  requireString(definition, 'title', at, problems);
  checkRange(definition.range, `${at}.range`, problems);
  if (definition.text !== undefined && typeof definition.text !== 'string') problems.push(`${at}.text must be a string`);
  if (definition.clauses === undefined) return;
  if (!Array.isArray(definition.clauses)) return void problems.push(`${at}.clauses must be an array`);
  definition.clauses.forEach((clause: unknown, k) => {
    const where = `${at}.clauses[${k}]`;
    if (!isObject(clause)) return void problems.push(`${where} must be an object`);
    requireString(clause, 'section', where, problems);
    requireString(clause, 'text', where, problems);
    if (clause.label !== undefined && typeof clause.label !== 'string') problems.push(`${where}.label must be a string`);
    checkRange(clause.range, `${where}.range`, problems);
  });
}

function checkRange(range: unknown, at: string, problems: string[]): void {
  const position = (value: unknown): boolean => isObject(value) && Number.isInteger(value.line) && Number.isInteger(value.character) && (value.line as number) >= 0 && (value.character as number) >= 0;
  if (!isObject(range) || !position(range.start) || !position(range.end)) problems.push(`${at} must be { start: { line, character }, end: { line, character } }`);
}

function requireString(object: Json, key: string, at: string, problems: string[]): void {
  if (typeof object[key] !== 'string' || (object[key] as string).length === 0) problems.push(`${at}.${key} must be a non-empty string`);
}

function requireBody(object: Json, at: string, problems: string[]): void {
  if (typeof object.body !== 'string' || !isBody(object.body)) problems.push(`${at}.body must be one of ${BODIES.join(', ')} (found ${JSON.stringify(object.body)})`);
}

// ---- what the workspace defines and cites --------------------------------------------

export interface DefinedResolution {
  key: string;
  body: Body;
  number: string;
  /** `# RESOLUTION 5`, `# DECISION 5`, `# RECOMMENDATION 5`. */
  kind: TextKind;
  /** Index of the resolution among the document's resolutions. */
  index: number;
  revision?: { place: string; year: number; rev: boolean };
  conference?: Conference;
  title: string;
  name?: string;
  titleRange: LineRange;
  /** Source offsets of the title. */
  titleStart: number;
  titleEnd: number;
}

export interface DocumentSummary {
  definitions: DefinedResolution[];
  /** Citations by resolution key. */
  citations: CitationSites;
  /** Conferences the document's own titles show that the table does not know. */
  conferences: Conference[];
}

/** Where a document cites each text, kept unit by unit (a resolution's part is made once while its text stays). */
export class CitationSites {
  private keySet?: Set<string>;
  /** The offsets of each key asked for, placed once. */
  private readonly byKey = new Map<string, number[] | undefined>();
  private readonly counts = new Map<string, number>();

  /** Each part's offsets are from its start. */
  constructor(private readonly parts: ReadonlyArray<{ start: number; byKey: ReadonlyMap<string, readonly number[]> }>) {}

  /** Every key cited. */
  keys(): Iterable<string> {
    if (!this.keySet) {
      this.keySet = new Set();
      for (const part of this.parts) for (const key of part.byKey.keys()) this.keySet.add(key);
    }
    return this.keySet;
  }

  /** The source offsets of the citations of a key, flat `[start, end, start, end, …]`. */
  get(key: string): readonly number[] | undefined {
    let out = this.byKey.get(key);
    if (out === undefined && !this.byKey.has(key)) {
      for (const part of this.parts) {
        const relative = part.byKey.get(key);
        if (!relative) continue;
        out ??= [];
        for (const offset of relative) out.push(part.start + offset);
      }
      this.byKey.set(key, out);
    }
    return out;
  }

  /** How many citations of a key, without placing them. */
  count(key: string): number {
    let count = this.counts.get(key);
    if (count === undefined) {
      count = 0;
      for (const part of this.parts) count += (part.byKey.get(key)?.length ?? 0) / 2;
      this.counts.set(key, count);
    }
    return count;
  }
}

/** A unit's citations by key, offsets from the unit's start, by unit identity. */
const sitesByUnit = new WeakMap<object, Map<string, number[]>>();

function unitSites(unit: CitationUnit): Map<string, number[]> {
  let byKey = sitesByUnit.get(unit.identity);
  if (!byKey) {
    byKey = new Map();
    for (const citation of unit.citations) {
      if (!citation.body) continue;
      const key = resolutionKey(citation.body, citation.number, citation.kind);
      let list = byKey.get(key);
      if (!list) {
        list = [];
        byKey.set(key, list);
      }
      list.push(citation.range.start - unit.sourceStart, citation.range.end - unit.sourceStart);
    }
    sitesByUnit.set(unit.identity, byKey);
  }
  return byKey;
}

/** What a document defines (titles of resolutions) and cites (by key), for the workspace index. */
export function summarizeDocument(document: ParsedDocument, conferences: ConferenceLookup): DocumentSummary {
  const { units, contexts } = documentCitations(document, conferences);
  const sites = new CitationSites(units.map((unit) => ({ start: unit.sourceStart, byKey: unitSites(unit) })));
  const definitions: DefinedResolution[] = [];
  const extra: Conference[] = [];
  document.root.resolutions.forEach((resolution, index) => {
    const title = resolution.title;
    if (!title || (title.form !== 'resolution' && title.form !== 'decision' && title.form !== 'recommendation') || !title.number || !/^\d+$/.test(title.number)) return;
    const kind: TextKind = title.form;
    const context = contexts[index] ?? contexts[0];
    const revision = title.revision;
    let body = context?.body;
    let conference: Conference | undefined;
    if (revision) {
      const atPlace = conferences.at(revision.place, revision.year);
      conference = body ? atPlace.find((c) => c.body === body) : atPlace.length === 1 ? atPlace[0] : undefined;
      body ??= conference?.body;
      if (!conference && body) {
        conference = { id: conferenceId(body, revision.year), body, place: revision.place, year: revision.year, source: 'title of a workspace file' };
        extra.push(conference);
      }
    }
    if (!body) return;
    definitions.push({
      key: resolutionKey(body, title.number, kind),
      body,
      number: ownStringOf(title, 'number', title.number),
      kind,
      index,
      ...(revision ? { revision: { place: ownStringOf(title, 'place', revision.place), year: revision.year, rev: revision.rev } } : {}),
      ...(conference ? { conference } : {}),
      title: ownStringOf(title, 'title', title.text),
      ...(resolution.subtitle ? { name: ownStringOf(resolution.subtitle, 'name', resolution.subtitle.text) } : {}),
      titleRange: { start: document.lines.positionAt(title.start), end: document.lines.positionAt(title.end) },
      titleStart: title.start,
      titleEnd: title.end,
    });
  });
  return { definitions, citations: sites, conferences: extra };
}


/** Own copies by the node they were read from, so that a node a partial re-read carried over is not copied again on every keystroke. */
const ownCopies = new WeakMap<object, Map<string, string>>();

function ownStringOf(node: object, field: string, text: string): string {
  let copies = ownCopies.get(node);
  const kept = copies?.get(field);
  // The copy is compared, never the slice kept: that would hold the document.
  if (kept !== undefined && kept === text) return kept;
  const copy = detached(text);
  if (!copies) {
    copies = new Map();
    ownCopies.set(node, copies);
  }
  copies.set(field, copy);
  return copy;
}

// ---- the merged knowledge -------------------------------------------------------------

/** A catalogue as loaded: its data, the URI of the file, and how its relative paths become URIs. */
export interface LoadedCatalogue {
  uri: string;
  data: CatalogueFile;
  /** The file's text, to find an entry's line for go-to-definition (or `entryRanges`, found from it once). */
  text?: string;
  /** Where each entry's `"id"` stands in the file, by id: see `catalogueEntryRanges`. */
  entryRanges?: ReadonlyMap<string, LineRange>;
  /** Whether a defining file named by the catalogue is there to open (when not told, it is taken to be). */
  fileExists?: (file: string) => boolean;
}

export interface DefinitionSite {
  uri: string;
  range: LineRange;
  title: string;
  origin: 'workspace' | 'catalogue';
  /** Workspace: the resolution's index in its document (clauses are read from the document). */
  index?: number;
  /** Catalogue: the clauses it records. */
  clauses?: CatalogueClause[];
  /** Catalogue: the whole text, when it carries it. */
  text?: string;
  /** False when the defining file is not there: `uri` and `range` then point at the catalogue's entry. */
  textAvailable: boolean;
}

export interface KnownRevision {
  conference: Conference;
  /** An opinion's own name and subject: each forum's opinion of a number is another text. */
  name?: string;
  subject?: string;
  first?: boolean;
  definitions: DefinitionSite[];
}

export interface KnownResolution {
  key: string;
  body: Body;
  number: string;
  kind: TextKind;
  name?: string;
  subject?: string;
  /** Oldest first; for an opinion, the forums that adopted an opinion of that number. */
  revisions: KnownRevision[];
  /** Entries in catalogue files, for go-to-definition when no text is defined. */
  entries: Array<{ uri: string; range: LineRange }>;
  /** Defined by a workspace file. */
  inWorkspace: boolean;
}

interface StaticEntry {
  resolution: CatalogueResolution;
  catalogue: LoadedCatalogue;
}

/** Catalogues merged with the workspace: the answer to "what is Resolution N of body B". */
export class KnowledgeBase {
  private catalogues: LoadedCatalogue[] = [];
  private staticEntries = new Map<string, StaticEntry[]>();
  /** Known numbers by kind and body (`numbersKey`). */
  private staticNumbers = new Map<string, Set<string>>();
  private catalogueConferences: Conference[] = [];
  private readonly summaries = new Map<string, DocumentSummary>();
  private readonly pending = new Map<string, () => DocumentSummary | undefined>();
  private readonly definedIn = new Map<string, Set<string>>();
  private readonly citedIn = new Map<string, Set<string>>();
  /**
   * Merged answers by key. A workspace document's change forgets only the keys it defines (before
   * or after), so that typing in one document does not re-merge a 10,000-entry catalogue.
   */
  private readonly merged = new Map<string, KnownResolution | null>();
  private lookup: ConferenceLookup = conferenceLookup(CONFERENCES);
  /** Bumped on every change, so callers can cache per version. */
  version = 0;
  private definitions = 0;
  /** Known numbers by body (catalogues and workspace), and the did-you-mean answers, for one definitions version. */
  private numbersCache = new Map<string, string[]>();
  private nearCache = new Map<string, readonly string[]>();
  private cachedAt = -1;

  /** The conferences of the table and of the catalogues. A new object when they change. */
  get conferences(): ConferenceLookup {
    return this.lookup;
  }

  setCatalogues(catalogues: readonly LoadedCatalogue[]): void {
    this.catalogues = [...catalogues];
    this.staticEntries = new Map();
    this.staticNumbers = new Map();
    const conferences = new Map<string, Conference>(CONFERENCES.map((c) => [c.id, c]));
    for (const catalogue of this.catalogues) {
      for (const conference of catalogue.data.conferences) if (!conferences.has(conference.id)) conferences.set(conference.id, { ...conference });
      for (const resolution of catalogue.data.resolutions) {
        const kind = entryKind(resolution);
        const key = resolutionKey(resolution.body, resolution.number, kind);
        const list = this.staticEntries.get(key) ?? [];
        list.push({ resolution, catalogue });
        this.staticEntries.set(key, list);
        let numbers = this.staticNumbers.get(numbersKey(resolution.body, kind));
        if (!numbers) {
          numbers = new Set();
          this.staticNumbers.set(numbersKey(resolution.body, kind), numbers);
        }
        numbers.add(resolution.number);
      }
    }
    this.catalogueConferences = [...conferences.values()];
    this.lookup = conferenceLookup(this.catalogueConferences);
    this.merged.clear();
    this.definitions++;
    this.changed();
  }

  /**
   * Changes whenever what is known of any resolution may have changed (catalogues, or what a
   * workspace document defines), and only then: another document's diagnostics depend on it.
   * Pending changes are read first.
   */
  get definitionsVersion(): number {
    this.flush();
    return this.definitions;
  }

  loadedCatalogues(): readonly LoadedCatalogue[] {
    return this.catalogues;
  }

  /** The declaration of a loaded catalogue that it holds every resolution of `body` adopted in `year` (any year when not given). */
  completeFor(body: Body, year: number | undefined): CatalogueCompleteness | undefined {
    for (const catalogue of this.catalogues) {
      for (const claim of catalogue.data.complete ?? []) {
        if (claim.body !== body) continue;
        if (year === undefined || ((claim.from === undefined || claim.from <= year) && (claim.to === undefined || year <= claim.to))) return claim;
      }
    }
    return undefined;
  }

  /** Sets what a workspace document defines and cites now. */
  setSummary(uri: string, summary: DocumentSummary | undefined): void {
    this.pending.delete(uri);
    this.index(uri, summary);
    this.changed();
  }

  /** Marks a document as changed; its summary is computed when next needed. */
  invalidate(uri: string, compute: () => DocumentSummary | undefined): void {
    this.pending.set(uri, compute);
    this.changed();
  }

  remove(uri: string): void {
    this.setSummary(uri, undefined);
  }

  /** The merged knowledge of one resolution, or undefined when neither a catalogue nor the workspace defines it. */
  resolution(body: Body, number: string, kind: TextKind = 'resolution'): KnownResolution | undefined {
    this.flush();
    const key = resolutionKey(body, number, kind);
    const cached = this.merged.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const merged = this.merge(key, body, number, kind);
    this.merged.set(key, merged ?? null);
    return merged;
  }

  /** Known numbers of a body's texts of a kind (catalogues and workspace definitions), in numeric order. Shared: do not modify. */
  numbers(body: Body, kind: TextKind = 'resolution'): readonly string[] {
    this.fresh();
    const cacheKey = numbersKey(body, kind);
    let numbers = this.numbersCache.get(cacheKey);
    if (!numbers) {
      const out = new Set(this.staticNumbers.get(cacheKey) ?? []);
      const prefix = resolutionKey(body, '', kind);
      // `PP 5` and `PP Decision 5` share the prefix `PP `: a number starts with a digit.
      for (const key of this.definedIn.keys()) if (key.startsWith(prefix) && isDigitAt(key, prefix.length)) out.add(key.slice(prefix.length));
      // Shorter first, then by digits: numeric order for whole numbers, without parsing them.
      numbers = [...out].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
      this.numbersCache.set(cacheKey, numbers);
    }
    return numbers;
  }

  /** Whether a catalogue or the workspace knows the text `number` of `body` of a kind. */
  knows(body: Body, number: string, kind: TextKind = 'resolution'): boolean {
    this.flush();
    return this.staticNumbers.get(numbersKey(body, kind))?.has(number) === true || this.definedIn.has(resolutionKey(body, number, kind));
  }

  /** Known numbers of the body's texts of a kind one edit away from `number`, for a did-you-mean; remembered until the definitions change. */
  nearNumbers(body: Body, number: string, kind: TextKind = 'resolution'): readonly string[] {
    this.fresh();
    const key = resolutionKey(body, number, kind);
    let near = this.nearCache.get(key);
    if (!near) {
      const statics = this.staticNumbers.get(numbersKey(body, kind));
      const prefix = resolutionKey(body, '', kind);
      near = nearNumbers(number, (candidate) => statics?.has(candidate) === true || this.definedIn.has(prefix + candidate));
      if (this.nearCache.size > 50_000) this.nearCache.clear();
      this.nearCache.set(key, near);
    }
    return near;
  }

  /** Drops the number caches when the definitions changed since they were filled. */
  private fresh(): void {
    this.flush();
    if (this.cachedAt === this.definitions) return;
    this.cachedAt = this.definitions;
    this.numbersCache.clear();
    this.nearCache.clear();
  }

  /** Workspace documents citing a resolution, with the source offsets of each citation. */
  citationsOf(key: string): Array<{ uri: string; offsets: readonly number[] }> {
    this.flush();
    const uris = this.citedIn.get(key);
    if (!uris) return [];
    const out: Array<{ uri: string; offsets: readonly number[] }> = [];
    for (const uri of uris) {
      const offsets = this.summaries.get(uri)?.citations.get(key);
      if (offsets && offsets.length > 0) out.push({ uri, offsets });
    }
    return out;
  }

  /** How many times the workspace cites a resolution, and in how many files. */
  citationCount(key: string): { citations: number; files: number } {
    this.flush();
    let citations = 0;
    let files = 0;
    for (const uri of this.citedIn.get(key) ?? []) {
      const count = this.summaries.get(uri)?.citations.count(key) ?? 0;
      if (count === 0) continue;
      citations += count;
      files++;
    }
    return { citations, files };
  }

  /** Every resolution defined in the workspace. */
  workspaceDefinitions(): Array<{ uri: string; definition: DefinedResolution }> {
    this.flush();
    const out: Array<{ uri: string; definition: DefinedResolution }> = [];
    for (const [uri, summary] of this.summaries) for (const definition of summary.definitions) out.push({ uri, definition });
    return out;
  }

  summary(uri: string): DocumentSummary | undefined {
    this.flush();
    return this.summaries.get(uri);
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const pending = [...this.pending];
    this.pending.clear();
    for (const [uri, compute] of pending) this.index(uri, compute());
  }

  /** Replaces what a document defines and cites; forgets the merged answers of the keys it defines, before or after. */
  private index(uri: string, summary: DocumentSummary | undefined): void {
    const old = this.summaries.get(uri);
    if (old) {
      for (const definition of old.definitions) removeFrom(this.definedIn, definition.key, uri);
      for (const key of old.citations.keys()) removeFrom(this.citedIn, key, uri);
      this.summaries.delete(uri);
    }
    if (summary) {
      this.summaries.set(uri, summary);
      for (const definition of summary.definitions) addTo(this.definedIn, definition.key, uri);
      for (const key of summary.citations.keys()) addTo(this.citedIn, key, uri);
    }
    const before = old?.definitions ?? [];
    const after = summary?.definitions ?? [];
    for (const definition of before) this.merged.delete(definition.key);
    for (const definition of after) this.merged.delete(definition.key);
    if (definitionsSignature(before) !== definitionsSignature(after)) this.definitions++;
  }

  private changed(): void {
    this.version++;
  }

  private merge(key: string, body: Body, number: string, kind: TextKind): KnownResolution | undefined {
    const entries = this.staticEntries.get(key) ?? [];
    const workspace = [...(this.definedIn.get(key) ?? [])].flatMap((uri) =>
      (this.summaries.get(uri)?.definitions ?? []).filter((d) => d.key === key).map((definition) => ({ uri, definition })),
    );
    if (entries.length === 0 && workspace.length === 0) return undefined;
    const revisions = new Map<string, KnownRevision>();
    const revisionFor = (conference: Conference): KnownRevision => {
      let revision = revisions.get(conference.id);
      if (!revision) {
        revision = { conference, definitions: [] };
        revisions.set(conference.id, revision);
      }
      return revision;
    };
    const known: KnownResolution = { key, body, number, kind, revisions: [], entries: [], inWorkspace: workspace.length > 0 };
    // Catalogues in order (the shipped one first): a later catalogue's word wins.
    for (const { resolution, catalogue } of entries) {
      if (resolution.name) known.name = resolution.name;
      if (resolution.subject) known.subject = resolution.subject;
      known.entries.push({ uri: catalogue.uri, range: entryRange(catalogue, resolution.id) });
      for (const revision of resolution.revisions) {
        const conference = this.lookup.byId(revision.conference);
        if (!conference) continue;
        const target = revisionFor(conference);
        if (revision.first !== undefined) target.first = revision.first;
        if (kind === 'opinion') {
          if (resolution.name) target.name = resolution.name;
          if (resolution.subject) target.subject = resolution.subject;
        }
        const definition = revision.definition;
        if (definition) {
          const available = catalogue.fileExists?.(definition.file) ?? true;
          target.definitions.push({
            uri: available ? resolveUri(catalogue.uri, definition.file) : catalogue.uri,
            range: available ? definition.range : entryRange(catalogue, resolution.id),
            title: definition.title,
            origin: 'catalogue',
            textAvailable: available,
            ...(definition.clauses ? { clauses: definition.clauses } : {}),
            ...(definition.text !== undefined ? { text: definition.text } : {}),
          });
        }
      }
    }
    // The workspace's own texts win: their names, their first-adoption marks, their places first.
    for (const { uri, definition } of workspace) {
      if (definition.name) known.name = definition.name;
      if (!definition.conference || !definition.revision) continue;
      const target = revisionFor(this.lookup.byId(definition.conference.id) ?? definition.conference);
      target.first = !definition.revision.rev;
      // The workspace's text of a revision replaces what a catalogue recorded of it.
      target.definitions = [{ uri, range: definition.titleRange, title: definition.title, origin: 'workspace' as const, index: definition.index, textAvailable: true }, ...target.definitions.filter((d) => d.origin === 'workspace')];
    }
    known.revisions = [...revisions.values()].sort((a, b) => a.conference.year - b.conference.year);
    return known;
  }
}

function numbersKey(body: Body, kind: TextKind): string {
  return `${kind} ${body}`;
}

function isDigitAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
}

/**
 * What of a document's definitions other documents' checks read (which resolutions, which
 * revisions, first adoption or not): not where the titles stand, nor their names.
 */
function definitionsSignature(definitions: readonly DefinedResolution[]): string {
  let out = '';
  for (const d of definitions) out += `${d.key}|${d.conference?.id ?? ''}|${d.revision ? `${d.revision.rev}` : ''}\n`;
  return out;
}

/** Known numbers one edit away (a digit changed, added, dropped or two neighbours swapped), in numeric order. */
export function nearNumbers(number: string, known: readonly string[] | ReadonlySet<string> | ((candidate: string) => boolean)): string[] {
  const isKnown = typeof known === 'function' ? known : Array.isArray(known) ? ((set: ReadonlySet<string>) => (c: string) => set.has(c))(new Set(known)) : (c: string) => (known as ReadonlySet<string>).has(c);
  if (!/^\d{1,6}$/.test(number)) return [];
  // The candidates are generated (about a hundred) rather than the catalogue scanned.
  const found = new Set<string>();
  const consider = (candidate: string): void => {
    if (candidate !== number && candidate.length > 0 && candidate[0] !== '0' && isKnown(candidate)) found.add(candidate);
  };
  const digits = '0123456789';
  for (let i = 0; i < number.length; i++) {
    const head = number.slice(0, i);
    const tail = number.slice(i + 1);
    consider(head + tail);
    for (const digit of digits) if (digit !== number[i]) consider(head + digit + tail);
    if (i + 1 < number.length && number[i] !== number[i + 1]) consider(head + number[i + 1] + number[i] + number.slice(i + 2));
  }
  for (let i = 0; i <= number.length; i++) for (const digit of digits) consider(number.slice(0, i) + digit + number.slice(i));
  return [...found].sort((a, b) => Number(a) - Number(b));
}

function addTo(map: Map<string, Set<string>>, key: string, uri: string): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(uri);
}

function removeFrom(map: Map<string, Set<string>>, key: string, uri: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(uri);
  if (set.size === 0) map.delete(key);
}

/** A path relative to the catalogue file, as a URI. */
export function resolveUri(base: string, file: string): string {
  try {
    return new URL(file.split('/').map(encodeURIComponent).join('/'), base).href;
  } catch {
    return file;
  }
}

const entryLines = new WeakMap<LoadedCatalogue, ReadonlyMap<string, LineRange>>();
const ENTRY_ID = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** Where each resolution's `"id"` stands in a catalogue's text, so the text itself need not be kept. */
export function catalogueEntryRanges(text: string): Map<string, LineRange> {
  const lines = new Map<string, LineRange>();
  let line = 0;
  let lineStart = 0;
  let counted = 0;
  ENTRY_ID.lastIndex = 0;
  for (let match = ENTRY_ID.exec(text); match; match = ENTRY_ID.exec(text)) {
    for (let at = text.indexOf('\n', counted); at >= 0 && at < match.index; at = text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    counted = match.index;
    const character = match.index - lineStart;
    const id = JSON.parse(`"${match[1]}"`) as string;
    if (!lines.has(id)) lines.set(id, { start: { line, character }, end: { line, character: character + match[0].length } });
  }
  return lines;
}

/** The line of a resolution's entry in the catalogue file, for go-to-definition. */
function entryRange(catalogue: LoadedCatalogue, id: string): LineRange {
  let lines = catalogue.entryRanges ?? entryLines.get(catalogue);
  if (!lines) {
    lines = catalogueEntryRanges(catalogue.text ?? '');
    entryLines.set(catalogue, lines);
  }
  return lines.get(id) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** The revision in force at a year: the latest adopted in or before it (the latest of all without a year). */
export function currentRevision(known: KnownResolution, year: number | undefined): KnownRevision | undefined {
  let current: KnownRevision | undefined;
  for (const revision of known.revisions) if (year === undefined || revision.conference.year <= year) current = revision;
  return current;
}

export function findRevision(known: KnownResolution, place: string | undefined, year: number): KnownRevision | undefined {
  if (!place) return undefined;
  const key = placeKey(place);
  return known.revisions.find((r) => r.conference.year === year && placeKey(r.conference.place) === key);
}
