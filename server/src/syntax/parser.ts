// Line-oriented block parser. It reads one view of the source (amended or original),
// builds the structure with view offsets, then maps every node to source offsets and
// fills the gaps with leaves so that the tree is lossless. It never throws: anything it
// does not recognise becomes a paragraph, and problems go to the diagnostics list.

import type { SyntaxDiagnostic } from './diagnostics';
import { detached } from './strings';
import type { TextView } from './revisions';
import { classifyHeading, normalizePhrase } from './vocabulary';
import type { LabelForm } from './labels';
import type {
  AnnexNode,
  ClauseNode,
  CommentNode,
  DocumentNode,
  FootnoteDefinitionNode,
  FootnoteReferenceNode,
  FrontMatterEntry,
  FrontMatterNode,
  HeadingNode,
  InlineNode,
  LabelNode,
  ParagraphNode,
  ParagraphRole,
  ProposalAction,
  ProposalNode,
  ResolutionNode,
  SectionNode,
  SubtitleNode,
  SyntaxNode,
  TitleForm,
  TitleNode,
} from './nodes';

export const FRONT_MATTER_KEYS: readonly string[] = ['document', 'date', 'original', 'meeting', 'source', 'author'];

// Line patterns are sticky and run on the whole view text at a line start, so no line is copied.
const PROPOSAL_LINE = /^(\(MOD\)|MOD|ADD\*?|SUP\*?|NOC)(?:[ \t]+(\S.*?))?[ \t]*$/;
// a) … z), aa) … zz), aaa) …: a letter repeated, as long as the list needs (the 105th clause is aaaaa)).
const LETTER_LABEL = /([a-z]{1,4}|([a-z])\2{4,})\)(?=[ \t\r\n]|$)/y;
// Three digits at most: a year at the start of a wrapped line (`2019 and …`) is text, not a label.
// A trailing full stop (`1.`) is read, so that it can be reported and removed.
const NUMBER_LABEL = /(\d{1,3}(?:\.\d{1,3})*)\.?(?=[ \t])/y;
// Letters, or a roman numeral of any length (xxxviii) is the 38th sub-item).
const SUB_LABEL = /(?:([a-z]{1,6}|m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\)|(\d{1,3})\)|(\d{1,4}(?:\.\d{1,3})*)(?=[ \t])|(-)(?=[ \t\r\n]|$))/y;
const ITALIC_LINE = /\*(?!\*)([^*\n]*[^*\s])\*[ \t]*(?=\r?\n|$)/y;
const FOOTNOTE_DEFINITION = /\[\^([^\]\s]+)\]:/y;
const INLINE = /\*\*(?=\S)([^*\n]*?\S)\*\*|\*(?=[^\s*])([^*\n]*?[^\s*])?\*|\[\^([^\]\s]+)\]/g;

const MAX_DEPTH = 12;
/** Opening quotation marks: a paragraph quoted after a clause ending in `:` belongs to it. */
const QUOTE_OPEN = /["“«‘]/;

/** Shared by nodes that have no children, so that thousands of labels do not each allocate one. */
const NO_CHILDREN = Object.freeze([]) as unknown as SyntaxNode[];
const NO_ITEMS = Object.freeze([]) as unknown as ClauseNode[];
const NO_COMMENTS: readonly CommentNode[] = Object.freeze([]);

function stickyAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}
const IGNORE_DIRECTIVE = /^\s*reso-ignore(-file)?\s+([\w.\-,\s]+?)\s*$/;

type Container = DocumentNode | ResolutionNode | AnnexNode | SectionNode;
type OpenBlock = ClauseNode | ParagraphNode | FootnoteDefinitionNode;


/** A document with nothing in it yet, covering `sourceLength` characters of source. */
export function emptyDocument(sourceLength: number, viewLength: number): DocumentNode {
  return {
    kind: 'document',
    start: 0, end: sourceLength, viewStart: 0, viewEnd: viewLength, children: [], parent: undefined,
    resolutions: [],
    annexes: [],
    paragraphs: [],
    proposals: [],
    comments: [],
    footnoteDefinitions: [],
    footnoteReferences: [],
  };
}

export function parseView(source: string, view: TextView, diagnostics: SyntaxDiagnostic[]): DocumentNode {
  return new BlockParser(source, view, diagnostics).parse();
}

/** A parse and what re-reading part of a text needs to know of it. */
export interface ViewParse {
  root: DocumentNode;
  /** A proposal waits at the end for the title after it. */
  pendingProposal: boolean;
  /** Comments at the end that wait for what follows: it would be their target. */
  pendingComments: readonly CommentNode[];
  /** The first node that took the comments waiting before it: those before the text would target it. */
  firstTarget?: SyntaxNode;
  /** Some container dropped an overlapping child: its nodes are not all reachable through `children`. */
  overlapsDropped: boolean;
}

export function parseViewFully(source: string, view: TextView, diagnostics: SyntaxDiagnostic[]): ViewParse {
  const parser = new BlockParser(source, view, diagnostics);
  const root = parser.parse();
  const parse: ViewParse = { root, pendingProposal: parser.pendingAtEnd.proposal, pendingComments: parser.pendingAtEnd.comments, overlapsDropped: parser.overlapsDropped };
  if (parser.firstTarget) parse.firstTarget = parser.firstTarget;
  return parse;
}

