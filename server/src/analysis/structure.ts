// Structure checks: labels, clause endings, headings, title against authority line,
// and cross-references. All read the amended view and report source ranges.

import { parseRevision } from '../syntax/parser';
import { OPERATIVE_HEADINGS, OPERATIVE_LEADS, PREAMBLE_HEADINGS } from '../syntax/vocabulary';
import type { ClauseNode, ParsedDocument, ResolutionNode, SectionNode, SyntaxDiagnostic } from '../syntax';
import { crossReferences } from './crossrefs';
import { clauseLists, listProblems, type LabelProblemKind } from './numbering';
import type { Check } from './pipeline';
import { resolutionLocal } from './resolutionMemo';

const LABEL_SEVERITY: Record<LabelProblemKind, SyntaxDiagnostic['severity']> = {
  sequence: 'error',
  kind: 'error',
  missing: 'warning',
  lone: 'information',
};

export const labelChecks: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  let referenced: Set<ClauseNode> | undefined;
  for (const resolution of document.root.resolutions) {
    for (const list of clauseLists(resolution, document.amended.text)) {
      for (const problem of listProblems(list)) {
        // The label of a lone clause that a cross-reference names is needed, not superfluous.
        if (problem.kind === 'lone') {
          referenced ??= new Set(crossReferences(document).map((r) => r.clause).filter((c): c is ClauseNode => c !== undefined));
          if (referenced.has(problem.clause)) continue;
        }
        const clause = problem.clause;
        const label = clause.label;
        const start = label ? label.start : clause.start;
        const end = label ? label.end : firstLineEnd(document, clause);
        out.push({ code: `label.${problem.kind}`, severity: LABEL_SEVERITY[problem.kind], start, end, message: problem.message });
      }
    }
  }
  return out;
};

function firstLineEnd(document: ParsedDocument, clause: ClauseNode): number {
  const newline = document.text.indexOf('\n', clause.start);
  const end = newline < 0 || newline > clause.end ? clause.end : newline;
  return end > 0 && document.text[end - 1] === '\r' ? end - 1 : end;
}

// ---- endings ------------------------------------------------------------------------------

export type Ending = ';' | ',' | '.' | ':';

export interface EndingProblem {
  /** View offset just after the clause's last meaningful character. */
  viewEnd: number;
  /** The ending found (one of `;,.:`), or undefined when the text ends otherwise. */
  found?: string;
  expected: Ending;
  what: string;
  /** False when no edit can mend it without changing words (`; and` on the last clause). */
  fixable: boolean;
}

const ENDING_NAMES: Record<Ending, string> = { ';': 'a semicolon', ',': 'a comma', '.': 'a full stop', ':': 'a colon' };

/** Where a clause's text really ends: before blanks, footnote markers and closing italics. */
function meaningfulEnd(text: string, from: number, to: number): number {
  let end = to;
  for (;;) {
    while (end > from && /\s/.test(text[end - 1])) end--;
    const footnote = /\[\^[^\]\s]+\]$/.exec(text.slice(Math.max(from, end - 20), end));
    if (footnote) {
      end -= footnote[0].length;
      continue;
    }
    // A comment at the end of a clause is not its text.
    if (text.endsWith('-->', end)) {
      const open = text.lastIndexOf('<!--', end - 3);
      if (open >= from) {
        end = open;
        continue;
      }
    }
    return end;
  }
}

