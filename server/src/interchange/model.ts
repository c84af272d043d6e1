// The interchange model: one document shape that every reader (Word, Akoma Ntoso, PDF text)
// builds and one printer turns into `.reso`, so every reader composes with every writer.
// It holds everything the markup can say; readers leave out what they do not know.
// Changes to this file are additive: readers written against it keep compiling.

import type { ProposalAction } from '../syntax/nodes';

export type { ProposalAction };

/** Who made a tracked change, and when (ISO 8601), where the source says. */
export interface Attribution {
  author?: string;
  date?: string;
}

/** The tracked state of a run or of a whole block: inserted or deleted. */
export interface Change extends Attribution {
  kind: 'insertion' | 'deletion';
}

/** A piece of text with one formatting and one tracked state. */
export interface TextRun {
  type: 'text';
  text: string;
  italic?: boolean;
  bold?: boolean;
  /** `{==…==}`: marked for attention. */
  highlight?: boolean;
  change?: Change;
}

/** `{~~old~>new~~}`: a replacement shown as one change. */
export interface Substitution extends Attribution {
  type: 'substitution';
  deleted: TextRun[];
  inserted: TextRun[];
}

/** `{>>…<<}`: a reviewer's comment, anchored where it stands (after the text it is about). */
export interface InlineComment extends Attribution {
  type: 'comment';
  text: string;
}

/** `[^id]` in the text. */
export interface FootnoteReference {
  type: 'footnote';
  id: string;
  change?: Change;
}

export type Inline = TextRun | Substitution | InlineComment | FootnoteReference;

/** What every block may carry: comments (`<!-- … -->`) written on lines before it. */
export interface BlockBase {
  commentsBefore?: string[];
  /** The whole block, paragraph mark included, is inserted or deleted. */
  change?: Change;
}

export interface Proposal {
  action: ProposalAction;
  /** `WGPL/67/1`; may be empty. */
  symbol: string;
  commentsBefore?: string[];
}

/** `a)`, `1`, `i)`, `1)`, `-`, `1.1`: what kind of label a clause carries. */
export type LabelKind = 'letter' | 'number' | 'decimal' | 'roman' | 'parenNumber' | 'bullet';

export interface Clause extends BlockBase {
  type: 'clause';
  /** The label as written, `)` included (`c)`, `12`, `-`), with its own revisions (`{--b--}{++c++})`). Empty: an unlabelled clause. */
  label: Inline[];
  labelKind?: LabelKind;
  content: Inline[];
  /** Sub-items, one level deeper. */
  items: Clause[];
  /** A proposal marker on the clause itself (`MOD WGPL/1/3` before `3 to …`). */
  proposal?: Proposal;
}

export type ParagraphRole = 'free' | 'authority' | 'intro' | 'reasons';

export interface Paragraph extends BlockBase {
  type: 'paragraph';
  role: ParagraphRole;
  /** For `reasons`, the text after `Reasons:`. */
  content: Inline[];
}

export interface Section extends BlockBase {
  type: 'section';
  /** The heading phrase (`recalling`, `instructs the Secretary-General`), printed in italics. */
  heading: Inline[];
  intro?: Paragraph;
  clauses: Clause[];
}

export interface Resolution extends BlockBase {
  type: 'resolution';
  proposal?: Proposal;
  /** Text after `# `: `RESOLUTION 130 (REV. DUBAI, 2018)`. Empty when the source had none. */
  title: Inline[];
  /** The name (`## Strengthening …`). */
  subtitle?: Inline[];
  authority?: Paragraph;
  /** Unstructured paragraphs before the first section. */
  paragraphs: Paragraph[];
  sections: Section[];
  /** Text after `Reasons:`. */
  reasons?: Paragraph;
}

export interface Annex extends BlockBase {
  type: 'annex';
  proposal?: Proposal;
  /** `ANNEX TO RESOLUTION 25 (REV. DUBAI, 2018)`. */
  title: Inline[];
  subtitle?: Inline[];
  /** Free text. */
  paragraphs: Paragraph[];
}

