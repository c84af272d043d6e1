// Completion: after `Resolution ` (or `Resolutions 50 and `, `Decision `, `Opinion `) the known
// numbers of every body, the citing text's own first, with their revision in force and body; heading phrases at the start of a line where a heading may stand;
// the next label at the start of a new clause line.

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { currentRevision, type KnownRevision } from '../analysis/catalogue';
import { contextAt, documentCitations } from '../analysis/citations';
import { BODY_INFO, KIND_WORD, type Body, type TextKind } from '../analysis/conferences';
import type { ClauseNode, ParsedDocument, ResolutionNode, SectionNode } from '../syntax';
import { letterLabel, letterValue, romanLabel, romanValue } from '../syntax/labels';
import { OPERATIVE_HEADINGS, PREAMBLE_HEADINGS } from '../syntax/vocabulary';
import type { FeatureRequest } from './service';

const NUMBER_CONTEXT = /(?:\b(UNGA|Council|WTDC|WTSA|WRC|RA|WTPF|WCIT|PP)\s+)?\b(Resolutions?|Res\.?|Decisions?|Opinions?|Recommendations?)\s+(ITU-R\s+)?(?:[\d/]+(?:\s*\([^()\n]*\))?\s*(?:,\s*and|,|and)\s+)*([\d/]*)$/;
/**
 * Bodies offered after a bare `Resolution `, after the citing text's own: the conferences, then
 * the Council and the General Assembly, whose texts a conference text cites less often.
 */
const BODY_ORDER: readonly Body[] = ['PP', 'WTDC', 'WTSA', 'WRC', 'RA', 'WCIT', 'WTPF', 'Council', 'UNGA'];
/** Enough for a drafter to scroll; the client filters further as digits are typed. */
const MAX_NUMBER_ITEMS = 2000;
export function completion(request: FeatureRequest): CompletionItem[] | undefined {
  const { document, offset } = request;
  const lineStart = document.text.lastIndexOf('\n', offset - 1) + 1;
  const before = document.text.slice(lineStart, offset);
  const numbers = numberCompletion(request, before);
  if (numbers) return numbers;
  if (/^[ \t]*\*?[a-z ]*$/.test(before)) {
    const items = [...labelCompletion(document, lineStart, offset, before), ...headingCompletion(document, lineStart, offset, before)];
    return items.length > 0 ? items : undefined;
  }
  return undefined;
}

function numberCompletion(request: FeatureRequest, before: string): CompletionItem[] | undefined {
  const match = NUMBER_CONTEXT.exec(before);
  if (!match) return undefined;
  const { service, document, offset } = request;
  const typed = match[4];
  const keyword = match[2];
  const kind: TextKind = keyword.startsWith('Opinion') ? 'opinion' : keyword.startsWith('Decision') ? 'decision' : keyword.startsWith('Recommendation') ? 'recommendation' : 'resolution';
  const context = contextAt(documentCitations(document, service.knowledge.conferences).contexts, offset);
  // A body written before the keyword (`Council Resolution`) or `ITU-R` after it names the body: its phrase is not repeated.
  const named: Body | undefined = match[3] ? 'RA' : (match[1] as Body | undefined);
  const bodies: readonly Body[] = named ? [named] : [...new Set([...(context?.body ? [context.body] : []), ...BODY_ORDER])];
  const start = document.lines.positionAt(offset - typed.length);
  const end = document.lines.positionAt(offset);
  const items: CompletionItem[] = [];
  const word = KIND_WORD[kind];
  // Bodies in their order and numbers in numeric order: the first items made are the ones kept.
  bodies.forEach((body, rank) => {
    for (const number of service.knowledge.numbers(body, kind)) {
      if (items.length >= MAX_NUMBER_ITEMS) return;
      if (!number.startsWith(typed)) continue;
      const known = service.knowledge.resolution(body, number, kind);
      if (!known) continue;
      const info = BODY_INFO[body];
      // Each forum's opinion of a number is a text of its own: one item each.
      const revisions: Array<KnownRevision | undefined> = kind === 'opinion' ? (known.revisions.length > 0 ? known.revisions : [undefined]) : [currentRevision(known, context?.year)];
      for (const revision of revisions) {
        const rev = revision && kind !== 'opinion' && revision.first !== true ? 'Rev. ' : '';
        const paren = revision && info.conference ? ` (${rev}${revision.conference.place}, ${revision.conference.year})` : '';
        const thisConference = revision && context?.conference?.id === revision.conference.id;
        const phrase = named ? '' : info.conference ? (thisConference ? 'of this conference' : info.citePhrase) : body === 'Council' ? 'of the Council' : '';
        // An opinion's subject is its forum's own; another forum's opinion of the number says nothing of it.
        const about = kind === 'opinion' ? (revision?.name ?? revision?.subject ?? (known.revisions.length <= 1 ? known.name ?? known.subject : undefined)) : (known.name ?? known.subject);
        items.push({
          label: number,
          kind: CompletionItemKind.Reference,
          detail: `${word} ${number} of the ${info.name}${paren ? ` ·${paren}` : ''}`,
          labelDetails: { detail: paren, description: kind === 'opinion' && revision ? revision.conference.id : body },
          ...(about ? { documentation: about } : {}),
          filterText: number,
          sortText: `${String(rank + 1).padStart(2, '0')}${number.padStart(8, '0')}${revision ? revision.conference.year : ''}`,
          textEdit: { range: { start, end }, newText: `${number}${paren}${phrase ? ' ' + phrase : ''}` },
          insertTextFormat: InsertTextFormat.PlainText,
        });
      }
    }
  });
  items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  return items.slice(0, MAX_NUMBER_ITEMS);
}

