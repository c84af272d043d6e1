// The document as the printed resolution, in HTML: centred title and name, the authority line,
// italic headings, hanging labels, indented sub-items, footnotes after each resolution, annexes.
// Three readings: `tracked` (insertions and deletions shown as Word shows them), `amended` and
// `original`. Every block carries `data-line` (its first source line, 0-based) for scroll sync.
// Every piece of document text is escaped: nothing in a document becomes markup, script or link.

import type {
  AnnexNode,
  ClauseNode,
  DocumentNode,
  FootnoteDefinitionNode,
  FrontMatterNode,
  ParsedDocument,
  ResolutionNode,
  RevisionMark,
  SectionNode,
  SyntaxNode,
} from '../../syntax';

export type RenderMode = 'tracked' | 'amended' | 'original';

export const RENDER_MODES: readonly RenderMode[] = ['tracked', 'amended', 'original'];

export interface RenderedDocument {
  /** The body's content: one `<article class="resolution">` per resolution, annexes, free text. */
  body: string;
  /** The first title, for the page's `<title>`. */
  title: string;
  /** Number of revision marks the document carries. */
  marks: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

type Style = 'plain' | 'ins' | 'del' | 'note' | 'mark';

interface Segment {
  start: number;
  end: number;
  style: Style;
}

/**
 * The HTML being written, joined in chunks as it grows: a large document's many small pieces die
 * young instead of being held to the end, which keeps the collector's work linear in the size.
 */
class HtmlOutput {
  private parts: string[] = [];
  private readonly chunks: string[] = [];

  push(...pieces: string[]): void {
    for (const piece of pieces) this.parts.push(piece);
    if (this.parts.length >= 1024) {
      this.chunks.push(this.parts.join(''));
      this.parts = [];
    }
  }

  join(): string {
    this.chunks.push(this.parts.join(''));
    this.parts = [];
    return this.chunks.join('');
  }
}

class Renderer {
  private readonly out = new HtmlOutput();
  private readonly marks: readonly RevisionMark[];
  private readonly text: string;
  private footnotes: FootnoteDefinitionNode[] = [];
  /** `<!-- … -->` ranges of the source, in order: found once, not searched for per run of text. */
  private readonly htmlComments: Array<[number, number]>;

  constructor(
    private readonly document: ParsedDocument,
    private readonly mode: RenderMode,
  ) {
    this.marks = document.revisions;
    this.text = document.text;
    this.htmlComments = htmlComments(document.text);
  }

  render(root: DocumentNode): string {
    this.children(root, root.start, root.end, 'free');
    this.flushFootnotes();
    return this.out.join();
  }

  private line(offset: number): number {
    return this.document.lines.positionAt(offset).line;
  }

  private open(tag: string, className: string, offset: number): void {
    this.out.push(`<${tag} class="${className}" data-line="${this.line(offset)}">`);
  }

  /** The children of a container in order, with any text between them that the mode shows (a deleted clause). */
  private children(node: SyntaxNode, from: number, to: number, gapClass: string): void {
    let cursor = from;
    for (const child of node.children) {
      if (child.start > cursor) this.gap(cursor, child.start, gapClass);
      this.node(child);
      cursor = Math.max(cursor, child.end);
    }
    if (to > cursor) this.gap(cursor, to, gapClass);
  }

  /** Source text no node of this reading holds: in the tracked view, a deleted clause or heading. */
  private gap(start: number, end: number, className: string): void {
    if (this.mode !== 'tracked') return;
    const segments = this.segments(start, end).filter((s) => s.style !== 'plain' || this.text.slice(s.start, s.end).trim() !== '');
    if (segments.length === 0) return;
    let first = segments[0].start;
    while (/\s/.test(this.text[first] ?? '')) first++;
    this.open('p', `${className} gap`, first);
    this.out.push(this.inline(segments), '</p>');
  }