/** A comment block (`<!-- … -->`) standing on its own. */
export interface CommentBlock {
  type: 'comment';
  text: string;
}

/** A proposal marker that concerns nothing the model holds (it prints on its own line). */
export interface ProposalBlock {
  type: 'proposal';
  proposal: Proposal;
}

export type Block = Resolution | Annex | Paragraph | CommentBlock | ProposalBlock;

export interface Footnote {
  id: string;
  content: Inline[];
}

export interface FrontMatter {
  document?: string;
  /** yyyy-mm-dd. */
  date?: string;
  original?: string;
  meeting?: string;
  source?: string;
  /** Author of the tracked changes, when not the source. */
  author?: string;
  /** Any other keys, in order. */
  other?: Array<[key: string, value: string]>;
}

export interface InterchangeDocument {
  frontMatter?: FrontMatter;
  blocks: Block[];
  footnotes: Footnote[];
}

/** Keys of the front matter the model names, in the order they print. */
export const FRONT_MATTER_FIELDS = ['document', 'date', 'original', 'meeting', 'source', 'author'] as const;

/** Inside a block inserted or deleted whole, runs carry no change of their own: the runs without theirs. */
export function withoutChanges(content: readonly Inline[]): Inline[] {
  return content.map((inline) => {
    if (inline.type === 'text' || inline.type === 'footnote') {
      const { change: _change, ...rest } = inline;
      return rest as Inline;
    }
    return inline;
  });
}

// ---- builders: short ways for readers and tests to make the model ---------------------

export function text(value: string, options: Omit<TextRun, 'type' | 'text'> = {}): TextRun {
  return { type: 'text', text: value, ...options };
}

export function inserted(value: string, attribution: Attribution = {}, options: Omit<TextRun, 'type' | 'text' | 'change'> = {}): TextRun {
  return { type: 'text', text: value, ...options, change: { kind: 'insertion', ...attribution } };
}

export function deleted(value: string, attribution: Attribution = {}, options: Omit<TextRun, 'type' | 'text' | 'change'> = {}): TextRun {
  return { type: 'text', text: value, ...options, change: { kind: 'deletion', ...attribution } };
}

export function clause(label: string | Inline[], content: string | Inline[], items: Clause[] = [], extra: Partial<Clause> = {}): Clause {
  return {
    type: 'clause',
    label: typeof label === 'string' ? (label ? [text(label)] : []) : label,
    content: typeof content === 'string' ? [text(content)] : content,
    items,
    ...extra,
  };
}

export function paragraph(role: ParagraphRole, content: string | Inline[], extra: Partial<Paragraph> = {}): Paragraph {
  return { type: 'paragraph', role, content: typeof content === 'string' ? [text(content)] : content, ...extra };
}

export function section(heading: string | Inline[], clauses: Clause[], extra: Partial<Section> = {}): Section {
  return { type: 'section', heading: typeof heading === 'string' ? [text(heading, { italic: true })] : heading, clauses, ...extra };
}

export function resolution(title: string | Inline[], extra: Partial<Resolution> = {}): Resolution {
  return { type: 'resolution', title: typeof title === 'string' ? [text(title)] : title, paragraphs: [], sections: [], ...extra };
}

/** The plain text of inline content in one view (`amended` keeps insertions, `original` deletions). */
export function inlineText(content: readonly Inline[], view: 'amended' | 'original' = 'amended'): string {
  let out = '';
  for (const inline of content) {
    switch (inline.type) {
      case 'text':
        if (!inline.change || (inline.change.kind === 'insertion') === (view === 'amended')) out += inline.text;
        break;
      case 'substitution':
        out += inlineText(view === 'amended' ? inline.inserted : inline.deleted, view);
        break;
      case 'footnote':
        if (!inline.change || (inline.change.kind === 'insertion') === (view === 'amended')) out += `[^${inline.id}]`;
        break;
      case 'comment':
        break;
    }
  }
  return out;
}
