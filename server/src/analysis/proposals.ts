// Proposal checks: what a MOD, ADD, SUP or NOC proposal must look like in a conference
// document. A proposal concerns the resolution (or clause) after its marker and ends with
// its reasons; its number follows the document's.

import { viewText } from '../syntax';
import { countEndingBy } from '../syntax/spans';
import { parseRevision } from '../syntax/parser';
import type { DocumentNode, ParsedDocument, ProposalNode, ResolutionNode, RevisionMark, SyntaxDiagnostic } from '../syntax';
import type { Check } from './pipeline';

/** Marks that change what a text says (comments and highlights do not). */
export function changingMarks(document: ParsedDocument, start: number, end: number): RevisionMark[] {
  // The marks are in source order and never overlap: the first that may reach the range is found by halving.
  const marks = document.revisions;
  const lo = countEndingBy(marks, start);
  const out: RevisionMark[] = [];
  for (let i = lo; i < marks.length && marks[i].start < end; i++) {
    const m = marks[i];
    if ((m.kind === 'insertion' || m.kind === 'deletion' || m.kind === 'substitution') && m.end > start) out.push(m);
  }
  return out;
}

interface ProposalIndex {
  order: Map<ProposalNode, number>;
  resolutions: Map<ProposalNode, ResolutionNode>;
}

const proposalIndexes = new WeakMap<DocumentNode, ProposalIndex>();

/** Each proposal's place in the list and the resolution it heads, found once per tree (a search per proposal was quadratic). */
function proposalIndex(document: ParsedDocument): ProposalIndex {
  const root = document.root;
  let index = proposalIndexes.get(root);
  if (!index) {
    index = { order: new Map(root.proposals.map((p, i) => [p, i])), resolutions: new Map() };
    for (const resolution of root.resolutions) if (resolution.proposal && !index.resolutions.has(resolution.proposal)) index.resolutions.set(resolution.proposal, resolution);
    proposalIndexes.set(root, index);
  }
  return index;
}

/** The resolution a proposal concerns, when it stands before a title. */
export function proposalResolution(document: ParsedDocument, proposal: ProposalNode): ResolutionNode | undefined {
  return proposalIndex(document).resolutions.get(proposal);
}

/** Source range of what a proposal concerns, up to its reasons (excluded) or the next proposal. */
export function proposalBody(document: ParsedDocument, proposal: ProposalNode): { start: number; end: number } {
  const proposals = document.root.proposals;
  const next = proposals[(proposalIndex(document).order.get(proposal) ?? -1) + 1];
  const resolution = proposalResolution(document, proposal);
  let end = next ? next.start : document.text.length;
  if (resolution) end = Math.min(end, resolution.reasons ? resolution.reasons.start : resolution.end);
  return { start: proposal.end, end };
}

export interface ReasonsFound {
  start: number;
  end: number;
  empty: boolean;
}

