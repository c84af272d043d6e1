// The HTML writer: a standalone printable page of the document in one of its readings.

import type { ParsedDocument } from '../../syntax';
import { htmlPage } from './page';
import { RENDER_MODES, type RenderMode } from './render';

export { htmlPage, RESOLUTION_CSS } from './page';
export { escapeHtml, renderDocument, RENDER_MODES, type RenderMode, type RenderedDocument } from './render';

export function writeHtml(document: ParsedDocument, mode: string | undefined): string {
  const chosen = (mode ?? 'tracked') as RenderMode;
  if (!RENDER_MODES.includes(chosen)) throw new Error(`--mode must be ${RENDER_MODES.join(', ')}, not '${mode}'`);
  return htmlPage(document, chosen);
}
