// Text extracted from a published PDF → the interchange model. The extraction keeps the words
// and the line of each paragraph but loses typography: headings are plain lines, bullets (`- `)
// and stray italics (`*a)*`, `h)*`) stand before labels, footnote markers are superscript digits.
// The structure is rebuilt from the lines: titles, name, authority line, headings by the heading
// grammar, labels and their sequence, sub-items after a clause ending in `:`, footnotes.

import { ImportError } from '../akn/reader';
import type { Clause, Footnote, FrontMatter, Inline, InterchangeDocument, LabelKind, Paragraph, Resolution, Section } from '../model';
import { classifyHeading } from '../../syntax/vocabulary';
import { letterLabel, letterValue, romanLabel, romanValue } from '../../syntax/labels';

export interface TextStatement {
  name: string;
  document: InterchangeDocument;
}

export interface TextImport {
  statements: TextStatement[];
  notes: string[];
}

const TITLE = /^\[?\s*((?:DRAFT\s+)?(?:NEW\s+)?(?:RESOLUTION|DECISION|RECOMMENDATION)\s+(\d+|\[[^\]]+\])(?:\s*\(.*\))?)\s*\]?$/;
const SUPERSCRIPT: Record<string, string> = { '\u2070': '0', '\u00b9': '1', '\u00b2': '2', '\u00b3': '3', '\u2074': '4', '\u2075': '5', '\u2076': '6', '\u2077': '7', '\u2078': '8', '\u2079': '9' };
const FOOTNOTE_LINE = /^([\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)\s*(.+)$/;
const LABEL = /^([a-z]{1,4}\)|\d{1,3}(?:\.\d{1,3})*)(?=\s)\s+/;
const PROPOSAL = /^(\(MOD\)|MOD|ADD\*?|SUP\*?|NOC)\s+(\S+)$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const superscriptDigits = (text: string): string => [...text].map((c) => SUPERSCRIPT[c] ?? c).join('');

/** A line without the extraction's artefacts: a bullet before a label, italics or bold around a label. */
export function cleanLine(line: string): { text: string; bullet: boolean } {
  let text = line.trim();
  let bullet = false;
  if (/^[-\u2022\u2013]\s+/.test(text)) {
    text = text.replace(/^[-\u2022\u2013]\s+/, '');
    bullet = true;
  }
  // `*a)*`, `h)*`, `**ek**)`, `*a)* `: emphasis the extraction put on a label.
  const label = /^\*{0,2}([a-z\u03b1-\u03c9]{1,4}|\d{1,3})\*{0,2}(\))?\*{0,2}(?=\s)/.exec(text);
  if (label && (label[2] || /^\*/.test(text)) && label[0] !== label[1]) text = `${label[1]}${label[2] ?? ''}${text.slice(label[0].length)}`;
  return { text, bullet };
}

/** `*resolves* 5`: italics kept; superscript digits become footnote markers. */
function inlinesOf(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /\*([^*\s][^*]*?)\*|([\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) out.push({ type: 'text', text: text.slice(at, match.index) });
    if (match[1] !== undefined) out.push({ type: 'text', text: match[1], italic: true });
    else out.push({ type: 'footnote', id: superscriptDigits(match[2]) });
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push({ type: 'text', text: text.slice(at) });
  return out;
}

function labelKindOf(label: string): LabelKind {
  if (label === '-') return 'bullet';
  if (/^\d+\.\d/.test(label)) return 'decimal';
  if (/^\d+$/.test(label)) return 'number';
  return 'letter';
}

function isHeading(text: string): boolean {
  if (/[;,.:]$/.test(text) || text.split(/\s+/).length > 24) return false;
  const heading = classifyHeading(text.replace(/\*/g, ''));
  return heading.known || (heading.kind !== 'unknown' && text.split(/\s+/).length <= 6);
}

interface Level {
  clauses: Clause[];
  /** What the labels here are: preamble letters, numbers, roman or letter sub-items, bullets. */
  style?: 'letter' | 'number' | 'roman' | 'bullet';
  last?: string;
}

export function readPdfText(input: string): TextImport {
  const lines = input.replace(/^\ufeff/, '').split(/\r?\n/);
  const notes: string[] = [];
  const statements: TextStatement[] = [];
  const titles = lines.map((line, index) => (TITLE.test(cleanLine(line).text) ? index : -1)).filter((index) => index >= 0);
  if (titles.length === 0) throw new ImportError('the text holds no resolution: no line is a title such as RESOLUTION 130 (REV. DUBAI, 2018)');
  const frontMatter = readHeader(lines.slice(0, titles[0]));
  // A title followed by another title before any authority line is a cover heading (a DT's `DRAFT RESOLUTION 130`).
  const starts = titles.filter((index, n) => {
    const next = titles[n + 1] ?? lines.length;
    return lines.slice(index + 1, next).some((line) => /^The\s/.test(line.trim()));
  });
  if (starts.length === 0) throw new ImportError('the text holds no resolution: no title is followed by an authority line (The … Conference …,)');
  const names = new Set<string>();
  starts.forEach((start, n) => {
    const end = starts[n + 1] ?? lines.length;
    const previousEnd = n === 0 ? 0 : start;
    const cover = lines.slice(previousEnd, start).map((line) => cleanLine(line).text).filter((line) => line !== '');
    const { resolution, footnotes, flattened, proposal } = readResolution(lines.slice(start, end), n === 0 ? cover : []);
    if (proposal) resolution.proposal = proposal;
    const document: InterchangeDocument = { blocks: [resolution], footnotes };
    if (n === 0 && frontMatter) document.frontMatter = frontMatter;
    if (n === 0 && cover.length > 0) {
      const kept = cover.filter((line) => !PROPOSAL.test(line));
      if (kept.length > 0) document.blocks.unshift({ type: 'comment', text: `text before the title: ${kept.join(' / ')}` });
    }
    const titleText = cleanLine(lines[start]).text;
    const match = TITLE.exec(titleText);
    const kind = /DECISION/i.test(titleText) ? 'decision' : /RECOMMENDATION/i.test(titleText) ? 'recommendation' : 'resolution';
    const base = `${kind}-${(match?.[2] ?? 'unnumbered').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    let name = `${base}.reso`;
    for (let k = 2; names.has(name); k++) name = `${base}-${k}.reso`;
    names.add(name);
    if (flattened) {
      notes.push(
        `${name}: the text shows revision marks flattened by the extraction (deleted and inserted text run together, as in \`2010Busan\` or a label \`bj)\`); they cannot be told apart again, so the text is kept as it reads and no revision marks are made`,
      );
    }
    statements.push({ name, document });
  });
  return { statements, notes };
}

