// The language service: in-memory documents and every editor feature, in LSP shapes.
// It knows nothing of the connection or the file system: the LSP layer and the tests
// feed it texts. Positions are converted to offsets here, at the edge.

import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  SelectionRange,
} from 'vscode-languageserver-types';
import { CHECKS } from '../analysis/checks';
import { diagnose, type Check } from '../analysis/pipeline';
import { DEFAULT_RESOLUTION_SETTINGS, type ResolutionSettings } from '../analysis/settings';
import { parseDocument, type ParsedDocument, type SyntaxDiagnostic } from '../syntax';
import { toLspDiagnostic } from './diagnostics';
import { registerStructureFeatures } from './structureFeatures';
import { foldingRanges } from './folding';
import { selectionRanges } from './selection';
import { documentSymbols } from './symbols';

export type ServiceSettings = ResolutionSettings;
export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = DEFAULT_RESOLUTION_SETTINGS;

/** What a feature provider gets: the service, the document and where the request points. */
export interface FeatureRequest {
  service: LanguageService;
  uri: string;
  document: ParsedDocument;
  offset: number;
}

export type HoverProvider = (request: FeatureRequest) => Hover | undefined;
export type LocationsProvider = (request: FeatureRequest) => Location[] | undefined;
export type ReferencesProvider = (request: FeatureRequest, includeDeclaration: boolean) => Location[] | undefined;
export type CompletionProvider = (request: FeatureRequest) => CompletionItem[] | undefined;
export type CodeActionProvider = (request: FeatureRequest & { end: number; diagnostics: readonly SyntaxDiagnostic[] }) => CodeAction[];

interface OpenDocument {
  version: number;
  text: string;
  parsed?: ParsedDocument;
}

export class LanguageService {
  private readonly documents = new Map<string, OpenDocument>();
  settings: ServiceSettings = DEFAULT_SERVICE_SETTINGS;
  readonly checks: Check[] = [...CHECKS];
  readonly hoverProviders: HoverProvider[] = [];
  readonly definitionProviders: LocationsProvider[] = [];
  readonly referencesProviders: ReferencesProvider[] = [];
  readonly completionProviders: CompletionProvider[] = [];
  readonly codeActionProviders: CodeActionProvider[] = [];

  constructor() {
    registerStructureFeatures(this);
  }

  setDocument(uri: string, text: string, version = 0): void {
    const current = this.documents.get(uri);
    if (current && current.text === text) {
      current.version = version;
      return;
    }
    this.documents.set(uri, { version, text });
  }

  removeDocument(uri: string): void {
    this.documents.delete(uri);
  }

  uris(): string[] {
    return [...this.documents.keys()];
  }

  document(uri: string): ParsedDocument | undefined {
    const entry = this.documents.get(uri);
    if (!entry) return undefined;
    entry.parsed ??= parseDocument(entry.text);
    return entry.parsed;
  }

  version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  /** Diagnostics in offsets, after suppression and severity overrides. */
  rawDiagnostics(uri: string): SyntaxDiagnostic[] {
    const document = this.document(uri);
    if (!document) return [];
    return diagnose(document, { settings: this.settings.analysis, service: this, uri }, this.checks);
  }

  diagnostics(uri: string): Diagnostic[] {
    const document = this.document(uri);
    if (!document) return [];
    return this.rawDiagnostics(uri).map((d) => toLspDiagnostic(document, uri, d));
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    const document = this.document(uri);
    return document ? documentSymbols(document) : [];
  }

  foldingRanges(uri: string): FoldingRange[] {
    const document = this.document(uri);
    return document ? foldingRanges(document) : [];
  }

  selectionRanges(uri: string, positions: readonly Position[]): SelectionRange[] {
    const document = this.document(uri);
    return document ? selectionRanges(document, positions) : [];
  }

  hover(uri: string, position: Position): Hover | null {
    return this.first(uri, position, this.hoverProviders) ?? null;
  }

  definition(uri: string, position: Position): Location[] {
    return this.first(uri, position, this.definitionProviders) ?? [];
  }

  references(uri: string, position: Position, includeDeclaration: boolean): Location[] {
    const request = this.request(uri, position);
    if (!request) return [];
    for (const provider of this.referencesProviders) {
      const result = provider(request, includeDeclaration);
      if (result) return result;
    }
    return [];
  }

  completion(uri: string, position: Position): CompletionItem[] {
    const request = this.request(uri, position);
    if (!request) return [];
    return this.completionProviders.flatMap((provider) => provider(request) ?? []);
  }

  /** Code actions for a range; `only` filters by kind prefix as LSP does (`quickfix`, `source.fixAll`). */
  codeActions(uri: string, start: Position, end: Position, only?: readonly string[]): CodeAction[] {
    const request = this.request(uri, start);
    if (!request) return [];
    const endOffset = request.document.lines.offsetAt(end);
    const diagnostics = this.rawDiagnostics(uri).filter((d) => d.start <= endOffset && d.end >= request.offset);
    const actions = this.codeActionProviders.flatMap((provider) => provider({ ...request, end: endOffset, diagnostics }));
    if (!only || only.length === 0) return actions;
    return actions.filter((action) => only.some((kind) => action.kind === kind || (action.kind ?? '').startsWith(kind + '.')));
  }

  request(uri: string, position: Position): FeatureRequest | undefined {
    const document = this.document(uri);
    if (!document) return undefined;
    return { service: this, uri, document, offset: document.lines.offsetAt(position) };
  }

  private first<T>(uri: string, position: Position, providers: ReadonlyArray<(request: FeatureRequest) => T | undefined>): T | undefined {
    const request = this.request(uri, position);
    if (!request) return undefined;
    for (const provider of providers) {
      const result = provider(request);
      if (result !== undefined) return result;
    }
    return undefined;
  }
}