class BlockParser {
  private readonly text: string;
  private readonly doc: DocumentNode;
  private resolution?: ResolutionNode;
  private annex?: AnnexNode;
  private section?: SectionNode;
  /** Clauses that sub-items may attach to, outermost first; `stackSize` of them are live. */
  private readonly clauseStack: ClauseNode[] = [];
  private stackSize = 0;
  /** The block that a following non-blank line continues. */
  private open?: OpenBlock;
  private pendingProposal?: ProposalNode;
  /** Comment lines met while a block is open: they belong to it if it goes on after them. */
  private floatingComments: CommentNode[] = [];
  /** No `-->` exists after this offset (found once, so many unclosed comments stay linear). */
  private noCommentCloseFrom = Infinity;
  /** Comments between a pending proposal and what it concerns: they move with the proposal. */
  private afterProposal: CommentNode[] = [];
  private pendingComments: CommentNode[] = [];
  /** Titles and subtitles: the view range of their text after the `#`s. */
  private readonly inlineHosts = new Map<SyntaxNode, [number, number]>();
  pendingAtEnd: { proposal: boolean; comments: readonly CommentNode[] } = { proposal: false, comments: NO_COMMENTS };
  firstTarget?: SyntaxNode;
  overlapsDropped = false;

  constructor(
    private readonly source: string,
    private readonly view: TextView,
    private readonly diagnostics: SyntaxDiagnostic[],
  ) {
    this.text = view.text;
    this.doc = emptyDocument(0, this.text.length);
  }

