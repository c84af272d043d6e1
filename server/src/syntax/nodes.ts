// The syntax tree. Every node has source offsets (start, end) and the offsets of the same
// text in the view it was parsed from (viewStart, viewEnd). Children nest inside their
// parent and never overlap; the characters of a node that no child covers are the node's
// own text. `leaves()` yields them as `token` leaves (text the view keeps) and `markup`
// leaves (revision delimiters and removed text), so the leaves give back the source
// exactly. Leaves are made on demand rather than stored, which keeps parsing fast.

import type { HeadingKind } from './vocabulary';
import type { LabelForm } from './labels';
import type { TextView } from './revisions';

export interface Span {
  start: number;
  end: number;
}

interface NodeBase extends Span {
  viewStart: number;
  viewEnd: number;
  children: SyntaxNode[];
  parent?: SyntaxNode;
}

/** A run of a node's own text. */
export interface Leaf extends Span {
  kind: 'token' | 'markup';
  parent: SyntaxNode;
}

export interface DocumentNode extends NodeBase {
  kind: 'document';
  frontMatter?: FrontMatterNode;
  resolutions: ResolutionNode[];
  annexes: AnnexNode[];
  /** Paragraphs outside any resolution or annex. */
  paragraphs: ParagraphNode[];
  proposals: ProposalNode[];
  comments: CommentNode[];
  footnoteDefinitions: FootnoteDefinitionNode[];
  footnoteReferences: FootnoteReferenceNode[];
}

