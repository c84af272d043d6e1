// Builds a catalogue from `.reso` texts: the resolutions they define (title, name, clause
// structure) and every resolution they cite, with the subjects and revisions the citations
// show, merged across files; conferences from the built-in table and from the texts. Pure: the
// caller reads the files and writes the result.

import { resolutionText } from './resolutionText';
import { allClauses, parseDocument, type ClauseNode, type ParsedDocument } from '../syntax';
import {
  conferenceLookup,
  originalCitations,
  documentCitations,
  type Citation,
} from './citations';
import {
  resolutionKey,
  summarizeDocument,
  type CatalogueCitation,
  type CatalogueClause,
  type CatalogueCompleteness,
  type CatalogueDefinition,
  type CatalogueFile,
  type CatalogueResolution,
  type CatalogueRevision,
  type LineRange,
} from './catalogue';
import { BODIES, BODY_INFO, CONFERENCES, KIND_WORD, TEXT_KINDS, conferenceId, isBody, placeKey, type Body, type Conference, type TextKind } from './conferences';

export interface CatalogueInput {
  /** How the catalogue names the file: a path relative to where the catalogue is written. */
  name: string;
  text: string;
}

export const CATALOGUE_SCHEMA = 'catalogue.schema.json';

interface RevisionEvidence {
  conference: Conference;
  /** Citations written with `Rev.` and without. */
  withRev: number;
  withoutRev: number;
  /** A defining title: `REV.` written or not. */
  definedFirst?: boolean;
  definition?: CatalogueDefinition;
}

interface ResolutionEvidence {
  body: Body;
  number: string;
  kind: TextKind;
  /** An opinion's forum (conference id): each forum's opinion is an entry of its own. */
  forum?: string;
  name?: string;
  subjects: Map<string, number>;
  revisions: Map<string, RevisionEvidence>;
  citedIn: CatalogueCitation[];
}

export interface BuildOptions {
  /** Carry the whole text of each resolution defined, so that a MOD can start from it without the file. */
  embedText?: boolean;
}

