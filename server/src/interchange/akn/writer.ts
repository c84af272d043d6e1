// `.reso` → Akoma Ntoso 3.0 (AKN4UN): one `akomaNtoso` document per resolution, read from the
// parsed document. A resolution is a `statement`: FRBR identification in `meta`, title and name in
// `preface`, the authority line and the recitals (one `recitals` per preamble section) in
// `preamble`, one `hcontainer` per operative section in `mainBody` with `paragraph`s and nested
// `point`s, annexes as `attachments`. Revision marks become `ins`/`del`, footnotes
// `authorialNote`, citations `ref`s to the cited work and cross-references `ref`s to the clause.

import { documentCitations, type Citation, type CitingContext } from '../../analysis/citations';
import { crossReferences } from '../../analysis/crossrefs';
import type { Body } from '../../analysis/conferences';
import {
  walk,
  type AnnexNode,
  type ClauseNode,
  type FootnoteDefinitionNode,
  type ParagraphNode,
  type ParsedDocument,
  type ResolutionNode,
  type SectionNode,
  type SyntaxNode,
  type TitleNode,
} from '../../syntax';
import { escapeAttribute, escapeText } from '../xml';
import { LONG_SPAN, lowerBound, refSpan, renderInline, type InlineLayer, type InlinePoint, type InlineSpan } from './inline';
import { authorOf, BODY_NAMES, numberComponent, workUri, type TextKind } from './uri';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
/** Namespace of the `.reso` facts that Akoma Ntoso has no element for (front matter, proposal marker). */
export const RESO_NAMESPACE = 'urn:resolution-drafter:reso';

export interface AknDocument {
  /** `resolution-130.xml`, by kind and number. */
  name: string;
  xml: string;
}

export interface AknExportOptions {
  /** The day the XML is written (FRBRManifestation), `yyyy-mm-dd`. */
  today?: string;
}

/** One Akoma Ntoso document per resolution of the file. */
export function exportAkn(document: ParsedDocument, options: AknExportOptions = {}): AknDocument[] {
  const writer = new AknWriter(document, options.today ?? new Date().toISOString().slice(0, 10));
  const names = new Set<string>();
  return document.root.resolutions.map((resolution, index) => {
    const xml = writer.resolution(resolution, index);
    let name = fileNameOf(resolution.title);
    for (let n = 2; names.has(name); n++) name = `${fileNameOf(resolution.title).replace(/\.xml$/, '')}-${n}.xml`;
    names.add(name);
    return { name, xml };
  });
}

function kindOf(title: TitleNode | undefined): TextKind {
  return title?.form === 'decision' ? 'decision' : title?.form === 'recommendation' ? 'recommendation' : 'resolution';
}

function fileNameOf(title: TitleNode | undefined): string {
  return `${numberComponent(kindOf(title), title?.number).replace(/^res-/, 'resolution-').replace(/^dec-/, 'decision-').replace(/^rec-/, 'recommendation-')}.xml`;
}

const BODY_OF_AUTHORITY: ReadonlyArray<[RegExp, Body]> = [
  [/Plenipotentiary Conference/i, 'PP'],
  [/World Telecommunication Development Conference/i, 'WTDC'],
  [/World Telecommunication Standardization Assembly/i, 'WTSA'],
  [/Policy Forum/i, 'WTPF'],
  [/World Conference on International Telecommunications/i, 'WCIT'],
];

class AknWriter {
  private readonly source: string;
  private readonly layer: InlineLayer;
  private readonly contexts: CitingContext[];
  private readonly footnotes = new Map<string, FootnoteDefinitionNode>();
  /** eId of every clause and section, for cross-references. */
  private readonly eIds = new Map<SyntaxNode, string>();
  private usedIds = new Set<string>();
  private noteCount = 0;
  private footnoteDepth = 0;

  constructor(
    private readonly document: ParsedDocument,
    private readonly today: string,
  ) {
    this.source = document.text;
    const { citations, contexts } = documentCitations(document);
    this.contexts = contexts;
    for (const definition of document.root.footnoteDefinitions) if (!this.footnotes.has(definition.id)) this.footnotes.set(definition.id, definition);
    this.assignIds();
    this.layer = this.buildLayer(citations);
  }

