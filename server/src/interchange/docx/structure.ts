// `.docx` → interchange model: the paragraphs Word has, put back into the structure of a
// resolution. Styles of ITU's templates say most; where a document has none, the text does
// (titles, the authority line, heading vocabulary, italic one-line headings, typed labels,
// list numbering, indentation). Nothing is dropped: what cannot be placed stays as text, and
// every guess is reported.

import { classifyHeading } from '../../syntax/vocabulary';
import {
  type Annex,
  type Change,
  type Clause,
  type FrontMatter,
  type Inline,
  type InterchangeDocument,
  type LabelKind,
  type Paragraph,
  type Proposal,
  type ProposalAction,
  type Resolution,
  type Section,
  type TextRun,
  withoutChanges,
} from '../model';
import { readDocx, type RawParagraph } from './ooxml';

export interface DocxImport {
  model: InterchangeDocument;
  /** Information lines: formatting revisions dropped, and what was guessed. */
  notes: string[];
}

export function importDocx(bytes: Uint8Array): DocxImport {
  const raw = readDocx(bytes);
  const footnoteIds = new Map<string, string>();
  // Numeric Word ids keep their order and gaps, counted from 1 (the export writes the markup's ids
  // so; other writers start after their separators); any other ids are numbered in order.
  const referenced = [...new Set(raw.footnoteOrder.filter((id) => raw.footnotes.has(id)))];
  const numeric = referenced.every((id) => /^\d{1,6}$/.test(id));
  const offset = numeric && referenced.length > 0 ? Math.min(...referenced.map(Number)) - 1 : 0;
  referenced.forEach((id, index) => footnoteIds.set(id, numeric ? String(Number(id) - offset) : String(index + 1)));
  if (numeric) referenced.sort((a, b) => Number(a) - Number(b));
  const builder = new StructureBuilder(footnoteIds, raw.paragraphs.some((paragraph) => /^enumlev\d$/.test(paragraph.styleName)));
  for (const paragraph of raw.paragraphs) builder.add(paragraph);
  const model = builder.finish();
  model.footnotes = referenced.map((wordId) => [wordId, footnoteIds.get(wordId) as string] as const).map(([wordId, id]) => ({ id, content: renameFootnotes(trimInlines(raw.footnotes.get(wordId) ?? []), footnoteIds) }));
  // The markup has no author per mark: the front matter's `author` says who made the revisions.
  const author = mostFrequentAuthor(raw.paragraphs);
  if (author && !model.frontMatter?.author && model.frontMatter?.source !== author) model.frontMatter = { ...(model.frontMatter ?? {}), author };
  const notes: string[] = [];
  if (raw.formattingChanges > 0) {
    notes.push(`${raw.formattingChanges} formatting-only revision${raw.formattingChanges === 1 ? ' was' : 's were'} dropped: the markup tracks changes of text, not of formatting.`);
  }
  notes.push(...builder.guesses());
  return { model, notes };
}

