// Akoma Ntoso → the interchange model: one document per `statement`. Reads what this product
// writes and what PDF-to-AKN4UN converters write, repairing their known faults (see repairs.ts).
// Nothing is lost: text that has no place in the markup is kept as a free paragraph or a comment.

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
  type ProposalAction,
  type Resolution,
  type Section,
  type TextRun,
} from '../model';
import { childElements, firstChild, parseXml, textOf, XmlSyntaxError, type XmlElement } from '../xml';
import { AKN_NAMESPACE, RESO_NAMESPACE } from './writer';
import { emptyRepairCounts, repairStatement, type RawClause, type RawSection, type RawStatement, type RepairCounts } from './repairs';

/** The input cannot be imported: the message says why; nothing is written. */
export class ImportError extends Error {}

export interface ImportedStatement {
  /** `resolution-130.reso`, by kind and number. */
  name: string;
  kind: string;
  number?: string;
  document: InterchangeDocument;
}

export interface AknImport {
  statements: ImportedStatement[];
  repairs: RepairCounts;
}

export function readAkn(xml: string): AknImport {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new ImportError(`malformed XML: ${error.message}`);
    throw error;
  }
  if (root.name !== 'akomaNtoso') throw new ImportError(`not Akoma Ntoso: the root element is <${root.name}>, not <akomaNtoso>`);
  if (root.namespace !== AKN_NAMESPACE && root.namespace !== '') throw new ImportError(`not Akoma Ntoso 3.0: the namespace is ${root.namespace}, not ${AKN_NAMESPACE}`);
  const statements = findStatements(root);
  if (statements.length === 0) throw new ImportError('the Akoma Ntoso document holds no <statement> (a resolution or decision is a statement)');
  const repairs = emptyRepairCounts();
  const names = new Set<string>();
  const out = statements.map((statement) => {
    const raw = readStatement(statement);
    repairStatement(raw, repairs);
    const document = toModel(raw);
    const base = `${raw.kind}-${(raw.number ?? 'unnumbered').toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'unnumbered'}`;
    let name = `${base}.reso`;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}.reso`;
    names.add(name);
    return { name, kind: raw.kind, number: raw.number, document };
  });
  return { statements: out, repairs };
}

function findStatements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of childElements(element)) {
    if (child.name === 'statement') out.push(child);
    // Collections and components hold statements deeper down; a statement's own attachments are its annexes.
    else if (child.name !== 'meta') out.push(...findStatements(child));
  }
  return out;
}

// ---- inline content ----------------------------------------------------------------

interface InlineState {
  italic?: boolean;
  bold?: boolean;
  change?: Change;
}

interface InlineContext {
  footnotes: Footnote[];
}

/** The inline content of an element: italics, bold, revisions, footnotes; other inline elements give their text. */
export function inlinesOf(element: XmlElement, context: InlineContext, state: InlineState = {}): Inline[] {
  const out: Inline[] = [];
  for (const child of element.children) {
    if (child.kind === 'text') {
      pushText(out, child.text, state);
      continue;
    }
    switch (child.name) {
      case 'i':
        out.push(...inlinesOf(child, context, { ...state, italic: true }));
        break;
      case 'b':
        out.push(...inlinesOf(child, context, { ...state, bold: true }));
        break;
      case 'ins':
        out.push(...inlinesOf(child, context, { ...state, change: { kind: 'insertion' } }));
        break;
      case 'del':
        out.push(...inlinesOf(child, context, { ...state, change: { kind: 'deletion' } }));
        break;
      case 'eol':
      case 'br':
        pushText(out, ' ', state);
        break;
      case 'authorialNote':
      case 'note': {
        const id = child.attributes.marker || String(context.footnotes.length + 1);
        const content = normalize(childElements(child).flatMap((block) => [...inlinesOf(block, context), { type: 'text' as const, text: ' ' }]));
        if (!context.footnotes.some((note) => note.id === id)) context.footnotes.push({ id, content });
        out.push({ type: 'footnote', id, ...(state.change ? { change: state.change } : {}) });
        break;
      }
      default:
        out.push(...inlinesOf(child, context, state));
    }
  }
  return out;
}

function pushText(out: Inline[], text: string, state: InlineState): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last?.type === 'text' && !!last.italic === !!state.italic && !!last.bold === !!state.bold && last.change?.kind === state.change?.kind) {
    last.text += text;
    return;
  }
  const run: TextRun = { type: 'text', text };
  if (state.italic) run.italic = true;
  if (state.bold) run.bold = true;
  if (state.change) run.change = state.change;
  out.push(run);
}

/** Blanks collapsed (a no-break space is kept: it is text), ends trimmed. Runs may be changed in place: readers own them. */
export function normalize(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    if (inline.type !== 'text') {
      out.push(inline);
      continue;
    }
    const text = BLANKS_TO_COLLAPSE.test(inline.text) ? inline.text.replace(BLANK_RUN, ' ') : inline.text;
    const last = out[out.length - 1];
    if (last?.type === 'text' && !!last.italic === !!inline.italic && !!last.bold === !!inline.bold && last.change?.kind === inline.change?.kind && !!last.highlight === !!inline.highlight) {
      // Two blanks across runs: keep the first.
      last.text += last.text.endsWith(' ') && text.startsWith(' ') ? text.slice(1) : text;
    } else {
      if (last?.type === 'text' && last.text.endsWith(' ') && text.startsWith(' ')) out.push({ ...inline, text: text.slice(1) });
      else out.push(inline.text === text ? inline : { ...inline, text });
    }
  }
  const first = out[0];
  if (first?.type === 'text' && first.text.startsWith(' ')) out[0] = { ...first, text: first.text.replace(/^ +/, '') };
  const lastIndex = out.length - 1;
  const last = out[lastIndex];
  if (last?.type === 'text' && last.text.endsWith(' ')) out[lastIndex] = { ...last, text: last.text.replace(/ +$/, '') };
  return out.filter((inline) => inline.type !== 'text' || inline.text !== '');
}

const BLANKS_TO_COLLAPSE = /[\t\n\r]| {2}/;
const BLANK_RUN = /[ \t\n\r]+/g;

function blockInlines(element: XmlElement | undefined, context: InlineContext): Inline[] {
  if (!element) return [];
  const blocks = childElements(element).filter((child) => child.name === 'p' || child.name === 'block');
  const parts = blocks.length > 0 ? blocks : [element];
  const out: Inline[] = [];
  parts.forEach((part, index) => {
    if (index > 0) out.push({ type: 'text', text: ' ' });
    out.push(...inlinesOf(part, context));
  });
  return normalize(out);
}

// ---- structure ---------------------------------------------------------------------

function readStatement(statement: XmlElement): RawStatement {
  const context: InlineContext = { footnotes: [] };
  const meta = firstChild(statement, 'meta');
  const preface = firstChild(statement, 'preface');
  const preamble = firstChild(statement, 'preamble');
  const mainBody = firstChild(statement, 'mainBody') ?? firstChild(statement, 'body');
  const longTitle = preface ? firstChild(preface, 'longTitle') : undefined;
  const number = meta ? findDescendant(meta, 'FRBRnumber') : undefined;
  let title = normalize(longTitle ? blockInlines(longTitle, context) : []);
  if (title.length === 0 && number?.attributes.showAs) title = [{ type: 'text', text: number.attributes.showAs }];
  const titleText = title.map((inline) => (inline.type === 'text' && inline.change?.kind !== 'deletion' ? inline.text : '')).join('');
  const titleMatch = /^(?:DRAFT\s+)?(?:NEW\s+)?(RESOLUTION|DECISION|RECOMMENDATION)\s+(\[[^\]]*\]|[\w./-]+)/i.exec(titleText);
  const kind = (titleMatch?.[1] ?? statement.attributes.name ?? 'resolution').toLowerCase();
  const raw: RawStatement = {
    kind: ['resolution', 'decision', 'recommendation'].includes(kind) ? kind : 'resolution',
    number: titleMatch?.[2] ?? number?.attributes.value?.replace(/^(res|dec|rec)-/, ''),
    title,
    sections: [],
    paragraphs: [],
    annexes: [],
    trailing: [],
    footnotes: context.footnotes,
    comments: [],
  };
  if (preface) {
    const name = childElements(preface).find((child) => child.name === 'container' && (child.attributes.name === 'title' || child.attributes.name === 'subject'));
    const docTitle = name ?? findDescendant(preface, 'docTitle');
    if (docTitle) raw.subtitle = blockInlines(docTitle, context);
  }
  if (meta) {
    readProprietary(meta, raw);
    for (const notes of childElements(meta, 'notes')) {
      for (const note of childElements(notes, 'note')) {
        const id = note.attributes.marker || note.attributes.eId || String(context.footnotes.length + 1);
        if (!context.footnotes.some((f) => f.id === id)) context.footnotes.push({ id, content: blockInlines(note, context) });
      }
    }
  }
  if (preamble) {
    for (const child of childElements(preamble)) {
      if (child.name === 'formula') raw.authority = blockInlines(child, context);
      else if (child.name === 'recitals') raw.sections.push(readSection(child, 'recital', context, raw));
      else if (child.name === 'recital') {
        // A recital outside any recitals: a section of its own with no heading is not markup; keep it as text.
        raw.paragraphs.push(blockInlines(child, context));
      } else if (child.name === 'p' || child.name === 'container' || child.name === 'longTitle') raw.paragraphs.push(blockInlines(child, context));
      else keepUnplaced(child, raw);
    }
  }
  if (mainBody) {
    for (const child of childElements(mainBody)) {
      if (childElements(child).some((c) => c.name === 'heading') && child.name !== 'paragraph') raw.sections.push(readSection(child, 'paragraph', context, raw));
      else if (child.name === 'p') {
        const text = blockInlines(child, context);
        if (text.length > 0) raw.trailing.push({ inlines: text });
      } else keepUnplaced(child, raw);
    }
  }
  const conclusions = firstChild(statement, 'conclusions');
  if (conclusions) {
    const text = blockInlines(conclusions, context);
    const plain = text.map((inline) => (inline.type === 'text' ? inline.text : '')).join('');
    if (/^Reasons:/.test(plain)) raw.reasons = stripPrefix(text, /^Reasons:\s*/);
    else if (text.length > 0) raw.trailing.push({ inlines: text, comment: 'text of the conclusions' });
  }
  const attachments = firstChild(statement, 'attachments');
  if (attachments) {
    for (const attachment of childElements(attachments)) {
      const doc = childElements(attachment)[0];
      if (!doc) continue;
      const docPreface = firstChild(doc, 'preface');
      const annexTitle = docPreface ? blockInlines(firstChild(docPreface, 'longTitle') ?? docPreface, context) : [];
      const body = firstChild(doc, 'mainBody');
      const paragraphs = body ? childElements(body).map((block) => blockInlines(block, context)).filter((p) => p.length > 0) : [];
      raw.annexes.push({ title: annexTitle, paragraphs });
    }
  }
  return raw;
}

function stripPrefix(inlines: Inline[], prefix: RegExp): Inline[] {
  const first = inlines[0];
  if (first?.type !== 'text') return inlines;
  return [{ ...first, text: first.text.replace(prefix, '') }, ...inlines.slice(1)].filter((inline) => inline.type !== 'text' || inline.text !== '');
}

function findDescendant(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of childElements(element)) {
    if (child.name === name) return child;
    const found = findDescendant(child, name);
    if (found) return found;
  }
  return undefined;
}

function readProprietary(meta: XmlElement, raw: RawStatement): void {
  for (const proprietary of childElements(meta, 'proprietary')) {
    for (const child of childElements(proprietary)) {
      if (child.namespace !== RESO_NAMESPACE) continue;
      if (child.name === 'frontMatter') {
        raw.frontMatter = {};
        for (const entry of childElements(child, 'entry')) {
          const key = entry.attributes.key;
          const value = textOf(entry);
          if (key === 'document' || key === 'date' || key === 'original' || key === 'meeting' || key === 'source' || key === 'author') raw.frontMatter[key] = value;
          else if (key) (raw.frontMatter.other ??= []).push([key, value]);
        }
      } else if (child.name === 'proposal') raw.proposal = { action: child.attributes.action as ProposalAction, symbol: child.attributes.identifier ?? '' };
    }
  }
}

function keepUnplaced(element: XmlElement, raw: RawStatement): void {
  const text = textOf(element).replace(/\s+/g, ' ').trim();
  if (text !== '') raw.trailing.push({ inlines: [{ type: 'text', text }], comment: `<${element.name}> has no place in the markup; its text is kept here` });
}

function readSection(element: XmlElement, clauseElement: 'recital' | 'paragraph', context: InlineContext, raw: RawStatement): RawSection {
  const heading = firstChild(element, 'heading');
  const intro = firstChild(element, 'intro');
  const section: RawSection = { heading: [], preamble: clauseElement === 'recital', clauses: [] };
  if (heading) {
    section.heading = blockInlines(heading, context);
    if (intro) section.intro = blockInlines(intro, context);
  } else if (intro) section.heading = blockInlines(intro, context); // converters put the heading in the intro
  for (const child of childElements(element)) {
    if (child.name === 'heading' || child.name === 'intro' || child.name === 'num') continue;
    if (child.name === 'recital' || child.name === 'paragraph' || isHierarchy(child)) section.clauses.push(readClause(child, context));
    else if (child.name === 'wrapUp' || child.name === 'content' || child.name === 'p') section.clauses.push({ content: blockInlines(child, context), items: [] });
    else keepUnplaced(child, raw);
  }
  return section;
}

const HIERARCHY = new Set(['paragraph', 'point', 'item', 'subparagraph', 'clause', 'article', 'section', 'alinea', 'indent', 'list', 'hcontainer', 'recital', 'blockList']);

function isHierarchy(element: XmlElement): boolean {
  return HIERARCHY.has(element.name);
}

function readClause(element: XmlElement, context: InlineContext): RawClause {
  const num = firstChild(element, 'num');
  const clause: RawClause = { content: [], items: [] };
  if (num) clause.label = normalize(inlinesOf(num, context));
  const texts: Inline[] = [];
  const addText = (inlines: Inline[]): void => {
    if (inlines.length === 0) return;
    if (texts.length > 0) texts.push({ type: 'text', text: ' ' });
    texts.push(...inlines);
  };
  for (const child of childElements(element)) {
    switch (child.name) {
      case 'num':
        break;
      case 'heading':
      case 'intro':
      case 'content':
      case 'p':
      case 'listIntroduction':
        addText(blockInlines(child, context));
        break;
      case 'list':
      case 'blockList':
        for (const item of childElements(child)) {
          if (item.name === 'listIntroduction' || item.name === 'intro') addText(blockInlines(item, context));
          else if (item.name === 'listWrapUp' || item.name === 'wrapUp') clause.items.push({ content: blockInlines(item, context), items: [] });
          else clause.items.push(readClause(item, context));
        }
        break;
      case 'wrapUp':
        clause.items.push({ content: blockInlines(child, context), items: [] });
        break;
      default:
        if (isHierarchy(child)) clause.items.push(readClause(child, context));
        else addText(blockInlines(child, context));
    }
  }
  clause.content = normalize(texts);
  return clause;
}

// ---- model -------------------------------------------------------------------------

function labelKindOf(label: string): LabelKind {
  if (label === '-') return 'bullet';
  if (/^\d+\.\d/.test(label)) return 'decimal';
  if (/^\d+\)$/.test(label)) return 'parenNumber';
  if (/^\d+$/.test(label)) return 'number';
  if (/^[ivxlc]+\)$/.test(label) && label !== 'c)' && label !== 'l)') return 'roman';
  return 'letter';
}

/** Decimal paragraphs (`1.1`, `1.2`) follow the number they refine as clauses of the section, as the markup writes them. */
function flattenDecimals(clauses: Clause[]): Clause[] {
  const out: Clause[] = [];
  for (const clause of clauses) {
    const decimals = clause.items.length > 0 && clause.items.every((item) => item.labelKind === 'decimal');
    out.push(decimals ? { ...clause, items: [] } : clause);
    if (decimals) out.push(...flattenDecimals(clause.items));
  }
  return out;
}

/** A clause whose every run is deleted (or inserted) is a deleted (inserted) clause: its label changes with it. */
function liftChange(clause: Clause): void {
  const kinds = new Set<string>();
  const visit = (inlines: readonly Inline[]): void => {
    for (const inline of inlines) {
      if (inline.type === 'text') {
        if (inline.text.trim() !== '') kinds.add(inline.change?.kind ?? 'plain');
      } else kinds.add(inline.type === 'footnote' ? inline.change?.kind ?? 'plain' : 'other');
    }
  };
  const all = (c: Clause): void => {
    visit(c.label);
    visit(c.content);
    c.items.forEach(all);
  };
  all(clause);
  if (kinds.size !== 1) return;
  const [kind] = kinds;
  if (kind !== 'insertion' && kind !== 'deletion') return;
  const strip = (inlines: Inline[]): Inline[] => normalize(inlines.map((inline) => (inline.type === 'text' || inline.type === 'footnote' ? { ...inline, change: undefined } : inline)));
  const clear = (c: Clause): void => {
    c.label = strip(c.label);
    c.content = strip(c.content);
    c.items.forEach(clear);
  };
  clear(clause);
  clause.change = { kind };
}

function toClause(raw: RawClause): Clause {
  const label = raw.label ?? [];
  const plain = label.map((inline) => (inline.type === 'text' && inline.change?.kind !== 'deletion' ? inline.text : '')).join('');
  const clause: Clause = { type: 'clause', label, content: raw.content, items: raw.items.map(toClause) };
  if (plain !== '') clause.labelKind = labelKindOf(plain);
  if (raw.comment) clause.commentsBefore = [raw.comment];
  liftChange(clause);
  return clause;
}

function toModel(raw: RawStatement): InterchangeDocument {
  const blocks: Block[] = [];
  const resolution: Resolution = {
    type: 'resolution',
    title: raw.title,
    paragraphs: raw.paragraphs.filter((p) => p.length > 0).map((content): Paragraph => ({ type: 'paragraph', role: 'free', content })),
    sections: raw.sections.map(
      (section): Section => ({
        type: 'section',
        heading: section.heading.map((inline) => (inline.type === 'text' ? { ...inline, italic: undefined } : inline)),
        ...(section.intro && section.intro.length > 0 ? { intro: { type: 'paragraph', role: 'intro', content: section.intro } } : {}),
        clauses: flattenDecimals(section.clauses.map(toClause)),
        ...(section.comment ? { commentsBefore: [section.comment] } : {}),
      }),
    ),
  };
  if (raw.subtitle && raw.subtitle.length > 0) resolution.subtitle = raw.subtitle;
  if (raw.authority && raw.authority.length > 0) resolution.authority = { type: 'paragraph', role: 'authority', content: raw.authority };
  if (raw.proposal) resolution.proposal = raw.proposal;
  if (raw.reasons) resolution.reasons = { type: 'paragraph', role: 'reasons', content: raw.reasons };
  blocks.push(resolution);
  for (const trailing of raw.trailing) {
    blocks.push({ type: 'paragraph', role: 'free', content: trailing.inlines, ...(trailing.comment ? { commentsBefore: [trailing.comment] } : {}) });
  }
  for (const comment of raw.comments) blocks.push({ type: 'comment', text: comment });
  for (const annex of raw.annexes) {
    const block: Annex = {
      type: 'annex',
      title: annex.title,
      paragraphs: annex.paragraphs.map((content, index): Paragraph => ({ type: 'paragraph', role: 'free', content, ...(annex.comments?.[index] ? { commentsBefore: annex.comments[index] } : {}) })),
    };
    blocks.push(block);
  }
  // Footnotes in the order of their numbers (the XML gives them where their markers stand).
  const footnotes = [...raw.footnotes].sort((a, b) => (/^\d+$/.test(a.id) && /^\d+$/.test(b.id) ? Number(a.id) - Number(b.id) : 0));
  const document: InterchangeDocument = { blocks, footnotes };
  if (raw.frontMatter) document.frontMatter = raw.frontMatter satisfies FrontMatter;
  return document;
}
