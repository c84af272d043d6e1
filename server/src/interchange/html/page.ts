// The printed look of a resolution, and a standalone printable page of a document: the styles
// are shared with the editor's preview, which adds only its own toolbar and theme colours.

import type { ParsedDocument } from '../../syntax';
import { escapeHtml, renderDocument, type RenderMode } from './render';

/** Print typography, after ITU's: Times-like text, centred titles, hanging labels. */
export const RESOLUTION_CSS = `
.resolution-document { font-family: "Times New Roman", Times, "Liberation Serif", serif; font-size: 12pt; line-height: 1.35; max-width: 44em; margin: 0 auto; padding: 1em 2em; }
.resolution-document table.front-matter { border-collapse: collapse; margin: 0 0 1.5em auto; font-size: 0.95em; }
.resolution-document table.front-matter th { text-align: left; font-weight: normal; font-style: italic; padding: 0 1em 0 0; text-transform: capitalize; }
.resolution-document table.front-matter td { padding: 0; }
.resolution-document article { margin: 0 0 2.5em; }
.resolution-document .proposal { font-weight: bold; margin: 1.5em 0 0.5em; }
.resolution-document h1.title { font-size: 1em; font-weight: normal; text-align: center; text-transform: uppercase; margin: 1.5em 0 0.75em; letter-spacing: 0.02em; }
.resolution-document h2.name { font-size: 1em; font-weight: bold; text-align: center; margin: 0 0 1.5em; }
.resolution-document p { margin: 0 0 0.6em; text-align: justify; }
.resolution-document p.authority { margin: 1em 0; }
.resolution-document p.heading { margin: 1.2em 0 0.6em; }
.resolution-document p.heading em { font-style: italic; }
.resolution-document p.intro { margin: 0 0 0.6em; }
.resolution-document p.reasons { font-style: italic; margin: 1em 0; }
.resolution-document .clause { margin: 0 0 0.6em; text-align: justify; }
.resolution-document .clause.labelled { padding-left: 2.2em; text-indent: -2.2em; }
.resolution-document .clause.labelled > .label { display: inline-block; min-width: 2.2em; text-indent: 0; }
.resolution-document .clause .clause { margin: 0.4em 0 0.4em 2.2em; }
.resolution-document .clause.gap { text-indent: 0; padding-left: 0; }
.resolution-document aside.footnotes { margin-top: 1.5em; font-size: 0.9em; }
.resolution-document aside.footnotes::before { content: ""; display: block; width: 12em; border-top: 1px solid currentColor; margin-bottom: 0.5em; }
.resolution-document sup.fnref a { text-decoration: none; color: inherit; }
.resolution-document ins { text-decoration: underline; color: var(--reso-inserted, #1a56b0); }
.resolution-document del { text-decoration: line-through; color: var(--reso-deleted, #b3261e); }
.resolution-document .note { font-family: system-ui, sans-serif; font-size: 0.8em; background: var(--reso-note-background, #fff4c2); color: var(--reso-note, #5c4a00); border-radius: 3px; padding: 0 0.3em; margin: 0 0.2em; }
.resolution-document .note::before { content: "\\201C"; }
.resolution-document .note::after { content: "\\201D"; }
.resolution-document mark { background: var(--reso-highlight, #fff27a); color: inherit; }
.resolution-document article.annex h1.title { margin-top: 2em; }
@media print {
  .resolution-document { max-width: none; padding: 0; font-size: 12pt; }
  .resolution-document article + article { break-before: page; page-break-before: always; }
  .resolution-document .clause, .resolution-document p { orphans: 3; widows: 3; }
  .resolution-document h1, .resolution-document h2, .resolution-document p.heading { break-after: avoid; page-break-after: avoid; }
  .resolution-document ins, .resolution-document del { color: #000; }
}
@page { margin: 2cm 2.5cm; }
`;

/** A standalone page: no script, no remote content; prints with a page break between resolutions. */
export function htmlPage(document: ParsedDocument, mode: RenderMode, language = 'en'): string {
  const rendered = renderDocument(document, mode);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(rendered.title)}</title>`,
    `<style>body { margin: 0; background: #fff; color: #000; }${RESOLUTION_CSS}</style>`,
    '</head>',
    `<body><main class="resolution-document mode-${mode}">${rendered.body}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}