  /** End of the line starting at `start`, before its line break. */
  private lineEnd(start: number): number {
    const text = this.text;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Start of the line after the one holding `offset`; past the text's end when there is none. */
  private nextLine(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    return newline < 0 ? this.text.length + 1 : newline + 1;
  }

  parse(): DocumentNode {
    // Lines are named by their start offset; parse functions return the next line's start.
    let line = this.parseFrontMatter();
    // A byte order mark is not text: the first line starts after it.
    if (line === 0 && this.text.charCodeAt(0) === 0xfeff) line = 1;
    const length = this.text.length;
    while (line <= length) line = this.parseLine(line);
    this.pendingAtEnd = { proposal: this.pendingProposal !== undefined, comments: this.pendingComments };
    this.closeOpen();
    this.flushPending(this.container());
    this.finishDocument();
    return this.doc;
  }

  // ---- lines -------------------------------------------------------------------------

  private parseLine(line: number): number {
    const start = line;
    const end = this.lineEnd(line);
    const text = this.text;
    let first = start;
    while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    if (first === end) {
      this.closeOpen();
      return this.nextLine(end);
    }
    const code = text.charCodeAt(first);
    if (code === 60 /* < */ && text.startsWith('<!--', first)) return this.parseComment(line, first);
    if (first > start) return this.parseIndented(start, first, end);
    if (code === 35 /* # */) return this.parseTitleLine(start, end);
    if (code >= 97 && code <= 122) {
      LETTER_LABEL.lastIndex = start;
      if (LETTER_LABEL.test(text) && LETTER_LABEL.lastIndex <= end) {
        const labelEnd = LETTER_LABEL.lastIndex;
        return this.parseClause(start, end, start, labelEnd, text.slice(start, labelEnd - 1), 'paren');
      }
      if (!this.open && !this.annex && this.isPlainHeading(start, end)) {
        return this.parseHeading(start, end, start, start + text.slice(start, end).trimEnd().length, false);
      }
      return this.parseTextLine(start, end);
    }
    if (code >= 48 && code <= 57) {
      NUMBER_LABEL.lastIndex = start;
      if (NUMBER_LABEL.test(text) && NUMBER_LABEL.lastIndex < end) {
        const labelEnd = NUMBER_LABEL.lastIndex;
        const dotted = text.charCodeAt(labelEnd - 1) === 46;
        const value = text.slice(start, dotted ? labelEnd - 1 : labelEnd);
        return this.parseClause(start, end, start, labelEnd, value, 'number', dotted);
      }
      return this.parseTextLine(start, end);
    }
    if (code === 91 /* [ */) {
      const match = stickyAt(FOOTNOTE_DEFINITION, text, start);
      if (match && match.index + match[0].length <= end) return this.parseFootnoteDefinition(start, end, match[1]);
    }
    if ((code >= 65 && code <= 90) || code === 40 /* ( */) {
      const content = text.slice(start, end);
      const proposal = PROPOSAL_LINE.exec(content);
      if (proposal) return this.parseProposal(start, end, proposal[1] as ProposalAction, proposal[2] ?? '');
      if (content.startsWith('Reasons:')) return this.startParagraph(start, end, 'reasons');
    }
    if (code === 42 /* * */ && !this.annex) {
      const italic = stickyAt(ITALIC_LINE, text, start);
      // Right after a clause line, an italic line that is no heading of the vocabulary (a title
      // quoted in italics) continues the clause.
      const heading = italic && this.open ? classifyHeading(italic[1]) : undefined;
      if (italic && italic.index + italic[0].length <= end && !(heading && !(heading.known && heading.lexical))) {
        return this.parseHeading(start, end, start + 1, start + 1 + italic[1].length, true);
      }
    }
    return this.parseTextLine(start, end);
  }

  private isPlainHeading(start: number, end: number): boolean {
    if (end - start > 200) return false;
    const content = this.text.slice(start, end);
    const heading = classifyHeading(content);
    // A plain line is a heading only when its leading word is one headings use: text is read as text.
    if (/[;.:,]\s*$/.test(content) || !heading.known || !heading.lexical) return false;
    const nextStart = this.nextLine(end);
    if (nextStart > this.text.length) return true;
    const nextEnd = this.lineEnd(nextStart);
    if (this.text.slice(nextStart, nextEnd).trim() === '') return true;
    const letter = stickyAt(LETTER_LABEL, this.text, nextStart);
    const number = stickyAt(NUMBER_LABEL, this.text, nextStart);
    return (letter !== null && letter.index + letter[0].length <= nextEnd) || (number !== null && number.index + number[0].length < nextEnd);
  }

  private parseTextLine(start: number, end: number): number {
    if (this.open) {
      this.extendOpen(end);
      return this.nextLine(end);
    }
    if (this.annex) return this.startParagraph(start, end, 'free');
    if (this.section) {
      // `… as follows:` then a quoted paragraph after a blank line: the quotation is the clause's.
      const previous = this.section.clauses[this.section.clauses.length - 1];
      if (previous && previous.items.length === 0 && QUOTE_OPEN.test(this.text[start]) && /:[ \t]*$/.test(this.text.slice(previous.textViewStart, previous.textViewEnd))) {
        this.open = previous;
        this.extendOpen(end);
        return this.nextLine(end);
      }
      const clause = this.newClause(start, end, 0, undefined);
      this.attachClause(clause);
      return this.nextLine(end);
    }
    if (this.resolution && !this.resolution.authority && this.resolution.sections.length === 0 && this.text.startsWith('The ', start)) {
      return this.startParagraph(start, end, 'authority');
    }
    return this.startParagraph(start, end, 'free');
  }

  private parseIndented(start: number, first: number, end: number): number {
    const found = stickyAt(SUB_LABEL, this.text, first);
    const match = found && found.index + found[0].length <= end ? found : null;
    if (!match || !this.section || this.annex) {
      if (this.open) {
        this.extendOpen(end);
        return this.nextLine(end);
      }
      return this.parseTextLine(start, end);
    }
    const labelText = match[1] ?? match[2] ?? match[3] ?? match[4];
    const form: LabelForm = match[4] ? 'bullet' : match[3] ? 'number' : 'paren';
    const labelEnd = first + labelText.length + (form === 'paren' ? 1 : 0);
    const indent = this.indentLevel(start, first);
    while (this.stackSize > 0 && this.clauseStack[this.stackSize - 1].depth >= indent) this.stackSize--;
    const parent = this.stackSize > 0 ? this.clauseStack[this.stackSize - 1] : undefined;
    // The clause that receives sub-items is a clause, never an intro: leave it open-ended, not converted.
    if (parent && this.open === parent) this.open = undefined;
    this.closeOpen(parent);
    const clause = this.newClause(start, end, parent ? parent.depth + 1 : 0, this.newLabel(first, labelEnd, labelText, form));
    clause.textViewStart = labelEnd;
    if (parent) {
      if (parent.items.length === 0) parent.textViewEnd = Math.min(parent.textViewEnd, parent.viewEnd);
      if (parent.items === NO_ITEMS) parent.items = [];
      parent.items.push(clause);
      parent.children.push(clause);
      this.takePending(clause);
      this.clauseStack[this.stackSize++] = clause;
      this.open = clause;
    } else this.attachClause(clause);
    return this.nextLine(end);
  }

  private indentLevel(start: number, first: number): number {
    let columns = 0;
    for (let i = start; i < first; i++) columns += this.text.charCodeAt(i) === 9 ? 2 : 1;
    // Deeper than any real text nests; capping keeps every walk over the tree shallow.
    return Math.min(MAX_DEPTH, Math.max(1, columns >> 1));
  }

  private parseClause(start: number, end: number, labelStart: number, labelEnd: number, value: string, form: LabelForm, dotted = false): number {
    if (!this.section || this.annex) return this.parseTextLine(start, end);
    this.closeOpen();
    const clause = this.newClause(start, end, 0, this.newLabel(labelStart, labelEnd, value, form, dotted));
    clause.textViewStart = labelEnd;
    this.attachClause(clause);
    return this.nextLine(end);
  }

  private newLabel(viewStart: number, viewEnd: number, value: string, form: LabelForm, dotted = false): LabelNode {
    return { kind: 'label', start: 0, end: 0, viewStart, viewEnd, children: NO_CHILDREN, parent: undefined, value, form, dotted };
  }

  private newClause(viewStart: number, viewEnd: number, depth: number, label: LabelNode | undefined): ClauseNode {
    return {
      kind: 'clause', start: 0, end: 0, viewStart, viewEnd, children: label ? [label] : [], parent: undefined,
      depth, label, proposal: undefined, items: NO_ITEMS, textViewStart: viewStart, textViewEnd: viewEnd,
    };
  }

  /** Adds a clause of depth 0 to the current section. */
  private attachClause(clause: ClauseNode): void {
    const section = this.section;
    if (!section) return;
    this.closeOpen();
    if (this.pendingProposal) {
      clause.proposal = this.pendingProposal;
      this.flushPending(section);
    }
    this.takePending(clause);
    section.clauses.push(clause);
    section.children.push(clause);
    this.clauseStack[0] = clause;
    this.stackSize = 1;
    this.open = clause;
  }

  private extendOpen(end: number): void {
    const open = this.open;
    if (!open) return;
    // Comment lines between this block's lines belong to it: the block goes on past them.
    if (this.floatingComments.length > 0) {
      if (open.children === NO_CHILDREN) open.children = [];
      open.children.push(...this.floatingComments);
      this.floatingComments = [];
    }
    open.viewEnd = end;
    if (open.kind === 'clause' && open.items.length === 0) open.textViewEnd = end;
  }

  /**
   * Ends the open block. Comment lines seen since its last line are not part of it: they go to
   * `owner` (the clause about to receive a sub-item) or to the current container.
   */
  private closeOpen(owner?: ClauseNode): void {
    if (this.floatingComments.length > 0) {
      const target = owner ?? this.container();
      if (target.children === NO_CHILDREN) target.children = [];
      target.children.push(...this.floatingComments);
      this.floatingComments = [];
    }
    const open = this.open;
    this.open = undefined;
    if (!open || open.kind !== 'clause' || open.depth !== 0 || open.label || open.items.length > 0) return;
    // An unlabelled paragraph ending in `:` right after an operative heading is its intro.
    const section = this.section;
    if (!section || section.intro || section.clauses.length !== 1 || section.clauses[0] !== open) return;
    if (section.heading.headingKind !== 'operative') return;
    if (!/:\s*$/.test(this.text.slice(open.viewStart, open.viewEnd))) return;
    section.clauses.pop();
    const index = section.children.indexOf(open);
    const intro: ParagraphNode = { kind: 'paragraph', start: 0, end: 0, viewStart: open.viewStart, viewEnd: open.viewEnd, children: [], parent: undefined, role: 'intro' };
    section.children[index] = intro;
    section.intro = intro;
    for (const comment of this.doc.comments) if (comment.target === open) comment.target = intro;
    this.stackSize = 0;
  }

  private startParagraph(start: number, end: number, role: ParagraphRole): number {
    this.closeOpen();
    const paragraph: ParagraphNode = { kind: 'paragraph', start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined, role };
    let container: Container;
    if (role === 'reasons' && this.resolution) {
      this.section = undefined;
      this.stackSize = 0;
      this.resolution.reasons = paragraph;
      container = this.resolution;
    } else {
      container = this.container();
      if (role === 'authority' && this.resolution) this.resolution.authority = paragraph;
      else if (container.kind === 'resolution' || container.kind === 'annex' || container.kind === 'document') container.paragraphs.push(paragraph);
    }
    this.flushPending(container);
    this.takePending(paragraph);
    container.children.push(paragraph);
    this.open = paragraph;
    return this.nextLine(end);
  }

  private container(): Container {
    return this.section ?? this.annex ?? this.resolution ?? this.doc;
  }

  // ---- blocks ------------------------------------------------------------------------

  private parseHeading(start: number, end: number, phraseStart: number, phraseEnd: number, italic: boolean): number {
    this.closeOpen();
    const phrase = normalizePhrase(this.text.slice(phraseStart, phraseEnd));
    const heading: HeadingNode = {
      kind: 'heading',
      start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined,
      phrase,
      italic,
      ...headingClass(phrase),
      phraseStart: phraseStart,
      phraseEnd: phraseEnd,
    };
    if (!this.resolution) this.startResolution(start);
    const resolution = this.resolution as ResolutionNode;
    const section: SectionNode = { kind: 'section', start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined, heading, clauses: [] };
    this.flushPending(resolution);
    this.takePending(section);
    section.children.push(heading);
    resolution.sections.push(section);
    resolution.children.push(section);
    this.section = section;
    this.stackSize = 0;
    return this.nextLine(end);
  }

  private startResolution(viewStart: number): ResolutionNode {
    this.section = undefined;
    this.annex = undefined;
    this.stackSize = 0;
    const resolution: ResolutionNode = { kind: 'resolution', start: 0, end: 0, viewStart: viewStart, viewEnd: viewStart, children: [], parent: undefined, sections: [], paragraphs: [] };
    this.doc.resolutions.push(resolution);
    this.doc.children.push(resolution);
    this.resolution = resolution;
    return resolution;
  }

  private parseTitleLine(start: number, end: number): number {
    const text = this.text;
    let level = 0;
    while (start + level < end && text.charCodeAt(start + level) === 35) level++;
    if (start + level < end && text.charCodeAt(start + level) !== 32 && text.charCodeAt(start + level) !== 9) {
      return this.parseTextLine(start, end);
    }
    this.closeOpen();
    const content = text.slice(start + level, end).trim();
    if (level >= 2) {
      const subtitle: SubtitleNode = { kind: 'subtitle', start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined, text: content };
      const container = this.annex ?? this.resolution ?? this.doc;
      if (container.kind === 'resolution' && !container.subtitle && container.sections.length === 0) container.subtitle = subtitle;
      this.section = undefined;
      this.stackSize = 0;
      this.flushPending(container);
      this.takePending(subtitle);
      container.children.push(subtitle);
      this.inlineHosts.set(subtitle, [start + level, end]);
      return this.nextLine(end);
    }
    const title: TitleNode = { kind: 'title', start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined, ...parseTitleText(content) };
    this.inlineHosts.set(title, [start + level, end]);
    if (title.form === 'annex') {
      this.flushPending(this.doc);
      this.section = undefined;
      this.resolution = undefined;
      this.stackSize = 0;
      const annex: AnnexNode = { kind: 'annex', start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined, title, paragraphs: [] };
      this.takePending(annex);
      annex.children.push(title);
      this.doc.annexes.push(annex);
      this.doc.children.push(annex);
      this.annex = annex;
      return this.nextLine(end);
    }
    const proposal = this.pendingProposal;
    const resolution = this.startResolution(proposal ? proposal.viewStart : start);
    if (proposal) {
      resolution.proposal = proposal;
      this.flushPending(resolution);
    }
    this.takePending(title);
    resolution.title = title;
    resolution.children.push(title);
    return this.nextLine(end);
  }

  private parseProposal(start: number, end: number, action: ProposalAction, identifier: string): number {
    this.closeOpen();
    this.flushPending(this.container());
    const proposal: ProposalNode = { kind: 'proposal', start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined, action, identifier: identifier.trim() };
    this.doc.proposals.push(proposal);
    this.takePending(proposal);
    this.pendingProposal = proposal;
    if (this.annex) {
      // A proposal never belongs to an annex's free text; it concerns what follows.
      this.annex = undefined;
    }
    return this.nextLine(end);
  }

  private parseFootnoteDefinition(start: number, end: number, id: string): number {
    this.closeOpen();
    const container = this.container();
    this.flushPending(container);
    const definition: FootnoteDefinitionNode = {
      kind: 'footnoteDefinition',
      start: 0, end: 0, viewStart: start, viewEnd: end, children: [], parent: undefined,
      id,
      markerEnd: 0,
    };
    this.takePending(definition);
    this.doc.footnoteDefinitions.push(definition);
    container.children.push(definition);
    this.open = definition;
    return this.nextLine(end);
  }

  private parseComment(line: number, first: number): number {
    // An unclosed comment runs to the end of its line; once one `-->` search fails, later ones would too.
    const close = first + 4 > this.noCommentCloseFrom ? -1 : this.text.indexOf('-->', first + 4);
    if (close < 0) this.noCommentCloseFrom = Math.min(this.noCommentCloseFrom, first);
    let end: number;
    if (close < 0) {
      end = this.lineEnd(line);
      this.diagnostics.push({
        code: 'syntax.comment',
        severity: 'error',
        start: this.view.toSource(first),
        end: this.view.toSourceEnd(end),
        message: 'Comment `<!--` is never closed; a comment ends with `-->`.',
      });
    } else end = close + 3;
    const content = this.text.slice(first + 4, close < 0 ? end : close);
    const comment: CommentNode = { kind: 'comment', start: 0, end: 0, viewStart: first, viewEnd: end, children: [], parent: undefined, content };
    const directive = IGNORE_DIRECTIVE.exec(content);
    if (directive) {
      comment.ignore = { wholeFile: directive[1] !== undefined, codes: directive[2].split(/[\s,]+/).filter((c) => c.length > 0) };
    }
    this.doc.comments.push(comment);
    if (this.pendingProposal) this.afterProposal.push(comment);
    else if (this.open) this.floatingComments.push(comment);
    else this.container().children.push(comment);
    this.pendingComments.push(comment);
    // Text after `-->` on the same line is read as a line of its own.
    let rest = end;
    const lineEnd = this.lineEnd(end);
    while (rest < lineEnd && (this.text.charCodeAt(rest) === 32 || this.text.charCodeAt(rest) === 9)) rest++;
    return rest < lineEnd ? rest : this.nextLine(end);
  }

  private parseFrontMatter(): number {
    const first = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (this.text.slice(first, this.lineEnd(0)).trimEnd() !== '---') return 0;
    // The front matter's own lines, up to its closing `---`.
    const lineStarts: number[] = [0];
    const lineEnds: number[] = [this.lineEnd(0)];
    let close = -1;
    for (let start = this.nextLine(0); start <= this.text.length; start = this.nextLine(start)) {
      lineStarts.push(start);
      lineEnds.push(this.lineEnd(start));
      if (this.text.slice(start, lineEnds[lineEnds.length - 1]).trimEnd() === '---') {
        close = lineStarts.length - 1;
        break;
      }
    }
    if (close < 0) {
      this.diagnostics.push({
        code: 'syntax.frontmatter',
        severity: 'error',
        start: this.view.toSource(0),
        end: this.view.toSourceEnd(lineEnds[0]),
        message: 'Front matter opened with `---` is never closed; it ends with a `---` line.',
      });
      return 0;
    }
    const node: FrontMatterNode = { kind: 'frontMatter', start: 0, end: 0, viewStart: 0, viewEnd: lineEnds[close], children: [], parent: undefined, entries: [] };
    const seen = new Set<string>();
    for (let line = 1; line < close; line++) {
      const start = lineStarts[line];
      const content = this.text.slice(start, lineEnds[line]);
      if (content.trim() === '' || content.trimStart().startsWith('#')) continue;
      const match = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(content);
      const here = (from: number, to: number) => ({ start: this.view.toSource(from), end: this.view.toSourceEnd(to) });
      if (!match) {
        this.diagnostics.push({ code: 'syntax.frontmatter', severity: 'error', ...here(start, start + content.length), message: 'This front matter line is not `key: value`, as every front matter line must be.' });
        continue;
      }
      const key = match[1];
      const valueStart = start + content.indexOf(match[2], match[1].length + 1);
      const entry: FrontMatterEntry = {
        key,
        value: match[2],
        keyStart: this.view.toSource(start),
        keyEnd: this.view.toSourceEnd(start + key.length),
        valueStart: this.view.toSource(valueStart),
        valueEnd: this.view.toSourceEnd(valueStart + match[2].length),
      };
      node.entries.push(entry);
      if (seen.has(key)) {
        this.diagnostics.push({ code: 'syntax.frontmatter', severity: 'warning', ...here(start, start + key.length), message: `Front matter key \`${key}\` is given twice; a key is given once, and the first value is used.` });
      }
      seen.add(key);
      if (!FRONT_MATTER_KEYS.includes(key)) {
        this.diagnostics.push({
          code: 'frontmatter.unknown-key',
          severity: 'information',
          ...here(start, start + key.length),
          message: `Front matter key \`${key}\` is not one the tools use (${FRONT_MATTER_KEYS.join(', ')}); it is kept but not used.`,
        });
      }
      if (key === 'date' && !isIsoDate(match[2])) {
        this.diagnostics.push({
          code: 'syntax.frontmatter',
          severity: 'error',
          start: entry.valueStart,
          end: Math.max(entry.valueEnd, entry.valueStart + 1),
          message: `The date \`${match[2]}\` is not written yyyy-mm-dd, as a front matter date must be.`,
        });
      }
    }
    this.doc.frontMatter = node;
    this.doc.children.push(node);
    return this.nextLine(lineEnds[close]);
  }

  // ---- pending proposal and comments -------------------------------------------------

  /** Attaches a proposal that no title or clause claimed to the given container. */
  private flushPending(container: Container | ClauseNode): void {
    if (this.pendingProposal) {
      container.children.push(this.pendingProposal, ...this.afterProposal);
      this.pendingProposal = undefined;
      this.afterProposal = [];
    }
  }

  private takePending(target: SyntaxNode): void {
    this.firstTarget ??= target;
    if (this.pendingComments.length === 0) return;
    for (const comment of this.pendingComments) comment.target = target;
    this.pendingComments = [];
  }

  // ---- finishing: source offsets, inline nodes, leaves ----------------------------------

  private finishDocument(): void {
    const doc = this.doc;
    this.finishContainer(doc);
    doc.start = 0;
    doc.end = this.source.length;
    doc.viewStart = 0;
    doc.viewEnd = this.text.length;
  }

  private blockSpan(node: SyntaxNode): void {
    const view = this.view;
    if (view.identity) {
      node.start = node.viewStart;
      node.end = node.viewEnd;
      return;
    }
    const source = this.source;
    const first = view.toSource(node.viewStart);
    const previousEnd = node.viewStart > 0 ? view.toSourceEnd(node.viewStart) : 0;
    const lineStart = source.lastIndexOf('\n', first - 1) + 1;
    node.start = Math.min(first, Math.max(previousEnd, lineStart));
    const last = view.toSourceEnd(node.viewEnd);
    const next = node.viewEnd < this.text.length ? view.toSource(node.viewEnd) : source.length;
    let lineEnd = source.indexOf('\n', last);
    if (lineEnd < 0) lineEnd = source.length;
    else if (lineEnd > 0 && source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    node.end = Math.max(node.start, last, Math.min(next, lineEnd));
  }

  private inlineSpan(node: SyntaxNode): void {
    node.start = this.view.toSource(node.viewStart);
    node.end = Math.max(node.start, this.view.toSourceEnd(node.viewEnd));
  }

  /**
   * Source spans, parent links and inline nodes. One function per node shape keeps the
   * property accesses monomorphic, which matters on documents of thousands of clauses.
   */
  private finish(node: SyntaxNode): void {
    switch (node.kind) {
      case 'document':
      case 'resolution':
      case 'annex':
      case 'section':
        this.finishContainer(node);
        return;
      case 'clause':
        this.finishClause(node);
        return;
      case 'heading':
        this.blockSpan(node);
        node.phraseStart = this.view.toSource(node.phraseStart);
        node.phraseEnd = this.view.toSourceEnd(node.phraseEnd);
        return;
      case 'footnoteDefinition': {
        this.blockSpan(node);
        const markerEnd = this.text.indexOf(']:', node.viewStart) + 1;
        node.markerEnd = this.view.toSourceEnd(markerEnd);
        node.children = this.withComments(node, this.inlineNodes(markerEnd + 1, node.viewEnd, this.commentsOf(node)));
        this.adopt(node);
        return;
      }
      case 'paragraph':
        this.blockSpan(node);
        node.children = this.withComments(node, this.inlineNodes(node.viewStart, node.viewEnd, this.commentsOf(node)));
        this.adopt(node);
        return;
      case 'title':
      case 'subtitle': {
        this.blockSpan(node);
        const host = this.inlineHosts.get(node);
        if (host) node.children = this.inlineNodes(host[0], host[1]);
        this.adopt(node);
        return;
      }
      case 'label':
      case 'italic':
      case 'bold':
      case 'footnoteReference':
      case 'comment':
        this.inlineSpan(node);
        return;
      default:
        this.blockSpan(node);
    }
  }

  private commentsOf(node: SyntaxNode): readonly CommentNode[] {
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      if (children[i].kind === 'comment') return children.filter((child): child is CommentNode => child.kind === 'comment');
    }
    return NO_COMMENTS;
  }

  /** Inline nodes and the comment lines a block holds, in order, with source spans. */
  private withComments(node: SyntaxNode, inlines: SyntaxNode[]): SyntaxNode[] {
    const comments = this.commentsOf(node);
    if (comments.length === 0) return inlines;
    for (const comment of comments) this.inlineSpan(comment);
    return [...inlines, ...comments].sort((a, b) => a.viewStart - b.viewStart);
  }

  private adopt(node: SyntaxNode): void {
    const children = node.children;
    for (let i = 0; i < children.length; i++) children[i].parent = node;
  }

  private finishContainer(node: DocumentNode | ResolutionNode | AnnexNode | SectionNode): void {
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      child.parent = node;
      if (child.kind === 'clause') this.finishClause(child);
      else this.finish(child);
    }
    if (dropOverlaps(node)) this.overlapsDropped = true;
    const kept = node.children;
    if (kept.length > 0) {
      node.viewStart = Math.min(node.viewStart, kept[0].viewStart);
      node.viewEnd = Math.max(node.viewEnd, kept[kept.length - 1].viewEnd);
      node.start = kept[0].start;
      node.end = kept[kept.length - 1].end;
    } else this.blockSpan(node);
  }