function mostFrequentAuthor(paragraphs: readonly RawParagraph[]): string | undefined {
  const counts = new Map<string, number>();
  const count = (change: Change | undefined) => {
    if (change?.author) counts.set(change.author, (counts.get(change.author) ?? 0) + 1);
  };
  for (const paragraph of paragraphs) {
    count(paragraph.markChange);
    for (const inline of paragraph.inlines) if (inline.type === 'text' || inline.type === 'footnote') count(inline.change);
  }
  let best: string | undefined;
  for (const [name, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = name;
  return best;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const PROPOSAL = /^(\(MOD\)|MOD|ADD\*?|SUP\*?|NOC)(?:\s+(\S.*?))?\s*$/;
// In capitals, as titles are printed: `Resolution 45 of WTDC …` starting a sentence is text.
const TITLE = /^(DRAFT\s+)?(NEW\s+)?(RESOLUTION|DECISION|RECOMMENDATION)\b/;
const ANNEX = /^ANNEX\b.*\bTO\s+(DRAFT\s+)?(NEW\s+)?(RESOLUTION|DECISION|RECOMMENDATION)\b/;
const LABEL = /^(?:([a-z]{1,4})\)|(\d{1,3})\)|(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s)|([-\u2013\u2022])(?=\s))[ \t]*/;

interface Line {
  raw: RawParagraph;
  inlines: Inline[];
  amended: string;
  original: string;
  /** The text that decides what the paragraph is: the amended view, or the original for a deletion. */
  text: string;
  change?: Change;
  italicOnly: boolean;
}

class StructureBuilder {
  private readonly document: InterchangeDocument = { blocks: [], footnotes: [] };
  private readonly front: FrontMatter = {};
  private inHeader = true;

  private resolution?: Resolution;
  private annex?: Annex;
  private section?: Section;
  /** The last clause at each depth of the current section. */
  private stack: Clause[] = [];
  private pendingProposal?: Proposal;
  /** The previous paragraph was the title of the current resolution. */
  private afterTitle = false;
  private readonly counts = { italicHeadings: 0, numbered: 0, indented: 0, subtitles: 0, unplaced: 0, meeting: '', source: '' };

  constructor(
    private readonly footnoteIds: Map<string, string>,
    /** The document styles its sub-items (ITU's enumlev styles): a clause in another style is not one. */
    private readonly styledSubItems: boolean,
  ) {}

  add(raw: RawParagraph): void {
    const line = this.line(raw);
    if (line.amended.trim() === '' && line.original.trim() === '' && !line.inlines.some((inline) => inline.type === 'footnote' || inline.type === 'comment')) return;
    const text = line.text.replace(/\s+/g, ' ').trim();
    const style = raw.styleName;
    if (this.inHeader) {
      // Everything before the first proposal, title or heading may be the DT's header.
      const opens = PROPOSAL.test(text) || TITLE.test(text) || ANNEX.test(text) || style === 'resno' || style === 'call' || this.isHeading(line, text);
      if (!opens) {
        this.headerLines.push(line);
        return;
      }
      this.resolveHeader();
    }
    const proposal = PROPOSAL.exec(text);
    if (proposal && style !== 'resno' && text.length < 80) {
      this.flushProposal();
      this.pendingProposal = { action: proposal[1] as ProposalAction, symbol: proposal[2] ?? '' };
      return;
    }
    const named = style === 'restitle' || style === 'res_title' || style === 'annextitle' || style === 'annex_title' || style === 'call';
    if (style === 'annexno' || style === 'annex_no' || (!named && ANNEX.test(text) && text.length < 200)) return this.startAnnex(line);
    if (style === 'resno' || style === 'res_no' || (!named && (TITLE.test(line.amended.trim()) || TITLE.test(line.original.trim())) && text.length < 200 && !/[;,.]$/.test(text))) return this.startResolution(line);
    if (this.annex) {
      if ((style === 'annextitle' || style === 'annex_title') && !this.annex.subtitle && this.annex.paragraphs.length === 0) this.annex.subtitle = line.inlines;
      else this.annex.paragraphs.push(this.paragraph('free', line));
      return;
    }
    const resolution = this.resolution;
    const wasAfterTitle = this.afterTitle;
    this.afterTitle = false;
    if (/^Reasons\s*:/.test(text) || style === 'reasons') {
      const reasons = this.paragraph('reasons', { ...line, inlines: stripPrefix(line.inlines, /^\s*Reasons\s*:\s*/) });
      if (resolution && !resolution.reasons) {
        resolution.reasons = reasons;
        this.section = undefined;
        this.stack = [];
      } else this.document.blocks.push(reasons);
      return;
    }
    if (resolution && !resolution.subtitle && !resolution.authority && resolution.sections.length === 0 && resolution.paragraphs.length === 0) {
      if (style === 'restitle' || style === 'res_title' || (wasAfterTitle && !/^The\s/.test(text) && !this.isHeading(line, text))) {
        if (style !== 'restitle' && style !== 'res_title') this.counts.subtitles++;
        resolution.subtitle = trimInlines(line.inlines);
        if (line.change) resolution.subtitle = withoutChanges(resolution.subtitle);
        this.afterTitle = true;
        return;
      }
    }
    if (resolution && !resolution.authority && resolution.sections.length === 0 && (style === 'normalaftertitle' || /^The\s/.test(text))) {
      resolution.authority = this.paragraph('authority', line);
      return;
    }
    if (this.isHeading(line, text)) return this.startSection(line, text);
    if (this.section) return this.addClause(line);
    const paragraph = this.paragraph('free', line);
    if (resolution) resolution.paragraphs.push(paragraph);
    else {
      this.counts.unplaced++;
      this.document.blocks.push(paragraph);
    }
  }

  finish(): InterchangeDocument {
    if (this.inHeader) this.resolveHeader();
    this.flushProposal();
    if (Object.keys(this.front).length > 0) this.document.frontMatter = this.front;
    return this.document;
  }

  guesses(): string[] {
    const out: string[] = [];
    const { italicHeadings, numbered, indented, subtitles, unplaced, meeting, source } = this.counts;
    if (meeting) out.push(`Took "${meeting}" as the meeting (the first line of the document header).`);
    if (source) out.push(`Took "${source}" as the source (the line after the original language).`);
    if (subtitles) out.push(`Took ${subtitles} line${subtitles === 1 ? '' : 's'} right after a title as the resolution's name (no Restitle style).`);
    if (italicHeadings) out.push(`Took ${italicHeadings} italic one-line paragraph${italicHeadings === 1 ? '' : 's'} as section heading${italicHeadings === 1 ? '' : 's'} (no Call style).`);
    if (numbered) out.push(`Took ${numbered} label${numbered === 1 ? '' : 's'} from Word list numbering.`);
    if (indented) out.push(`Placed ${indented} sub-item${indented === 1 ? '' : 's'} by label and indentation (no enumlev style).`);
    if (unplaced) out.push(`Kept ${unplaced} paragraph${unplaced === 1 ? '' : 's'} outside any resolution as plain text.`);
    return out;
  }

  // ---- lines ---------------------------------------------------------------------------

  private line(raw: RawParagraph): Line {
    let inlines = renameFootnotes(raw.inlines, this.footnoteIds);
    const states = new Set<string>();
    let italicOnly = true;
    for (const inline of inlines) {
      if (inline.type !== 'text' || inline.text.trim() === '') continue;
      states.add(inline.change?.kind ?? 'plain');
      if (!inline.italic && !raw.styleItalic) italicOnly = false;
    }
    let change: Change | undefined;
    if (states.size === 1) {
      const [only] = states;
      if (only === 'insertion' || only === 'deletion') {
        const first = inlines.find((inline): inline is TextRun => inline.type === 'text' && inline.change?.kind === only);
        change = { kind: only, ...(first?.change?.author ? { author: first.change.author } : {}), ...(first?.change?.date ? { date: first.change.date } : {}) };
      }
    } else if (states.size === 0 && raw.markChange) change = raw.markChange;
    if (raw.numbering) {
      this.counts.numbered++;
      inlines = [...numberingLabel(raw.numbering.amended, raw.numbering.original, change), { type: 'text', text: '\t' }, ...inlines];
    }
    const amended = viewText(inlines, 'amended');
    const original = viewText(inlines, 'original');
    return { raw, inlines, amended, original, text: change?.kind === 'deletion' ? original : amended.trim() === '' ? original : amended, ...(change ? { change } : {}), italicOnly: italicOnly && states.size > 0 };
  }

  private readonly headerLines: Line[] = [];

  /**
   * The header block: document number, date, original language by their form; the meeting is
   * the first other line (or the `Head` style's), the source the `Source` style's or the first
   * other line after the language. Lines that are none of these are kept as text.
   */
  private resolveHeader(): void {
    this.inHeader = false;
    const hasFields = this.headerLines.some((line) => this.header(line, true));
    let fieldSeen = false;
    for (const line of this.headerLines) {
      if (hasFields && this.header(line, false)) {
        fieldSeen = true;
        continue;
      }
      const text = line.text.replace(/\s+/g, ' ').trim();
      if (hasFields && !fieldSeen && !this.front.meeting) {
        this.front.meeting = text;
        this.counts.meeting = text;
      } else if (hasFields && !this.front.source && this.front.original !== undefined && text.length < 150) {
        this.front.source = text;
        this.counts.source = text;
      } else {
        this.counts.unplaced++;
        this.document.blocks.push(this.paragraph('free', line));
      }
    }
  }

  private header(line: Line, probe = false): boolean {
    if (probe) {
      const text = line.text.replace(/\s+/g, ' ').trim();
      return /^Document\s+\S+$/i.test(text) || /^Original\s*:/i.test(text) || line.raw.styleName === 'head' || line.raw.styleName === 'source';
    }
    const text = line.text.replace(/\s+/g, ' ').trim();
    const style = line.raw.styleName;
    const headerStyle = style === 'head' || style === 'source' || line.raw.inTable;
    const documentNumber = /^Document\s+(?:No\.?\s*)?(\S+)$/i.exec(text);
    if (documentNumber) return this.field('document', documentNumber[1]);
    const date = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text);
    if (date && MONTHS.includes(date[2].toLowerCase())) {
      const month = MONTHS.indexOf(date[2].toLowerCase()) + 1;
      return this.field('date', `${date[3]}-${String(month).padStart(2, '0')}-${date[1].padStart(2, '0')}`);
    }
    const original = /^Original\s*:\s*(.+)$/i.exec(text);
    if (original) return this.field('original', original[1]);
    if (!headerStyle) return false;
    if (style === 'source') return this.field('source', text);
    const author = /^Author\s*:\s*(.+)$/.exec(text);
    if (author) return this.field('author', author[1]);
    const keyValue = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(text);
    if (keyValue && style === 'head') {
      (this.front.other ??= []).push([keyValue[1], keyValue[2]]);
      return true;
    }
    if (style === 'head' && !this.front.meeting) {
      this.front.meeting = text;
      return true;
    }
    return false;
  }

  private field(key: 'document' | 'date' | 'original' | 'source' | 'author', value: string): boolean {
    if (this.front[key] !== undefined) return false;
    this.front[key] = value.trim();
    return true;
  }

  private isHeading(line: Line, text: string): boolean {
    if (this.annex || text.length > 150 || text === '') return false;
    if (LABEL.test(text) && !line.raw.styleName.startsWith('call')) return false;
    if (line.raw.styleName === 'call') return true;
    if (/[;.,:]$/.test(text)) return false;
    if (line.italicOnly) return true;
    return classifyHeading(text).known;
  }

  // ---- blocks --------------------------------------------------------------------------

  private flushProposal(): void {
    if (!this.pendingProposal) return;
    this.document.blocks.push({ type: 'proposal', proposal: this.pendingProposal });
    this.pendingProposal = undefined;
  }

  private startResolution(line: Line): void {
    const resolution: Resolution = { type: 'resolution', title: trimInlines(line.change ? withoutChanges(line.inlines) : line.inlines), paragraphs: [], sections: [] };
    if (line.change) resolution.change = line.change;
    if (this.pendingProposal) resolution.proposal = this.pendingProposal;
    this.pendingProposal = undefined;
    this.document.blocks.push(resolution);
    this.resolution = resolution;
    this.annex = undefined;
    this.section = undefined;
    this.stack = [];
    this.afterTitle = true;
  }

  private startAnnex(line: Line): void {
    const annex: Annex = { type: 'annex', title: trimInlines(line.inlines), paragraphs: [] };
    if (this.pendingProposal) annex.proposal = this.pendingProposal;
    this.pendingProposal = undefined;
    this.document.blocks.push(annex);
    this.annex = annex;
    this.resolution = undefined;
    this.section = undefined;
    this.stack = [];
  }

  private startSection(line: Line, text: string): void {
    if (line.raw.styleName !== 'call' && line.italicOnly) this.counts.italicHeadings++;
    if (!this.resolution) {
      this.resolution = { type: 'resolution', title: [], paragraphs: [], sections: [] };
      this.document.blocks.push(this.resolution);
    }
    const heading = trimInlines(line.change ? withoutChanges(line.inlines) : line.inlines).map((inline) => (inline.type === 'text' ? { ...inline, italic: true } : inline));
    const section: Section = { type: 'section', heading, clauses: [] };
    if (line.change) section.change = line.change;
    void text;
    this.resolution.sections.push(section);
    this.section = section;
    this.stack = [];
  }

  private addClause(line: Line): void {
    const section = this.section as Section;
    const { label, content, value, kind } = splitLabel(line);
    const clause: Clause = { type: 'clause', label, content, items: [] };
    if (kind) clause.labelKind = kind;
    if (line.change) clause.change = line.change;
    if (this.pendingProposal) clause.proposal = this.pendingProposal;
    this.pendingProposal = undefined;
    // An unlabelled first paragraph ending in `:` is the section's intro or a clause with sub-items:
    // the markup tells them apart by what follows, so it is left a clause here.
    this.indents.set(clause, line.raw.indent);
    const depth = this.depthOf(line, value, kind);
    if (depth === 0 || this.stack.length === 0) {
      section.clauses.push(clause);
      this.stack = [clause];
      return;
    }
    const parentDepth = Math.min(depth, this.stack.length) - 1;
    this.stack[parentDepth].items.push(clause);
    this.stack = [...this.stack.slice(0, parentDepth + 1), clause];
  }

  private depthOf(line: Line, value: string, kind: LabelKind | undefined): number {
    const style = line.raw.styleName;
    const enumlev = /^enumlev(\d)$/.exec(style);
    if (enumlev) return Number(enumlev[1]);
    if (line.raw.numbering) return line.raw.numbering.level;
    if (!kind || this.stack.length === 0 || this.styledSubItems) return 0;
    const top = this.stack[0];
    const topIndent = this.indentOf(top);
    // Deeper indentation than the clause above: a sub-item of it.
    if (line.raw.indent > topIndent + 200 && this.stack.length > 0) {
      this.counts.indented++;
      let depth = 1;
      for (let d = 1; d < this.stack.length; d++) if (line.raw.indent > this.indentOf(this.stack[d]) + 200) depth = d + 1;
      return depth;
    }
    const topKind = top.labelKind;
    const operative = classifyHeading(viewText(this.section?.heading ?? [], 'amended').trim()).kind === 'operative';
    const sub = (kind === 'roman' && !(topKind === 'letter' && [labelValue(top, 'amended'), labelValue(top, 'original')].includes(previousLetter(value)))) || kind === 'parenNumber' || kind === 'bullet' || (operative && kind === 'letter' && (topKind === 'number' || topKind === 'decimal'));
    if (sub) {
      this.counts.indented++;
      return 1;
    }
    return 0;
  }

  private readonly indents = new WeakMap<Clause, number>();

  private indentOf(clause: Clause): number {
    return this.indents.get(clause) ?? 0;
  }

  private paragraph(role: Paragraph['role'], line: Line): Paragraph {
    const paragraph: Paragraph = { type: 'paragraph', role, content: trimInlines(line.change ? withoutChanges(line.inlines) : line.inlines) };
    if (line.change) paragraph.change = line.change;
    return paragraph;
  }
}

