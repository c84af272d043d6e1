// Requests of the VS Code client for reviewing: the ranges that paint revision marks, the next or
// previous change, and the document rendered for the preview. Handlers stay a few lines each.

import type { Connection } from 'vscode-languageserver/node';
import { changeFrom, revisionRanges } from '../features/revisionMarks';
import { previewHtml, type PreviewMode } from '../features/preview';
import { htmlPage, RENDER_MODES } from '../interchange/html';
import type { LanguageService } from '../features/service';

export const REVIEW_REQUESTS = {
  revisionRanges: 'resolution/revisionRanges',
  change: 'resolution/change',
  preview: 'resolution/preview',
  htmlPage: 'resolution/htmlPage',
} as const;

interface LspPosition {
  line: number;
  character: number;
}

export function registerReviewRequests(connection: Connection, service: LanguageService): void {
  connection.onRequest(REVIEW_REQUESTS.revisionRanges, (params: { uri: string }) => {
    const document = service.document(params.uri);
    return document ? { ...revisionRanges(document), version: service.version(params.uri) } : null;
  });
  connection.onRequest(REVIEW_REQUESTS.change, (params: { uri: string; start: LspPosition; end: LspPosition; forward: boolean }) => {
    const document = service.document(params.uri);
    if (!document) return null;
    return changeFrom(document, document.lines.offsetAt(params.start), document.lines.offsetAt(params.end), params.forward === true) ?? null;
  });
  connection.onRequest(REVIEW_REQUESTS.preview, (params: { uri: string; mode: PreviewMode }) => {
    const document = service.document(params.uri);
    return document ? { ...previewHtml(document, params.mode), version: service.version(params.uri) } : null;
  });
  // The page `reso export --to html` writes, for the editor's export command.
  connection.onRequest(REVIEW_REQUESTS.htmlPage, (params: { uri: string; mode: PreviewMode }) => {
    const document = service.document(params.uri);
    return document ? htmlPage(document, RENDER_MODES.includes(params.mode) ? params.mode : 'tracked') : null;
  });
}
