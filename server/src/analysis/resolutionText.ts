// The text of one resolution of a document, as markup: what a MOD starts from.

import type { ParsedDocument, ResolutionNode } from '../syntax';

/** The amended view of a resolution from its title line to its end, without its proposal marker or reasons. */
export function resolutionText(document: ParsedDocument, resolution: ResolutionNode | undefined): string {
  if (!resolution) return '';
  const start = resolution.title?.start ?? resolution.start;
  const end = resolution.reasons ? resolution.reasons.start : resolution.end;
  const view = document.amended;
  return view.text.slice(view.fromSource(start).offset, view.fromSource(end).offset).replace(/\s+$/, '') + '\n';
}