  private node(node: SyntaxNode): void {
    switch (node.kind) {
      case 'frontMatter':
        return this.frontMatter(node);
      case 'resolution':
        return this.resolution(node);
      case 'annex':
        return this.annex(node);
      case 'proposal':
        this.open('p', 'proposal', node.start);
        this.out.push(this.inlineRange(node.start, node.end), '</p>');
        return;
      case 'title':
        this.open('h1', 'title', node.start);
        this.out.push(this.inlineRange(skipMarker(this.text, node.start, node.end, '#'), node.end), '</h1>');
        return;
      case 'subtitle':
        this.open('h2', 'name', node.start);
        this.out.push(this.inlineRange(skipMarker(this.text, node.start, node.end, '#'), node.end), '</h2>');
        return;
      case 'section':
        return this.section(node);
      case 'heading':
        this.open('p', 'heading', node.start);
        this.out.push(node.italic ? this.inlineRange(node.start, node.end) : `<em>${this.inlineRange(node.start, node.end)}</em>`, '</p>');
        return;
      case 'clause':
        return this.clause(node);
      case 'paragraph':
        this.open('p', node.role, node.start);
        this.out.push(this.inlineRange(node.start, node.end), '</p>');
        return;
      case 'footnoteDefinition':
        this.footnotes.push(node);
        return;
      case 'comment':
        return;
      default:
        this.open('p', 'free', node.start);
        this.out.push(this.inlineRange(node.start, node.end), '</p>');
    }
  }

  private frontMatter(node: FrontMatterNode): void {
    this.open('table', 'front-matter', node.start);
    for (const entry of node.entries) {
      this.out.push(`<tr data-line="${this.line(entry.keyStart)}"><th>${escapeHtml(entry.key)}</th><td>${this.inlineRange(entry.valueStart, entry.valueEnd)}</td></tr>`);
    }
    this.out.push('</table>');
  }

  private resolution(node: ResolutionNode): void {
    this.flushFootnotes();
    this.open('article', 'resolution', node.start);
    this.children(node, node.start, node.end, 'free');
    this.flushFootnotes();
    this.out.push('</article>');
  }

  private annex(node: AnnexNode): void {
    this.flushFootnotes();
    this.open('article', 'annex', node.start);
    this.children(node, node.start, node.end, 'free');
    this.flushFootnotes();
    this.out.push('</article>');
  }

  private section(node: SectionNode): void {
    this.open('section', `section ${node.heading.headingKind}`, node.start);
    this.children(node, node.start, node.end, 'clause');
    this.out.push('</section>');
  }

  private clause(node: ClauseNode): void {
    const label = node.label;
    this.open('div', `clause depth-${node.depth}${label ? ' labelled' : ''}`, node.start);
    const textEnd = node.items.length > 0 ? node.items[0].start : node.end;
    if (label) this.out.push(`<span class="label">${this.inlineRange(label.start, label.end)}</span>`);
    let cursor = label ? label.end : node.start;
    while (cursor < textEnd && (this.text[cursor] === ' ' || this.text[cursor] === '\t')) cursor++;
    this.out.push('<span class="text">');
    // Footnote definitions and comments can sit among a clause's children; the text runs around them.
    for (const child of node.children) {
      if (child === label || child.kind === 'clause' || child.start >= textEnd) continue;
      if (child.kind !== 'footnoteDefinition') continue;
      this.out.push(this.inlineRange(cursor, child.start));
      this.footnotes.push(child);
      cursor = child.end;
    }
    this.out.push(this.inlineRange(cursor, textEnd), '</span>');
    if (node.items.length > 0) {
      let itemCursor = textEnd;
      for (const item of node.items) {
        if (item.start > itemCursor) this.gap(itemCursor, item.start, `clause depth-${node.depth + 1}`);
        this.clause(item);
        itemCursor = item.end;
      }
      if (node.end > itemCursor) this.gap(itemCursor, node.end, `clause depth-${node.depth + 1}`);
    }
    this.out.push('</div>');
  }