function previousLetter(value: string): string {
  if (value.length !== 1 || value < 'b') return '';
  return String.fromCharCode(value.charCodeAt(0) - 1);
}

function labelValue(clause: Clause, view: 'amended' | 'original'): string {
  return viewText(clause.label, view).replace(/\)\s*$/, '').trim();
}

/** Word's list label in each view as label runs: `{--b--}{++c++})` when it changed. */
function numberingLabel(amended: string, original: string, change: Change | undefined): Inline[] {
  if (amended === original || change) return [{ type: 'text', text: change?.kind === 'deletion' ? original : amended }];
  let suffix = 0;
  while (suffix < amended.length && suffix < original.length && amended[amended.length - 1 - suffix] === original[original.length - 1 - suffix]) suffix++;
  const out: Inline[] = [];
  const oldPart = original.slice(0, original.length - suffix);
  const newPart = amended.slice(0, amended.length - suffix);
  if (oldPart) out.push({ type: 'text', text: oldPart, change: { kind: 'deletion' } });
  if (newPart) out.push({ type: 'text', text: newPart, change: { kind: 'insertion' } });
  if (suffix > 0) out.push({ type: 'text', text: amended.slice(amended.length - suffix) });
  return out;
}

/** Splits a clause paragraph into its label and its text, in both views at once. */
function splitLabel(line: Line): { label: Inline[]; content: Inline[]; value: string; kind?: LabelKind } {
  const inlines = line.change ? withoutChanges(line.inlines) : line.inlines;
  const amended = line.change ? (line.change.kind === 'insertion' ? viewText(inlines, 'amended') : '') : line.amended;
  const original = line.change ? (line.change.kind === 'deletion' ? viewText(inlines, 'amended') : '') : line.original;
  const leading = (text: string) => text.length - text.trimStart().length;
  const matchA = line.change?.kind === 'deletion' ? null : LABEL.exec(amended.trimStart());
  const matchO = line.change ? null : LABEL.exec(original.trimStart());
  const decisive = matchA ?? (line.change?.kind === 'deletion' ? LABEL.exec(viewText(inlines, 'amended').trimStart()) : matchO);
  if (!decisive) return { label: [], content: trimInlines(inlines), value: '' };
  const amendedLength = line.change?.kind === 'deletion' ? leading(viewText(inlines, 'amended')) + decisive[0].length : matchA ? leading(amended) + matchA[0].length : 0;
  const originalLength = line.change ? 0 : matchO ? leading(original) + matchO[0].length : 0;
  const [head, tail] = splitAt(inlines, amendedLength, line.change ? amendedLength : originalLength, !!line.change);
  const value = decisive[1] ?? decisive[2] ?? decisive[3] ?? '-';
  let kind: LabelKind;
  if (decisive[4]) kind = 'bullet';
  else if (decisive[3]) kind = decisive[3].includes('.') ? 'decimal' : 'number';
  else if (decisive[2]) kind = 'parenNumber';
  else kind = /^[ivxlcdm]+$/.test(value) && value !== 'c' && value !== 'd' && value !== 'l' && value !== 'm' ? 'roman' : 'letter';
  const label = trimInlines(head).map((inline) => (inline.type === 'text' && kind === 'bullet' ? { ...inline, text: inline.text.replace(/[\u2013\u2022]/, '-') } : inline));
  return { label, content: trimInlines(tail), value, kind };
}

