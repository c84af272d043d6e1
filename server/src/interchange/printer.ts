// Prints the interchange model as `.reso` markup. Every reader builds the model and this one
// printer writes it, so the markup of an imported document is always written the same way.
// It never throws: text that the markup cannot hold on one line (line breaks, tabs) is
// written as spaces, and what would break a revision mark (a comment inside a wholly inserted
// clause) is moved just after it.

import {
  FRONT_MATTER_FIELDS,
  type Block,
  type Change,
  type Clause,
  type Footnote,
  type FrontMatter,
  type Inline,
  type InterchangeDocument,
  type Paragraph,
  type Proposal,
  type Resolution,
  type Section,
  type TextRun,
} from './model';

export function printDocument(document: InterchangeDocument): string {
  const out: string[] = [];
  const front = printFrontMatter(document.frontMatter);
  if (front) out.push(front);
  for (const block of document.blocks ?? []) {
    const printed = printBlock(block);
    if (printed) out.push(printed);
  }
  const footnotes = (document.footnotes ?? []).map(printFootnote).filter((line) => line !== '');
  if (footnotes.length > 0) out.push(footnotes.join('\n'));
  return out.length === 0 ? '' : out.join('\n\n') + '\n';
}

function printFrontMatter(front: FrontMatter | undefined): string {
  if (!front) return '';
  const lines: string[] = [];
  for (const key of FRONT_MATTER_FIELDS) {
    const value = front[key];
    if (value !== undefined && oneLine(value).trim() !== '') lines.push(`${key}: ${oneLine(value).trim()}`);
  }
  for (const [key, value] of front.other ?? []) {
    const cleanKey = key.replace(/[^\w-]/g, '');
    if (/^[A-Za-z]/.test(cleanKey)) lines.push(`${cleanKey}: ${oneLine(value).trim()}`);
  }
  return lines.length === 0 ? '' : ['---', ...lines, '---'].join('\n');
}

function printBlock(block: Block): string {
  switch (block.type) {
    case 'resolution':
      return printResolution(block);
    case 'annex': {
      const parts: string[] = [...comments(block.commentsBefore)];
      if (block.proposal) parts.push(printProposal(block.proposal));
      parts.push(wrapLine('# ', block.title, block.change));
      if (block.subtitle && hasText(block.subtitle)) parts.push(wrapLine('## ', block.subtitle, block.change));
      for (const paragraph of block.paragraphs) parts.push(printParagraph(paragraph, block.change));
      return join(parts);
    }
    case 'paragraph':
      return printParagraph(block, undefined);
    case 'comment':
      return printComment(block.text);
    case 'proposal':
      return printProposal(block.proposal);
  }
}

function printResolution(resolution: Resolution): string {
  const inherited = resolution.change;
  const parts: string[] = [...comments(resolution.commentsBefore)];
  if (resolution.proposal) parts.push(printProposal(resolution.proposal));
  if (hasText(resolution.title)) parts.push(wrapLine('# ', resolution.title, inherited));
  if (resolution.subtitle && hasText(resolution.subtitle)) parts.push(wrapLine('## ', resolution.subtitle, inherited));
  if (resolution.authority) parts.push(printParagraph(resolution.authority, inherited));
  for (const paragraph of resolution.paragraphs ?? []) parts.push(printParagraph(paragraph, inherited));
  for (const section of resolution.sections ?? []) parts.push(printSection(section, inherited));
  if (resolution.reasons) parts.push(printParagraph({ ...resolution.reasons, role: 'reasons' }, inherited));
  return join(parts);
}

function printSection(section: Section, inherited: Change | undefined): string {
  const change = section.change ?? inherited;
  const parts: string[] = [...comments(section.commentsBefore)];
  parts.push(printHeading(section.heading, change));
  if (section.intro) parts.push(printParagraph(section.intro, change));
  // Labelled clauses follow each other line by line; an unlabelled one needs blank lines around it.
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) parts.push(lines.join('\n'));
    lines = [];
  };
  for (const clause of section.clauses ?? []) {
    const printed = printClause(clause, 0, change);
    if (printed === '') continue;
    if (clause.label.length === 0 || !hasText(clause.label)) {
      flush();
      parts.push(printed);
    } else lines.push(printed);
  }
  flush();
  return join(parts);
}