  // ---- identifiers -------------------------------------------------------------------

  private unique(id: string): string {
    let candidate = id;
    for (let n = 2; this.usedIds.has(candidate); n++) candidate = `${id}_${n}`;
    this.usedIds.add(candidate);
    return candidate;
  }

  /** eIds are given before writing so that a reference may point forward; each resolution is its own scope. */
  private assignIds(): void {
    for (const resolution of this.document.root.resolutions) {
      this.usedIds = new Set();
      let recitals = 0;
      let containers = 0;
      for (const section of resolution.sections) {
        const preamble = section.heading.headingKind === 'preamble';
        const sectionId = this.unique(preamble ? `preamble__recitals_${++recitals}` : `body__hcontainer_${++containers}`);
        this.eIds.set(section, sectionId);
        this.assignClauseIds(section.clauses, sectionId, preamble ? 'recital' : 'para');
      }
    }
  }

  private assignClauseIds(clauses: readonly ClauseNode[], parent: string, element: string): void {
    clauses.forEach((clause, index) => {
      const label = clause.label && clause.label.form !== 'bullet' ? clause.label.value.replace(/[^A-Za-z0-9]+/g, '-') : String(index + 1);
      const id = this.unique(`${parent}__${element}_${label}`);
      this.eIds.set(clause, id);
      this.assignClauseIds(clause.items, id, element === 'recital' || element === 'item' ? 'item' : 'point');
    });
  }

  // ---- inline layer ------------------------------------------------------------------

  private buildLayer(citations: readonly Citation[]): InlineLayer {
    const spans: InlineSpan[] = [];
    const hidden: Array<[number, number]> = [];
    const points: InlinePoint[] = [];
    for (const mark of this.document.revisions) {
      switch (mark.kind) {
        case 'insertion':
          spans.push({ start: mark.contentStart, end: mark.contentEnd, open: '<ins>', close: '</ins>', rank: 0 });
          hidden.push([mark.start, mark.contentStart], [mark.contentEnd, mark.end]);
          break;
        case 'deletion':
          spans.push({ start: mark.contentStart, end: mark.contentEnd, open: '<del>', close: '</del>', rank: 0 });
          hidden.push([mark.start, mark.contentStart], [mark.contentEnd, mark.end]);
          break;
        case 'substitution': {
          const separator = mark.separator ?? mark.contentEnd;
          spans.push({ start: mark.contentStart, end: separator, open: '<del>', close: '</del>', rank: 0 });
          spans.push({ start: Math.min(separator + 2, mark.contentEnd), end: mark.contentEnd, open: '<ins>', close: '</ins>', rank: 0 });
          hidden.push([mark.start, mark.contentStart], [separator, Math.min(separator + 2, mark.contentEnd)], [mark.contentEnd, mark.end]);
          break;
        }
        case 'comment':
          hidden.push([mark.start, mark.end]);
          break;
        case 'highlight':
          hidden.push([mark.start, mark.contentStart], [mark.contentEnd, mark.end]);
          break;
      }
    }
    for (const resolution of this.document.root.resolutions) this.collectInline(resolution, spans, hidden, points);
    for (const annex of this.document.root.annexes) this.collectInline(annex, spans, hidden, points);
    for (const definition of this.document.root.footnoteDefinitions) this.collectInline(definition, spans, hidden, points);
    for (const comment of this.document.root.comments) hidden.push([comment.start, comment.end]);
    // Citations: one `ref` per number, to the cited work; a member that overlaps the one before is left plain.
    let lastEnd = -1;
    for (const citation of citations) {
      const start = citation.range.start;
      const end = citation.range.end;
      if (start < lastEnd || end <= start) continue;
      lastEnd = end;
      // A decision's ref goes to the decision (`…/dec_5`), never to the resolution of its number.
      const kind: TextKind = citation.kind;
      const href = workUri(kind, citation.body, citation.number, citation.body === 'UNGA' || citation.body === 'Council' ? undefined : citation.revision?.year);
      spans.push(refSpan(start, end, href));
    }
    for (const reference of crossReferences(this.document)) {
      const target = reference.clause ?? reference.section;
      const id = target ? this.eIds.get(target) : undefined;
      if (!id) continue;
      spans.push(refSpan(reference.start, reference.end, `#${id}`));
    }
    hidden.sort((a, b) => a[0] - b[0]);
    spans.sort((a, b) => a.start - b.start);
    points.sort((a, b) => a.start - b.start);
    return { spans: spans.filter((span) => span.end - span.start <= LONG_SPAN), longSpans: spans.filter((span) => span.end - span.start > LONG_SPAN), hidden, points };
  }