/** Cuts inline content after `amended` characters of the amended view and `original` of the original. */
function splitAt(inlines: readonly Inline[], amended: number, original: number, single: boolean): [Inline[], Inline[]] {
  const head: Inline[] = [];
  const tail: Inline[] = [];
  let a = 0;
  let o = 0;
  let closed = amended === 0 && original === 0;
  for (const inline of inlines) {
    if (closed || inline.type !== 'text') {
      (closed ? tail : head).push(inline);
      continue;
    }
    const inAmended = single || inline.change?.kind !== 'deletion';
    const inOriginal = !single && inline.change?.kind !== 'insertion';
    let cut = 0;
    while (cut < inline.text.length) {
      // A character goes to the label while a view it shows in still needs characters.
      if (!((inAmended && a < amended) || (inOriginal && o < original))) {
        closed = true;
        break;
      }
      if (inAmended) a++;
      if (inOriginal) o++;
      cut++;
      if (a >= amended && o >= original) {
        closed = true;
        break;
      }
    }
    if (cut > 0) head.push({ ...inline, text: inline.text.slice(0, cut) });
    if (cut < inline.text.length) tail.push({ ...inline, text: inline.text.slice(cut) });
  }
  return [head, tail];
}

function viewText(content: readonly Inline[], view: 'amended' | 'original'): string {
  let out = '';
  for (const inline of content) {
    if (inline.type === 'text') {
      if (!inline.change || (inline.change.kind === 'insertion') === (view === 'amended')) out += inline.text;
    } else if (inline.type === 'footnote') {
      if (!inline.change || (inline.change.kind === 'insertion') === (view === 'amended')) out += `[^${inline.id}]`;
    } else if (inline.type === 'substitution') out += viewText(view === 'amended' ? inline.inserted : inline.deleted, view);
  }
  return out;
}