/** The `Reasons:` paragraph that closes a proposal, looked for before the next proposal. */
export function proposalReasons(document: ParsedDocument, proposal: ProposalNode, index = document.root.proposals.indexOf(proposal)): ReasonsFound | undefined {
  const next = document.root.proposals[index + 1];
  const view = document.amended;
  const from = view.fromSource(proposal.end).offset;
  const to = next ? view.fromSource(next.start).offset : view.text.length;
  const text = view.text;
  // The line-start `Reasons:` of the view are found once; each proposal looks in its own stretch
  // (a search from each proposal to the end of the text made the check quadratic).
  const starts = reasonsStarts(view);
  let lo = 0;
  for (let hi = starts.length; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  const at = lo < starts.length ? starts[lo] : -1;
  if (at === -1 || at >= to) return undefined;
  REASONS.lastIndex = at;
  const match = REASONS.exec(text);
  if (!match) return undefined;
  const matchEnd = Math.min(to, at + match[0].length);
  const body = text.slice(at + 'Reasons:'.length, matchEnd);
  return { start: view.toSource(at), end: view.toSourceEnd(at + 'Reasons:'.length), empty: body.trim() === '' };
}

const REASONS = /Reasons:([^\n]*)((?:\n(?![ \t]*\r?\n)[^\n]*)*)/y;

/** Offsets of every `Reasons:` at a line start of a view's text (found once per view, and again only around an edit). */
function reasonsStarts(view: ParsedDocument['amended']): readonly number[] {
  return view.lineStartsOf('Reasons:');
}

const IDENTIFIER = /^([A-Za-z][\w-]*)\/(\d+)([A-Za-z]\w*)?\/(\d+)$/;

export interface ProposalNumber {
  source: string;
  document: string;
  /** An addendum or revision suffix of the document number (`A1` in `ACP/64A1/3`). */
  suffix: string;
  sequence: number;
}

export function parseProposalNumber(identifier: string): ProposalNumber | undefined {
  const match = IDENTIFIER.exec(identifier);
  if (!match) return undefined;
  return { source: match[1], document: match[2], suffix: match[3] ?? '', sequence: Number(match[4]) };
}

/** The number of the front matter's `document` (`67` for `DT/67-E`, `64` for `64(Add.1)-E`). */
export function frontMatterDocumentNumber(document: ParsedDocument): string | undefined {
  const value = document.root.frontMatter?.entries.find((e) => e.key === 'document')?.value;
  const match = value?.match(/(\d+)/);
  return match?.[1];
}

function diagnostic(code: string, severity: SyntaxDiagnostic['severity'], proposal: ProposalNode, message: string): SyntaxDiagnostic {
  return { code, severity, start: proposal.start, end: proposal.end, message };
}

function symbol(proposal: ProposalNode): string {
  return `${proposal.action}${proposal.identifier ? ' ' + proposal.identifier : ''}`;
}

const marksCheck: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  for (const proposal of document.root.proposals) {
    const body = proposalBody(document, proposal);
    const marks = changingMarks(document, body.start, body.end);
    if ((proposal.action === 'ADD' || proposal.action === 'ADD*' || proposal.action === '(MOD)') && marks.length > 0) {
      const what = proposal.action === '(MOD)' ? 'an editorial change (MOD) is shown as clean text' : 'an ADD is clean new text';
      out.push({ ...diagnostic('proposal.add-marks', 'warning', proposal, `${symbol(proposal)} carries ${marks.length} revision mark${marks.length === 1 ? '' : 's'}: ${what}.`), related: [{ start: marks[0].start, end: marks[0].end, message: 'first revision mark' }] });
    }
    if (proposal.action === 'MOD' && marks.length === 0 && body.end > body.start && document.text.slice(body.start, body.end).trim() !== '') {
      out.push(diagnostic('proposal.mod-unchanged', 'warning', proposal, `${symbol(proposal)} carries no revision mark: a text proposed unchanged is NOC.`));
    }
  }
  return out;
};

const supCheck: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  for (const proposal of document.root.proposals) {
    if (proposal.action !== 'SUP' && proposal.action !== 'SUP*') continue;
    const resolution = proposalResolution(document, proposal);
    if (!resolution) continue;
    const body = proposalBody(document, proposal);
    const extra = [resolution.authority, ...resolution.paragraphs, ...resolution.sections].filter((n): n is NonNullable<typeof n> => n !== undefined && n.start < body.end);
    if (extra.length === 0) continue;
    const first = extra.reduce((a, b) => (a.start <= b.start ? a : b));
    out.push({ ...diagnostic('proposal.sup-body', 'warning', proposal, `${symbol(proposal)} is followed by the text it suppresses: a SUP gives only the title and the reasons.`), related: [{ start: first.start, end: first.end, message: 'text after the title' }] });
  }
  return out;
};

const reasonsCheck: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  document.root.proposals.forEach((proposal, index) => {
    const reasons = proposalReasons(document, proposal, index);
    if (!reasons) out.push(diagnostic('proposal.reasons', 'warning', proposal, `${symbol(proposal)} has no \`Reasons:\` paragraph: every proposal ends with its reasons.`));
    else if (reasons.empty) out.push({ code: 'proposal.reasons', severity: 'warning', start: reasons.start, end: reasons.end, message: `The reasons of ${symbol(proposal)} are empty: say why the change is proposed.` });
  });
  return out;
};

