// The parsed `.reso` document as the interchange model, for the writers: the structure of the
// amended tree, with the blocks only the original view has (clauses and sections deleted
// whole) put back where they stand, and every block's text as runs that carry their revision
// state, italics, bold and footnote references.

import {
  type Annex,
  type Block,
  type Change,
  type Clause,
  type Footnote,
  type FrontMatter,
  type Inline,
  type InterchangeDocument,
  type LabelKind,
  type Paragraph,
  type Resolution,
  type Section,
  type TextRun,
  FRONT_MATTER_FIELDS,
  withoutChanges,
} from './model';
import type { ParsedDocument, RevisionMark, TextView } from '../syntax';
import type { AnnexNode, ClauseNode, DocumentNode, ParagraphNode, ResolutionNode, SectionNode, Span } from '../syntax/nodes';
import { countEndingBy } from '../syntax/spans';

export function modelFromParsed(parsed: ParsedDocument): InterchangeDocument {
  return new ModelBuilder(parsed).build();
}

const enum State {
  Plain = 0,
  Inserted = 1,
  Deleted = 2,
  Highlight = 3,
  SubstitutionOld = 4,
  SubstitutionNew = 5,
}

const INLINE = /\*\*(?=\S)([^*\n]*?\S)\*\*|\*(?=[^\s*])([^*\n]*?[^\s*])?\*|\[\^([^\]\s]+)\]/g;

class ModelBuilder {
  private readonly text: string;
  private readonly marks: readonly RevisionMark[];
  /** Source spans of `<!-- … -->` comments, which are notes in the source, not text of the document. */
  private readonly commentSpans: Span[];
  private original?: DocumentNode;

  constructor(private readonly parsed: ParsedDocument) {
    this.text = parsed.text;
    this.marks = parsed.revisions;
    this.commentSpans = parsed.root.comments.map((c) => ({ start: c.start, end: c.end })).sort((a, b) => a.start - b.start);
  }

  build(): InterchangeDocument {
    const root = this.parsed.root;
    const document: InterchangeDocument = { blocks: [], footnotes: [] };
    if (root.frontMatter) document.frontMatter = this.frontMatter(root);
    if (this.parsed.revisions.length > 0) this.original = this.parsed.originalRoot();
    for (const child of root.children) {
      switch (child.kind) {
        case 'resolution':
          document.blocks.push(this.resolution(child));
          break;
        case 'annex':
          document.blocks.push(this.annex(child));
          break;
        case 'paragraph':
          document.blocks.push(this.paragraph(child));
          break;
        case 'proposal':
          document.blocks.push({ type: 'proposal', proposal: { action: child.action, symbol: child.identifier } });
          break;
        case 'comment':
          document.blocks.push({ type: 'comment', text: child.content.trim() });
          break;
        default:
          break;
      }
    }
    document.footnotes = root.footnoteDefinitions.map((definition): Footnote => ({ id: definition.id, content: this.inlines(definition.markerEnd + 1, definition.end).content }));
    return document;
  }