function printHeading(heading: readonly Inline[], change: Change | undefined): string {
  const plain = heading.map((inline) => (inline.type === 'text' ? { ...inline, italic: false, bold: false } : inline));
  const { line, after } = printInlines(plain, change);
  const body = line.trim();
  if (body === '') return after;
  const italic = `*${body}*`;
  return (change ? mark(change, italic) : italic) + after;
}

function printClause(clause: Clause, depth: number, inherited: Change | undefined): string {
  const change = clause.change ?? inherited;
  const lines: string[] = [...comments(clause.commentsBefore).map((c) => c)];
  if (clause.proposal) lines.push(printProposal(clause.proposal), '');
  const indent = '  '.repeat(depth);
  // The space after a wholly inserted or deleted label belongs to its mark: `{++1 ++}to …`.
  const labelKind = change ? undefined : labelChange(clause.label ?? []);
  const labelInlines = labelKind ? [...clause.label, { type: 'text' as const, text: ' ', change: { kind: labelKind } }] : clause.label ?? [];
  const label = printInlines(labelInlines, change);
  const content = printInlines(clause.content ?? [], change);
  const labelText = label.line.trimStart();
  const contentText = content.line.trim();
  if (labelText !== '' || contentText !== '') {
    let body: string;
    if (labelText === '') body = contentText;
    else if (contentText === '') body = labelText;
    else body = `${labelText}${labelKind ? '' : ' '}${contentText}`;
    lines.push(indent + (change ? mark(change, body) : body) + label.after + content.after);
  }
  for (const item of clause.items ?? []) {
    const printed = printClause(item, depth + 1, change);
    if (printed !== '') lines.push(printed);
  }
  return lines.join('\n');
}

function labelChange(label: readonly Inline[]): Change['kind'] | undefined {
  const kinds = new Set(label.filter((i) => i.type === 'text' && i.text !== '').map((i) => (i.type === 'text' ? i.change?.kind ?? 'plain' : 'plain')));
  if (kinds.size !== 1) return undefined;
  const [kind] = kinds;
  return kind === 'plain' ? undefined : (kind as Change['kind']);
}

function printParagraph(paragraph: Paragraph, inherited: Change | undefined): string {
  const change = paragraph.change ?? inherited;
  const parts: string[] = [...comments(paragraph.commentsBefore)];
  const { line, after } = printInlines(paragraph.content ?? [], change);
  let body = line.trim();
  if (paragraph.role === 'reasons') body = body === '' ? 'Reasons:' : `Reasons: ${body.replace(/^Reasons:\s*/, '')}`;
  if (body !== '') parts.push((change ? mark(change, body) : body) + after);
  return parts.join('\n');
}

function printProposal(proposal: Proposal): string {
  const symbol = oneLine(proposal.symbol ?? '').trim();
  return join([...comments(proposal.commentsBefore), symbol ? `${proposal.action} ${symbol}` : proposal.action]);
}

function printFootnote(footnote: Footnote): string {
  const { line, after } = printInlines(footnote.content ?? [], undefined);
  return `[^${footnoteId(footnote.id)}]: ${line.trim()}${after}`;
}

/** A footnote id the markup reads back: no blanks, no `]`. */
export function footnoteId(id: string): string {
  const clean = String(id).replace(/[\s\]^]+/g, '-');
  return clean === '' ? '0' : clean;
}

function wrapLine(prefix: string, content: readonly Inline[], change: Change | undefined): string {
  const { line, after } = printInlines(content, change);
  const body = line.trim();
  return prefix + (change ? mark(change, body) : body) + after;
}

function comments(list: readonly string[] | undefined): string[] {
  return (list ?? []).map(printComment).filter((c) => c !== '');
}

function printComment(value: string): string {
  return `<!-- ${String(value).replace(/-->/g, '-- >').trim()} -->`;
}

function join(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('\n\n');
}

function hasText(content: readonly Inline[]): boolean {
  return content.some((inline) => (inline.type === 'text' ? inline.text.trim() !== '' : inline.type !== 'comment'));
}

// ---- inline content -----------------------------------------------------------------------

/** Markup has no line breaks or tabs inside a paragraph: they read as spaces. */
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' ').replace(/[\u0000-\u0008\u000e-\u001f]/g, '');
}

const OPEN: Record<Change['kind'], string> = { insertion: '{++', deletion: '{--' };
const CLOSE: Record<Change['kind'], string> = { insertion: '++}', deletion: '--}' };