  private flushFootnotes(): void {
    if (this.footnotes.length === 0) return;
    const notes = this.footnotes;
    this.footnotes = [];
    this.out.push('<aside class="footnotes">');
    for (const note of notes) {
      this.out.push(`<p class="footnote" id="fn-${escapeHtml(note.id)}" data-line="${this.line(note.start)}"><sup>${escapeHtml(note.id)}</sup> ${this.inlineRange(note.markerEnd + 1, note.end)}</p>`);
    }
    this.out.push('</aside>');
  }

  /** The source range as runs the mode shows, each with its look; delimiters and `<!-- -->` left out. */
  private segments(start: number, end: number): Segment[] {
    const out: Segment[] = [];
    const tracked = this.mode === 'tracked';
    const amended = this.mode === 'amended';
    let cursor = start;
    for (let i = firstMarkEndingAfter(this.marks, start); i < this.marks.length && this.marks[i].start < end; i++) {
      const mark = this.marks[i];
      if (mark.start > cursor) this.plain(out, cursor, mark.start, 'plain');
      switch (mark.kind) {
        case 'insertion':
          if (tracked || amended) this.clip(out, start, end, mark.contentStart, mark.contentEnd, tracked ? 'ins' : 'plain');
          break;
        case 'deletion':
          if (!amended) this.clip(out, start, end, mark.contentStart, mark.contentEnd, tracked ? 'del' : 'plain');
          break;
        case 'substitution': {
          const separator = mark.separator ?? mark.contentEnd;
          if (!amended) this.clip(out, start, end, mark.contentStart, separator, tracked ? 'del' : 'plain');
          if (mark.separator !== undefined && (tracked || amended)) this.clip(out, start, end, separator + 2, mark.contentEnd, tracked ? 'ins' : 'plain');
          break;
        }
        case 'comment':
          if (tracked) this.clip(out, start, end, mark.contentStart, mark.contentEnd, 'note');
          break;
        case 'highlight':
          this.clip(out, start, end, mark.contentStart, mark.contentEnd, tracked ? 'mark' : 'plain');
          break;
      }
      cursor = Math.max(cursor, mark.end);
    }
    if (end > cursor) this.plain(out, cursor, end, 'plain');
    return out;
  }

  private clip(out: Segment[], start: number, end: number, from: number, to: number, style: Style): void {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b > a) this.plain(out, a, b, style);
  }

  /** A run of text, less the HTML comments in it: the drafter's notes are never printed. */
  private plain(out: Segment[], from: number, to: number, style: Style): void {
    const comments = this.htmlComments;
    let at = from;
    for (let c = firstEndingAfter(comments, at); c < comments.length && comments[c][0] < to; c++) {
      const commentStart = comments[c][0];
      if (commentStart > at) out.push({ start: at, end: commentStart, style });
      at = Math.max(at, Math.min(to, comments[c][1]));
    }
    if (to > at) out.push({ start: at, end: to, style });
  }

  private inlineRange(start: number, end: number): string {
    // Line breaks and indentation at a block's edges are layout in the source, not text.
    while (start < end && isBlank(this.text.charCodeAt(start))) start++;
    while (end > start && isBlank(this.text.charCodeAt(end - 1))) end--;
    return this.inline(this.segments(start, end));
  }

  /** Per character of the text being inlined: 1 italic, 2 bold, 4 a delimiter left out, 8 a footnote marker. Reused. */
  private flags = new Uint8Array(4096);

