// Reading a Word package: its parts (fflate), the body's paragraphs with their runs and tracked
// changes (w:ins, w:del, moves, paragraph marks, table rows), footnotes, comments, styles
// and list numbering. What is read here has no structure yet: see structure.ts.

import { strFromU8, unzipSync } from 'fflate';
import { letterLabel, romanLabel } from '../../syntax/labels';
import type { Change, Inline, TextRun } from '../model';
import { attribute, child, elements, parseXml, textOf, toggle, XmlError, type XmlElement } from './xml';

/** The file cannot be read as a Word document; the message says why. */
export class DocxError extends Error {}

export interface RawParagraph {
  styleId?: string;
  /** Display name of the style (`Call`, `enumlev1`), lower-cased. */
  styleName: string;
  /** The style (or its bases) sets italics. */
  styleItalic: boolean;
  /** Left indentation in twips, from the paragraph or its style. */
  indent: number;
  /** Word list numbering: the label Word would show in each view, and the list level. */
  numbering?: { amended: string; original: string; level: number; format: string };
  /** The paragraph mark is inserted or deleted. */
  markChange?: Change;
  inlines: Inline[];
  inTable: boolean;
}

export interface RawDocument {
  paragraphs: RawParagraph[];
  /** Footnote text by the id the body refers to. */
  footnotes: Map<string, Inline[]>;
  /** Revisions that change formatting only (w:rPrChange, w:pPrChange …): dropped, counted. */
  formattingChanges: number;
  /** Footnote references in body order. */
  footnoteOrder: string[];
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export function readPackage(bytes: Uint8Array): Record<string, Uint8Array> {
  if (bytes.length >= 4 && OLE_MAGIC.every((value, index) => bytes[index] === value)) {
    throw new DocxError('the file is encrypted (password-protected) or an old binary .doc file; open it in Word, remove the password or save it as .docx, and import that');
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocxError('the file is not a Word document (.docx files are zip packages)');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name.startsWith('word/') || file.name === '[Content_Types].xml' || file.name === 'EncryptionInfo' });
  } catch (error) {
    throw new DocxError(`the file is damaged: its zip package cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (files['EncryptionInfo']) throw new DocxError('the file is encrypted (password-protected); remove the password in Word and import again');
  if (!files['word/document.xml']) throw new DocxError('the file is not a Word document: it has no word/document.xml part');
  return files;
}

function part(files: Record<string, Uint8Array>, name: string): XmlElement | undefined {
  const data = files[name];
  if (!data) return undefined;
  try {
    return parseXml(strFromU8(data));
  } catch (error) {
    throw new DocxError(`the file is damaged: ${name} is not well-formed XML (${error instanceof XmlError ? error.message : String(error)})`);
  }
}

interface StyleInfo {
  name: string;
  basedOn?: string;
  italic?: boolean;
  indent?: number;
  numId?: string;
  level?: number;
}

interface Level {
  format: string;
  text: string;
  start: number;
}

export function readDocx(bytes: Uint8Array): RawDocument {
  const files = readPackage(bytes);
  const documentXml = part(files, 'word/document.xml');
  const body = child(documentXml, 'w:body');
  if (!documentXml || !body) throw new DocxError('the file is damaged: word/document.xml has no body');
  const reader = new BodyReader(readStyles(part(files, 'word/styles.xml')), readNumbering(part(files, 'word/numbering.xml')), readComments(part(files, 'word/comments.xml')));
  reader.readBlocks(body, false, undefined);
  const footnotes = new Map<string, Inline[]>();
  const footnotesXml = part(files, 'word/footnotes.xml');
  for (const note of footnotesXml ? elements(footnotesXml, 'w:footnote') : []) {
    const type = attribute(note, 'w:type');
    if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
    const id = attribute(note, 'w:id');
    if (id === undefined) continue;
    const noteReader = new BodyReader(reader.styles, reader.numbering, reader.comments);
    noteReader.readBlocks(note, false, undefined);
    const content: Inline[] = [];
    for (const paragraph of noteReader.paragraphs) {
      if (content.length > 0) content.push({ type: 'text', text: ' ' });
      content.push(...paragraph.inlines);
    }
    footnotes.set(id, content);
    reader.formattingChanges += noteReader.formattingChanges;
  }
  return { paragraphs: reader.paragraphs, footnotes, formattingChanges: reader.formattingChanges, footnoteOrder: reader.footnoteOrder };
}

function readStyles(xml: XmlElement | undefined): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  for (const style of xml ? elements(xml, 'w:style') : []) {
    const id = attribute(style, 'w:styleId');
    if (!id) continue;
    const pPr = child(style, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const left = attribute(child(pPr, 'w:ind'), 'w:left') ?? attribute(child(pPr, 'w:ind'), 'w:start');
    styles.set(id, {
      name: (attribute(child(style, 'w:name'), 'w:val') ?? id).toLowerCase(),
      basedOn: attribute(child(style, 'w:basedOn'), 'w:val'),
      italic: toggle(child(child(style, 'w:rPr'), 'w:i')),
      indent: left !== undefined ? Number(left) || 0 : undefined,
      numId: attribute(child(numPr, 'w:numId'), 'w:val'),
      level: numPr ? Number(attribute(child(numPr, 'w:ilvl'), 'w:val') ?? 0) : undefined,
    });
  }
  return styles;
}

interface Numbering {
  /** numId → its levels (from its abstract numbering, with overrides). */
  levels: Map<string, Level[]>;
}

function readNumbering(xml: XmlElement | undefined): Numbering {
  const abstract = new Map<string, Level[]>();
  const levelsOf = (node: XmlElement): Level[] => {
    const out: Level[] = [];
    for (const level of elements(node, 'w:lvl')) {
      const index = Number(attribute(level, 'w:ilvl') ?? 0);
      out[index] = {
        format: attribute(child(level, 'w:numFmt'), 'w:val') ?? 'decimal',
        text: attribute(child(level, 'w:lvlText'), 'w:val') ?? `%${index + 1}.`,
        start: Number(attribute(child(level, 'w:start'), 'w:val') ?? 1),
      };
    }
    return out;
  };
  for (const node of xml ? elements(xml, 'w:abstractNum') : []) abstract.set(attribute(node, 'w:abstractNumId') ?? '', levelsOf(node));
  const levels = new Map<string, Level[]>();
  for (const num of xml ? elements(xml, 'w:num') : []) {
    const id = attribute(num, 'w:numId');
    if (!id) continue;
    const base = [...(abstract.get(attribute(child(num, 'w:abstractNumId'), 'w:val') ?? '') ?? [])];
    for (const override of elements(num, 'w:lvlOverride')) {
      const index = Number(attribute(override, 'w:ilvl') ?? 0);
      const own = child(override, 'w:lvl');
      if (own) base[index] = levelsOf({ ...override, children: [{ ...own, attributes: { ...own.attributes, 'w:ilvl': String(index) } }] })[index];
      const start = attribute(child(override, 'w:startOverride'), 'w:val');
      if (start !== undefined && base[index]) base[index] = { ...base[index], start: Number(start) };
    }
    levels.set(id, base);
  }
  return { levels };
}

function readComments(xml: XmlElement | undefined): Map<string, { text: string; author?: string; date?: string }> {
  const comments = new Map<string, { text: string; author?: string; date?: string }>();
  for (const comment of xml ? elements(xml, 'w:comment') : []) {
    const id = attribute(comment, 'w:id');
    if (id === undefined) continue;
    const text = elements(comment, 'w:p')
      .map((p) => paragraphPlainText(p))
      .join(' ')
      .trim();
    comments.set(id, { text, author: attribute(comment, 'w:author'), date: attribute(comment, 'w:date') });
  }
  return comments;
}

function paragraphPlainText(node: XmlElement): string {
  let out = '';
  for (const part of node.children) {
    if (typeof part === 'string') continue;
    if (part.name === 'w:t') out += textOf(part);
    else if (part.name === 'w:tab') out += ' ';
    else if (part.name !== 'w:delText' && part.name !== 'w:instrText') out += paragraphPlainText(part);
  }
  return out;
}

function changeOf(node: XmlElement, kind: Change['kind']): Change {
  const change: Change = { kind };
  const author = attribute(node, 'w:author');
  const date = attribute(node, 'w:date');
  if (author) change.author = author;
  if (date) change.date = date;
  return change;
}

const FORMATTING_CHANGES = new Set(['w:rPrChange', 'w:pPrChange', 'w:sectPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange', 'w:tblGridChange', 'w:numberingChange']);

class BodyReader {
  readonly paragraphs: RawParagraph[] = [];
  formattingChanges = 0;
  readonly footnoteOrder: string[] = [];
  /** Numbering counters per list and level, in each view. */
  private readonly counters = { amended: new Map<string, number[]>(), original: new Map<string, number[]>() };
  /** Comments whose range is open, by id. */
  private readonly openComments = new Set<string>();

  constructor(
    readonly styles: Map<string, StyleInfo>,
    readonly numbering: Numbering,
    readonly comments: Map<string, { text: string; author?: string; date?: string }>,
  ) {}

  readBlocks(node: XmlElement, inTable: boolean, rowChange: Change | undefined): void {
    for (const item of node.children) {
      if (typeof item === 'string') continue;
      switch (item.name) {
        case 'w:p':
          this.paragraph(item, inTable, rowChange);
          break;
        case 'w:tbl':
          for (const row of elements(item, 'w:tr')) {
            const trPr = child(row, 'w:trPr');
            const inserted = child(trPr, 'w:ins');
            const deleted = child(trPr, 'w:del');
            const change = deleted ? changeOf(deleted, 'deletion') : inserted ? changeOf(inserted, 'insertion') : rowChange;
            for (const cell of elements(row, 'w:tc')) this.readBlocks(cell, true, change);
            this.countFormatting(trPr);
          }
          this.countFormatting(child(item, 'w:tblPr'));
          break;
        case 'w:sdt':
          this.readBlocks(child(item, 'w:sdtContent') ?? item, inTable, rowChange);
          break;
        case 'w:customXml':
        case 'w:ins':
        case 'w:moveTo':
          this.readBlocks(item, inTable, item.name === 'w:customXml' ? rowChange : changeOf(item, 'insertion'));
          break;
        case 'w:del':
        case 'w:moveFrom':
          this.readBlocks(item, inTable, changeOf(item, 'deletion'));
          break;
        case 'mc:AlternateContent':
          this.readBlocks(child(item, 'mc:Choice') ?? child(item, 'mc:Fallback') ?? item, inTable, rowChange);
          break;
        default:
          break;
      }
    }
  }

  private countFormatting(node: XmlElement | undefined): void {
    if (!node) return;
    for (const item of node.children) if (typeof item !== 'string' && FORMATTING_CHANGES.has(item.name)) this.formattingChanges++;
  }

  private styleChain(id: string | undefined): StyleInfo[] {
    const out: StyleInfo[] = [];
    const seen = new Set<string>();
    for (let current = id; current && !seen.has(current); ) {
      seen.add(current);
      const style = this.styles.get(current);
      if (!style) break;
      out.push(style);
      current = style.basedOn;
    }
    return out;
  }

  private paragraph(node: XmlElement, inTable: boolean, rowChange: Change | undefined): void {
    const pPr = child(node, 'w:pPr');
    this.countFormatting(pPr);
    this.countFormatting(child(pPr, 'w:rPr'));
    const styleId = attribute(child(pPr, 'w:pStyle'), 'w:val');
    const chain = this.styleChain(styleId);
    const markRpr = child(pPr, 'w:rPr');
    const markInserted = child(markRpr, 'w:ins') ?? child(markRpr, 'w:moveTo');
    const markDeleted = child(markRpr, 'w:del') ?? child(markRpr, 'w:moveFrom');
    const markChange = markDeleted ? changeOf(markDeleted, 'deletion') : markInserted ? changeOf(markInserted, 'insertion') : rowChange;
    const indentNode = child(pPr, 'w:ind');
    const ownIndent = attribute(indentNode, 'w:left') ?? attribute(indentNode, 'w:start');
    const indent = ownIndent !== undefined ? Number(ownIndent) || 0 : chain.find((style) => style.indent !== undefined)?.indent ?? 0;
    const inlines: Inline[] = [];
    this.runs(node, inlines, rowChange, false);
    const raw: RawParagraph = {
      ...(styleId ? { styleId } : {}),
      styleName: chain[0]?.name ?? (styleId ?? 'normal').toLowerCase(),
      styleItalic: chain.find((style) => style.italic !== undefined)?.italic ?? false,
      indent,
      inlines,
      inTable,
      ...(markChange ? { markChange } : {}),
    };
    const numPr = child(pPr, 'w:numPr');
    const numId = numPr ? attribute(child(numPr, 'w:numId'), 'w:val') : chain.find((style) => style.numId !== undefined)?.numId;
    const level = numPr ? Number(attribute(child(numPr, 'w:ilvl'), 'w:val') ?? 0) : chain.find((style) => style.level !== undefined)?.level ?? 0;
    if (numId && numId !== '0') {
      const numbering = this.number(numId, level, raw);
      if (numbering) raw.numbering = numbering;
    }
    this.paragraphs.push(raw);
  }

  /** The label Word shows for a numbered paragraph, counted in each view separately. */
  private number(numId: string, level: number, paragraph: RawParagraph): RawParagraph['numbering'] {
    const levels = this.numbering.levels.get(numId);
    if (!levels || !levels[level]) return undefined;
    const deletedWhole = paragraph.markChange?.kind === 'deletion';
    const insertedWhole = paragraph.markChange?.kind === 'insertion';
    const label = (view: 'amended' | 'original', counts: boolean): string => {
      const table = this.counters[view];
      const counters = table.get(numId) ?? [];
      table.set(numId, counters);
      if (counts) {
        counters[level] = counters[level] === undefined ? levels[level].start : counters[level] + 1;
        counters.length = level + 1;
      }
      return levels[level].text.replace(/%(\d)/g, (_m, n: string) => {
        const index = Number(n) - 1;
        const value = counters[index] ?? levels[index]?.start ?? 1;
        return formatNumber(value, levels[index]?.format ?? 'decimal');
      });
    };
    if (levels[level].format === 'bullet') return { amended: '-', original: '-', level, format: 'bullet' };
    const amended = label('amended', !deletedWhole);
    const original = label('original', !insertedWhole);
    return { amended: deletedWhole ? original : amended, original: insertedWhole ? amended : original, level, format: levels[level].format };
  }

  /** The runs of a paragraph (or of an element inside one), in order. */
  private runs(node: XmlElement, out: Inline[], change: Change | undefined, moved: boolean): void {
    for (const item of node.children) {
      if (typeof item === 'string') continue;
      switch (item.name) {
        case 'w:r':
          this.run(item, out, change);
          break;
        case 'w:ins':
          this.runs(item, out, changeOf(item, 'insertion'), moved);
          break;
        case 'w:del':
          this.runs(item, out, changeOf(item, 'deletion'), moved);
          break;
        case 'w:moveTo':
          this.runs(item, out, changeOf(item, 'insertion'), true);
          break;
        case 'w:moveFrom':
          this.runs(item, out, changeOf(item, 'deletion'), true);
          break;
        case 'w:hyperlink':
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:fldSimple':
        case 'w:bdo':
        case 'w:dir':
          this.runs(item, out, change, moved);
          break;
        case 'w:sdt':
          this.runs(child(item, 'w:sdtContent') ?? item, out, change, moved);
          break;
        case 'mc:AlternateContent':
          this.runs(child(item, 'mc:Choice') ?? child(item, 'mc:Fallback') ?? item, out, change, moved);
          break;
        case 'w:commentRangeStart': {
          const id = attribute(item, 'w:id');
          if (id !== undefined) this.openComments.add(id);
          break;
        }
        case 'w:commentRangeEnd': {
          const id = attribute(item, 'w:id');
          if (id !== undefined) this.openComments.delete(id);
          break;
        }
        default:
          break;
      }
    }
  }

  private run(node: XmlElement, out: Inline[], change: Change | undefined): void {
    const rPr = child(node, 'w:rPr');
    this.countFormatting(rPr);
    const italic = toggle(child(rPr, 'w:i')) ?? false;
    const bold = toggle(child(rPr, 'w:b')) ?? false;
    const highlightValue = attribute(child(rPr, 'w:highlight'), 'w:val');
    const highlight = (highlightValue !== undefined && highlightValue !== 'none') || this.openComments.size > 0;
    const vanish = toggle(child(rPr, 'w:vanish')) ?? false;
    if (vanish) return;
    const push = (text: string) => {
      if (text === '') return;
      const last = out[out.length - 1];
      if (last && last.type === 'text' && !!last.italic === italic && !!last.bold === bold && !!last.highlight === highlight && sameChange(last.change, change)) {
        last.text += text;
        return;
      }
      const run: TextRun = { type: 'text', text };
      if (italic) run.italic = true;
      if (bold) run.bold = true;
      if (highlight) run.highlight = true;
      if (change) run.change = change;
      out.push(run);
    };
    for (const item of node.children) {
      if (typeof item === 'string') continue;
      switch (item.name) {
        case 'w:t':
        case 'w:delText':
          push(textOf(item));
          break;
        case 'w:tab':
        case 'w:ptab':
          push('\t');
          break;
        case 'w:br':
        case 'w:cr':
          push(' ');
          break;
        case 'w:noBreakHyphen':
          push('\u2011');
          break;
        case 'w:sym': {
          const code = attribute(item, 'w:char');
          if (code && /^[0-9A-Fa-f]{1,4}$/.test(code)) {
            const value = parseInt(code, 16);
            push(String.fromCharCode(value >= 0xf000 ? value - 0xf000 : value));
          }
          break;
        }
        case 'w:footnoteReference': {
          const id = attribute(item, 'w:id');
          if (id === undefined) break;
          this.footnoteOrder.push(id);
          out.push(change ? { type: 'footnote', id, change } : { type: 'footnote', id });
          break;
        }
        case 'w:commentReference': {
          const id = attribute(item, 'w:id');
          const comment = id !== undefined ? this.comments.get(id) : undefined;
          if (comment && comment.text !== '') out.push({ type: 'comment', text: comment.text, ...(comment.author ? { author: comment.author } : {}), ...(comment.date ? { date: comment.date } : {}) });
          break;
        }
        default:
          break;
      }
    }
  }
}

function sameChange(a: Change | undefined, b: Change | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && a.author === b.author && a.date === b.date;
}

export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
    case 'upperLetter': {
      const letter = letterLabel(value);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = romanLabel(value);
      return format === 'upperRoman' ? roman.toUpperCase() : roman;
    }
    case 'bullet':
      return '-';
    case 'none':
      return '';
    default:
      return String(value);
  }
}