function mark(change: Change, body: string): string {
  return body === '' ? '' : OPEN[change.kind] + body + CLOSE[change.kind];
}

type State = 'plain' | 'insertion' | 'deletion' | 'highlight';

interface Piece {
  state: State;
  runs: TextRun[];
}

/**
 * Inline content as one line of markup. Inside a block that is wholly inserted or deleted,
 * marks cannot nest: runs of the other kind are in neither view and are left out, and comments
 * go after the block (`after`).
 */
function printInlines(content: readonly Inline[], blockChange: Change | undefined): { line: string; after: string } {
  const pieces: Piece[] = [];
  let after = '';
  const push = (state: State, run: TextRun) => {
    const last = pieces[pieces.length - 1];
    if (last && last.state === state) last.runs.push(run);
    else pieces.push({ state, runs: [run] });
  };
  const stateOf = (change: Change | undefined, highlight: boolean | undefined): State | undefined => {
    if (blockChange) {
      if (change && change.kind !== blockChange.kind) return undefined;
      return 'plain';
    }
    return change ? change.kind : highlight ? 'highlight' : 'plain';
  };
  const emit = (run: TextRun) => {
    const state = stateOf(run.change, run.highlight);
    if (state !== undefined && typeof run.text === 'string' && run.text !== '') push(state, { ...run, text: oneLine(run.text) });
  };
  for (const inline of content) {
    switch (inline.type) {
      case 'text':
        emit(inline);
        break;
      case 'footnote': {
        const state = stateOf(inline.change, false);
        if (state !== undefined) push(state, { type: 'text', text: `[^${footnoteId(inline.id)}]` });
        break;
      }
      case 'substitution':
        if (blockChange) {
          for (const run of blockChange.kind === 'insertion' ? inline.inserted : inline.deleted) emit({ ...run, change: undefined });
        } else {
          const old = printRuns(inline.deleted.map((run) => ({ ...run, text: oneLine(run.text) })));
          const replacement = printRuns(inline.inserted.map((run) => ({ ...run, text: oneLine(run.text) })));
          if (old === '' && replacement === '') break;
          pieces.push({ state: 'plain', runs: [{ type: 'text', text: `\u0000{~~${old}~>${replacement}~~}` }] });
        }
        break;
      case 'comment': {
        const body = oneLine(inline.text).replace(/<<\}/g, '<< }').trim();
        if (body === '') break;
        if (blockChange) after += `{>>${body}<<}`;
        else pieces.push({ state: 'plain', runs: [{ type: 'text', text: `\u0000{>>${body}<<}` }] });
        break;
      }
    }
  }
  let line = '';
  for (const piece of pieces) {
    const body = printRuns(piece.runs);
    if (body === '') continue;
    switch (piece.state) {
      case 'plain':
        line += body;
        break;
      case 'insertion':
        line += `{++${body.replace(/\+\+\}/g, '+ +}')}++}`;
        break;
      case 'deletion':
        line += `{--${body.replace(/--\}/g, '- -}')}--}`;
        break;
      case 'highlight':
        line += `{==${body.replace(/==\}/g, '= =}')}==}`;
        break;
    }
  }
  return { line, after };
}

/** Runs with italics and bold; a run marked `\u0000` is markup already. */
function printRuns(runs: readonly TextRun[]): string {
  let out = '';
  let i = 0;
  while (i < runs.length) {
    const run = runs[i];
    if (run.text.startsWith('\u0000')) {
      out += run.text.slice(1);
      i++;
      continue;
    }
    const style = run.bold ? 'bold' : run.italic ? 'italic' : 'plain';
    let text = run.text;
    i++;
    while (i < runs.length && !runs[i].text.startsWith('\u0000') && (runs[i].bold ? 'bold' : runs[i].italic ? 'italic' : 'plain') === style) {
      text += runs[i].text;
      i++;
    }
    out += style === 'plain' ? text : emphasis(text, style === 'bold' ? '**' : '*');
  }
  return out;
}

/** `*text*` with the blanks around the text kept outside the asterisks, as the markup reads them. */
function emphasis(value: string, delimiter: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(value);
  if (!match || match[2] === '') return value;
  return `${match[1]}${delimiter}${match[2]}${delimiter}${match[3]}`;
}
