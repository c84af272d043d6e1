// Drafting requests of the editor: the resolutions a proposal may concern (with the revision in
// force), the text of a new proposal, and renaming a placeholder number such as `[XXX-1]`.

import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { currentRevision, type DefinitionSite, type KnownResolution } from '../analysis/catalogue';
import { BODY_INFO, type Body, type Conference } from '../analysis/conferences';
import { resolutionText } from '../analysis/resolutionText';
import { proposalSkeleton, type SkeletonAction } from '../drafting/skeleton';
import { parseDocument, type ParsedDocument } from '../syntax';
import { toTextEdits } from './codeActions';
import type { LanguageService } from './service';

/** Bodies whose resolutions are revised by their own conferences. */
const REVISING_BODIES: readonly Body[] = ['PP', 'WTDC', 'WTSA'];

export interface ProposalCandidate {
  body: Body;
  number: string;
  about?: string;
  /** `(Rev. Dubai, 2018)`: the revision in force. */
  inForce?: string;
  /** Whether the text in force can be read (from the workspace or the catalogue). */
  hasText: boolean;
  /** Conferences of the body after the one in force: what may revise it, newest first. */
  revisers: Array<{ id: string; place: string; year: number }>;
}

function revisionLabel(known: KnownResolution): string | undefined {
  const revision = currentRevision(known, undefined);
  if (!revision) return undefined;
  return `(${revision.first === true ? '' : 'Rev. '}${revision.conference.place}, ${revision.conference.year})`;
}

function conferencesOf(service: LanguageService, body: Body, after: number): ProposalCandidate['revisers'] {
  const lookup = service.knowledge.conferences;
  return lookup
    .ids()
    .map((id) => lookup.byId(id))
    .filter((c): c is Conference => c !== undefined && c.body === body && c.year > after)
    .sort((a, b) => b.year - a.year)
    .map((c) => ({ id: c.id, place: c.place, year: c.year }));
}

export function proposalCandidates(service: LanguageService): ProposalCandidate[] {
  const out: ProposalCandidate[] = [];
  for (const body of REVISING_BODIES) {
    for (const number of service.knowledge.numbers(body)) {
      const known = service.knowledge.resolution(body, number);
      if (!known || known.kind !== 'resolution') continue;
      const revision = currentRevision(known, undefined);
      out.push({
        body,
        number,
        about: known.name ?? known.subject,
        inForce: revisionLabel(known),
        hasText: textInForce(service, known) !== undefined,
        revisers: conferencesOf(service, body, revision?.conference.year ?? 0),
      });
    }
  }
  return out;
}

/** The text in force from the defining file (open, in the workspace, or named by a catalogue) or the catalogue's copy. */
function textInForce(service: LanguageService, known: KnownResolution): string | undefined {
  const revision = currentRevision(known, undefined);
  if (!revision) return undefined;
  const sites = [...revision.definitions].sort((a, b) => rank(a) - rank(b));
  for (const site of sites) {
    if (site.origin === 'workspace' && site.index !== undefined) {
      const document = service.workspaceDocument(site.uri);
      if (document) return resolutionText(document, document.root.resolutions[site.index]);
    }
    if (site.text !== undefined) return site.text;
    if (site.origin === 'catalogue' && site.textAvailable) {
      const text = service.documentText(site.uri) ?? service.workspaceReader?.(site.uri);
      if (text === undefined) continue;
      const document = parseDocument(text);
      const resolution = document.root.resolutions.find((r) => r.title && document.lines.positionAt(r.title.start).line === site.range.start.line);
      if (resolution) return resolutionText(document, resolution);
    }
  }
  return undefined;
}

function rank(site: DefinitionSite): number {
  return site.origin === 'workspace' ? 0 : site.text !== undefined ? 1 : 2;
}

export interface NewProposalRequest {
  action: SkeletonAction;
  body?: Body;
  number?: string;
  /** Conference id (`PP-22`) revising the text or adopting the new one. */
  conference: string;
  /** Add to this open document rather than start a new one. */
  targetUri?: string;
  date: string;
}

export type NewProposalResult = { text: string; cursor: number } | { error: string };

export function newProposal(service: LanguageService, request: NewProposalRequest): NewProposalResult {
  const conference = service.knowledge.conferences.byId(request.conference);
  if (!conference) return { error: `Unknown conference ${request.conference}: name one such as PP-22, WTDC-22 or WTSA-24.` };
  const documentText = request.targetUri ? service.documentText(request.targetUri) : undefined;
  if (request.action === 'ADD') return proposalSkeleton({ action: 'ADD', conference, date: request.date, documentText });
  if (!request.body || !request.number) return { error: `A ${request.action} proposal needs the resolution it concerns.` };
  const known = service.knowledge.resolution(request.body, request.number);
  if (!known) return { error: `Resolution ${request.number} of ${BODY_INFO[request.body].name} is not in the catalogue or the workspace.` };
  let text = textInForce(service, known);
  if (text === undefined && request.action === 'SUP') {
    const label = revisionLabel(known)?.toUpperCase() ?? '';
    text = `# RESOLUTION ${known.number} ${label}\n${known.name ? `\n## ${known.name}\n` : ''}`;
  }
  if (text === undefined) {
    return { error: `The text in force of Resolution ${known.number} (${request.body}) is not available: open its file in the workspace, or use a catalogue that carries it (reso catalogue --embed-text).` };
  }
  return proposalSkeleton({ action: request.action, conference, inForce: { text }, date: request.date, documentText });
}