  private collectInline(root: SyntaxNode, spans: InlineSpan[], hidden: Array<[number, number]>, points: InlinePoint[]): void {
    for (const node of walk(root)) {
      if (node.kind === 'italic' || node.kind === 'bold') {
        const width = node.kind === 'bold' ? 2 : 1;
        spans.push({ start: node.start, end: node.end, open: node.kind === 'bold' ? '<b>' : '<i>', close: node.kind === 'bold' ? '</b>' : '</i>', rank: 2 });
        hidden.push([node.start, node.start + width], [node.end - width, node.end]);
      } else if (node.kind === 'footnoteReference') {
        const id = node.id;
        points.push({ start: node.start, end: node.end, xml: () => this.authorialNote(id) });
      } else if (node.kind === 'comment') hidden.push([node.start, node.end]);
    }
  }

  private authorialNote(id: string): string {
    const definition = this.footnotes.get(id);
    const eId = `authorialNote_${++this.noteCount}`;
    if (!definition || this.footnoteDepth > 0) return `<authorialNote marker="${escapeAttribute(id)}" placement="bottom" eId="${eId}"><p>${escapeText(`[^${id}]`)}</p></authorialNote>`;
    this.footnoteDepth++;
    const text = this.inline(definition.markerEnd + 1, definition.end);
    this.footnoteDepth--;
    return `<authorialNote marker="${escapeAttribute(id)}" placement="bottom" eId="${eId}"><p>${text}</p></authorialNote>`;
  }

  /** Inline XML of a source range, trimmed. */
  private inline(start: number, end: number): string {
    const source = this.source;
    let s = start;
    let e = end;
    while (s < e && /\s/.test(source[s])) s++;
    while (e > s && /\s/.test(source[e - 1])) e--;
    return renderInline(source, s, e, this.layer);
  }

  /** A source range extended over the revision marks that touch its ends (a deletion right after the last kept character). */
  private extend(start: number, end: number): [number, number] {
    const marks = this.document.revisions;
    let e = end;
    for (let i = lowerBound(marks, e, (m) => m.start); i < marks.length && marks[i].start === e && !this.source.slice(marks[i].contentStart, marks[i].contentEnd).includes('\n'); i++) e = marks[i].end;
    // The mark that holds the end: close it inside the range.
    for (let i = lowerBound(marks, start, (m) => m.start); i < marks.length && marks[i].start < e; i++) {
      const mark = marks[i];
      if (e > mark.contentStart && e <= mark.contentEnd) {
        const closing = this.source.slice(e, mark.contentEnd);
        if (/^\s*$/.test(closing)) e = mark.end;
      }
    }
    return [start, e];
  }

  // ---- documents ---------------------------------------------------------------------