function renameFootnotes(content: readonly Inline[], ids: Map<string, string>): Inline[] {
  return content.map((inline) => (inline.type === 'footnote' ? { ...inline, id: ids.get(inline.id) ?? inline.id } : inline));
}

/** Without the blanks and tabs at either end. */
function trimInlines(content: readonly Inline[]): Inline[] {
  const out = content.map((inline) => (inline.type === 'text' ? { ...inline, text: inline.text.replace(/\t/g, ' ') } : inline));
  while (out.length > 0) {
    const first = out[0];
    if (first.type !== 'text') break;
    const trimmed = first.text.replace(/^\s+/, '');
    if (trimmed !== '') {
      out[0] = { ...first, text: trimmed };
      break;
    }
    out.shift();
  }
  while (out.length > 0) {
    const last = out[out.length - 1];
    if (last.type !== 'text') break;
    const trimmed = last.text.replace(/\s+$/, '');
    if (trimmed !== '') {
      out[out.length - 1] = { ...last, text: trimmed };
      break;
    }
    out.pop();
  }
  return out;
}

function stripPrefix(content: readonly Inline[], prefix: RegExp): Inline[] {
  const out = [...content];
  const first = out.findIndex((inline) => inline.type !== 'text' || inline.text.trim() !== '');
  if (first < 0) return out;
  const inline = out[first];
  if (inline.type !== 'text') return out;
  const match = prefix.exec(inline.text);
  if (!match) return out;
  out[first] = { ...inline, text: inline.text.slice(match[0].length) };
  return out.slice(first);
}