  private finishClause(clause: ClauseNode): void {
    const items = clause.items;
    for (let i = 0; i < items.length; i++) {
      items[i].parent = clause;
      this.finishClause(items[i]);
    }
    const label = clause.label;
    const hasItems = items.length > 0;
    const ownEnd = hasItems ? clause.textViewEnd : clause.viewEnd;
    clause.textViewEnd = ownEnd;
    const fullEnd = hasItems ? items[items.length - 1].viewEnd : clause.viewEnd;
    clause.viewEnd = ownEnd;
    this.blockSpan(clause);
    clause.viewEnd = fullEnd;
    if (hasItems) clause.end = Math.max(clause.end, items[items.length - 1].end);
    if (label) {
      label.parent = clause;
      this.inlineSpan(label);
      // A label cut by revision marks starts with them (`{--b--}{++c++})`), not after them.
      if (label.viewStart === clause.viewStart) label.start = clause.start;
      else if (!this.view.identity) label.start = Math.min(label.start, this.view.toSourceEnd(label.viewStart));
      if (label.end < label.start) label.end = label.start;
    }
    // Children beyond the label and the sub-items are comment lines; most clauses have none.
    const comments = clause.children.length === (label ? 1 : 0) + items.length ? NO_COMMENTS : this.commentsOf(clause);
    for (const comment of comments) {
      comment.parent = clause;
      this.inlineSpan(comment);
    }
    const inlines = this.inlineNodes(label ? label.viewEnd : clause.viewStart, ownEnd, comments);
    if (inlines.length > 0 || comments.length > 0) {
      clause.children = [...(label ? [label] : []), ...inlines, ...comments, ...items].sort((a, b) => a.viewStart - b.viewStart);
      for (let i = 0; i < inlines.length; i++) inlines[i].parent = clause;
    }
  }