const numberCheck: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  const documentNumber = frontMatterDocumentNumber(document);
  const seen = new Set<string>();
  // Numbers run from 1 for each source and document (`WGPL/67/1`, `WGPL/67/2` …).
  const last = new Map<string, number>();
  for (const proposal of document.root.proposals) {
    const number = parseProposalNumber(proposal.identifier);
    if (!number) continue;
    const series = `${number.source}/${number.document}${number.suffix}`;
    const key = `${series}/${number.sequence}`.toUpperCase();
    if (seen.has(key)) {
      out.push(diagnostic('proposal.number', 'error', proposal, `Proposal number ${proposal.identifier} is used twice in this document.`));
      continue;
    }
    seen.add(key);
    if (documentNumber !== undefined && number.document !== documentNumber) {
      out.push(diagnostic('proposal.number', 'warning', proposal, `Proposal ${proposal.identifier} names document ${number.document}, but the front matter says document ${documentNumber}.`));
    }
    const expected = (last.get(series.toUpperCase()) ?? 0) + 1;
    if (number.sequence !== expected) {
      out.push(diagnostic('proposal.number', 'warning', proposal, `Proposal number out of sequence: expected ${series}/${expected}, found ${proposal.identifier}.`));
    }
    last.set(series.toUpperCase(), number.sequence);
  }
  return out;
};

export interface RevisionPair {
  original?: { place: string; year: number };
  amended?: { place: string; year: number };
  start: number;
  end: number;
}

/** The `(Place, Year)` of a source range in both views: the last one of the range. */
function revisionIn(document: ParsedDocument, start: number, end: number): RevisionPair | undefined {
  const read = (kind: 'original' | 'amended') => {
    // The original view of a title or authority line, without building the whole view on every keystroke.
    const text = viewText(document, kind, start, end);
    const matches = [...text.matchAll(/\(([^()]*\d{4})\)/g)];
    const last = matches[matches.length - 1];
    const revision = last ? parseRevision(last[1]) : undefined;
    if (!revision) return undefined;
    return { place: revision.place, year: revision.year };
  };
  const source = document.text.slice(start, end);
  const open = source.lastIndexOf('(');
  return { original: read('original'), amended: read('amended'), start: open >= 0 ? start + open : start, end };
}

export function titleRevision(document: ParsedDocument, resolution: ResolutionNode): RevisionPair | undefined {
  return resolution.title ? revisionIn(document, resolution.title.start, resolution.title.end) : undefined;
}

export function authorityRevisionPair(document: ParsedDocument, resolution: ResolutionNode): RevisionPair | undefined {
  const authority = resolution.authority;
  if (!authority) return undefined;
  return revisionIn(document, authority.start, authority.end);
}

const same = (a?: { place: string; year: number }, b?: { place: string; year: number }) =>
  a !== undefined && b !== undefined && a.place.toLowerCase() === b.place.toLowerCase() && a.year === b.year;

const revisionCheck: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  for (const proposal of document.root.proposals) {
    if (proposal.action !== 'MOD') continue;
    const resolution = proposalResolution(document, proposal);
    const title = resolution && titleRevision(document, resolution);
    const authority = resolution && authorityRevisionPair(document, resolution);
    if (!resolution?.title || !title?.amended) continue;
    const titleChanged = !same(title.original, title.amended);
    const authorityChanged = authority?.amended !== undefined && !same(authority.original, authority.amended);
    const where = { start: resolution.title.start, end: resolution.title.end };
    if (!titleChanged && !authorityChanged) {
      out.push({ code: 'proposal.revision', severity: 'warning', ...where, message: `${symbol(proposal)}: the title's revision is not marked as changed; a MOD is revised by this conference (\`(REV. {--OLD PLACE, YEAR--}{++PLACE, YEAR++})\`), and so is the authority line.` });
    } else if (!titleChanged) {
      out.push({ code: 'proposal.revision', severity: 'warning', ...where, message: `${symbol(proposal)}: the authority line is marked as changed to ${authority?.amended?.place}, ${authority?.amended?.year}, but the title's revision is not.` });
    } else if (authority?.amended && !authorityChanged) {
      out.push({ code: 'proposal.revision', severity: 'warning', start: resolution.authority?.start ?? where.start, end: resolution.authority?.end ?? where.end, message: `${symbol(proposal)}: the title's revision is marked as changed to ${title.amended.place}, ${title.amended.year}, but the authority line's place and year are not.` });
    } else if (authority?.amended && !same(title.amended, authority.amended)) {
      out.push({ code: 'proposal.revision', severity: 'warning', ...where, message: `${symbol(proposal)}: the title is revised to ${title.amended.place}, ${title.amended.year} but the authority line to ${authority.amended.place}, ${authority.amended.year}; both name the conference revising the text.` });
    }
  }
  return out;
};

export const PROPOSAL_CHECKS: readonly Check[] = [marksCheck, supCheck, reasonsCheck, numberCheck, revisionCheck];