  private frontMatter(root: DocumentNode): FrontMatter {
    const front: FrontMatter = {};
    const seen = new Set<string>();
    for (const entry of root.frontMatter?.entries ?? []) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      if ((FRONT_MATTER_FIELDS as readonly string[]).includes(entry.key)) front[entry.key as (typeof FRONT_MATTER_FIELDS)[number]] = entry.value;
      else (front.other ??= []).push([entry.key, entry.value]);
    }
    return front;
  }

  private resolution(node: ResolutionNode): Resolution {
    const resolution: Resolution = { type: 'resolution', title: [], paragraphs: [], sections: [] };
    if (node.proposal) resolution.proposal = { action: node.proposal.action, symbol: node.proposal.identifier };
    if (node.title) resolution.title = stripPrefix(this.block(node.title.start, node.title.end).content, /^#+[ \t]*/);
    if (node.subtitle) resolution.subtitle = stripPrefix(this.block(node.subtitle.start, node.subtitle.end).content, /^#+[ \t]*/);
    if (node.authority) resolution.authority = this.paragraph(node.authority);
    const original = this.originalResolution(node);
    // Paragraphs only the original view has (an authority line or a paragraph deleted whole) go back in source order.
    const kept = [...(node.authority ? [node.authority] : []), ...node.paragraphs];
    const paragraphs = node.paragraphs.map((p) => ({ at: p.start, paragraph: this.paragraph(p) }));
    for (const p of [...(original?.authority ? [original.authority] : []), ...(original?.paragraphs ?? [])]) {
      if (kept.some((candidate) => overlaps(candidate, p))) continue;
      const paragraph = this.paragraph(p);
      paragraph.change = { kind: 'deletion' };
      if (p.role === 'authority' && !resolution.authority) resolution.authority = paragraph;
      else paragraphs.push({ at: p.start, paragraph: { ...paragraph, role: 'free' } });
    }
    resolution.paragraphs = paragraphs.sort((a, b) => a.at - b.at).map((entry) => entry.paragraph);
    const originalSections = original?.sections ?? [];
    resolution.sections = this.mergeSections(node.sections, originalSections);
    if (node.reasons) resolution.reasons = this.paragraph(node.reasons);
    return resolution;
  }

  private originalResolution(node: ResolutionNode): ResolutionNode | undefined {
    return this.original?.resolutions.find((candidate) => overlaps(candidate, node));
  }

  private annex(node: AnnexNode): Annex {
    return {
      type: 'annex',
      title: stripPrefix(this.block(node.title.start, node.title.end).content, /^#+[ \t]*/),
      paragraphs: node.paragraphs.map((p) => this.paragraph(p)),
    };
  }

  private paragraph(node: ParagraphNode): Paragraph {
    const { content, change } = this.block(node.start, node.end);
    const paragraph: Paragraph = { type: 'paragraph', role: node.role, content: node.role === 'reasons' ? stripPrefix(content, /^Reasons:[ \t]*/) : content };
    if (change) paragraph.change = change;
    return paragraph;
  }

  /** The amended sections, with the sections the original view alone has put back in source order. */
  private mergeSections(amended: readonly SectionNode[], original: readonly SectionNode[]): Section[] {
    const out: Array<{ at: number; section: Section }> = [];
    for (const node of amended) {
      const counterpart = original.find((candidate) => overlaps(candidate.heading, node.heading));
      out.push({ at: node.start, section: this.section(node, counterpart, this.parsed.amended) });
    }
    for (const node of original) {
      if (amended.some((candidate) => overlaps(candidate.heading, node.heading))) continue;
      const section = this.section(node, undefined, this.parsed.original);
      section.change = { kind: 'deletion' };
      out.push({ at: node.start, section });
    }
    return out.sort((a, b) => a.at - b.at).map((entry) => entry.section);
  }

  private section(node: SectionNode, counterpart: SectionNode | undefined, view: TextView): Section {
    const heading = this.block(node.heading.start, node.heading.end);
    const section: Section = { type: 'section', heading: heading.content, clauses: [] };
    if (heading.change) section.change = heading.change;
    if (node.intro) section.intro = this.paragraph(node.intro);
    section.clauses = this.mergeClauses(node.clauses, counterpart?.clauses ?? [], view);
    return section;
  }

  private mergeClauses(amended: readonly ClauseNode[], original: readonly ClauseNode[], view: TextView): Clause[] {
    const out: Array<{ at: number; clause: Clause }> = [];
    const matched = new Set<ClauseNode>();
    for (const node of amended) {
      const counterpart = original.find((candidate) => !matched.has(candidate) && overlaps(ownSpan(candidate), ownSpan(node)));
      if (counterpart) matched.add(counterpart);
      out.push({ at: node.start, clause: this.clause(node, counterpart, view) });
    }
    for (const node of original) {
      if (matched.has(node)) continue;
      const clause = this.clause(node, undefined, this.parsed.original);
      // Only the original view has it: deleted whole, whatever its own marks say.
      clause.change = { kind: 'deletion' };
      out.push({ at: node.start, clause });
    }
    return out.sort((a, b) => a.at - b.at).map((entry) => entry.clause);
  }

  private clause(node: ClauseNode, counterpart: ClauseNode | undefined, view: TextView): Clause {
    const ownEnd = this.lineEndAt(node.items.length > 0 ? view.toSourceEnd(node.textViewEnd) : node.end);
    const labelEnd = node.label ? node.label.end : node.start;
    const whole = this.block(node.start, Math.max(ownEnd, labelEnd));
    const label = node.label ? this.inlines(node.start, node.label.end) : { content: [] as Inline[] };
    const content = this.inlines(labelEnd, Math.max(ownEnd, labelEnd));
    const clause: Clause = { type: 'clause', label: whole.change ? withoutChanges(label.content) : label.content, content: trimStart(whole.change ? withoutChanges(content.content) : content.content), items: [] };
    if (node.label) clause.labelKind = labelKind(node.label.value, node.label.form, node.depth);
    if (whole.change) clause.change = whole.change;
    if (node.proposal) clause.proposal = { action: node.proposal.action, symbol: node.proposal.identifier };
    clause.items = this.mergeClauses(node.items, counterpart?.items ?? [], view);
    return clause;
  }

  /** The end of the source line holding `offset` (before its line break). */
  private lineEndAt(offset: number): number {
    const newline = this.text.indexOf('\n', Math.max(0, offset - 1));
    let end = newline < 0 ? this.text.length : newline;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, offset);
  }

  /** A block's runs, and its change when all of its text is inserted (or all deleted). */
  private block(start: number, end: number): { content: Inline[]; change?: Change } {
    const { content, states } = this.inlines(start, end);
    if (states.size === 1) {
      const [only] = states;
      if (only === State.Inserted || only === State.Deleted) {
        const change: Change = { kind: only === State.Inserted ? 'insertion' : 'deletion' };
        return { content: withoutChanges(content), change };
      }
    }
    return { content };
  }

  /**
   * Runs of the source between two offsets. Revision delimiters are dropped, each character
   * gets the state of the mark it is in, and italics, bold and footnote references are read on
   * the text of both views together, so that `*considering {++further++}*` is one italic.
   */
  private inlines(start: number, end: number): { content: Inline[]; states: Set<State> } {
    const text = this.text;
    const pieces: string[] = [];
    // States per kept character in typed arrays: a block's text is copied once, never char by char.
    const segments: Array<{ length: number; state: State; group: number }> = [];
    const comments: Array<{ at: number; text: string }> = [];
    const seenStates = new Set<State>();
    let length = 0;
    let group = 0;
    const keepPlain = (from: number, to: number, state: State, ofGroup: number) => {
      if (to <= from) return;
      let piece = text.slice(from, to);
      if (piece.includes('\r')) piece = piece.replace(/\r/g, '');
      if (/[\n\t]/.test(piece)) piece = piece.replace(/[\n\t]/g, ' ');
      if (piece === '') return;
      pieces.push(piece);
      segments.push({ length: piece.length, state, group: ofGroup });
      length += piece.length;
      if (piece.trim() !== '') seenStates.add(state === State.SubstitutionNew || state === State.SubstitutionOld ? State.Plain : state);
    };
    // `<!-- … -->` inside the range is a note of the source, not text.
    const keep = (from: number, to: number, state: State, ofGroup = 0) => {
      let at = from;
      for (let c = this.firstCommentEndingAfter(from); c < this.commentSpans.length && this.commentSpans[c].start < to; c++) {
        const span = this.commentSpans[c];
        keepPlain(at, Math.max(at, Math.min(span.start, to)), state, ofGroup);
        at = Math.max(at, span.end);
      }
      keepPlain(at, to, state, ofGroup);
    };
    let cursor = start;
    for (let m = this.firstMarkEndingAfter(start); m < this.marks.length && this.marks[m].start < end; m++) {
      const mark = this.marks[m];
      if (mark.start > cursor) keep(cursor, Math.min(mark.start, end), State.Plain);
      const from = Math.max(mark.contentStart, start);
      const to = Math.min(mark.contentEnd, end);
      switch (mark.kind) {
        case 'insertion':
          keep(from, to, State.Inserted);
          break;
        case 'deletion':
          keep(from, to, State.Deleted);
          break;
        case 'highlight':
          keep(from, to, State.Highlight);
          break;
        case 'comment':
          if (mark.start >= start) comments.push({ at: length, text: text.slice(mark.contentStart, mark.contentEnd) });
          break;
        case 'substitution': {
          group++;
          const separator = mark.separator ?? mark.contentEnd;
          keep(from, Math.min(separator, to), State.SubstitutionOld, group);
          keep(Math.max(separator + 2, from), to, State.SubstitutionNew, group);
          break;
        }
      }
      cursor = Math.max(cursor, mark.end);
    }
    if (cursor < end) keep(cursor, end, State.Plain);
    const states = new Uint8Array(length);
    const groups = new Int32Array(length);
    let offset = 0;
    for (const segment of segments) {
      if (segment.state !== State.Plain) states.fill(segment.state, offset, offset + segment.length);
      if (segment.group) groups.fill(segment.group, offset, offset + segment.length);
      offset += segment.length;
    }
    return { content: this.runs(pieces.join(''), states, groups, comments), states: seenStates };
  }

  private firstCommentEndingAfter(offset: number): number {
    return countEndingBy(this.commentSpans, offset);
  }

  private firstMarkEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.marks[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private runs(union: string, states: Uint8Array, groups: Int32Array, comments: Array<{ at: number; text: string }>): Inline[] {
    const n = union.length;
    // 0 plain, 1 italic, 2 bold, 3 a delimiter to drop.
    const style = new Uint8Array(n);
    const footnotes = new Map<number, { id: string; end: number }>();
    if (union.includes('*') || union.includes('[^')) {
      INLINE.lastIndex = 0;
      for (let match = INLINE.exec(union); match; match = INLINE.exec(union)) {
        const at = match.index;
        const length = match[0].length;
        if (match[3] !== undefined) {
          footnotes.set(at, { id: match[3], end: at + length });
          continue;
        }
        const bold = match[1] !== undefined;
        const width = bold ? 2 : 1;
        style.fill(3, at, at + width);
        style.fill(3, at + length - width, at + length);
        style.fill(bold ? 2 : 1, at + width, at + length - width);
      }
    }
    const out: Inline[] = [];
    let commentIndex = 0;
    const flushComments = (upTo: number) => {
      while (commentIndex < comments.length && comments[commentIndex].at <= upTo) {
        out.push({ type: 'comment', text: comments[commentIndex].text });
        commentIndex++;
      }
    };
    let i = 0;
    while (i < n) {
      flushComments(i);
      const footnote = footnotes.size > 0 ? footnotes.get(i) : undefined;
      if (footnote) {
        const state = states[i];
        const reference: Inline = { type: 'footnote', id: footnote.id };
        if (state === State.Inserted) reference.change = { kind: 'insertion' };
        else if (state === State.Deleted) reference.change = { kind: 'deletion' };
        out.push(reference);
        i = footnote.end;
        continue;
      }
      if (style[i] === 3) {
        i++;
        continue;
      }
      if (groups[i] !== 0) {
        const id = groups[i];
        const deleted: TextRun[] = [];
        const inserted: TextRun[] = [];
        while (i < n && groups[i] === id) {
          if (style[i] !== 3) appendChar(states[i] === State.SubstitutionOld ? deleted : inserted, union[i], style[i]);
          i++;
        }
        out.push({ type: 'substitution', deleted, inserted });
        continue;
      }
      const state = states[i];
      const kind = style[i];
      const stop = commentIndex < comments.length ? comments[commentIndex].at : n;
      let j = i + 1;
      while (j < n && j < stop && states[j] === state && style[j] === kind && groups[j] === 0 && !(footnotes.size > 0 && footnotes.has(j))) j++;
      const run: TextRun = { type: 'text', text: union.slice(i, j) };
      if (kind === 1) run.italic = true;
      if (kind === 2) run.bold = true;
      if (state === State.Inserted) run.change = { kind: 'insertion' };
      else if (state === State.Deleted) run.change = { kind: 'deletion' };
      else if (state === State.Highlight) run.highlight = true;
      out.push(run);
      i = j;
    }
    flushComments(Number.MAX_SAFE_INTEGER);
    return out;
  }
}

function appendChar(runs: TextRun[], char: string, style: number): void {
  const last = runs[runs.length - 1];
  const italic = style === 1;
  const bold = style === 2;
  if (last && !!last.italic === italic && !!last.bold === bold) last.text += char;
  else runs.push({ type: 'text', text: char, ...(italic ? { italic } : {}), ...(bold ? { bold } : {}) });
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The clause's own lines, without its sub-items. */
function ownSpan(node: ClauseNode): Span {
  return { start: node.start, end: node.items.length > 0 ? node.items[0].start : node.end };
}

function trimStart(content: Inline[]): Inline[] {
  const first = content[0];
  if (first && first.type === 'text') {
    const trimmed = first.text.replace(/^[ \t]+/, '');
    if (trimmed === '') return trimStart(content.slice(1));
    return [{ ...first, text: trimmed }, ...content.slice(1)];
  }
  return content;
}

/** Drops a prefix (`# `, `Reasons: `) from the start of the first plain runs. */
function stripPrefix(content: Inline[], prefix: RegExp): Inline[] {
  const out = [...content];
  for (let i = 0; i < out.length; i++) {
    const inline = out[i];
    if (inline.type !== 'text') break;
    const match = prefix.exec(inline.text);
    if (!match) break;
    const rest = inline.text.slice(match[0].length);
    if (rest !== '') {
      out[i] = { ...inline, text: rest };
      return out;
    }
    out.splice(i, 1);
    i--;
    if (match[0].length === 0) break;
  }
  return out;
}

function labelKind(value: string, form: string, depth: number): LabelKind {
  if (form === 'bullet') return 'bullet';
  if (form === 'number') return value.includes('.') ? 'decimal' : 'number';
  if (/^\d+$/.test(value)) return 'parenNumber';
  if (depth > 0 && /^[ivxlcdm]+$/.test(value)) return 'roman';
  return 'letter';
}

export type { Block };