/** A DT's header lines: document symbol, date, original language, meeting. */
function readHeader(lines: readonly string[]): FrontMatter | undefined {
  const text = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (text.length === 0) return undefined;
  const joined = text.join('\n');
  const front: FrontMatter = {};
  const document = /Document\s+([A-Z]{1,4}\/\S+)/.exec(joined);
  if (document) front.document = document[1];
  const date = new RegExp(`(\\d{1,2})\\s+(${MONTHS.join('|')})\\s+(\\d{4})`, 'i').exec(document ? joined.slice(document.index) : joined);
  if (date) front.date = `${date[3]}-${String(MONTHS.indexOf(date[2].toLowerCase()) + 1).padStart(2, '0')}-${date[1].padStart(2, '0')}`;
  const original = /Original:\s*(\w+)/.exec(joined);
  if (original) front.original = original[1];
  const conference = text.find((line) => /Conference|Assembly|Forum/.test(line) && !/^Document/.test(line));
  if (conference) {
    const index = text.indexOf(conference);
    const place = text[index + 1] && /\d{4}/.test(text[index + 1]) ? `, ${text[index + 1]}` : '';
    front.meeting = `${conference}${place}`;
  }
  // The body that issued the DT: `WORKING GROUP OF THE PLENARY`, `COMMITTEE 5`.
  const source = text.find((line) => /^(?:WORKING GROUP|COMMITTEE|AD HOC GROUP|PLENARY MEETING|EDITORIAL COMMITTEE)\b[A-Z0-9 ,/-]*$/.test(line));
  if (source) front.source = source.toLowerCase().replace(/\b([a-z])([a-z]*)/g, (word, first: string, rest: string) => (/^(of|the|and|for|on|in|to)$/.test(word) ? word : first.toUpperCase() + rest));
  return Object.keys(front).length > 0 ? front : undefined;
}