// ---- placeholder numbers ------------------------------------------------------------------------

const PLACEHOLDER = /\[[A-Z]{2,6}-\d+\]/g;
const PLACEHOLDER_NAME = /^\[[A-Z]{2,6}-\d+\]$/;
const RESOLUTION_NUMBER = /^[1-9]\d*$/;

function placeholderAt(text: string, offset: number): { start: number; end: number; name: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  for (const match of line.matchAll(PLACEHOLDER)) {
    const start = lineStart + (match.index ?? 0);
    if (start <= offset && offset <= start + match[0].length) return { start, end: start + match[0].length, name: match[0] };
  }
  return undefined;
}

export function preparePlaceholderRename(service: LanguageService, uri: string, position: Position): { range: Range; placeholder: string } | undefined {
  const document = service.document(uri);
  if (!document) return undefined;
  const found = placeholderAt(document.text, document.lines.offsetAt(position));
  if (!found) return undefined;
  return { range: { start: document.lines.positionAt(found.start), end: document.lines.positionAt(found.end) }, placeholder: found.name };
}

export type PlaceholderRename = { edit: WorkspaceEdit } | { error: string };

interface Mentioning {
  uri: string;
  document: ParsedDocument;
  /** A title of the file carries the placeholder: the file holds a draft of its own under it. */
  defines: boolean;
}

/** Open documents, then the indexed workspace files, that mention the placeholder. */
function filesMentioning(service: LanguageService, name: string): Mentioning[] {
  const out: Mentioning[] = [];
  for (const uri of new Set([...service.uris(), ...service.workspaceFileUris()])) {
    // Most files never mention it: the text is searched before anything is parsed.
    if (!service.documentText(uri)?.includes(name)) continue;
    const document = service.workspaceDocument(uri);
    if (!document) continue;
    out.push({ uri, document, defines: document.root.resolutions.some((r) => r.title?.number === name) });
  }
  return out;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/**
 * Renames a placeholder number and every mention of it the server knows: the draft's title and
 * each citation, in open documents and in the workspace files. A file whose own title carries the
 * same placeholder holds another draft: its mentions are its own, and mentions in other files
 * are renamed only when one file alone defines the placeholder.
 */
export function renamePlaceholder(service: LanguageService, uri: string, position: Position, newName: string): PlaceholderRename | undefined {
  const document = service.document(uri);
  if (!document) return undefined;
  const found = placeholderAt(document.text, document.lines.offsetAt(position));
  if (!found) return undefined;
  const name = newName.trim();
  const toNumber = RESOLUTION_NUMBER.test(name);
  if (!toNumber && !PLACEHOLDER_NAME.test(name)) {
    return { error: `"${newName}" is not a resolution number or a placeholder: give the final number (such as 204) or another placeholder in brackets (such as [XXX-2]).` };
  }
  if (name === found.name) return { edit: { changes: {} } };

  const mentioning = filesMentioning(service, found.name);
  const definers = mentioning.filter((file) => file.defines);
  const here = mentioning.find((file) => file.uri === uri);
  let targets: Mentioning[];
  if (here?.defines) targets = definers.length === 1 ? mentioning : [here];
  else if (definers.length <= 1) targets = mentioning.filter((file) => !file.defines || file === definers[0]);
  else return { error: `${found.name} is the placeholder of drafts in ${definers.map((file) => fileName(file.uri)).join(' and ')}: rename it from the title of the draft meant.` };

  for (const target of targets) {
    const taken = toNumber
      ? target.document.root.resolutions.find((r) => r.title?.number === name && r.title.form !== 'annex')
      : target.document.text.includes(name) ? target.document.root : undefined;
    if (!taken) continue;
    return {
      error: toNumber
        ? `Resolution ${name} is already a title in ${fileName(target.uri)}: give the number the draft will have, one no other text in that file holds.`
        : `${name} is already used in ${fileName(target.uri)}: choose a placeholder that file does not use.`,
    };
  }

  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const target of targets) {
    const edits = [...target.document.text.matchAll(PLACEHOLDER)]
      .filter((m) => m[0] === found.name)
      .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, newText: name }));
    if (edits.length > 0) changes[target.uri] = toTextEdits(target.document, edits);
  }
  return { edit: { changes } };
}
