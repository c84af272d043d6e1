// The language server: wires the connection to the language service. Handlers stay a few lines each.

import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_RESOLUTION_SETTINGS } from '../analysis/settings';
import type { ChangeDecision } from '../analysis/changes';
import { decideChanges, documentInfo, viewText } from '../features/changes';
import { COMMANDS, insertClauseAfter, labelOnEnter, renumberDocument, typedLabel } from '../features/commands';
import { newProposal, preparePlaceholderRename, proposalCandidates, renamePlaceholder, type NewProposalRequest } from '../features/drafting';
import { LanguageService } from '../features/service';
import { DocumentSettings } from '../host/projectSettings';
import { folderPath, mergeSettings } from '../host/settingsFiles';
import { exportAknBeside, importBeside } from '../host/interchangeFiles';
import { registerReviewRequests } from './reviewRequests';
import { CitationWorkspace, userCataloguePaths, writeFolderCatalogue } from './workspace';
import { registerWordRequests } from './word';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all), shippedCatalogue?: string): LanguageService {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService();
  const citations = new CitationWorkspace(connection, service, shippedCatalogue);
  let pullDiagnostics = false;
  let configurationRequests = false;
  let refreshDiagnostics = false;
  let rootFolder: string | undefined;
  let reportedProblems = '';
  let trustedCataloguePaths: string[] = [];

  const loadSettings = async (): Promise<void> => {
    const editor: unknown = configurationRequests ? await connection.workspace.getConfiguration('resolution') : undefined;
    const { settings, problems } = mergeSettings(editor, rootFolder, DEFAULT_RESOLUTION_SETTINGS);
    service.settings = settings;
    trustedCataloguePaths = userCataloguePaths(editor);
    // A document in a sub-folder with a `.resorc.json` of its own follows that file, as `reso` does.
    const perDocument = new DocumentSettings(editor, rootFolder, (nested) => void connection.window.showWarningMessage(`Resolution settings: ${nested.join('; ')}`));
    service.settingsOf = (uri) => perDocument.forUri(uri);
    const summary = problems.join('\n');
    if (summary && summary !== reportedProblems) void connection.window.showWarningMessage(`Resolution settings: ${problems.join('; ')}`);
    reportedProblems = summary;
  };

  const pending = new Map<string, NodeJS.Timeout>();
  const definitionsBefore = new Map<string, number>();
  const coalesce = (uri: string, run: () => void): void => {
    cancelPending(uri);
    pending.set(uri, setTimeout(() => {
      pending.delete(uri);
      run();
    }, CHANGE_DELAY_MS));
  };
  const cancelPending = (uri: string): void => {
    clearTimeout(pending.get(uri));
    pending.delete(uri);
  };

  const publish = (uri: string): void => {
    if (pullDiagnostics) return;
    void connection.sendDiagnostics({ uri, version: service.version(uri), diagnostics: service.diagnostics(uri) });
  };
  const republishAll = (except?: string): void => {
    if (pullDiagnostics) {
      if (refreshDiagnostics) connection.languages.diagnostics.refresh().catch(() => undefined);
    }
    else for (const document of documents.all()) if (document.uri !== except) publish(document.uri);
  };
  // Other documents' citations read what this one defines: when that changed, their diagnostics are stale.
  const afterDefinitionsChange = (before: number, uri: string): void => {
    if (service.knowledge.definitionsVersion !== before) republishAll(uri);
  };

  connection.onInitialize((params): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    configurationRequests = params.capabilities.workspace?.configuration === true;
    refreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    const firstFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    rootFolder = firstFolder ? folderPath(firstFolder) : undefined;
    citations.initialize(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Resolution' },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        documentLinkProvider: { resolveProvider: false },
        referencesProvider: true,
        workspaceSymbolProvider: true,
        completionProvider: { triggerCharacters: [' ', '*'] },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll.resolution'] },
        executeCommandProvider: { commands: [COMMANDS.renumberDocument, COMMANDS.insertClauseAfter, ...Object.keys(CHANGE_COMMANDS), BUILD_CATALOGUE_COMMAND, IMPORT_COMMAND, EXPORT_AKN_COMMAND] },
        documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n', moreTriggerCharacter: [' '] },
        renameProvider: { prepareProvider: true },
        diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false },
      },
      serverInfo: { name: 'resolution-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'resolution' });
    await loadSettings();
    await citations.start(service.settings.cataloguePaths, trustedCataloguePaths);
    republishAll();
  });

  documents.onDidOpen((event) => citations.checkEncoding(event.document.uri));
  documents.onDidChangeContent((change) => {
    const uri = change.document.uri;
    // The definitions before the first of the coalesced changes: any of them may have changed what others cite.
    const before = definitionsBefore.get(uri) ?? service.knowledge.definitionsVersion;
    definitionsBefore.set(uri, before);
    service.setDocument(uri, change.document.getText(), change.document.version);
    // Rapid changes (typing) are coalesced: diagnostics are computed for the latest version only.
    coalesce(uri, () => {
      definitionsBefore.delete(uri);
      publish(uri);
      afterDefinitionsChange(before, uri);
    });
  });
  documents.onDidClose((event) => {
    cancelPending(event.document.uri);
    const before = definitionsBefore.get(event.document.uri) ?? service.knowledge.definitionsVersion;
    definitionsBefore.delete(event.document.uri);
    service.removeDocument(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    afterDefinitionsChange(before, event.document.uri);
  });
  connection.onDidChangeConfiguration(async () => {
    await loadSettings();
    citations.reloadCatalogues(service.settings.cataloguePaths, trustedCataloguePaths);
    republishAll();
  });
  connection.onDidChangeWatchedFiles(async (params) => {
    if (citations.onWatchedFiles(params.changes)) republishAll();
    if (params.changes.some((change) => change.uri.endsWith('/.resorc.json'))) {
      await loadSettings();
      republishAll();
    }
  });

  connection.languages.diagnostics.on((params) => ({ kind: DocumentDiagnosticReportKind.Full, items: service.diagnostics(params.textDocument.uri) }));
  connection.onDocumentSymbol((params) => service.documentSymbols(params.textDocument.uri));
  connection.onFoldingRanges((params) => service.foldingRanges(params.textDocument.uri));
  connection.onSelectionRanges((params) => service.selectionRanges(params.textDocument.uri, params.positions));
  connection.onHover((params) => service.hover(params.textDocument.uri, params.position));
  connection.onDocumentLinks((params) => service.documentLinks(params.textDocument.uri));
  connection.onDefinition((params) => service.definition(params.textDocument.uri, params.position));
  connection.onReferences((params) => service.references(params.textDocument.uri, params.position, params.context.includeDeclaration));
  connection.onWorkspaceSymbol((params) => service.workspaceSymbols(params.query));
  connection.onCompletion((params) => service.completion(params.textDocument.uri, params.position));
  connection.onCodeAction((params) => service.codeActions(params.textDocument.uri, params.range.start, params.range.end, params.context.only));
  connection.onDocumentOnTypeFormatting((params) => (params.ch === ' ' ? typedLabel : labelOnEnter)(service, params.textDocument.uri, params.position));
  connection.onExecuteCommand(async (params) => {
    const [uri, position] = params.arguments ?? [];
    if (typeof uri !== 'string') return null;
    if (params.command === COMMANDS.renumberDocument) {
      const edit = renumberDocument(service, uri);
      if (edit) await connection.workspace.applyEdit({ label: 'Renumber document', edit });
      return edit !== undefined;
    }
    if (params.command === BUILD_CATALOGUE_COMMAND) {
      const folder = folderPath(uri);
      if (!folder) return null;
      const written = writeFolderCatalogue(folder, citations.workspaceFolders());
      if ('error' in written) void connection.window.showErrorMessage(`Build catalogue: ${written.error}`);
      return 'error' in written ? null : written;
    }
    if (params.command === IMPORT_COMMAND || params.command === EXPORT_AKN_COMMAND) {
      const path = folderPath(uri);
      const replace = position === true;
      if (!path) return null;
      if (params.command === IMPORT_COMMAND) return importBeside(path, replace);
      const document = service.document(uri);
      return document ? exportAknBeside(path, document, replace) : null;
    }
    const decision = CHANGE_COMMANDS[params.command];
    if (decision) {
      // A change at the cursor without a cursor must never become "all changes".
      if (decision.atCursor && !isPosition(position)) return false;
      const edit = decideChanges(service, uri, decision.decision, decision.atCursor && isPosition(position) ? position : undefined);
      if (edit) await connection.workspace.applyEdit({ label: decision.label, edit });
      return edit !== undefined;
    }
    if (params.command === COMMANDS.insertClauseAfter && isPosition(position)) {
      const inserted = insertClauseAfter(service, uri, position);
      if (!inserted) return null;
      const applied = await connection.workspace.applyEdit({ label: 'Insert clause', edit: inserted.edit });
      return applied.applied ? inserted.cursor : null;
    }
    return null;
  });

  connection.onRequest(DOCUMENT_INFO_REQUEST, (params: { uri: string; position?: { line: number; character: number } }) =>
    documentInfo(service, params.uri, params.position) ?? null,
  );
  registerReviewRequests(connection, service);
  connection.onRequest(VIEW_REQUEST, (params: { uri: string; view: 'amended' | 'original' }) => viewText(service, params.uri, params.view) ?? null);

  connection.onPrepareRename((params) => preparePlaceholderRename(service, params.textDocument.uri, params.position) ?? null);
  connection.onRenameRequest((params) => {
    const renamed = renamePlaceholder(service, params.textDocument.uri, params.position, params.newName);
    return !renamed ? null : 'error' in renamed ? new ResponseError(LSPErrorCodes.RequestFailed, renamed.error) : renamed.edit;
  });
  connection.onRequest(PROPOSAL_CANDIDATES_REQUEST, () => proposalCandidates(service));
  connection.onRequest(NEW_PROPOSAL_REQUEST, (params: NewProposalRequest) => ({ result: newProposal(service, params) }));
  registerWordRequests(connection, documents);

  documents.listen(connection);
  connection.listen();
  return service;
}

