// Helpers for the interchange tests: a structure summary of a parsed document (what a round
// trip must keep) and random models with revisions, formatting, footnotes and comments.

import { clause, deleted, inserted, paragraph, resolution, section, text, type Clause, type Inline, type InterchangeDocument, type Section } from '../../server/src/interchange/model';
import { allClauses, parseDocument, type ClauseNode, type DocumentNode, type ParsedDocument } from '../../server/src/syntax';
import { pick, random } from './helpers';

/** One line per construct of a tree, with the text of the view it was built on. */
export function structureOf(root: DocumentNode, viewText: string): string[] {
  const slice = (node: { viewStart: number; viewEnd: number }) => viewText.slice(node.viewStart, node.viewEnd).replace(/\s+/g, ' ').trim();
  const out: string[] = [];
  for (const entry of root.frontMatter?.entries ?? []) out.push(`front ${entry.key}=${entry.value}`);
  for (const child of root.children) {
    if (child.kind === 'resolution') {
      if (child.proposal) out.push(`proposal ${child.proposal.action} ${child.proposal.identifier}`);
      if (child.title) out.push(`title ${child.title.text}`);
      if (child.subtitle) out.push(`subtitle ${child.subtitle.text}`);
      if (child.authority) out.push(`authority ${slice(child.authority)}`);
      for (const p of child.paragraphs) out.push(`paragraph ${slice(p)}`);
      for (const s of child.sections) {
        out.push(`section ${s.heading.phrase}`);
        if (s.intro) out.push(`intro ${slice(s.intro)}`);
        const clauseLine = (c: ClauseNode) => `${'  '.repeat(c.depth + 1)}${c.label ? c.label.value : '_'} ${viewText.slice(c.textViewStart, c.textViewEnd).replace(/\s+/g, ' ').trim()}`;
        for (const c of allClauses(s.clauses)) out.push(clauseLine(c));
      }
      if (child.reasons) out.push(`reasons ${slice(child.reasons)}`);
    } else if (child.kind === 'annex') {
      out.push(`annex ${child.title.text}`);
      for (const p of child.paragraphs) out.push(`paragraph ${slice(p)}`);
    } else if (child.kind === 'paragraph') out.push(`paragraph ${slice(child)}`);
    else if (child.kind === 'footnoteDefinition') out.push(`footnote ${slice(child)}`);
  }
  for (const definition of root.footnoteDefinitions) if (definition.parent?.kind !== 'document') out.push(`footnote ${slice(definition)}`);
  return out;
}

/** The amended and the original structure of a `.reso` text. */
export function viewsOf(source: string): { amended: string[]; original: string[] } {
  const parsed: ParsedDocument = parseDocument(source);
  return { amended: structureOf(parsed.root, parsed.amended.text), original: structureOf(parsed.originalRoot(), parsed.original.text) };
}

const WORDS = ['the', 'Union', 'Member', 'States', 'security', 'ICTs', 'to', 'continue', 'work', 'of', 'ITU', 'Resolution', '45', 'Council', 'report', 'annual', 'développement', 'coopération'];
const PREAMBLE = ['considering', 'recalling', 'noting', 'recognizing', 'bearing in mind', 'aware'];
const OPERATIVE = ['resolves', 'instructs the Secretary-General', 'invites Member States', 'decides'];

function words(next: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(next, WORDS));
  return out.join(' ');
}

/** Inline content with insertions, deletions, substitutions, italics and bold; the words around marks keep their spaces. */
function content(next: () => number, ending: string, footnotes: string[]): Inline[] {
  // A clause's first word is never a number: an unlabelled clause would read it as its label.
  const out: Inline[] = [text('to ' + words(next, 1 + Math.floor(next() * 4)))];
  const parts = Math.floor(next() * 4);
  for (let i = 0; i < parts; i++) {
    const roll = next();
    if (roll < 0.25) out.push(text(' '), inserted(words(next, 1 + Math.floor(next() * 3))));
    else if (roll < 0.45) out.push(text(' '), deleted(words(next, 1 + Math.floor(next() * 3))));
    else if (roll < 0.55) out.push(text(' '), { type: 'substitution', deleted: [text(pick(next, WORDS))], inserted: [text(pick(next, WORDS))] });
    else if (roll < 0.65) out.push(text(' '), text(pick(next, WORDS), { italic: true }));
    else if (roll < 0.7) out.push(text(' '), text(pick(next, WORDS), { bold: true }));
    else if (roll < 0.78 && footnotes.length < 3) {
      const id = String(footnotes.length + 1);
      footnotes.push(id);
      out.push({ type: 'footnote', id });
    } else if (roll < 0.85) out.push(text(' '), { type: 'text', text: pick(next, WORDS), highlight: true }, { type: 'comment', text: words(next, 3) });
    out.push(text(' ' + words(next, 1 + Math.floor(next() * 3))));
  }
  out.push(text(ending));
  return out;
}