  /** Offsets of every `*` and `[` in the view, found once so that each block's check is a binary search. */
  private markerOffsets?: number[];

  private hasInlineMarker(from: number, to: number): boolean {
    if (!this.markerOffsets) {
      const offsets: number[] = [];
      const text = this.text;
      let star = text.indexOf('*');
      let bracket = text.indexOf('[^');
      while (star >= 0 || bracket >= 0) {
        if (bracket < 0 || (star >= 0 && star < bracket)) {
          offsets.push(star);
          star = text.indexOf('*', star + 1);
        } else {
          offsets.push(bracket);
          bracket = text.indexOf('[^', bracket + 1);
        }
      }
      this.markerOffsets = offsets;
    }
    const offsets = this.markerOffsets;
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo] < to;
  }

  /** Italics, bold and footnote references between two view offsets, with source spans. */
  private inlineNodes(from: number, to: number, comments: readonly CommentNode[] = []): SyntaxNode[] {
    if (to <= from || !this.hasInlineMarker(from, to)) return NO_CHILDREN;
    const out: SyntaxNode[] = [];
    const text = this.text.slice(from, to);
    INLINE.lastIndex = 0;
    for (;;) {
      const match = INLINE.exec(text);
      if (!match) break;
      const start = from + match.index;
      const end = start + match[0].length;
      if (comments.some((c) => start < c.viewEnd && c.viewStart < end)) continue;
      if (match[3] !== undefined) {
        const reference: FootnoteReferenceNode = { kind: 'footnoteReference', start: 0, end: 0, viewStart: start, viewEnd: end, children: NO_CHILDREN, parent: undefined, id: match[3] };
        this.inlineSpan(reference);
        this.doc.footnoteReferences.push(reference);
        out.push(reference);
      } else {
        const inline: InlineNode = { kind: match[1] !== undefined ? 'bold' : 'italic', start: 0, end: 0, viewStart: start, viewEnd: end, children: NO_CHILDREN, parent: undefined };
        this.inlineSpan(inline);
        out.push(inline);
      }
    }
    return out;
  }
}

