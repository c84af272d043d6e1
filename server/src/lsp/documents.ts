// Parsed documents by URI, reparsed only when their version changes.

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseDocument, type ParsedDocument } from '../syntax';

export class ParsedDocuments {
  private readonly cache = new Map<string, { version: number; parsed: ParsedDocument }>();

  get(document: TextDocument): ParsedDocument {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.parsed;
    const parsed = parseDocument(document.getText());
    this.cache.set(document.uri, { version: document.version, parsed });
    return parsed;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