  resolution(resolution: ResolutionNode, index: number): string {
    this.noteCount = 0;
    const title = resolution.title;
    const kind = kindOf(title);
    const context = this.contexts.find((c) => c.range.start <= resolution.start && resolution.start <= c.range.end) ?? this.contexts[index];
    const authorityText = resolution.authority ? this.document.amended.text.slice(resolution.authority.viewStart, resolution.authority.viewEnd) : '';
    const body = BODY_OF_AUTHORITY.find(([pattern]) => pattern.test(authorityText))?.[1] ?? context?.body;
    const year = title?.revision?.year ?? context?.year;
    const work = workUri(kind, body, title?.number, year);
    const frontMatter = this.document.root.frontMatter?.entries ?? [];
    const dated = frontMatter.find((entry) => entry.key === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(entry.value))?.value;
    const workDate = year !== undefined ? `${year}-01-01` : dated ?? this.today;
    const workDateName = year !== undefined ? 'year' : dated ? 'document' : 'unknown';
    const expressionDate = dated ?? workDate;
    const expression = `${work}/eng@${dated ?? (year !== undefined ? String(year) : '')}`;
    const author = `#${authorOf(body)}`;
    const lines: string[] = [];
    const push = (depth: number, text: string): void => {
      lines.push('  '.repeat(depth) + text);
    };
    push(0, `<?xml version="1.0" encoding="UTF-8"?>`);
    push(0, `<akomaNtoso xmlns="${AKN_NAMESPACE}">`);
    push(1, `<statement name="${kind}">`);
    push(2, '<meta>');
    push(3, '<identification source="#reso">');
    push(4, '<FRBRWork>');
    push(5, `<FRBRthis value="${escapeAttribute(work)}/!main"/>`);
    push(5, `<FRBRuri value="${escapeAttribute(work)}"/>`);
    push(5, `<FRBRdate date="${workDate}" name="${workDateName}"/>`);
    push(5, `<FRBRauthor href="${author}"/>`);
    push(5, '<FRBRcountry value="un"/>');
    push(5, '<FRBRsubtype value="deliberation"/>');
    push(5, `<FRBRnumber value="${escapeAttribute(numberComponent(kind, title?.number))}" showAs="${escapeAttribute(title?.text ?? '')}"/>`);
    if (resolution.subtitle) push(5, `<FRBRname value="${escapeAttribute(resolution.subtitle.text)}"/>`);
    push(4, '</FRBRWork>');
    push(4, '<FRBRExpression>');
    push(5, `<FRBRthis value="${escapeAttribute(expression)}/!main"/>`);
    push(5, `<FRBRuri value="${escapeAttribute(expression)}"/>`);
    push(5, `<FRBRdate date="${expressionDate}" name="${dated ? 'document' : workDateName}"/>`);
    push(5, `<FRBRauthor href="${author}"/>`);
    push(5, '<FRBRlanguage language="eng"/>');
    push(4, '</FRBRExpression>');
    push(4, '<FRBRManifestation>');
    push(5, `<FRBRthis value="${escapeAttribute(expression)}/!main.xml"/>`);
    push(5, `<FRBRuri value="${escapeAttribute(expression)}/.akn"/>`);
    push(5, `<FRBRdate date="${this.today}" name="XMLMarkup"/>`);
    push(5, '<FRBRauthor href="#reso"/>');
    push(4, '</FRBRManifestation>');
    push(3, '</identification>');
    push(3, '<references source="#reso">');
    push(4, `<TLCOrganization eId="${authorOf(body)}" href="/ontology/organizations/${authorOf(body)}" showAs="${escapeAttribute(BODY_NAMES[authorOf(body)] ?? 'ITU')}"/>`);
    push(4, '<TLCOrganization eId="reso" href="/ontology/organizations/resolution-drafter" showAs="Resolution Drafter"/>');
    push(3, '</references>');
    // Footnotes no marker points to (in the first resolution's document): kept as notes of the metadata.
    const unused = index === 0 ? this.document.root.footnoteDefinitions.filter((d) => !this.document.root.footnoteReferences.some((r) => r.id === d.id)) : [];
    if (unused.length > 0) {
      push(3, '<notes source="#reso">');
      unused.forEach((definition, n) => push(4, `<note eId="note_${n + 1}" marker="${escapeAttribute(definition.id)}"><p>${this.inline(definition.markerEnd + 1, definition.end)}</p></note>`));
      push(3, '</notes>');
    }
    const proprietary = this.proprietary(resolution);
    if (proprietary.length > 0) {
      push(3, `<proprietary source="#reso" xmlns:reso="${RESO_NAMESPACE}">`);
      for (const line of proprietary) push(4, line);
      push(3, '</proprietary>');
    }
    push(2, '</meta>');
    // Preface: title and name.
    push(2, '<preface>');
    push(3, `<longTitle eId="longTitle"><p>${this.titleXml(title)}</p></longTitle>`);
    if (resolution.subtitle) push(3, `<container name="title" eId="container_title"><p><docTitle>${this.nodeInline(resolution.subtitle, 2)}</docTitle></p></container>`);
    push(2, '</preface>');
    // Preamble: authority line, loose paragraphs, recitals.
    const preambleSections = resolution.sections.filter((s) => s.heading.headingKind === 'preamble');
    const operativeSections = resolution.sections.filter((s) => s.heading.headingKind !== 'preamble');
    if (resolution.authority || resolution.paragraphs.length > 0 || preambleSections.length > 0) {
      push(2, '<preamble>');
      if (resolution.authority) push(3, `<formula name="enactingFormula" eId="formula_1"><p>${this.nodeInline(resolution.authority, 0)}</p></formula>`);
      for (const paragraph of resolution.paragraphs) push(3, `<p>${this.nodeInline(paragraph, 0)}</p>`);
      for (const section of preambleSections) this.recitals(section, push);
      push(2, '</preamble>');
    }
    push(2, '<mainBody>');
    if (operativeSections.length === 0) push(3, '<p/>');
    for (const section of operativeSections) this.hcontainer(section, push);
    push(2, '</mainBody>');
    if (resolution.reasons) push(2, `<conclusions><p>${this.nodeInline(resolution.reasons, 0)}</p></conclusions>`);
    const annexes = this.annexesOf(resolution, index);
    if (annexes.length > 0) {
      push(2, '<attachments>');
      annexes.forEach((annex, n) => this.attachment(annex, n + 1, work, expression, author, push));
      push(2, '</attachments>');
    }
    push(1, '</statement>');
    push(0, '</akomaNtoso>');
    return lines.join('\n') + '\n';
  }

