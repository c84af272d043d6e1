// The language server: wires the connection to the language service. Handlers stay a few lines each.

import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../features/service';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): LanguageService {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService();
  let pullDiagnostics = false;
  let configurationRequests = false;

  const publish = (uri: string): void => {
    if (pullDiagnostics) return;
    void connection.sendDiagnostics({ uri, version: service.version(uri), diagnostics: service.diagnostics(uri) });
  };
  const republishAll = (): void => {
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else for (const document of documents.all()) publish(document.uri);
  };

  connection.onInitialize((params): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    configurationRequests = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Resolution' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: [' ', '*'] },
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.resolution'] },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      },
      serverInfo: { name: 'resolution-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'resolution' });
  });

  documents.onDidChangeContent((change) => {
    service.setDocument(change.document.uri, change.document.getText(), change.document.version);
    publish(change.document.uri);
  });
  documents.onDidClose((event) => {
    service.removeDocument(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => republishAll());

  connection.languages.diagnostics.on((params) => ({ kind: DocumentDiagnosticReportKind.Full, items: service.diagnostics(params.textDocument.uri) }));
  connection.onDocumentSymbol((params) => service.documentSymbols(params.textDocument.uri));
  connection.onFoldingRanges((params) => service.foldingRanges(params.textDocument.uri));
  connection.onSelectionRanges((params) => service.selectionRanges(params.textDocument.uri, params.positions));
  connection.onHover((params) => service.hover(params.textDocument.uri, params.position));
  connection.onDefinition((params) => service.definition(params.textDocument.uri, params.position));
  connection.onReferences((params) => service.references(params.textDocument.uri, params.position, params.context.includeDeclaration));
  connection.onCompletion((params) => service.completion(params.textDocument.uri, params.position));
  connection.onCodeAction((params) => service.codeActions(params.textDocument.uri, params.range.start, params.range.end, params.context.only));

  documents.listen(connection);
  connection.listen();
  return service;
}