/** Closing quotation marks: a quoted text ends with its own punctuation. */
const QUOTE_CLOSE = /["”»’]/;

/** The item's text ends with `;`, `,`, `.` or `:`. */
function endsWithPunctuation(text: string, clause: ClauseNode): boolean {
  const end = meaningfulEnd(text, clause.textViewStart, clause.textViewEnd);
  return end > clause.textViewStart && ';,.:'.includes(text[end - 1]);
}

/** Abbreviations whose full stop is not an ending: the ending comes after them (`etc.;`). */
const ABBREVIATION = /(?:\betc|\be\.g|\bi\.e|\bNo|\bNos|\bet al|\bpara|\bArt)\.$/;

/** Every clause whose ending is not the one its place requires. */
/** The ending problems of the document, or of the resolutions given (a quick fix needs only its own). */
export function endingProblems(document: ParsedDocument, within: readonly ResolutionNode[] = document.root.resolutions): EndingProblem[] {
  const problems: EndingProblem[] = [];
  const text = document.amended.text;
  const check = (from: number, to: number, expected: Ending, what: string, alsoRight?: Ending): void => {
    const end = meaningfulEnd(text, from, to);
    if (end <= from) return;
    // A quotation carries its own punctuation: `… as follows: "…."`.
    if (QUOTE_CLOSE.test(text[end - 1])) return;
    if (alsoRight !== undefined && text[end - 1] === alsoRight) return;
    // `; and` / `; or` before the last item is ITU style for a semicolon.
    const conjunction = /([;,]?)(\s+(?:and|or))$/.exec(text.slice(Math.max(from, end - 8), end));
    if (conjunction && conjunction[1] !== '') {
      if (conjunction[1] === expected) return;
      // Before a conjunction only a semicolon can stand; on a last clause the conjunction itself is wrong.
      const at = end - conjunction[2].length;
      problems.push({ viewEnd: at, found: conjunction[1], expected, what, fixable: expected === ';' });
      return;
    }
    const last = text[end - 1];
    if (last === expected) return;
    if (last === '.' && ABBREVIATION.test(text.slice(Math.max(from, end - 8), end))) {
      if (expected !== '.') problems.push({ viewEnd: end, expected, what, fixable: true });
      return;
    }
    const found = ';,.:'.includes(last) ? last : undefined;
    problems.push({ viewEnd: end, found, expected, what, fixable: true });
  };
  const visit = (clause: ClauseNode, ending: Ending, what: string, alsoRight?: Ending): void => {
    if (clause.items.length === 0) {
      check(clause.textViewStart, clause.textViewEnd, ending, what, alsoRight);
      return;
    }
    check(clause.textViewStart, clause.textViewEnd, ':', `${what} that introduces sub-items`);
    // A list of bullet terms with no punctuation on any item (`- e-government`, `- e-health`) is consistent.
    if (clause.items.every((item) => item.label?.form === 'bullet' && item.items.length === 0 && !endsWithPunctuation(text, item))) return;
    clause.items.forEach((item, i) => {
      const last = i === clause.items.length - 1;
      visit(item, last ? ending : ';', last ? `the last sub-item of ${what}` : 'a sub-item');
    });
  };
  for (const resolution of within) {
    const sections = resolution.sections;
    if (resolution.authority) check(resolution.authority.viewStart, resolution.authority.viewEnd, ',', 'the authority line');
    sections.forEach((section, s) => {
      if (section.intro) check(section.intro.viewStart, section.intro.viewEnd, ':', 'an intro');
      section.clauses.forEach((clause, c) => {
        const lastClause = c === section.clauses.length - 1;
        const lastSection = s === sections.length - 1;
        const ending: Ending = !lastClause ? ';' : lastSection ? '.' : ',';
        const what = !lastClause ? 'a clause inside a section' : lastSection ? 'the last clause of the resolution' : 'the last clause of a section';
        // `4 … as follows:` then `4.1`, `4.2`: a clause introducing its decimal paragraphs may end with `:`.
        const next = section.clauses[c + 1];
        const introduces = next !== undefined && clause.label?.form === 'number' && next.label?.form === 'number' && next.label.value.startsWith(`${clause.label.value}.`);
        visit(clause, ending, what, introduces ? ':' : undefined);
      });
    });
  }
  return problems;
}

export const endingChecks: Check = (document) =>
  endingProblems(document).map((problem) => {
    const view = document.amended;
    const start = problem.found ? view.toSource(problem.viewEnd - 1) : view.toSource(Math.max(0, problem.viewEnd - 1));
    return {
      code: 'punctuation.ending',
      severity: 'warning',
      start,
      end: view.toSourceEnd(problem.viewEnd),
      message: `${subjectOf(problem.what)} ends with ${problem.found ? `\`${problem.found}\`` : 'no punctuation'}; ${problem.what} ends with \`${problem.expected}\` (${ENDING_NAMES[problem.expected]}).`,
    };
  });

/** `This clause`, `This sub-item`, `This intro`, `The authority line`: what the message points at. */
function subjectOf(what: string): string {
  if (what.startsWith('the authority line')) return 'The authority line';
  if (what.startsWith('an intro')) return 'This intro';
  if (/^(?:a|the last) sub-item/.test(what)) return 'This sub-item';
  return 'This clause';
}

// ---- headings -------------------------------------------------------------------------------

const VOCABULARY = [...new Set([...PREAMBLE_HEADINGS, ...OPERATIVE_HEADINGS])];

export function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The longest phrase of the vocabulary, and how much longer a slip of it can be. */
const LONGEST_HEADING = Math.max(...VOCABULARY.map((h) => h.length));

/** The nearest heading of the vocabulary, when it is near enough to be a slip. */
export function suggestHeading(phrase: string): string | undefined {
  // A line longer than any heading and its slips is no slip of one: no edit distance on it (a 1 MB italic line).
  if (phrase.length > LONGEST_HEADING + Math.max(2, Math.floor(LONGEST_HEADING / 4))) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of VOCABULARY) {
    const distance = editDistance(phrase.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(phrase.length / 4)) ? best : undefined;
}