function headingClass(phrase: string): Pick<HeadingNode, 'headingKind' | 'known'> {
  const heading = classifyHeading(phrase);
  return { headingKind: heading.kind, known: heading.known };
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  const days = new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

const TITLE = /^(DRAFT\s+)?(NEW\s+)?(RESOLUTION|DECISION|RECOMMENDATION)\b\s*(\[[^\]]*\]|[\w./-]+)?\s*(?:\((.*)\))?\s*$/i;
const ANNEX_TITLE = /^ANNEX(?:\s+(\w+))?\s+TO\s+(?:DRAFT\s+)?(?:NEW\s+)?(RESOLUTION|DECISION|RECOMMENDATION)\s+(\[[^\]]*\]|[\w./-]+)/i;

function parseTitleText(content: string): Omit<TitleNode, 'kind' | 'start' | 'end' | 'viewStart' | 'viewEnd' | 'children'> {
  const annex = ANNEX_TITLE.exec(content);
  if (annex) {
    const revision = /\(([^()]*)\)\s*$/.exec(content);
    return {
      text: content,
      form: 'annex',
      draft: false,
      isNew: false,
      ...(annex[1] ? { annexNumber: annex[1] } : {}),
      annexOf: { form: annex[2].toLowerCase() as TitleForm, number: annex[3] },
      ...(revision ? optionalRevision(revision[1]) : {}),
    };
  }
  const match = TITLE.exec(content);
  if (!match) return { text: content, form: 'other', draft: false, isNew: false };
  return {
    text: content,
    form: match[3].toLowerCase() as TitleForm,
    draft: match[1] !== undefined,
    isNew: match[2] !== undefined,
    ...(match[4] ? { number: match[4] } : {}),
    ...(match[5] !== undefined ? optionalRevision(match[5]) : {}),
  };
}