/** Heading phrases, at the start of a line after a blank one, inside a resolution past its authority line. */
function headingCompletion(document: ParsedDocument, lineStart: number, offset: number, before: string): CompletionItem[] {
  if (/^[ \t]/.test(before)) return [];
  const previousLine = lineBefore(document.text, lineStart);
  if (previousLine !== undefined && previousLine.trim() !== '') return [];
  const resolution = resolutionBefore(document, lineStart);
  if (!resolution || !resolution.title) return [];
  const preambleEnd = resolution.authority?.end ?? resolution.subtitle?.end ?? resolution.title.end;
  if (lineStart < preambleEnd) return [];
  const operativeSeen = resolution.sections.some((s) => s.start < lineStart && s.heading.headingKind === 'operative');
  const phrases: Array<[string, 'preamble' | 'operative']> = [
    ...(operativeSeen ? [] : PREAMBLE_HEADINGS.map((p): [string, 'preamble'] => [p, 'preamble'])),
    ...OPERATIVE_HEADINGS.map((p): [string, 'operative'] => [p, 'operative']),
  ];
  const start = document.lines.positionAt(lineStart);
  const end = document.lines.positionAt(offset);
  return phrases.map(([phrase, kind], index) => ({
    label: phrase,
    kind: CompletionItemKind.Keyword,
    detail: `${kind} heading`,
    filterText: before.startsWith('*') ? `*${phrase}` : phrase,
    sortText: `2${String(index).padStart(4, '0')}`,
    textEdit: { range: { start, end }, newText: `*${phrase}*` },
  }));
}

/** The next label, on a new line right under a clause of a section. */
function labelCompletion(document: ParsedDocument, lineStart: number, offset: number, before: string): CompletionItem[] {
  if (lineStart === 0 || before.trim().startsWith('*')) return [];
  const previousEnd = lineStart - 1;
  const previousLine = lineBefore(document.text, lineStart);
  if (previousLine === undefined || previousLine.trim() === '') return [];
  const section = sectionAt(document, previousEnd);
  if (!section || section.clauses.length === 0) return [];
  const indent = /^[ \t]*/.exec(before)?.[0] ?? '';
  const operative = section.heading.headingKind === 'operative';
  let label: string | undefined;
  if (indent.length === 0) label = nextTopLabel(section, operative);
  else {
    label = nextItemLabel(section.clauses[section.clauses.length - 1].items);
  }
  if (!label) return [];
  const start = document.lines.positionAt(lineStart + indent.length);
  const end = document.lines.positionAt(offset);
  return [{
    label,
    kind: CompletionItemKind.EnumMember,
    detail: 'next label',
    sortText: '0',
    preselect: true,
    textEdit: { range: { start, end }, newText: `${label} ` },
  }];
}

function nextTopLabel(section: SectionNode, operative: boolean): string | undefined {
  const labelled = section.clauses.filter((c) => c.label && c.label.form !== 'bullet');
  const last = labelled[labelled.length - 1]?.label;
  if (!last) return operative ? '2' : 'b)';
  if (last.form === 'number') {
    const whole = Number(last.value.split('.')[0]);
    return Number.isFinite(whole) ? String(whole + 1) : undefined;
  }
  const value = letterValue(last.value);
  return value > 0 ? `${letterLabel(value + 1)})` : undefined;
}

/** Sub-items count `i)`, `ii)` … unless the list runs `a)`, `b)` …; bullets stay bullets. */
function nextItemLabel(items: readonly ClauseNode[]): string | undefined {
  const last = items[items.length - 1]?.label;
  if (!last) return 'i)';
  if (last.form === 'bullet') return '-';
  const first = items[0].label?.value;
  const roman = first === 'i' && items[1]?.label?.value !== 'j';
  if (roman && romanValue(last.value) > 0) return `${romanLabel(romanValue(last.value) + 1)})`;
  const letter = letterValue(last.value);
  return letter > 0 ? `${letterLabel(letter + 1)})` : undefined;
}

function lineBefore(text: string, lineStart: number): string | undefined {
  if (lineStart === 0) return undefined;
  const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return text.slice(previousStart, lineStart - 1).replace(/\r$/, '');
}

function resolutionBefore(document: ParsedDocument, offset: number): ResolutionNode | undefined {
  let found: ResolutionNode | undefined;
  for (const resolution of document.root.resolutions) if (resolution.start <= offset) found = resolution;
  return found;
}

function sectionAt(document: ParsedDocument, offset: number): SectionNode | undefined {
  const resolution = resolutionBefore(document, offset);
  return resolution?.sections.find((s) => s.start <= offset && offset <= s.end);
}