export function buildCatalogue(
  inputs: readonly CatalogueInput[],
  description = 'Resolutions defined and cited by the files listed in `sources`; conferences from the ITU Final Acts and from those files.',
  complete: readonly CatalogueCompleteness[] = [],
  options: BuildOptions = {},
): CatalogueFile {
  const conferences = new Map<string, Conference>(CONFERENCES.map((c) => [c.id, c]));
  let lookup = conferenceLookup([...conferences.values()]);
  const evidence = new Map<string, ResolutionEvidence>();
  const ordered = [...inputs].sort((a, b) => a.name.localeCompare(b.name));

  const entry = (body: Body, number: string, kind: TextKind, forum?: string): ResolutionEvidence => {
    const key = `${resolutionKey(body, number, kind)}${forum ? ` @${forum}` : ''}`;
    let found = evidence.get(key);
    if (!found) {
      found = { body, number, kind, ...(forum ? { forum } : {}), subjects: new Map(), revisions: new Map(), citedIn: [] };
      evidence.set(key, found);
    }
    return found;
  };
  /** Opinions cited without their forum, kept until every forum's opinion is known. */
  const forumless: Array<{ citation: Citation; file: string; document: ParsedDocument; cited: boolean }> = [];
  const revisionOf = (resolution: ResolutionEvidence, conference: Conference): RevisionEvidence => {
    let found = resolution.revisions.get(conference.id);
    if (!found) {
      found = { conference, withRev: 0, withoutRev: 0 };
      resolution.revisions.set(conference.id, found);
    }
    return found;
  };
  /** The conference a citation's place and year name for its body; a new one (sourced to the file) when the table lacks it. */
  const conferenceFor = (body: Body, place: string, year: number, source: string): Conference | undefined => {
    const known = lookup.at(place, year).find((c) => c.body === body);
    if (known) return known;
    if (!BODY_INFO[body].conference) return undefined;
    const id = conferenceId(body, year);
    const clash = conferences.get(id);
    if (clash) return placeKey(clash.place) === placeKey(place) ? clash : undefined;
    const added: Conference = { id, body, place, year, source };
    conferences.set(id, added);
    lookup = conferenceLookup([...conferences.values()]);
    return added;
  };

  const parsed = ordered.map((input) => ({ input, document: parseDocument(input.text) }));
  // Definitions first, so that their conferences are known when citations are read.
  for (const { input, document } of parsed) {
    const summary = summarizeDocument(document, lookup);
    for (const definition of summary.definitions) {
      if (!definition.revision) continue;
      const conference = conferenceFor(definition.body, definition.revision.place, definition.revision.year, input.name);
      if (!conference) continue;
      const resolution = entry(definition.body, definition.number, definition.kind);
      if (definition.name) resolution.name = definition.name;
      const revision = revisionOf(resolution, conference);
      revision.definedFirst = !definition.revision.rev;
      revision.definition = {
        file: input.name,
        range: definition.titleRange,
        title: definition.title,
        clauses: clausesOf(document, definition.index),
        ...(options.embedText ? { text: resolutionText(document, document.root.resolutions[definition.index]) } : {}),
      };
    }
    // The title a MOD amends shows the revision in force before (`REV. GUADALAJARA, 2010`).
    const originalRoot = document.originalRoot();
    summary.definitions.forEach((definition) => {
      const original = originalRoot.resolutions[definition.index]?.title;
      const revision = original?.revision;
      if (!revision || original.number !== definition.number) return;
      const conference = conferenceFor(definition.body, revision.place, revision.year, input.name);
      if (!conference) return;
      const known = revisionOf(entry(definition.body, definition.number, definition.kind), conference);
      if (revision.rev) known.withRev++;
      else known.withoutRev++;
    });
  }
  for (const { input, document } of parsed) {
    const amended = documentCitations(document, lookup).citations;
    for (const citation of amended) record(citation, input.name, document, true);
    // Deleted text still tells what was cited before: revisions and first adoptions, not places cited.
    const amendedAt = new Map(amended.map((c) => [c.numberRange.start, revisionText(c)]));
    for (const citation of originalCitations(document, lookup).citations) {
      if (amendedAt.get(citation.numberRange.start) !== revisionText(citation)) record(citation, input.name, document, false);
    }
  }

  // `Opinion 4` with no forum is the opinion of the one forum known to have given an Opinion 4, else an entry of its own.
  const forumsOf = new Map<string, ResolutionEvidence[]>();
  if (forumless.length > 0) {
    for (const e of evidence.values()) {
      if (!e.forum) continue;
      const key = resolutionKey(e.body, e.number, e.kind);
      forumsOf.set(key, [...(forumsOf.get(key) ?? []), e]);
    }
  }
  for (const { citation, file, document, cited } of forumless) {
    const forums = forumsOf.get(resolutionKey(citation.body as Body, citation.number, 'opinion')) ?? [];
    record(citation, file, document, cited, forums.length === 1 ? forums[0] : entry(citation.body as Body, citation.number, 'opinion'));
  }

  function record(citation: Citation, file: string, document: ParsedDocument, cited: boolean, into?: ResolutionEvidence): void {
    if (!citation.body) return;
    let resolution = into;
    if (!resolution && citation.kind === 'opinion') {
      const revision = citation.revision;
      const forum = revision?.place && BODY_INFO[citation.body].conference ? conferenceFor(citation.body, revision.place, revision.year, file) : undefined;
      if (!forum) return void forumless.push({ citation, file, document, cited });
      resolution = entry(citation.body, citation.number, 'opinion', forum.id);
    }
    resolution ??= entry(citation.body, citation.number, citation.kind);
    if (citation.subject && !citation.subject.endsWith('…')) resolution.subjects.set(citation.subject, (resolution.subjects.get(citation.subject) ?? 0) + 1);
    const revision = citation.revision;
    let conferenceId: string | undefined;
    if (revision?.place && BODY_INFO[citation.body].conference) {
      const conference = conferenceFor(citation.body, revision.place, revision.year, file);
      if (conference) {
        conferenceId = conference.id;
        const known = revisionOf(resolution, conference);
        if (revision.rev) known.withRev++;
        else known.withoutRev++;
      }
    }
    if (cited) {
      resolution.citedIn.push({ file, range: lineRange(document, citation.range.start, citation.range.end), ...(conferenceId ? { revision: conferenceId } : {}) });
    }
  }

  const resolutions = [...evidence.values()].sort(compareResolutions).map(toCatalogueResolution);
  const used = new Set(resolutions.flatMap((r) => r.revisions.map((v) => v.conference)));
  const conferenceList = [...conferences.values()]
    .filter((c) => CONFERENCES.includes(c) || used.has(c.id))
    .sort((a, b) => BODIES.indexOf(a.body) - BODIES.indexOf(b.body) || a.year - b.year);
  return {
    $schema: `./${CATALOGUE_SCHEMA}`,
    format: 1,
    description,
    sources: ordered.map((input) => input.name),
    ...(complete.length > 0 ? { complete: complete.map((c) => ({ body: c.body, ...(c.from !== undefined ? { from: c.from } : {}), ...(c.to !== undefined ? { to: c.to } : {}) })) } : {}),
    conferences: conferenceList.map((c) => ({ id: c.id, body: c.body, place: c.place, year: c.year, source: c.source })),
    resolutions,
  };
}

/** The catalogue as written to disk: stable, two-space indented, one trailing newline. */
export function serializeCatalogue(catalogue: CatalogueFile): string {
  return JSON.stringify(catalogue, null, 2) + '\n';
}