/** `considering` → `considering further`; `instructs the Council` → `further instructs the Council`. */
export function furtherHeading(phrase: string): string | undefined {
  const suffixed = `${phrase} further`;
  if (PREAMBLE_HEADINGS.includes(suffixed)) return suffixed;
  const words = phrase.split(' ');
  if (OPERATIVE_LEADS.includes(`further ${words[0]}`)) return `further ${phrase}`;
  if (OPERATIVE_LEADS.includes(`${words[0]} further`)) return [words[0], 'further', ...words.slice(1)].join(' ');
  return undefined;
}

export const headingChecks: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  for (const resolution of document.root.resolutions) {
    const seen = new Map<string, SectionNode>();
    let operativeSeen = false;
    for (const section of resolution.sections) {
      const heading = section.heading;
      const range = { start: heading.phraseStart, end: heading.phraseEnd };
      if (!heading.known) {
        const suggestion = suggestHeading(heading.phrase);
        out.push({
          code: 'heading.unknown',
          severity: 'warning',
          ...range,
          message: `«${heading.phrase.length > 80 ? `${heading.phrase.slice(0, 77)}…` : heading.phrase}» is not a heading; a heading is a preamble participle or adjective (considering, noting with concern, aware) or an operative verb with its addressee (instructs the Secretary-General)${suggestion ? `. Did you mean «${suggestion}»?` : '.'}`,
        });
      }
      if (heading.headingKind === 'preamble' && operativeSeen) {
        out.push({ code: 'heading.order', severity: 'warning', ...range, message: `The preamble heading «${heading.phrase}» comes after an operative heading; preamble sections come before operative ones.` });
      }
      if (heading.headingKind === 'operative') operativeSeen = true;
      const earlier = seen.get(heading.phrase);
      if (earlier) {
        const further = furtherHeading(heading.phrase);
        out.push({
          code: 'heading.duplicate',
          severity: 'warning',
          ...range,
          message: `«${heading.phrase}» already heads a section of this resolution; a heading is used once in a resolution${further ? `: use «${further}»` : ''}.`,
          related: [{ start: earlier.heading.phraseStart, end: earlier.heading.phraseEnd, message: 'first section with this heading' }],
        });
      } else seen.set(heading.phrase, section);
      if (section.clauses.length === 0 && !section.intro) {
        out.push({ code: 'heading.empty', severity: 'warning', ...range, message: `The section «${heading.phrase}» has no clause; a heading stands over at least one.` });
      }
    }
  }
  return out;
};

// ---- title against authority line ---------------------------------------------------------------

export function authorityRevision(document: ParsedDocument, resolution: ResolutionNode): { place: string; year: number; start: number; end: number } | undefined {
  const authority = resolution.authority;
  if (!authority) return undefined;
  const text = document.amended.text.slice(authority.viewStart, authority.viewEnd);
  const matches = [...text.matchAll(/\(([^()]*\d{4})\)/g)];
  const last = matches[matches.length - 1];
  if (!last || last.index === undefined) return undefined;
  const revision = parseRevision(last[1]);
  if (!revision) return undefined;
  const viewStart = authority.viewStart + last.index + 1;
  return {
    place: revision.place,
    year: revision.year,
    start: document.amended.toSource(viewStart),
    end: document.amended.toSourceEnd(viewStart + last[1].length),
  };
}

export const titleChecks: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  for (const resolution of document.root.resolutions) {
    const title = resolution.title;
    const revision = title?.revision;
    const authority = authorityRevision(document, resolution);
    if (!title || !revision || !authority) continue;
    if (revision.place.toLowerCase() === authority.place.toLowerCase() && revision.year === authority.year) continue;
    out.push({
      code: 'title.mismatch',
      severity: 'warning',
      start: title.start,
      end: title.end,
      message: `The title says ${revision.place}, ${revision.year} but the authority line says ${authority.place}, ${authority.year}; both name the conference that adopts the text.`,
      related: [{ start: authority.start, end: authority.end, message: 'place and year of the authority line' }],
    });
  }
  return out;
};

// ---- cross-references -------------------------------------------------------------------------

export const crossReferenceChecks: Check = (document) => {
  const out: SyntaxDiagnostic[] = [];
  for (const reference of crossReferences(document)) {
    if (!reference.section) {
      out.push({
        code: 'crossref.unresolved',
        severity: 'error',
        start: reference.start,
        end: reference.end,
        message: `This resolution has no section «${reference.phrase}»; a cross-reference names a section of its own resolution.`,
      });
    } else if (reference.label !== undefined && !reference.clause) {
      out.push({
        code: 'crossref.unresolved',
        severity: 'error',
        start: reference.labelStart ?? reference.start,
        end: reference.labelEnd ?? reference.end,
        message: `«${reference.phrase}» has no clause ${reference.label}; a cross-reference names a clause that exists.`,
      });
    }
  }
  return out;
};

// Each finds within a resolution from that resolution alone (cross-references resolve in their own).
export const STRUCTURE_CHECKS: readonly Check[] = [labelChecks, endingChecks, headingChecks, titleChecks, crossReferenceChecks].map(resolutionLocal);
