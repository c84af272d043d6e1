// The preview's content: the document rendered in one of its readings, for the client's webview.

import { RESOLUTION_CSS } from '../interchange/html/page';
import { renderDocument, RENDER_MODES, type RenderMode } from '../interchange/html/render';
import type { ParsedDocument } from '../syntax';

export type PreviewMode = RenderMode;

export interface PreviewContent {
  mode: PreviewMode;
  /** Inner HTML of the preview's document element; all document text escaped. */
  body: string;
  title: string;
  marks: number;
  /** The source's line count, for scroll sync at the end. */
  lines: number;
  /** The print styles the body's markup needs. */
  css: string;
}

export function previewHtml(document: ParsedDocument, mode: PreviewMode): PreviewContent {
  const chosen = RENDER_MODES.includes(mode) ? mode : 'tracked';
  const rendered = renderDocument(document, chosen);
  return { mode: chosen, body: rendered.body, title: rendered.title, marks: rendered.marks, lines: document.lines.lineCount, css: RESOLUTION_CSS };
}