function optionalRevision(inner: string): Pick<TitleNode, 'revision'> {
  const revision = parseRevision(inner);
  return revision ? { revision } : {};
}

/** `Rev. Dubai, 2018` / `DUBAI, 2018` / `Dubai 2014` → { rev, place, year }. */
export function parseRevision(inner: string): TitleNode['revision'] {
  const match = /^\s*(REV\.?\s*)?(.*?)[,\s]\s*(\d{4})\s*$/i.exec(inner);
  if (!match || match[2].trim() === '') return undefined;
  return { rev: match[1] !== undefined, place: titleCase(match[2].trim().replace(/,$/, '')), year: Number(match[3]) };
}

/** `BUENOS AIRES` → `Buenos Aires`, so titles and citations compare equal. */
const titleCased = new Map<string, string>();

export function titleCase(place: string): string {
  if (place !== place.toUpperCase()) return place;
  const known = titleCased.get(place);
  if (known !== undefined) return known;
  const cased = titleCaseUpper(place);
  if (titleCased.size < 1000) titleCased.set(detached(place), cased);
  return cased;
}

function titleCaseUpper(place: string): string {
  return place.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, separator: string, letter: string) => separator + letter.toUpperCase());
}

/** Children must follow each other without overlapping; a child that would overlap is left to its parent's own text. True when one was. */
function dropOverlaps(node: SyntaxNode): boolean {
  const children = node.children;
  let cursor = -1;
  let ok = true;
  for (const child of children) {
    if (child.start < cursor) ok = false;
    cursor = Math.max(cursor, child.end);
  }
  if (ok) return false;
  cursor = -1;
  node.children = children.filter((child) => {
    if (child.start < cursor) return false;
    cursor = child.end;
    return true;
  });
  return true;
}