  /**
   * The runs in HTML. Italics and bold are paired on the text the reader sees, across revision
   * marks (`*{--noting--}{++recalling++}*`); an unpaired `*` stays a character. Footnote markers
   * `[^id]` become superscripts.
   */
  private inline(segments: readonly Segment[]): string {
    if (segments.length === 0) return '';
    const text = this.text;
    const visible = segments.length === 1 ? text.slice(segments[0].start, segments[0].end) : segments.map((s) => text.slice(s.start, s.end)).join('');
    const emphasis = visible.includes('*');
    const footnotes = visible.includes('[^');
    if (!emphasis && !footnotes) {
      // Most runs: no italics, no footnotes; each segment is escaped text in its tag.
      if (segments.length === 1) return wrap(segments[0].style, escapeHtml(visible));
      let html = '';
      let at = 0;
      for (const segment of segments) {
        const length = segment.end - segment.start;
        html += wrap(segment.style, escapeHtml(visible.slice(at, at + length)));
        at += length;
      }
      return html;
    }
    const n = visible.length;
    if (this.flags.length < n) this.flags = new Uint8Array(n * 2);
    const flags = this.flags;
    flags.fill(0, 0, n);
    const notes = new Map<number, { id: string; length: number }>();
    if (emphasis) {
      for (const match of visible.matchAll(/\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*/g)) {
        const at = match.index ?? 0;
        flags[at] = flags[at + 1] = 4;
        flags[at + match[0].length - 1] = flags[at + match[0].length - 2] = 4;
        for (let i = at + 2; i < at + match[0].length - 2; i++) flags[i] |= 2;
      }
      for (const match of visible.matchAll(/(?<![*\w])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![*\w])/g)) {
        const at = match.index ?? 0;
        if (flags[at] & 4) continue;
        flags[at] = 4;
        flags[at + match[0].length - 1] = 4;
        for (let i = at + 1; i < at + match[0].length - 1; i++) flags[i] |= 1;
      }
    }
    if (footnotes) {
      for (const match of visible.matchAll(/\[\^([^\]\s]+)\]/g)) {
        const at = match.index ?? 0;
        notes.set(at, { id: match[1], length: match[0].length });
        flags[at] |= 8;
      }
    }
    let html = '';
    let at = 0;
    for (const segment of segments) {
      const end = at + segment.end - segment.start;
      let inner = '';
      let i = at;
      while (i < end) {
        if (flags[i] & 8) {
          const note = notes.get(i);
          if (note && i + note.length <= end) {
            inner += `<sup class="fnref"><a href="#fn-${escapeHtml(note.id)}">${escapeHtml(note.id)}</a></sup>`;
            i += note.length;
            continue;
          }
        }
        if (flags[i] & 4) {
          i++;
          continue;
        }
        const look = flags[i] & 3;
        let j = i + 1;
        while (j < end && (flags[j] & 15) === look) j++;
        const run = escapeHtml(visible.slice(i, j));
        inner += look === 0 ? run : look === 1 ? `<em>${run}</em>` : look === 2 ? `<strong>${run}</strong>` : `<strong><em>${run}</em></strong>`;
        i = j;
      }
      html += wrap(segment.style, inner);
      at = end;
    }
    return html;
  }
}

function wrap(style: Style, html: string): string {
  if (style === 'plain' || html === '') return html;
  const [open, close] = STYLE_TAGS[style];
  return open + html + close;
}

const STYLE_TAGS: Record<Style, [string, string]> = {
  plain: ['', ''],
  ins: ['<ins>', '</ins>'],
  del: ['<del>', '</del>'],
  note: ['<span class="note">', '</span>'],
  mark: ['<mark>', '</mark>'],
};

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function skipMarker(text: string, start: number, end: number, marker: string): number {
  let at = start;
  while (at < end && text[at] === marker) at++;
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

function htmlComments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', at + 4);
    const end = close < 0 ? text.length : close + 3;
    out.push([at, end]);
    at = end;
  }
  return out;
}

function firstEndingAfter(ranges: ReadonlyArray<[number, number]>, offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstMarkEndingAfter(marks: readonly RevisionMark[], offset: number): number {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Renders the document in one of its three readings. */
export function renderDocument(document: ParsedDocument, mode: RenderMode): RenderedDocument {
  // The original reading has its own structure (a deleted clause is a clause there).
  const root = mode === 'original' ? document.originalRoot() : document.root;
  const body = new Renderer(document, mode).render(root);
  const first = root.resolutions.find((r) => r.title)?.title?.text ?? root.annexes[0]?.title.text ?? 'Resolution';
  return { body, title: first.replace(/\{(?:\+\+|--|~~|>>|==)|(?:\+\+|--|~~|<<|==)\}/g, ''), marks: document.revisions.length };
}
