// Quick fixes for the proposal checks. None joins fix-all: each changes what the document
// proposes (its action, its number, its reasons, its marks), so the drafter chooses it.

import type { ParsedDocument, ProposalNode, SyntaxDiagnostic } from '../syntax';
import type { Fix, OffsetEdit } from './edits';
import { authorityRevisionPair, parseProposalNumber, proposalBody, proposalResolution, titleRevision } from './proposals';

function proposalAt(document: ParsedDocument, diagnostic: SyntaxDiagnostic): ProposalNode | undefined {
  return document.root.proposals.find((p) => p.start <= diagnostic.start && diagnostic.start < Math.max(p.end, p.start + 1));
}

function proposalBefore(document: ParsedDocument, offset: number): ProposalNode | undefined {
  return [...document.root.proposals].reverse().find((p) => p.start <= offset);
}

function fix(title: string, edits: OffsetEdit[], diagnostic: SyntaxDiagnostic): Fix {
  return { title, edits, diagnostic, fixAll: false, preferred: true };
}

function identifierRange(document: ParsedDocument, proposal: ProposalNode): { start: number; end: number } | undefined {
  const line = document.text.slice(proposal.start, proposal.end);
  const at = line.lastIndexOf(proposal.identifier);
  return at < 0 || proposal.identifier === '' ? undefined : { start: proposal.start + at, end: proposal.start + at + proposal.identifier.length };
}

export function proposalFix(document: ParsedDocument, diagnostic: SyntaxDiagnostic): Fix[] {
  const proposal = proposalAt(document, diagnostic) ?? proposalBefore(document, diagnostic.start);
  if (!proposal) return [];
  switch (diagnostic.code) {
    case 'proposal.mod-unchanged': {
      const at = document.text.indexOf('MOD', proposal.start);
      return at < 0 || at >= proposal.end ? [] : [fix('Change MOD to NOC', [{ start: at, end: at + 3, newText: 'NOC' }], diagnostic)];
    }
    case 'proposal.add-marks': {
      const body = proposalBody(document, proposal);
      const edits = document.amended
        .removedRanges(document.text.length)
        .filter(([start, end]) => start < body.end && end > body.start)
        .map(([start, end]) => ({ start: Math.max(start, body.start), end: Math.min(end, body.end), newText: '' }))
        .filter((e) => e.end > e.start);
      return edits.length === 0 ? [] : [fix(`Accept the revision marks of ${proposal.action} ${proposal.identifier}`.trim(), edits, diagnostic)];
    }
    case 'proposal.reasons': {
      if (diagnostic.start !== proposal.start) return [];
      const body = proposalBody(document, proposal);
      let end = body.end;
      while (end > body.start && /\s/.test(document.text[end - 1])) end--;
      return [fix('Add a Reasons: paragraph', [{ start: end, end, newText: '\n\nReasons: ' }], diagnostic)];
    }
    case 'proposal.number': {
      const found = /expected (\S+), found/.exec(diagnostic.message);
      const range = identifierRange(document, proposal);
      if (!found || !range || !parseProposalNumber(found[1])) return [];
      return [fix(`Renumber as ${found[1]}`, [{ ...range, newText: found[1] }], diagnostic)];
    }
    case 'proposal.revision':
      return revisionFix(document, proposal, diagnostic);
    default:
      return [];
  }
}

/** Marks the unmarked one of title and authority line as changed to the conference the other names. */
function revisionFix(document: ParsedDocument, proposal: ProposalNode, diagnostic: SyntaxDiagnostic): Fix[] {
  const resolution = proposalResolution(document, proposal);
  if (!resolution) return [];
  const title = titleRevision(document, resolution);
  const authority = authorityRevisionPair(document, resolution);
  if (!title?.amended || !authority?.amended) return [];
  const titleMarked = title.original?.place !== title.amended.place || title.original?.year !== title.amended.year;
  const authorityMarked = authority.original?.place !== authority.amended.place || authority.original?.year !== authority.amended.year;
  if (titleMarked === authorityMarked) return [];
  const [target, to] = titleMarked ? [authority, title.amended] : [title, authority.amended];
  const source = document.text.slice(target.start, target.end);
  const inner = /\(((?:REV\.\s*)?)([^()]*?\d{4})\)/i.exec(source);
  if (!inner || /\{[-+~]/.test(inner[0])) return [];
  const start = target.start + inner.index + 1 + inner[1].length;
  const old = inner[2];
  const upper = old === old.toUpperCase();
  const now = `${upper ? to.place.toUpperCase() : to.place}, ${to.year}`;
  const what = titleMarked ? 'the authority line' : 'the title';
  return [fix(`Mark ${what} as revised: ${now}`, [{ start, end: start + old.length, newText: `{--${old}--}{++${now}++}` }], diagnostic)];
}