  private proprietary(resolution: ResolutionNode): string[] {
    const out: string[] = [];
    const entries = this.document.root.frontMatter?.entries ?? [];
    if (entries.length > 0) {
      out.push('<reso:frontMatter>');
      for (const entry of entries) out.push(`  <reso:entry key="${escapeAttribute(entry.key)}">${escapeText(entry.value)}</reso:entry>`);
      out.push('</reso:frontMatter>');
    }
    if (resolution.proposal) out.push(`<reso:proposal action="${escapeAttribute(resolution.proposal.action)}" identifier="${escapeAttribute(resolution.proposal.identifier)}"/>`);
    return out;
  }

  /** `<docType>RESOLUTION</docType> <docNumber>130 (REV. DUBAI, 2018)</docNumber>`, marks kept. */
  private titleXml(title: TitleNode | undefined): string {
    if (!title) return '';
    const view = this.document.amended;
    const text = view.text.slice(title.viewStart, title.viewEnd);
    const hashes = /^#+[ \t]*/.exec(text)?.[0].length ?? 0;
    const body = text.slice(hashes);
    const kind = /^((?:DRAFT\s+)?(?:NEW\s+)?(?:RESOLUTION|DECISION|RECOMMENDATION))\b\s*/i.exec(body);
    const contentStart = title.viewStart + hashes;
    if (!kind) return this.inline(view.toSource(contentStart), title.end);
    const kindEnd = view.toSourceEnd(contentStart + kind[1].length);
    const numberStart = view.toSource(contentStart + kind[0].length);
    const docType = `<docType>${this.inline(view.toSource(contentStart), kindEnd)}</docType>`;
    if (kind[0].length >= body.trimEnd().length) return docType;
    return `${docType} <docNumber>${this.inline(numberStart, title.end)}</docNumber>`;
  }

  /** A block's inline XML after its `#` markers. */
  private nodeInline(node: SyntaxNode, hashes: number): string {
    let start = node.start;
    if (hashes > 0) {
      const match = /^#+[ \t]*/.exec(this.source.slice(start, start + 12));
      start += match?.[0].length ?? 0;
    }
    return this.inline(start, node.end);
  }

  private headingXml(section: SectionNode): string {
    const heading = section.heading;
    const phrase = this.inline(heading.phraseStart, heading.phraseEnd);
    return heading.italic ? `<i>${phrase}</i>` : phrase;
  }

