// `.reso` → `.docx`: the parsed document (through the interchange model) as a Word file whose
// revision marks are real Word revisions, so that Accept All gives the amended view and
// Reject All the original. Pure: bytes out, no file system.

import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  FootnoteReference,
  FootnoteReferenceRun,
  InsertedTextRun,
  Packer,
  Paragraph,
  Tab,
  TextRun,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
import type { ParsedDocument } from '../../syntax';
import { modelFromParsed } from '../fromReso';
import type { Annex, Change, Clause, Inline, InterchangeDocument, Paragraph as ModelParagraph, Proposal, Resolution, Section, TextRun as ModelRun } from '../model';
import { CLAUSE_INDENT, DEFAULT_STYLES, PARAGRAPH_STYLES, STYLE } from './styles';

export interface DocxExportOptions {
  /** A `.docx` whose styles the export takes (`--template`). */
  template?: Uint8Array;
  /** The time written on revisions when the front matter has no date. */
  now?: Date;
}

export interface DocxExport {
  bytes: Uint8Array;
  /** What the export could not carry over, one line each. */
  warnings: string[];
}

export class TemplateError extends Error {}

export async function exportDocx(parsed: ParsedDocument, options: DocxExportOptions = {}): Promise<DocxExport> {
  const model = modelFromParsed(parsed);
  const writer = new DocxWriter(model, options);
  const document = writer.document();
  const bytes = await Packer.pack(document, 'uint8array');
  return { bytes, warnings: writer.warnings };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2014-11-02` → `2 November 2014`, as a DT header writes it. */
export function headerDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return iso;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** A paragraph to write: its options, the change of its text when changed whole, and of its mark. */
interface ParagraphSpec {
  options: IParagraphOptions;
  change?: Change;
  markChange?: Change;
}

/** How a proposal's text is written: with its revisions (MOD), or clean as it will read (ADD, (MOD), NOC). */
type Mode = 'tracked' | 'clean';

class DocxWriter {
  readonly warnings: string[] = [];
  private revisionId = 1;
  private readonly author: string;
  private readonly date: string;
  private readonly footnoteNumbers = new Map<string, number>();
  private readonly referencedFootnotes = new Set<string>();
  private readonly comments: Array<{ id: number; author: string; date: Date; children: Paragraph[] }> = [];

  constructor(
    private readonly model: InterchangeDocument,
    private readonly options: DocxExportOptions,
  ) {
    const front = model.frontMatter ?? {};
    this.author = front.author?.trim() || front.source?.trim() || 'Unknown author';
    const day = front.date && /^\d{4}-\d{2}-\d{2}$/.test(front.date) ? front.date : undefined;
    this.date = day ? `${day}T00:00:00Z` : (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // A numeric footnote id is kept as Word's, so that the import gives the same ids back; others take free numbers.
    const used = new Set<number>();
    for (const footnote of model.footnotes) {
      if (/^[1-9]\d{0,5}$/.test(footnote.id) && !this.footnoteNumbers.has(footnote.id)) {
        this.footnoteNumbers.set(footnote.id, Number(footnote.id));
        used.add(Number(footnote.id));
      }
    }
    let next = 1;
    for (const footnote of model.footnotes) {
      if (this.footnoteNumbers.has(footnote.id)) continue;
      while (used.has(next)) next++;
      this.footnoteNumbers.set(footnote.id, next);
      used.add(next);
    }
  }

  document(): Document {
    const body: ParagraphSpec[] = [...this.header()];
    for (const block of this.model.blocks) {
      switch (block.type) {
        case 'resolution':
          body.push(...this.resolution(block));
          break;
        case 'annex':
          body.push(...this.annex(block));
          break;
        case 'paragraph':
          body.push(...this.paragraph(block, STYLE.text, 'tracked'));
          break;
        case 'proposal':
          body.push(this.proposal(block.proposal));
          break;
        case 'comment':
          // `<!-- … -->` notes belong to the source, like comments in code: a DT does not print them.
          break;
      }
    }
    const footnotes: Record<string, { children: Paragraph[] }> = {};
    for (const footnote of this.model.footnotes) {
      const number = this.footnoteNumbers.get(footnote.id);
      if (number === undefined || footnotes[number]) continue;
      if (!this.referencedFootnotes.has(footnote.id)) {
        // Word has no footnote without a reference: the definition stays in the text, as the markup writes it.
        this.warnings.push(`footnote [^${footnote.id}] is never referenced; it is written as a paragraph at the end`);
        body.push({ options: { style: STYLE.text, children: [new TextRun(`[^${footnote.id}]: `), ...this.runs(footnote.content, 'tracked', undefined)] } });
        continue;
      }
      footnotes[number] = { children: [new Paragraph({ children: this.runs(footnote.content, 'tracked', undefined) })] };
    }
    const styles = this.styles();
    return new Document({
      creator: this.author,
      title: this.title(),
      ...(styles.external ? { externalStyles: styles.external } : {}),
      styles: { default: DEFAULT_STYLES, paragraphStyles: styles.own },
      features: { trackRevisions: false },
      comments: { children: this.comments },
      footnotes,
      sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1134, right: 1134 } } }, children: this.paragraphs(body) }],
    });
  }

  private title(): string {
    const first = this.model.blocks.find((block): block is Resolution => block.type === 'resolution');
    return first ? plain(first.title) : '';
  }

  /** Styles of the template (when one is given) with ours for the constructs it does not style. */
  private styles(): { external?: string; own: typeof PARAGRAPH_STYLES } {
    if (!this.options.template) return { own: PARAGRAPH_STYLES };
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(this.options.template, { filter: (file) => file.name === 'word/styles.xml' });
    } catch (error) {
      throw new TemplateError(`the template is not a Word document (${error instanceof Error ? error.message : String(error)})`);
    }
    const styles = files['word/styles.xml'];
    if (!styles) throw new TemplateError('the template has no styles (word/styles.xml is missing)');
    const xml = strFromU8(styles);
    const own = PARAGRAPH_STYLES.filter((style) => !xml.includes(`w:styleId="${style.id}"`));
    return { external: xml, own };
  }

  // ---- blocks ------------------------------------------------------------------------------

  private header(): ParagraphSpec[] {
    const front = this.model.frontMatter;
    if (!front) return [];
    const out: ParagraphSpec[] = [];
    const head = (text: string) => out.push({ options: { style: STYLE.header, children: [new TextRun(text)] } });
    if (front.meeting) head(front.meeting);
    if (front.document) head(`Document ${front.document}`);
    if (front.date) head(headerDate(front.date));
    if (front.original) head(`Original: ${front.original}`);
    if (front.author) head(`Author: ${front.author}`);
    for (const [key, value] of front.other ?? []) head(`${key}: ${value}`);
    if (front.source) out.push({ options: { style: STYLE.source, children: [new TextRun(front.source)] } });
    return out;
  }

  private proposal(proposal: Proposal): ParagraphSpec {
    const children: ParagraphChild[] = [new TextRun(proposal.action)];
    if (proposal.symbol) children.push(new TextRun({ children: [new Tab(), proposal.symbol] }));
    return { options: { style: STYLE.proposal, children } };
  }

  private resolution(resolution: Resolution): ParagraphSpec[] {
    const action = resolution.proposal?.action;
    const mode: Mode = action === undefined || action === 'MOD' ? 'tracked' : 'clean';
    const out: ParagraphSpec[] = [];
    if (resolution.proposal) out.push(this.proposal(resolution.proposal));
    const inherited = resolution.change;
    out.push(...this.line(resolution.title, STYLE.title, mode, inherited));
    if (action === 'SUP' || action === 'SUP*') {
      // A suppression gives the symbol, the title and the reasons only.
      const dropped = (resolution.subtitle ? 1 : 0) + (resolution.authority ? 1 : 0) + resolution.paragraphs.length + resolution.sections.length;
      if (dropped > 0) this.warnings.push(`${action} ${resolution.proposal?.symbol ?? ''}: the text of the suppressed resolution is not exported (a suppression gives its symbol, title and reasons)`.replace('  ', ' '));
      if (resolution.reasons) out.push(...this.reasons(resolution.reasons, mode, inherited));
      return out;
    }
    if (resolution.subtitle) out.push(...this.line(resolution.subtitle, STYLE.name, mode, inherited));
    if (resolution.authority) out.push(...this.paragraph(resolution.authority, STYLE.authority, mode, inherited));
    for (const paragraph of resolution.paragraphs) out.push(...this.paragraph(paragraph, STYLE.text, mode, inherited));
    for (const section of resolution.sections) out.push(...this.section(section, mode, inherited));
    if (resolution.reasons) out.push(...this.reasons(resolution.reasons, mode, inherited));
    return out;
  }

  private annex(annex: Annex): ParagraphSpec[] {
    const mode: Mode = annex.proposal && annex.proposal.action !== 'MOD' ? 'clean' : 'tracked';
    const out: ParagraphSpec[] = [];
    if (annex.proposal) out.push(this.proposal(annex.proposal));
    out.push(...this.line(annex.title, STYLE.annexTitle, mode, annex.change));
    if (annex.subtitle) out.push(...this.line(annex.subtitle, STYLE.annexName, mode, annex.change));
    for (const paragraph of annex.paragraphs) out.push(...this.paragraph(paragraph, STYLE.text, mode, annex.change));
    return out;
  }

  private section(section: Section, mode: Mode, inherited: Change | undefined): ParagraphSpec[] {
    const change = section.change ?? inherited;
    const heading = section.heading.map((inline) => (inline.type === 'text' ? { ...inline, italic: true } : inline));
    const out = this.line(heading, STYLE.heading, mode, change);
    if (section.intro) out.push(...this.paragraph(section.intro, STYLE.text, mode, change));
    for (const clause of section.clauses) out.push(...this.clause(clause, 0, mode, change));
    return out;
  }

  private clause(clause: Clause, depth: number, mode: Mode, inherited: Change | undefined): ParagraphSpec[] {
    const change = clause.change ?? inherited;
    const out: ParagraphSpec[] = [];
    if (clause.proposal) out.push(this.proposal(clause.proposal));
    const style = depth === 0 ? STYLE.clause : STYLE.subItem[Math.min(depth, STYLE.subItem.length) - 1];
    const hasLabel = plain(clause.label, 'amended') !== '' || plain(clause.label, 'original') !== '';
    const paragraphChange = this.effectiveChange(change, mode);
    if (paragraphChange !== null) {
      const children: ParagraphChild[] = [];
      const tab: Inline = { type: 'text', text: '\t', ...(labelOnlyChange(clause.label) ? { change: labelOnlyChange(clause.label) } : {}) };
      children.push(...this.runs(hasLabel ? [...clause.label, tab, ...clause.content] : clause.content, mode, change));
      out.push(this.makeParagraph({ style, children, ...(depth === 0 && hasLabel ? { indent: CLAUSE_INDENT } : {}) }, paragraphChange));
    }
    for (const item of clause.items) out.push(...this.clause(item, depth + 1, mode, change));
    return out;
  }

  private reasons(paragraph: ModelParagraph, mode: Mode, inherited: Change | undefined): ParagraphSpec[] {
    const change = this.effectiveChange(paragraph.change ?? inherited, mode);
    if (change === null) return [];
    const children = this.runs([{ type: 'text', text: 'Reasons:', bold: true }, { type: 'text', text: '\t' }, ...paragraph.content], mode, paragraph.change ?? inherited);
    return [this.makeParagraph({ style: STYLE.reasons, children }, change)];
  }

  private paragraph(paragraph: ModelParagraph, style: string, mode: Mode, inherited?: Change): ParagraphSpec[] {
    if (paragraph.role === 'reasons') return this.reasons(paragraph, mode, inherited);
    return this.line(paragraph.content, style, mode, paragraph.change ?? inherited);
  }

  private line(content: readonly Inline[], style: string, mode: Mode, change: Change | undefined): ParagraphSpec[] {
    const paragraphChange = this.effectiveChange(change, mode);
    if (paragraphChange === null) return [];
    return [this.makeParagraph({ style, children: this.runs(content, mode, change) }, paragraphChange)];
  }

  /** The change a paragraph is written with: undefined for none, null when a clean text leaves it out. */
  private effectiveChange(change: Change | undefined, mode: Mode): Change | undefined | null {
    if (!change) return undefined;
    if (mode === 'clean') return change.kind === 'deletion' ? null : undefined;
    return change;
  }

  private makeParagraph(options: IParagraphOptions, change: Change | undefined): ParagraphSpec {
    return change ? { options, change, markChange: change } : { options };
  }

  /**
   * Word paragraphs of the specs. A paragraph changed whole has its paragraph mark changed too,
   * so that Accept or Reject All leaves no empty paragraph. Paragraphs inserted after a paragraph
   * of the same style take the mark before them instead, as Word writes paragraphs typed after
   * one (Enter at its end): the text before them then keeps its own mark whatever is rejected,
   * which also keeps LibreOffice from joining it to the next paragraph on Reject All.
   */
  private paragraphs(specs: ParagraphSpec[]): Paragraph[] {
    for (let i = 1; i < specs.length; i++) {
      if (specs[i].change?.kind !== 'insertion' || specs[i - 1].change) continue;
      let last = i;
      while (last + 1 < specs.length && specs[last + 1].change?.kind === 'insertion') last++;
      const previous = specs[i - 1];
      if (previous.options.style !== specs[last].options.style || JSON.stringify(previous.options.indent) !== JSON.stringify(specs[last].options.indent)) {
        i = last;
        continue;
      }
      previous.markChange = specs[i].change;
      for (let k = i; k < last; k++) specs[k].markChange = specs[k + 1].change;
      specs[last].markChange = undefined;
      i = last;
    }
    return specs.map((spec) => {
      if (!spec.markChange) return new Paragraph(spec.options);
      const revision = this.revision(spec.markChange);
      return new Paragraph({ ...spec.options, run: spec.markChange.kind === 'insertion' ? { insertion: revision } : { deletion: revision } });
    });
  }

  private revision(change: { author?: string; date?: string }): { id: number; author: string; date: string } {
    return { id: this.revisionId++, author: change.author || this.author, date: change.date || this.date };
  }

  // ---- runs ----------------------------------------------------------------------------

  /** Word runs of inline content; inside a block changed whole, every run carries the block's change. */
  private runs(content: readonly Inline[], mode: Mode, blockChange: Change | undefined): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    let lastHighlight: { start: number } | undefined;
    // Neighbouring runs of one formatting and one change are written as one Word run.
    let pending: { run: ModelRun; change: Change | undefined } | undefined;
    const flush = () => {
      if (pending) out.push(this.textRun(pending.run, pending.change));
      pending = undefined;
    };
    for (const inline of content) {
      if (inline.type !== 'text') flush();
      switch (inline.type) {
        case 'text': {
          const change = this.runChange(inline.change, mode, blockChange);
          if (change === null) break;
          if (pending && sameFormat(pending.run, inline) && sameChange(pending.change, change)) {
            pending.run = { ...pending.run, text: pending.run.text + inline.text };
            if (!inline.highlight && inline.text.trim() !== '') lastHighlight = undefined;
            break;
          }
          flush();
          if (inline.highlight && !change) lastHighlight ??= { start: out.length };
          else if (inline.text.trim() !== '') lastHighlight = undefined;
          pending = { run: inline, change };
          break;
        }
        case 'substitution': {
          lastHighlight = undefined;
          if (mode === 'clean' || blockChange) {
            const kept = blockChange?.kind === 'deletion' ? inline.deleted : inline.inserted;
            for (const run of kept) out.push(this.textRun(run, this.runChange(undefined, mode, blockChange) ?? undefined));
            break;
          }
          const attribution = { author: inline.author, date: inline.date };
          for (const run of inline.deleted) out.push(this.textRun(run, { kind: 'deletion', ...attribution }));
          for (const run of inline.inserted) out.push(this.textRun(run, { kind: 'insertion', ...attribution }));
          break;
        }
        case 'footnote': {
          const change = this.runChange(inline.change, mode, blockChange);
          if (change === null) break;
          const number = this.footnoteNumbers.get(inline.id);
          if (number === undefined) out.push(this.textRun({ type: 'text', text: `[^${inline.id}]` }, change));
          else {
            this.referencedFootnotes.add(inline.id);
            if (!change) out.push(new FootnoteReferenceRun(number));
            else {
              // An inserted or deleted reference is a tracked run too, or Reject (Accept) All would keep it.
              const options = { children: [new FootnoteReference(number)], style: 'FootnoteReference', ...this.revision(change) };
              out.push(change.kind === 'insertion' ? new InsertedTextRun(options) : new DeletedTextRun(options));
            }
          }
          lastHighlight = undefined;
          break;
        }
        case 'comment': {
          const id = this.comments.length;
          this.comments.push({ id, author: inline.author || this.author, date: new Date(inline.date || this.date), children: [new Paragraph(inline.text.trim())] });
          // A comment right after highlighted text is about that text: its range covers it.
          const start = lastHighlight ? lastHighlight.start : out.length;
          out.splice(start, 0, new CommentRangeStart(id));
          out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
          lastHighlight = undefined;
          break;
        }
      }
    }
    flush();
    return out;
  }

  /** The change a run is written with: undefined none, null when the text is not in the written view. */
  private runChange(change: Change | undefined, mode: Mode, blockChange: Change | undefined): Change | undefined | null {
    if (mode === 'clean') {
      if (blockChange?.kind === 'deletion' || change?.kind === 'deletion') return null;
      return undefined;
    }
    if (blockChange) {
      if (change && change.kind !== blockChange.kind) return null;
      return blockChange;
    }
    return change;
  }

  private textRun(run: ModelRun, change: Change | undefined): ParagraphChild {
    const children = tabbed(run.text);
    const format = {
      children,
      ...(run.italic ? { italics: true } : {}),
      ...(run.bold ? { bold: true } : {}),
      ...(run.highlight ? { highlight: 'yellow' as const } : {}),
    };
    if (!change) return new TextRun(format);
    const revision = this.revision(change);
    return change.kind === 'insertion' ? new InsertedTextRun({ ...format, ...revision }) : new DeletedTextRun({ ...format, ...revision });
  }
}

function sameFormat(a: ModelRun, b: ModelRun): boolean {
  return !!a.italic === !!b.italic && !!a.bold === !!b.bold && !!a.highlight === !!b.highlight;
}

function sameChange(a: Change | undefined, b: Change | undefined): boolean {
  if (!a || !b) return a === b;
  return a === b || (a.kind === b.kind && a.author === b.author && a.date === b.date);
}

/** Text with its tabs as Word tabs; line breaks inside a paragraph read as spaces. */
function tabbed(text: string): Array<string | Tab> {
  const parts = text.replace(/[\r\n]+/g, ' ').split('\t');
  const out: Array<string | Tab> = [];
  parts.forEach((part, index) => {
    if (index > 0) out.push(new Tab());
    if (part !== '') out.push(part);
  });
  return out;
}

/** The change of a label inserted or deleted as a whole (`{++1 ++}`): its tab goes with it. */
function labelOnlyChange(label: readonly Inline[]): Change | undefined {
  const runs = label.filter((inline): inline is ModelRun => inline.type === 'text' && inline.text.trim() !== '');
  if (runs.length === 0) return undefined;
  const kind = runs[0].change?.kind;
  if (!kind || runs.some((run) => run.change?.kind !== kind)) return undefined;
  return { kind };
}

function plain(content: readonly Inline[], view: 'amended' | 'original' = 'amended'): string {
  let out = '';
  for (const inline of content) {
    if (inline.type === 'text' && (!inline.change || (inline.change.kind === 'insertion') === (view === 'amended'))) out += inline.text;
    else if (inline.type === 'substitution') out += plain(view === 'amended' ? inline.inserted : inline.deleted, view);
  }
  return out.trim();
}