function randomSection(next: () => number, operative: boolean, last: boolean, footnotes: string[]): Section {
  const count = 1 + Math.floor(next() * 4);
  const clauses: Clause[] = [];
  let label = 0;
  for (let i = 0; i < count; i++) {
    const ending = i === count - 1 ? (last ? '.' : ',') : ';';
    const roll = next();
    const value = () => (operative ? String(label + 1) : String.fromCharCode(97 + label) + ')');
    if (count > 1 && roll < 0.15) {
      // A clause inserted whole: the labels after it follow it in the amended view only.
      clauses.push(clause(value(), content(next, ending, footnotes), [], { change: { kind: 'insertion' } }));
      label++;
      continue;
    }
    if (count > 1 && roll < 0.25) {
      clauses.push(clause(value(), content(next, ending, footnotes), [], { change: { kind: 'deletion' } }));
      continue;
    }
    const items: Clause[] = [];
    if (next() < 0.2) {
      const n = 1 + Math.floor(next() * 3);
      for (let k = 0; k < n; k++) items.push(clause(['i', 'ii', 'iii'][k] + ')', content(next, k === n - 1 ? ending : ';', footnotes)));
    }
    clauses.push(clause(count === 1 ? '' : value(), content(next, items.length > 0 ? ':' : ending, footnotes), items));
    label++;
  }
  const heading = operative ? pick(next, OPERATIVE) : pick(next, PREAMBLE);
  return section(heading, clauses);
}

/** A random model of one or two resolutions with proposals, revisions, footnotes and comments. */
export function randomModel(seed: number): InterchangeDocument {
  const next = random(seed);
  const footnotes: string[] = [];
  const document: InterchangeDocument = {
    frontMatter: { document: `DT/${seed}-E`, date: '2014-11-02', original: 'English', source: 'Working Group of the Plenary' },
    blocks: [],
    footnotes: [],
  };
  const count = next() < 0.7 ? 1 : 2;
  for (let r = 0; r < count; r++) {
    const sections: Section[] = [];
    const preamble = 1 + Math.floor(next() * 2);
    const used = new Set<string>();
    for (let s = 0; s < preamble; s++) {
      const made = randomSection(next, false, false, footnotes);
      if (!used.has(textOf(made.heading))) sections.push(made);
      used.add(textOf(made.heading));
    }
    const operative = 1 + Math.floor(next() * 2);
    for (let s = 0; s < operative; s++) {
      const made = randomSection(next, true, s === operative - 1, footnotes);
      if (!used.has(textOf(made.heading))) sections.push(made);
      used.add(textOf(made.heading));
    }
    const mod = next() < 0.6;
    document.blocks.push(
      resolution([text(`RESOLUTION ${100 + seed} (REV. `), deleted('ANTALYA, 2006'), inserted('BUSAN, 2014'), text(')')], {
        proposal: { action: mod ? 'MOD' : 'ADD', symbol: `WGPL/${seed}/${r + 1}` },
        subtitle: [text(words(next, 5))],
        authority: paragraph('authority', 'The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),'),
        sections,
        reasons: paragraph('reasons', words(next, 6) + '.'),
        ...(next() < 0.3 ? { commentsBefore: [words(next, 4)] } : {}),
      }),
    );
  }
  document.footnotes = footnotes.map((id) => ({ id, content: [text(words(next, 6) + '.')] }));
  return document;
}

function textOf(content: readonly Inline[]): string {
  return content.map((inline) => (inline.type === 'text' ? inline.text : '')).join('');
}