export interface FrontMatterEntry {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

export interface FrontMatterNode extends NodeBase {
  kind: 'frontMatter';
  entries: FrontMatterEntry[];
}

export type ProposalAction = 'MOD' | 'ADD' | 'SUP' | 'NOC' | '(MOD)' | 'ADD*' | 'SUP*';

export interface ProposalNode extends NodeBase {
  kind: 'proposal';
  action: ProposalAction;
  identifier: string;
}

export type TitleForm = 'resolution' | 'decision' | 'recommendation' | 'annex' | 'other';

export interface RevisionRef {
  /** `Rev.` was written. */
  rev: boolean;
  place: string;
  year: number;
}

export interface TitleNode extends NodeBase {
  kind: 'title';
  /** The title text after `#`, in the view. */
  text: string;
  form: TitleForm;
  draft: boolean;
  /** `DRAFT NEW RESOLUTION`. */
  isNew: boolean;
  /** `130`, or a draft's bracketed id such as `[SEN-1]`. */
  number?: string;
  revision?: RevisionRef;
  /** Annexes: the number of the annex (`ANNEX 1 TO …`) and the form and number annexed to. */
  annexNumber?: string;
  annexOf?: { form: TitleForm; number: string };
}

export interface SubtitleNode extends NodeBase {
  kind: 'subtitle';
  text: string;
}

export interface ResolutionNode extends NodeBase {
  kind: 'resolution';
  proposal?: ProposalNode;
  title?: TitleNode;
  subtitle?: SubtitleNode;
  authority?: ParagraphNode;
  sections: SectionNode[];
  /** Unstructured paragraphs of the resolution (before the first section). */
  paragraphs: ParagraphNode[];
  reasons?: ParagraphNode;
}

export interface AnnexNode extends NodeBase {
  kind: 'annex';
  title: TitleNode;
  paragraphs: ParagraphNode[];
}

export interface HeadingNode extends NodeBase {
  kind: 'heading';
  /** The heading phrase without italics, whitespace normalised. */
  phrase: string;
  italic: boolean;
  headingKind: HeadingKind;
  known: boolean;
  /** Source range of the phrase inside the italics. */
  phraseStart: number;
  phraseEnd: number;
}

export interface SectionNode extends NodeBase {
  kind: 'section';
  heading: HeadingNode;
  intro?: ParagraphNode;
  clauses: ClauseNode[];
}

export interface LabelNode extends NodeBase {
  kind: 'label';
  /** `c` for `c)`, `12` for `12`, `1.1`, `-` for a bullet. */
  value: string;
  form: LabelForm;
  /** An operative number written with a full stop (`1.`), which ITU style leaves out. */
  dotted: boolean;
}

export interface ClauseNode extends NodeBase {
  kind: 'clause';
  /** 0 for a clause of a section, 1 for its sub-items, and so on. */
  depth: number;
  label?: LabelNode;
  proposal?: ProposalNode;
  /** Sub-items. */
  items: ClauseNode[];
  /** View range of the clause's own text (after the label, before its sub-items). */
  textViewStart: number;
  textViewEnd: number;
}

export type ParagraphRole = 'authority' | 'intro' | 'free' | 'reasons';

export interface ParagraphNode extends NodeBase {
  kind: 'paragraph';
  role: ParagraphRole;
}

export interface FootnoteDefinitionNode extends NodeBase {
  kind: 'footnoteDefinition';
  id: string;
  /** Source range of `[^id]`. */
  markerEnd: number;
}

export interface FootnoteReferenceNode extends NodeBase {
  kind: 'footnoteReference';
  id: string;
}

export interface IgnoreDirective {
  codes: string[];
  wholeFile: boolean;
}

export interface CommentNode extends NodeBase {
  kind: 'comment';
  /** Text between `<!--` and `-->`. */
  content: string;
  ignore?: IgnoreDirective;
  /** The construct the comment stands before (for `reso-ignore`). */
  target?: SyntaxNode;
}

export interface InlineNode extends NodeBase {
  kind: 'italic' | 'bold';
}

export type SyntaxNode =
  | DocumentNode
  | FrontMatterNode
  | ProposalNode
  | TitleNode
  | SubtitleNode
  | ResolutionNode
  | AnnexNode
  | HeadingNode
  | SectionNode
  | LabelNode
  | ClauseNode
  | ParagraphNode
  | FootnoteDefinitionNode
  | FootnoteReferenceNode
  | CommentNode
  | InlineNode;

export type NodeKind = SyntaxNode['kind'];

/** Depth-first walk over the structural nodes and leaves. */
export function* walk(node: SyntaxNode): Generator<SyntaxNode> {
  yield node;
  // An explicit stack: nested `yield*` costs every node the depth of the tree.
  const stack: Array<{ children: readonly SyntaxNode[]; index: number }> = [{ children: node.children, index: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.index >= top.children.length) {
      stack.pop();
      continue;
    }
    const child = top.children[top.index++];
    yield child;
    if (child.children.length > 0) stack.push({ children: child.children, index: 0 });
  }
}

/** The leaves of the tree in order: their texts concatenate to the source. */
export function* leaves(node: SyntaxNode, view?: TextView): Generator<Leaf> {
  let cursor = node.start;
  for (const child of node.children) {
    if (child.start > cursor) yield* ownText(node, cursor, child.start, view);
    yield* leaves(child, view);
    cursor = child.end;
  }
  if (node.end > cursor) yield* ownText(node, cursor, node.end, view);
}

function ownText(parent: SyntaxNode, start: number, end: number, view: TextView | undefined): Leaf[] {
  if (!view) return [{ kind: 'token', start, end, parent }];
  const out: Leaf[] = [];
  view.sourceRuns(start, end, (kept, from, to) => out.push({ kind: kept ? 'token' : 'markup', start: from, end: to, parent }));
  return out;
}

/** Innermost node containing the offset (end-inclusive, so a cursor after a word still finds it). */
export function nodeAt(root: SyntaxNode, offset: number): SyntaxNode {
  let node = root;
  for (;;) {
    const next = node.children.find((c) => c.start <= offset && offset <= c.end);
    if (!next) return node;
    node = next;
  }
}

/** All clauses of a section, sub-items included, in document order. */
export function* allClauses(clauses: readonly ClauseNode[]): Generator<ClauseNode> {
  for (const clause of clauses) {
    yield clause;
    yield* allClauses(clause.items);
  }
}
