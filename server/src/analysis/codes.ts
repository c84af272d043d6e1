// Every diagnostic code the checks report, with its default severity, what it means and what
// `reso fix` (fix-all) does about it: the source of the command line's help, of the rules in
// SARIF output and of the codes the `.resorc.json` schema offers.

import type { Severity } from '../syntax/diagnostics';

export interface DiagnosticCodeInfo {
  code: string;
  severity: Severity;
  /** One line: what the diagnostic reports. */
  summary: string;
  /** More about it, when one line is not enough. */
  help?: string;
  /** What fix-all (`reso fix`, fix on save) writes for it; absent when only the drafter can decide. */
  fix?: string;
  /** Another severity some cases of the code are reported with. */
  otherSeverity?: Severity;
}

/** A citation says what the text says: changing its revision is offered, never applied by fix-all. */
const CITATION_QUICK_FIX = 'Citing the revision in force at the document\'s date is a quick fix the drafter chooses.';

export const DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [
  {
    code: 'syntax.revision',
    severity: 'error',
    summary: 'A revision mark that is not closed, or that opens inside another.',
    help: 'While a revision mark is broken no fix is applied: a `++}` a fix wrote could close the stray `{++` and change what the text says.',
  },
  { code: 'syntax.frontmatter', severity: 'error', summary: 'Front matter that is not closed, a line that is not `key: value`, or a date not in yyyy-mm-dd.' },
  { code: 'syntax.comment', severity: 'error', summary: 'A comment `<!--` that is never closed.' },
  { code: 'file.encoding', severity: 'error', summary: 'The file is not UTF-8 (Latin-1, UTF-16 or binary); nothing is fixed or written in it.' },
  { code: 'syntax.internal', severity: 'error', summary: 'The document could not be parsed; the text should be reported.' },
  { code: 'frontmatter.unknown-key', severity: 'information', summary: 'A front-matter key the tools do not use.' },
  { code: 'footnote.undefined', severity: 'error', summary: 'A footnote marker with no definition.' },
  { code: 'footnote.unused', severity: 'warning', summary: 'A footnote definition no marker refers to.' },
  { code: 'footnote.duplicate', severity: 'error', summary: 'A footnote defined twice.' },
  {
    code: 'label.sequence',
    severity: 'error',
    summary: 'A label out of sequence: gap, duplicate, wrong start, out of order.',
    help: 'One diagnostic where the sequence breaks; the message names the label the fix writes.',
    fix: 'relabels the list from the first wrong clause, and every cross-reference to a moved clause',
  },
  {
    code: 'label.kind',
    severity: 'error',
    summary: 'A label of the wrong kind: a number in a preamble section, a letter in an operative one, `1.` with a full stop, a sub-item label that does not fit its list.',
    fix: 'relabels the list with labels of the right kind, and the cross-references that follow',
  },
  {
    code: 'label.missing',
    severity: 'warning',
    summary: 'An unlabelled clause in a section that has several.',
    fix: 'adds the missing labels and relabels what follows',
  },
  {
    code: 'label.lone',
    severity: 'information',
    summary: 'The only clause of a section carries a label.',
    fix: 'removes the lone label (kept when a cross-reference names it)',
  },
  {
    code: 'punctuation.ending',
    severity: 'warning',
    summary: 'A clause ends with the wrong character: `;` inside a section, `,` at its end, `.` at the end of the resolution, `:` before sub-items.',
    fix: 'writes the ending the clause\'s place needs',
  },
  {
    code: 'heading.unknown',
    severity: 'warning',
    summary: 'A heading outside the vocabulary of preamble and operative headings.',
    help: 'The did-you-mean is a quick fix the drafter chooses; `reso fix` never changes a heading.',
  },
  { code: 'heading.order', severity: 'warning', summary: 'A preamble heading after an operative one.' },
  {
    code: 'heading.duplicate',
    severity: 'warning',
    summary: 'The same heading twice in one resolution.',
    help: 'Use `considering further` and the like; the quick fix offers it, `reso fix` leaves headings alone.',
  },
  { code: 'heading.empty', severity: 'warning', summary: 'A heading with no clause.' },
  { code: 'title.mismatch', severity: 'warning', summary: 'The title\'s place and year disagree with the authority line\'s.' },
  { code: 'proposal.add-marks', severity: 'warning', summary: 'An ADD (new, clean text) or a (MOD) carries revision marks.', help: 'Accepting them is a quick fix.' },
  { code: 'proposal.mod-unchanged', severity: 'warning', summary: 'A MOD whose text carries no revision mark: a text proposed unchanged is NOC.', help: 'Changing MOD to NOC is a quick fix.' },
  { code: 'proposal.sup-body', severity: 'warning', summary: 'A SUP followed by more than its title, subtitle and reasons.' },
  { code: 'proposal.reasons', severity: 'warning', summary: 'A proposal with no Reasons: paragraph, or an empty one.', help: 'Adding the paragraph is a quick fix.' },
  {
    code: 'proposal.number',
    severity: 'error',
    otherSeverity: 'warning',
    summary: 'A proposal number used twice (error), out of its series, or naming another document (warning).',
    help: 'Renumbering is a quick fix.',
  },
  { code: 'proposal.revision', severity: 'warning', summary: 'In a MOD, the title\'s revision and the authority line\'s place and year are not both marked as changed to one conference.' },
  { code: 'crossref.unresolved', severity: 'error', summary: 'A cross-reference to a clause or section the resolution does not have.' },
  {
    code: 'citation.unknown',
    severity: 'information',
    summary: 'A cited resolution that is neither in a catalogue nor defined in the files checked.',
    help: 'A warning when a catalogue declares itself complete for that body. The did-you-mean number is a quick fix the drafter chooses.',
  },
  { code: 'citation.revision-unknown', severity: 'warning', summary: 'The resolution is known, but not in the revision cited.', help: CITATION_QUICK_FIX },
  { code: 'citation.future', severity: 'error', summary: 'The revision cited is later than the document\'s date.', help: CITATION_QUICK_FIX },
  { code: 'citation.superseded', severity: 'warning', summary: 'A later revision was adopted before the document\'s date.', help: CITATION_QUICK_FIX },
  { code: 'citation.inconsistent', severity: 'warning', summary: 'One resolution cites the same resolution in different revisions.', help: CITATION_QUICK_FIX },
  {
    code: 'citation.rev-missing',
    severity: 'warning',
    summary: '`Rev.` left out for a revision that is not the first adoption.',
    fix: 'writes `Rev.` where the catalogue records the revision as not a first adoption (for every number sharing it)',
  },
  { code: 'citation.rev-extra', severity: 'warning', summary: '`Rev.` written for the first adoption.', help: 'Removing it is a quick fix the drafter chooses.' },
  {
    code: 'citation.body-mismatch',
    severity: 'error',
    summary: 'The body named disagrees with every conference the place and year identify.',
    help: 'Correcting the body is a quick fix the drafter chooses.',
  },
];

const BY_CODE = new Map(DIAGNOSTIC_CODES.map((info) => [info.code, info]));

export function codeInfo(code: string): DiagnosticCodeInfo | undefined {
  return BY_CODE.get(code);
}

/** The prefixes that name a family of codes in severity settings (`label` for every `label.*`). */
export function codePrefixes(): string[] {
  return [...new Set(DIAGNOSTIC_CODES.map((info) => info.code.slice(0, info.code.indexOf('.'))))];
}

/** Every key a severity may be set for: a code, a prefix (`label`, or `label.*`), or `*` for all. */
export function severityKeys(): string[] {
  const prefixes = codePrefixes();
  return ['*', ...prefixes, ...prefixes.map((prefix) => `${prefix}.*`), ...DIAGNOSTIC_CODES.map((info) => info.code)];
}