/** How long the server waits after a change for the next one before computing diagnostics. */
export const CHANGE_DELAY_MS = 40;

/** Custom requests of the VS Code client: marks and resolution at the cursor, and the two views. */
export const DOCUMENT_INFO_REQUEST = 'resolution/documentInfo';
/** Builds the catalogue of a workspace folder and writes it there as catalogue.json: `[folderUri]` → `{ text, files, uri }`. */
export const BUILD_CATALOGUE_COMMAND = 'resolution.server.buildCatalogue';
export const VIEW_REQUEST = 'resolution/view';
/** `[fileUri, replace?]`: imports an Akoma Ntoso or PDF text file into `.reso` files beside it. */
export const IMPORT_COMMAND = 'resolution.server.import';
/** `[documentUri, replace?]`: writes the open document as Akoma Ntoso beside its file. */
export const EXPORT_AKN_COMMAND = 'resolution.server.exportAkn';
/** Drafting: the resolutions a proposal may concern, and the text of a new proposal. */
export const PROPOSAL_CANDIDATES_REQUEST = 'resolution/proposalCandidates';
export const NEW_PROPOSAL_REQUEST = 'resolution/newProposal';

const CHANGE_COMMANDS: Record<string, { decision: ChangeDecision; atCursor: boolean; label: string }> = {
  'resolution.server.acceptAllChanges': { decision: 'accept', atCursor: false, label: 'Accept all changes' },
  'resolution.server.rejectAllChanges': { decision: 'reject', atCursor: false, label: 'Reject all changes' },
  'resolution.server.acceptChange': { decision: 'accept', atCursor: true, label: 'Accept change' },
  'resolution.server.rejectChange': { decision: 'reject', atCursor: true, label: 'Reject change' },
};

function isPosition(value: unknown): value is { line: number; character: number } {
  return typeof value === 'object' && value !== null && typeof (value as { line?: unknown }).line === 'number' && typeof (value as { character?: unknown }).character === 'number';
}
