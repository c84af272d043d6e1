// The language server: wires the connection to the features. Handlers stay a few lines each.

import {
  createConnection,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CHECKS } from '../analysis/checks';
import { DEFAULT_SETTINGS, diagnose } from '../analysis/pipeline';
import { toLspDiagnostic } from '../features/diagnostics';
import { foldingRanges } from '../features/folding';
import { selectionRanges } from '../features/selection';
import { documentSymbols } from '../features/symbols';
import { ParsedDocuments } from './documents';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const parsed = new ParsedDocuments();
  let pullDiagnostics = false;

  const diagnosticsFor = (document: TextDocument) => {
    const doc = parsed.get(document);
    return diagnose(doc, { settings: DEFAULT_SETTINGS }, CHECKS).map((d) => toLspDiagnostic(doc, document.uri, d));
  };
  const publish = (document: TextDocument): void => {
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnosticsFor(document) });
  };

  connection.onInitialize((params): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Resolution' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      },
      serverInfo: { name: 'resolution-language-server', version: '0.1.0' },
    };
  });

  documents.onDidChangeContent((change) => publish(change.document));
  documents.onDidClose((event) => {
    parsed.forget(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  const withDocument = <T>(uri: string, empty: T, run: (document: TextDocument) => T): T => {
    const document = documents.get(uri);
    return document ? run(document) : empty;
  };

  connection.languages.diagnostics.on((params) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: withDocument(params.textDocument.uri, [], diagnosticsFor),
  }));
  connection.onDocumentSymbol((params) => withDocument(params.textDocument.uri, [], (d) => documentSymbols(parsed.get(d))));
  connection.onFoldingRanges((params) => withDocument(params.textDocument.uri, [], (d) => foldingRanges(parsed.get(d))));
  connection.onSelectionRanges((params) => withDocument(params.textDocument.uri, [], (d) => selectionRanges(parsed.get(d), params.positions)));

  documents.listen(connection);
  connection.listen();
}