  private recitals(section: SectionNode, push: (depth: number, text: string) => void): void {
    const id = this.eIds.get(section) as string;
    push(3, `<recitals eId="${id}" refersTo="#${escapeAttribute(section.heading.phrase.replace(/\s+/g, '_'))}">`);
    push(4, `<heading>${this.headingXml(section)}</heading>`);
    if (section.intro) push(4, `<intro><p>${this.nodeInline(section.intro, 0)}</p></intro>`);
    const before = section.intro?.end ?? section.heading.end;
    let written = 0;
    this.eachWithGaps(section.clauses, before, this.sectionEnd(section), (gap, n) => {
      push(4, `<recital eId="${id}__recital_removed_${n}">${gap}</recital>`);
      written++;
    }, (clause) => {
      this.recital(clause, 'recital', 4, push);
      written++;
    });
    if (written === 0) push(4, `<recital eId="${id}__recital_1"><p/></recital>`);
    push(3, '</recitals>');
  }

  /** A preamble clause; its sub-items as a `blockList` of `item`s. */
  private recital(clause: ClauseNode, element: 'recital' | 'item', depth: number, push: (depth: number, text: string) => void): void {
    const id = this.eIds.get(clause) as string;
    push(depth, `<${element} eId="${id}">`);
    if (clause.label) push(depth + 1, `<num>${this.labelXml(clause)}</num>`);
    push(depth + 1, `<p>${this.ownText(clause)}</p>`);
    if (clause.items.length > 0) {
      push(depth + 1, `<blockList eId="${id}__list">`);
      this.eachWithGaps(clause.items, this.ownEnd(clause), clause.end, (gap, n) => push(depth + 2, `<item eId="${id}__item_removed_${n}">${gap}</item>`), (item) => this.recital(item, 'item', depth + 2, push));
      push(depth + 1, '</blockList>');
    }
    push(depth, `</${element}>`);
  }

  private hcontainer(section: SectionNode, push: (depth: number, text: string) => void): void {
    const id = this.eIds.get(section) as string;
    const name = section.heading.phrase.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'section';
    push(3, `<hcontainer name="${escapeAttribute(name)}" eId="${id}">`);
    push(4, `<heading>${this.headingXml(section)}</heading>`);
    if (section.intro) push(4, `<intro><p>${this.nodeInline(section.intro, 0)}</p></intro>`);
    const before = section.intro?.end ?? section.heading.end;
    this.eachWithGaps(section.clauses, before, this.sectionEnd(section), (gap, n) => push(4, `<paragraph eId="${id}__para_removed_${n}">${gap.replace(/<p>.*<\/p>$/, (p) => `<content>${p}</content>`)}</paragraph>`), (clause) => this.paragraph(clause, 'paragraph', 4, push));
    push(3, '</hcontainer>');
  }

  /** An operative clause: `content` alone, or `intro` and its `point`s. */
  private paragraph(clause: ClauseNode, element: 'paragraph' | 'point', depth: number, push: (depth: number, text: string) => void): void {
    const id = this.eIds.get(clause) as string;
    push(depth, `<${element} eId="${id}">`);
    if (clause.label) push(depth + 1, `<num>${this.labelXml(clause)}</num>`);
    if (clause.items.length === 0) push(depth + 1, `<content><p>${this.ownText(clause)}</p></content>`);
    else {
      push(depth + 1, `<intro><p>${this.ownText(clause)}</p></intro>`);
      this.eachWithGaps(clause.items, this.ownEnd(clause), clause.end, (gap, n) => push(depth + 1, `<point eId="${id}__point_removed_${n}">${gap.replace(/<p>.*<\/p>$/, (p) => `<content>${p}</content>`)}</point>`), (item) => this.paragraph(item, 'point', depth + 1, push));
    }
    push(depth, `</${element}>`);
  }

  /**
   * Visits clauses in order, and between them the stretches of source that hold deleted text and
   * no clause (a clause struck out whole in a MOD): those are written as clauses of their own, in `del`.
   */
  private eachWithGaps(clauses: readonly ClauseNode[], from: number, to: number, gap: (xml: string, n: number) => void, visit: (clause: ClauseNode) => void): void {
    let cursor = from;
    let gaps = 0;
    const flush = (end: number): void => {
      if (end > cursor && this.holdsDeletedText(cursor, end)) for (const [from, to] of this.removedClauses(cursor, end)) gap(this.removedClause(from, to), ++gaps);
    };
    for (const clause of clauses) {
      flush(clause.start);
      visit(clause);
      cursor = Math.max(cursor, clause.end);
    }
    flush(to);
  }

