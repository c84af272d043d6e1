// Proposal skeletons: the text a drafter starts a MOD, ADD or SUP from. A MOD carries the
// text in force with the title's and the authority line's revision already marked as changed
// to the conference now revising it; an ADD is a draft new resolution with placeholders; a
// SUP gives the symbol, the title and the reasons.

import { parseProposalNumber } from '../analysis/proposals';
import type { Body, Conference } from '../analysis/conferences';
import { parseDocument } from '../syntax';

export type SkeletonAction = 'MOD' | 'ADD' | 'SUP';

export interface InForce {
  /** The text in force, from its title line on (`# RESOLUTION 130 (REV. DUBAI, 2018)` …). */
  text: string;
}

export interface SkeletonRequest {
  action: SkeletonAction;
  /** The conference drafting the proposal (a MOD's new revision, an ADD's authority line). */
  conference: Pick<Conference, 'body' | 'place' | 'year'>;
  /** MOD: the text in force; SUP: at least its title line. */
  inForce?: InForce;
  /** The document the proposal goes into, when it is added to one: numbers continue there. */
  documentText?: string;
  /** yyyy-mm-dd, for the front matter of a new document. */
  date: string;
}

export interface Skeleton {
  text: string;
  /** Offset of the first thing to fill in (the reasons, or the first placeholder). */
  cursor: number;
}

const AUTHORITY: Record<Body, string> = {
  PP: 'The Plenipotentiary Conference of the International Telecommunication Union',
  WTDC: 'The World Telecommunication Development Conference',
  WTSA: 'The World Telecommunication Standardization Assembly',
  WTPF: 'The World Telecommunication/ICT Policy Forum',
  WCIT: 'The World Conference on International Telecommunications',
  WRC: 'The World Radiocommunication Conference',
  RA: 'The Radiocommunication Assembly',
  UNGA: 'The General Assembly of the United Nations',
  Council: 'The Council',
};

/** The next proposal identifier of a document: its last numbered proposal's series, one more. */
export function nextProposalIdentifier(documentText: string | undefined): string {
  if (documentText !== undefined) {
    const document = parseDocument(documentText);
    const numbered = document.root.proposals.map((p) => parseProposalNumber(p.identifier)).filter((n) => n !== undefined);
    const last = numbered[numbered.length - 1];
    if (last) {
      const series = `${last.source}/${last.document}${last.suffix}`;
      const highest = Math.max(...numbered.filter((n) => `${n.source}/${n.document}${n.suffix}` === series).map((n) => n.sequence));
      return `${series}/${highest + 1}`;
    }
    const documentNumber = document.root.frontMatter?.entries.find((e) => e.key === 'document')?.value.match(/\d+/)?.[0];
    if (documentNumber) return `XXX/${documentNumber}/1`;
  }
  return 'XXX/YY/1';
}

/** The next free draft number `[XXX-n]` of a document. */
export function nextDraftNumber(documentText: string | undefined): string {
  let highest = 0;
  for (const match of (documentText ?? '').matchAll(/\[XXX-(\d+)\]/g)) highest = Math.max(highest, Number(match[1]));
  return `[XXX-${highest + 1}]`;
}

/** The title line with its revision marked as changed to the conference: `(REV. {--DUBAI, 2018--}{++BUCHAREST, 2022++})`. */
export function markTitleRevision(titleLine: string, conference: Pick<Conference, 'place' | 'year'>): string {
  const now = `${conference.place.toUpperCase()}, ${conference.year}`;
  return titleLine.replace(/\((REV\.\s*)?([^()]*?\d{4})\)\s*$/i, (_whole, rev: string | undefined, old: string) =>
    rev ? `(${rev}{--${old}--}{++${now}++})` : `({--${old}--}{++REV. ${now}++})`,
  );
}

/** The authority line with its `(Place, Year)` marked as changed to the conference. */
export function markAuthorityRevision(line: string, conference: Pick<Conference, 'place' | 'year'>): string {
  return line.replace(/\(([^()]*?\d{4})\)([^()]*)$/, (_whole, old: string, tail: string) => `({--${old}--}{++${conference.place}, ${conference.year}++})${tail}`);
}

function frontMatter(date: string): string {
  return ['---', 'document: DT/XX-E', `date: ${date}`, 'original: English', 'meeting: [Conference, place, dates]', 'source: [Committee or working group]', '---', ''].join('\n');
}

export function proposalSkeleton(request: SkeletonRequest): Skeleton {
  const symbol = `${request.action} ${nextProposalIdentifier(request.documentText)}`;
  const parts: string[] = request.documentText === undefined ? [frontMatter(request.date)] : [];
  parts.push(symbol, '');
  if (request.action === 'ADD') {
    const { place, year, body } = request.conference;
    parts.push(
      `# DRAFT NEW RESOLUTION ${nextDraftNumber(request.documentText)}`,
      '',
      '## [Title of the resolution]',
      '',
      `${AUTHORITY[body]} (${place}, ${year}),`,
      '',
      '*considering*',
      '',
      'a) [text];',
      'b) [text],',
      '',
      '*resolves*',
      '',
      '1 [text];',
      '2 [text].',
      '',
    );
  } else {
    const text = (request.inForce?.text ?? '# RESOLUTION [number] ([PLACE, YEAR])\n').replace(/\r\n/g, '\n').replace(/\s+$/, '');
    const lines = text.split('\n');
    if (request.action === 'SUP') {
      const title = lines.find((l) => l.startsWith('# ')) ?? lines[0];
      const subtitle = lines.find((l) => l.startsWith('## '));
      parts.push(title, '', ...(subtitle ? [subtitle, ''] : []));
    } else {
      // Title and authority line found by the parser, so a wrapped authority line is marked where its revision is.
      const resolution = parseDocument(text).root.resolutions[0];
      const edits: Array<{ start: number; end: number; text: string }> = [];
      if (resolution?.title) edits.push({ start: resolution.title.start, end: resolution.title.end, text: markTitleRevision(text.slice(resolution.title.start, resolution.title.end), request.conference) });
      const authority = resolution?.authority;
      if (authority) {
        const paragraph = text.slice(authority.start, authority.end);
        const at = paragraph.search(/\([^()]*?\d{4}\)[^()]*$/);
        if (at >= 0) edits.push({ start: authority.start + at, end: authority.end, text: markAuthorityRevision(paragraph.slice(at), request.conference) });
      }
      let marked = text;
      for (const edit of edits.sort((a, b) => b.start - a.start)) marked = marked.slice(0, edit.start) + edit.text + marked.slice(edit.end);
      parts.push(marked, '');
    }
  }
  const body = parts.join('\n') + '\n';
  const reasons = 'Reasons: ';
  const text = `${body}${reasons}\n`;
  const placeholder = request.action === 'ADD' ? text.indexOf('[Title of the resolution]') : -1;
  return { text, cursor: placeholder >= 0 ? placeholder : body.length + reasons.length };
}
