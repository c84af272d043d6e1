// In an empty file, completion offers the document skeletons first (PP, WTDC and WTSA
// resolutions, a DT's front matter, MOD / ADD / SUP proposals): the same bodies as the snippets
// the extension contributes, so the two never disagree.

import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import snippets from '../../../snippets/resolution.json';
import type { FeatureRequest } from './service';

interface Snippet {
  prefix: string[] | string;
  body: string[] | string;
  description?: string;
}

/** The snippets that make a whole document, in the order offered, with the label shown. */
const SKELETONS: ReadonlyArray<[name: string, label: string]> = [
  ['Resolution of the Plenipotentiary Conference', 'PP resolution'],
  ['Resolution of the World Telecommunication Development Conference', 'WTDC resolution'],
  ['Resolution of the World Telecommunication Standardization Assembly', 'WTSA resolution'],
  ['Front matter of a DT', 'DT (temporary document)'],
  ['MOD proposal', 'MOD proposal'],
  ['ADD proposal', 'ADD proposal'],
  ['SUP proposal', 'SUP proposal'],
];

const ITEMS: CompletionItem[] = SKELETONS.flatMap(([name, label], index) => {
  const snippet = (snippets as Record<string, Snippet>)[name];
  if (!snippet) return [];
  const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
  return [{
    label,
    kind: CompletionItemKind.Snippet,
    detail: 'skeleton',
    documentation: { kind: 'markdown', value: `${snippet.description ?? name}\n\n\`\`\`resolution\n${body.replace(/\$\{\d+[:|]?([^}]*)\}/g, (_, text: string) => text.split(',')[0].replace(/\|$/, '')).replace(/\$\d/g, '')}\n\`\`\`` },
    // Before the words of the file and everything else.
    sortText: `!${index}`,
    filterText: [label, ...prefixes].join(' '),
    preselect: index === 0,
    insertTextFormat: InsertTextFormat.Snippet,
    insertText: body,
  }];
});

export function skeletonCompletion(request: FeatureRequest): CompletionItem[] | undefined {
  if (request.document.text.trim() !== '') return undefined;
  return ITEMS.map((item) => ({ ...item, textEdit: { range: { start: { line: 0, character: 0 }, end: request.document.lines.positionAt(request.document.text.length) }, newText: item.insertText ?? '' } }));
}