  /** Where a section's stretch of source ends: the next section, or the end of its resolution (a clause deleted last lies after the section's end). */
  private sectionEnd(section: SectionNode): number {
    const resolution = section.parent;
    if (resolution?.kind !== 'resolution') return section.end;
    const index = resolution.sections.indexOf(section);
    const next = resolution.sections[index + 1];
    if (next) return next.start;
    return resolution.reasons?.start ?? resolution.end;
  }

  /** A stretch holding clauses struck out whole, one range per clause: a new one starts with each mark that opens a line with a label. */
  private removedClauses(start: number, end: number): Array<[number, number]> {
    const source = this.source;
    const marks = this.document.revisions;
    const cuts: number[] = [];
    for (let i = lowerBound(marks, start, (m) => m.start); i < marks.length && marks[i].start < end; i++) {
      const mark = marks[i];
      if (mark.kind !== 'deletion') continue;
      let lineStart = mark.start;
      while (lineStart > start && (source[lineStart - 1] === ' ' || source[lineStart - 1] === '\t')) lineStart--;
      const atLineStart = lineStart === start || source[lineStart - 1] === '\n';
      if (atLineStart && lineStart > start && /^([a-z]{1,4}\)|\d{1,3}(?:\.\d{1,3})*)[ \t]/.test(source.slice(mark.contentStart, mark.contentStart + 12))) cuts.push(lineStart);
    }
    const ranges: Array<[number, number]> = [];
    let from = start;
    for (const cut of cuts) {
      if (this.holdsDeletedText(from, cut)) {
        ranges.push([from, cut]);
        from = cut;
      }
    }
    ranges.push([from, end]);
    return ranges;
  }

  /** `<num>` and `<p>` of a clause deleted whole: its label, when it starts with one, apart. */
  private removedClause(start: number, end: number): string {
    const source = this.source;
    let s = start;
    // Blanks and comment lines before the struck clause are not part of it.
    for (;;) {
      while (s < end && /\s/.test(source[s])) s++;
      if (!source.startsWith('<!--', s)) break;
      const close = source.indexOf('-->', s);
      if (close < 0 || close >= end) break;
      s = close + 3;
    }
    const marks = this.document.revisions;
    let mark: (typeof marks)[number] | undefined;
    for (let i = lowerBound(marks, s, (m) => m.start); i < marks.length && marks[i].start < end && !mark; i++) if (marks[i].kind === 'deletion' || marks[i].kind === 'substitution') mark = marks[i];
    if (mark && source.slice(s, mark.start).trim() === '') {
      const label = /^([a-z]{1,4}\)|\d{1,3}(?:\.\d{1,3})*)[ \t]+/.exec(source.slice(mark.contentStart, mark.contentEnd));
      if (label) {
        const labelEnd = mark.contentStart + label[1].length;
        return `<num>${renderInline(source, s, labelEnd, this.layer)}</num><p>${this.inline(labelEnd, end)}</p>`;
      }
    }
    return `<p>${this.inline(start, end)}</p>`;
  }

  private holdsDeletedText(start: number, end: number): boolean {
    const marks = this.document.revisions;
    // Marks do not nest, so the one that may reach into the range is just before it.
    for (let i = Math.max(0, lowerBound(marks, start, (m) => m.start) - 1); i < marks.length && marks[i].start < end; i++) {
      const mark = marks[i];
      if (mark.end <= start) continue;
      if (mark.kind === 'deletion' || mark.kind === 'substitution') {
        const content = this.source.slice(Math.max(start, mark.contentStart), Math.min(end, mark.contentEnd));
        if (/\S/.test(content) && !/^\s*<!--/.test(content)) return true;
      }
    }
    return false;
  }

  /** The label as written, with the marks that change it (`<del>b</del><ins>c</ins>)`). */
  private labelXml(clause: ClauseNode): string {
    const label = clause.label;
    if (!label) return '';
    let start = label.start;
    // Deletions right before the label (`{--b--}{++c++})`) belong to it.
    const marks = this.document.revisions;
    const at = lowerBound(marks, start + 1, (m) => m.start) - 1;
    const holder = at >= 0 && marks[at].contentStart <= start && start < marks[at].contentEnd ? marks[at] : undefined;
    let anchor = holder && holder.kind === 'insertion' && this.source.slice(holder.contentStart, start).trim() === '' ? holder.start : start;
    for (;;) {
      const index = lowerBound(marks, anchor, (m) => m.start) - 1;
      const before = index >= 0 ? marks[index] : undefined;
      if (!before || before.end !== anchor || !(before.kind === 'deletion' || before.kind === 'substitution') || before.contentEnd - before.contentStart > 6 || this.source.slice(before.contentStart, before.contentEnd).includes('\n')) break;
      anchor = before.start;
    }
    start = Math.min(start, anchor);
    const end = label.form === 'bullet' ? label.start + 1 : label.end;
    // An insertion that holds the whole clause is shown on its text; the label alone keeps its own marks.
    const text = renderInline(this.source, start, end, this.layer);
    return text;
  }

  /** Source end of a clause's own text (before its sub-items). */
  private ownEnd(clause: ClauseNode): number {
    return this.document.amended.toSourceEnd(clause.textViewEnd);
  }

  private ownText(clause: ClauseNode): string {
    const view = this.document.amended;
    const start = clause.label ? clause.label.end : view.toSource(clause.textViewStart);
    const [s, e] = this.extend(start, this.ownEnd(clause));
    return this.inline(s, e);
  }

  private annexesOf(resolution: ResolutionNode, index: number): AnnexNode[] {
    const resolutions = this.document.root.resolutions;
    const next = resolutions[index + 1];
    return this.document.root.annexes.filter((annex) => {
      const number = resolution.title?.number;
      const named = resolutions.find((r) => r.title?.number !== undefined && r.title.number === annex.title.annexOf?.number);
      if (named) return named === resolution && number !== undefined;
      return annex.start >= resolution.start && (!next || annex.start < next.start);
    });
  }

  private attachment(annex: AnnexNode, n: number, work: string, expression: string, author: string, push: (depth: number, text: string) => void): void {
    const suffix = `annex_${annex.title.annexNumber ?? n}`;
    push(3, `<attachment eId="att_${n}">`);
    push(4, '<doc name="annex">');
    push(5, '<meta>');
    push(6, '<identification source="#reso">');
    push(7, `<FRBRWork><FRBRthis value="${escapeAttribute(work)}/!${suffix}"/><FRBRuri value="${escapeAttribute(work)}"/><FRBRdate date="${this.today}" name="XMLMarkup"/><FRBRauthor href="${author}"/><FRBRcountry value="un"/></FRBRWork>`);
    push(7, `<FRBRExpression><FRBRthis value="${escapeAttribute(expression)}/!${suffix}"/><FRBRuri value="${escapeAttribute(expression)}"/><FRBRdate date="${this.today}" name="XMLMarkup"/><FRBRauthor href="${author}"/><FRBRlanguage language="eng"/></FRBRExpression>`);
    push(7, `<FRBRManifestation><FRBRthis value="${escapeAttribute(expression)}/!${suffix}.xml"/><FRBRuri value="${escapeAttribute(expression)}/.akn"/><FRBRdate date="${this.today}" name="XMLMarkup"/><FRBRauthor href="#reso"/></FRBRManifestation>`);
    push(6, '</identification>');
    push(5, '</meta>');
    push(5, `<preface><longTitle eId="att_${n}__longTitle"><p>${this.nodeInline(annex.title, 1)}</p></longTitle></preface>`);
    push(5, '<mainBody>');
    if (annex.paragraphs.length === 0) push(6, '<p/>');
    for (const paragraph of annex.paragraphs) push(6, `<p>${this.paragraphLines(paragraph)}</p>`);
    push(5, '</mainBody>');
    push(4, '</doc>');
    push(3, '</attachment>');
  }

  /** A free paragraph of an annex: its lines kept apart with `eol`, as an annex is free text. */
  private paragraphLines(paragraph: ParagraphNode): string {
    const lines: string[] = [];
    let at = paragraph.start;
    while (at < paragraph.end) {
      let next = this.source.indexOf('\n', at);
      if (next < 0 || next > paragraph.end) next = paragraph.end;
      const line = this.inline(at, next);
      if (line !== '') lines.push(line);
      at = next + 1;
    }
    return lines.join('<eol/>');
  }
}