function revisionText(citation: Citation): string {
  const revision = citation.revision;
  return revision ? `${citation.body ?? ''}|${revision.rev}|${revision.place ?? ''}|${revision.year}` : `${citation.body ?? ''}|none`;
}

function toCatalogueResolution(resolution: ResolutionEvidence): CatalogueResolution {
  const revisions = [...resolution.revisions.values()].sort((a, b) => a.conference.year - b.conference.year);
  const earliest = revisions[0];
  const out: CatalogueRevision[] = revisions.map((revision) => {
    let first: boolean | undefined;
    if (revision.definedFirst !== undefined) first = revision.definedFirst;
    else if (revision !== earliest) first = false;
    else if (revision.withoutRev > revision.withRev) first = true;
    else if (revision.withRev > revision.withoutRev) first = false;
    return {
      conference: revision.conference.id,
      ...(first !== undefined ? { first } : {}),
      ...(revision.definition ? { definition: revision.definition } : {}),
    };
  });
  const subject = pickSubject(resolution.subjects);
  return {
    id: resolution.forum ? `${resolution.forum} ${KIND_WORD[resolution.kind]} ${resolution.number}` : resolutionKey(resolution.body, resolution.number, resolution.kind),
    body: resolution.body,
    number: resolution.number,
    kind: resolution.kind,
    ...(resolution.name ? { name: resolution.name } : {}),
    ...(subject ? { subject } : {}),
    revisions: out,
    citedIn: resolution.citedIn.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  };
}

/** The subject most citing texts give; among equals, the shortest. */
function pickSubject(subjects: Map<string, number>): string | undefined {
  let best: [string, number] | undefined;
  for (const candidate of subjects) {
    if (!best || candidate[1] > best[1] || (candidate[1] === best[1] && candidate[0].length < best[0].length)) best = candidate;
  }
  return best?.[0];
}

function compareResolutions(a: ResolutionEvidence, b: ResolutionEvidence): number {
  return BODIES.indexOf(a.body) - BODIES.indexOf(b.body) || TEXT_KINDS.indexOf(a.kind) - TEXT_KINDS.indexOf(b.kind) || compareNumbers(a.number, b.number) || forumYear(a) - forumYear(b);
}

/** The year an opinion's forum met (WTPF-96 before WTPF-09); none, first. */
function forumYear(resolution: ResolutionEvidence): number {
  return resolution.forum ? (resolution.revisions.get(resolution.forum)?.conference.year ?? 0) : 0;
}

function compareNumbers(a: string, b: string): number {
  const [a1, a2] = a.split('/').map(Number);
  const [b1, b2] = b.split('/').map(Number);
  return a1 - b1 || (a2 ?? 0) - (b2 ?? 0) || a.localeCompare(b);
}

function lineRange(document: ParsedDocument, start: number, end: number): LineRange {
  return { start: document.lines.positionAt(start), end: document.lines.positionAt(end) };
}

/** The clauses of a resolution's sections, with their text on the amended view. */
export function clausesOf(document: ParsedDocument, index: number): CatalogueClause[] {
  const resolution = document.root.resolutions[index];
  if (!resolution) return [];
  const out: CatalogueClause[] = [];
  for (const section of resolution.sections) {
    for (const clause of section.clauses) {
      out.push({
        section: section.heading.phrase,
        ...(clause.label ? { label: clause.label.value } : {}),
        range: lineRange(document, clause.start, clause.end),
        text: clauseText(document, clause),
      });
    }
  }
  return out;
}

/** A clause's text with its sub-items, one line each, on the amended view. */
export function clauseText(document: ParsedDocument, clause: ClauseNode): string {
  const view = document.amended.text;
  const lines: string[] = [];
  for (const item of allClauses([clause])) {
    const label = item.label ? (item.label.form === 'paren' ? `${item.label.value}) ` : item.label.form === 'bullet' ? '- ' : `${item.label.value} `) : '';
    const own = view.slice(item.textViewStart, item.textViewEnd).replace(/\s+/g, ' ').trim();
    lines.push(`${'  '.repeat(item.depth - clause.depth)}${item === clause ? '' : label}${own}`);
  }
  return lines.join('\n');
}



/** `PP`, `PP:1994-2022`, `PP:1994-` or `PP:-2022` (a `--complete` value) as a claim; an error message when it is not one. */
export function parseCompleteness(value: string): CatalogueCompleteness | string {
  const match = /^([A-Za-z]+)(?::(\d{4})?-(\d{4})?)?$/.exec(value.trim());
  const body = match?.[1];
  if (!match || !body || !isBody(body)) return `'${value}' is not a body (one of ${BODIES.join(', ')}, optionally with years: PP:1994-2022)`;
  const from = match[2] !== undefined ? Number(match[2]) : undefined;
  const to = match[3] !== undefined ? Number(match[3]) : undefined;
  if (from !== undefined && to !== undefined && from > to) return `'${value}': the first year comes after the last`;
  return { body, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}