function readResolution(lines: readonly string[], cover: readonly string[]): { resolution: Resolution; footnotes: Footnote[]; flattened: boolean; proposal?: Resolution['proposal'] } {
  const footnotes: Footnote[] = [];
  const proposalLine = cover.map((line) => PROPOSAL.exec(line)).find((match) => match !== null);
  const resolution: Resolution = { type: 'resolution', title: inlinesOf(cleanLine(lines[0]).text.replace(/^\[\s*/, '').replace(/\s*\]$/, '')), paragraphs: [], sections: [] };
  let flattened = /\d{4}[A-Z][a-z]+,?\s+\d{4}/.test(cleanLine(lines[0]).text);
  let section: Section | undefined;
  let levels: Level[] = [];
  let i = 1;
  const content = lines.map((line) => cleanLine(line));
  // Name: the first line after the title that is not the authority line.
  for (; i < content.length && content[i].text === ''; i++);
  if (i < content.length && !/^The\s/.test(content[i].text) && !isHeading(content[i].text)) {
    resolution.subtitle = inlinesOf(content[i].text);
    i++;
  }
  for (; i < content.length; i++) {
    const { text, bullet } = content[i];
    if (text === '') continue;
    const footnote = FOOTNOTE_LINE.exec(text);
    if (footnote) {
      footnotes.push({ id: superscriptDigits(footnote[1]), content: inlinesOf(footnote[2].trim()) });
      continue;
    }
    if (!resolution.authority && !section && /^The\s/.test(text)) {
      resolution.authority = { type: 'paragraph', role: 'authority', content: inlinesOf(text) };
      flattened ||= /\d{4}[A-Z][a-z]+,?\s+\d{4}/.test(text);
      continue;
    }
    if (isHeading(text)) {
      section = { type: 'section', heading: [{ type: 'text', text: text.replace(/\*/g, '') }], clauses: [] };
      resolution.sections.push(section);
      levels = [{ clauses: section.clauses, style: classifyHeading(text).kind === 'preamble' ? 'letter' : 'number' }];
      continue;
    }
    if (!section) {
      resolution.paragraphs.push({ type: 'paragraph', role: 'free', content: inlinesOf(text) } satisfies Paragraph);
      continue;
    }
    const labelMatch = LABEL.exec(text);
    const label = labelMatch?.[1];
    if (label && /^[a-z]+\)$/.test(label) && !letterValue(label.slice(0, -1)) && !romanValue(label.slice(0, -1))) flattened = true;
    // An unlabelled line ending in `:` right after an operative heading: the heading's intro.
    if (!label && !bullet && section.clauses.length === 0 && !section.intro && text.endsWith(':') && levels[0].style === 'number') {
      section.intro = { type: 'paragraph', role: 'intro', content: inlinesOf(text) };
      continue;
    }
    placeClause(levels, label, bullet, text.slice(labelMatch?.[0].length ?? 0), text);
  }
  resolution.sections.forEach((s) => {
    // A lone clause of a section is unlabelled in ITU style; the extraction may have kept its label anyway.
    if (s.clauses.length === 1 && s.clauses[0].label.length > 0 && s.clauses[0].items.length === 0) return;
  });
  return { resolution, footnotes, flattened, ...(proposalLine ? { proposal: { action: proposalLine[1] as NonNullable<Resolution['proposal']>['action'], symbol: proposalLine[2] } } : {}) };
}

/** The next label in a style after `last`: `c)` → `d)`, `ii)` → `iii)`, `9` → `10`. */
function following(style: Level['style'], last: string | undefined): string | undefined {
  if (last === undefined) return style === 'letter' ? 'a)' : style === 'number' ? '1' : style === 'roman' ? 'i)' : undefined;
  if (style === 'number' && /^\d+$/.test(last)) return String(Number(last) + 1);
  if (style === 'letter') return `${letterLabel(letterValue(last.slice(0, -1)) + 1)})`;
  if (style === 'roman') return `${romanLabel(romanValue(last.slice(0, -1)) + 1)})`;
  return undefined;
}

function endsWithColon(clause: Clause | undefined): boolean {
  if (!clause) return false;
  const last = clause.content[clause.content.length - 1];
  return last?.type === 'text' && /:\s*$/.test(last.text);
}

/**
 * Where a line goes: the clause sequence it continues, or a new level of sub-items under the clause
 * above when that one ends in `:` (roman `i)`, letters `a)` under an operative clause, decimals,
 * or `- ` items that carry no label).
 */
function placeClause(levels: Level[], label: string | undefined, bullet: boolean, body: string, whole: string): void {
  const make = (value: string, text: string): Clause => ({ type: 'clause', label: value ? [{ type: 'text', text: value }] : [], ...(value ? { labelKind: labelKindOf(value) } : {}), content: inlinesOf(text), items: [] });
  // From the deepest level up: the first level whose next label this is takes it.
  if (label) {
    for (let depth = levels.length - 1; depth >= 0; depth--) {
      const level = levels[depth];
      if (following(level.style, level.last) === label || (level.style === 'number' && /^\d+\.\d+$/.test(label) && label.startsWith(`${level.last}.`))) {
        if (/^\d+\.\d+$/.test(label) && level.style === 'number') {
          // Decimal paragraphs follow the number they refine, in the same sequence.
          levels.length = depth + 1;
          level.clauses.push(make(label, body));
          return;
        }
        levels.length = depth + 1;
        level.clauses.push(make(label, body));
        level.last = label;
        return;
      }
    }
    const deepest = levels[levels.length - 1];
    const parent = deepest.clauses[deepest.clauses.length - 1];
    const style = label === 'i)' ? 'roman' : label === 'a)' ? 'letter' : /^\d+\.\d+$/.test(label) ? undefined : undefined;
    if (parent && endsWithColon(parent) && style) {
      const sub: Level = { clauses: parent.items, style, last: label };
      parent.items.push(make(label, body));
      levels.push(sub);
      return;
    }
    // A label out of sequence: kept where it stands, in the current level.
    deepest.clauses.push(make(label, body));
    deepest.last = label;
    return;
  }
  const deepest = levels[levels.length - 1];
  const parent = deepest.clauses[deepest.clauses.length - 1];
  if (bullet && parent && endsWithColon(parent)) {
    const sub: Level = { clauses: parent.items, style: 'bullet' };
    parent.items.push(make('-', whole));
    levels.push(sub);
    return;
  }
  if (bullet && deepest.style === 'bullet') {
    deepest.clauses.push(make('-', whole));
    return;
  }
  // No label: a clause of its own (a lone clause, or one whose number the extraction lost).
  levels.length = 1;
  levels[0].clauses.push(make('', whole));
}
