// The language service: in-memory documents and every editor feature, in LSP shapes.
// It knows nothing of the connection or the file system: the LSP layer and the tests
// feed it texts. Positions are converted to offsets here, at the edge.

import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  SelectionRange,
  SymbolInformation,
} from 'vscode-languageserver-types';
import { KnowledgeBase, summarizeDocument, type DocumentSummary, type LoadedCatalogue } from '../analysis/catalogue';
import { forgetFixesOf } from '../analysis/citationChecks';
import { CHECKS } from '../analysis/checks';
import { diagnose, type Check } from '../analysis/pipeline';
import { ResolutionMemo } from '../analysis/resolutionMemo';
import { DEFAULT_RESOLUTION_SETTINGS, type ResolutionSettings } from '../analysis/settings';
import { parseDocument, type ParsedDocument, type SyntaxDiagnostic } from '../syntax';
import { reparseDocument } from '../syntax/reparse';
import { toLspDiagnostic } from './diagnostics';
import { registerStructureFeatures } from './structureFeatures';
import { registerCitationFeatures } from './register';
import { workspaceSymbols } from './workspaceSymbols';
import { foldingRanges } from './folding';
import { selectionRanges } from './selection';
import { documentSymbols } from './symbols';
import { registerRevisionFeatures } from './revisionMarks';
import { skeletonCompletion } from './skeletonCompletion';
import { citationLinks } from './citationLinks';

export type ServiceSettings = ResolutionSettings;

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
export type CodeActionProvider = (request: FeatureRequest & { end: number; diagnostics: readonly SyntaxDiagnostic[]; only?: readonly string[] }) => CodeAction[];

/** Whether a code-action request asks for actions of `kind` (`only` filters by kind prefix, as LSP does). */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.length === 0 || only.some((asked) => kind === asked || kind.startsWith(asked + '.'));
}

interface OpenDocument {
  version: number;
  text: string;
  parsed?: ParsedDocument;
  /** The parse of an earlier version, re-read in part when this version is first needed (and used up then). */
  previous?: ParsedDocument;
  /** The diagnostics last computed, and what they were computed from. */
  diagnosed?: { parsed: ParsedDocument; settings: ServiceSettings; knowledge: number; diagnostics: SyntaxDiagnostic[] };
  /** Findings per resolution of the last analysis: an edit re-checks only the resolutions it changed. */
  memo?: ResolutionMemo;
}

export class LanguageService {
  private readonly documents = new Map<string, OpenDocument>();
  settings: ServiceSettings = DEFAULT_RESOLUTION_SETTINGS;
  /** Settings of one document where they differ from `settings` (a nearer `.resorc.json` in its folder); set by the LSP layer. */
  settingsOf?: (uri: string) => ServiceSettings | undefined;
  readonly checks: Check[] = [...CHECKS];
  readonly hoverProviders: HoverProvider[] = [];
  /** Hovers added below whichever hover answers (or alone): what a revision mark does. */
  readonly hoverAppendices: HoverProvider[] = [];
  readonly definitionProviders: LocationsProvider[] = [];
  readonly referencesProviders: ReferencesProvider[] = [];
  readonly completionProviders: CompletionProvider[] = [];
  readonly codeActionProviders: CodeActionProvider[] = [];
  /** Catalogues and the resolutions defined and cited by open documents and workspace files. */
  readonly knowledge = new KnowledgeBase();
  /** Files of the workspace folders as read from disk; an open document with the same URI wins. */
  private readonly workspaceFiles = new Map<string, string | undefined>();
  /**
   * Reads a workspace file again when its text is needed (definitions into clauses, references).
   * Set by the LSP layer, so that an indexed workspace keeps only its index in memory; without it
   * the texts are kept.
   */
  workspaceReader?: (uri: string) => string | undefined;
  private recentlyParsed: Array<{ uri: string; text: string; parsed: ParsedDocument }> = [];
  /** Diagnostics about a file rather than its text (its encoding), set by whoever read the file. */
  private readonly fileDiagnostics = new Map<string, SyntaxDiagnostic[]>();

  constructor() {
    registerStructureFeatures(this);
    registerCitationFeatures(this);
    registerRevisionFeatures(this);
    this.completionProviders.unshift(skeletonCompletion);
  }

  setDocument(uri: string, text: string, version = 0): void {
    const current = this.documents.get(uri);
    if (current && current.text === text) {
      current.version = version;
      return;
    }
    this.documents.set(uri, { version, text, memo: current?.memo, previous: current?.parsed ?? current?.previous });
    this.knowledge.invalidate(uri, () => this.summarize(this.document(uri)));
  }

  /** Sets (or clears, with none) the diagnostics about the file itself, reported before those of its text. */
  setFileDiagnostics(uri: string, diagnostics: readonly SyntaxDiagnostic[]): void {
    if (diagnostics.length === 0) this.fileDiagnostics.delete(uri);
    else this.fileDiagnostics.set(uri, [...diagnostics]);
  }

  removeDocument(uri: string): void {
    const closed = this.documents.get(uri);
    if (closed) forgetFixesOf(closed.text);
    this.documents.delete(uri);
    this.fileDiagnostics.delete(uri);
    if (this.workspaceFiles.has(uri)) this.knowledge.invalidate(uri, () => this.summarize(this.workspaceDocument(uri)));
    else this.knowledge.remove(uri);
  }

  /** A workspace file read from disk, indexed at once (unless an editor holds it open). */
  setWorkspaceFile(uri: string, text: string): void {
    this.workspaceFiles.set(uri, this.workspaceReader ? undefined : text);
    this.recentlyParsed = this.recentlyParsed.filter((entry) => entry.uri !== uri);
    if (!this.documents.has(uri)) this.knowledge.setSummary(uri, this.summarize(parseDocument(text)));
  }

  removeWorkspaceFile(uri: string): void {
    this.workspaceFiles.delete(uri);
    this.recentlyParsed = this.recentlyParsed.filter((entry) => entry.uri !== uri);
    if (!this.documents.has(uri)) this.knowledge.remove(uri);
  }

  workspaceFileUris(): string[] {
    return [...this.workspaceFiles.keys()];
  }

  /** The text of an open document, else of a workspace file. */
  documentText(uri: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.text;
    if (!this.workspaceFiles.has(uri)) return undefined;
    return this.workspaceFiles.get(uri) ?? this.workspaceReader?.(uri);
  }

  /** An open document, else a workspace file parsed on demand (the last few are kept). */
  workspaceDocument(uri: string): ParsedDocument | undefined {
    const open = this.document(uri);
    if (open) return open;
    const text = this.documentText(uri);
    if (text === undefined) return undefined;
    const cached = this.recentlyParsed.find((entry) => entry.uri === uri && entry.text === text);
    if (cached) return cached.parsed;
    const parsed = parseDocument(text);
    this.recentlyParsed = [{ uri, text, parsed }, ...this.recentlyParsed.slice(0, 7)];
    return parsed;
  }

  /** Sets the catalogues (the shipped one first, then the user's); workspace files are re-read if the conferences changed. */
  setCatalogues(catalogues: readonly LoadedCatalogue[]): void {
    const before = this.knowledge.conferences;
    this.knowledge.setCatalogues(catalogues);
    if (conferenceIds(before) === conferenceIds(this.knowledge.conferences)) return;
    for (const uri of new Set([...this.workspaceFiles.keys(), ...this.documents.keys()])) {
      this.knowledge.invalidate(uri, () => this.summarize(this.workspaceDocument(uri)));
    }
  }

  /** Whole citations as links to the text they cite. */
  documentLinks(uri: string): DocumentLink[] {
    return citationLinks(this, uri);
  }

  workspaceSymbols(query: string): SymbolInformation[] {
    return workspaceSymbols(this, query);
  }

  private summarize(document: ParsedDocument | undefined): DocumentSummary | undefined {
    return document ? summarizeDocument(document, this.knowledge.conferences) : undefined;
  }

  uris(): string[] {
    return [...this.documents.keys()];
  }

  document(uri: string): ParsedDocument | undefined {
    const entry = this.documents.get(uri);
    if (!entry) return undefined;
    if (!entry.parsed) {
      entry.parsed = entry.previous ? reparseDocument(entry.previous, entry.text) : parseDocument(entry.text);
      entry.previous = undefined;
    }
    return entry.parsed;
  }

  version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  /** Diagnostics in offsets, after suppression and severity overrides. */
  rawDiagnostics(uri: string): SyntaxDiagnostic[] {
    const document = this.document(uri);
    const entry = this.documents.get(uri);
    if (!document || !entry) return [];
    // A code-action request after the diagnostics of the same version reuses them.
    const cached = entry.diagnosed;
    if (cached && cached.parsed === document && cached.settings === this.settingsFor(uri) && cached.knowledge === this.knowledge.version) return cached.diagnostics;
    const knowledge = this.knowledge.version;
    entry.memo ??= new ResolutionMemo();
    const diagnostics = this.diagnosticsOf(document, uri, entry.memo);
    entry.diagnosed = { parsed: document, settings: this.settingsFor(uri), knowledge, diagnostics };
    return diagnostics;
  }

  /** The diagnostics a parsed text would have as the document `uri` (fix-all checks its result with them). */
  diagnosticsOf(document: ParsedDocument, uri: string, memo?: ResolutionMemo): SyntaxDiagnostic[] {
    const diagnostics = diagnose(document, { settings: this.settingsFor(uri).analysis, service: this, uri }, this.checks, memo);
    const about = this.fileDiagnostics.get(uri);
    return about ? [...about, ...diagnostics] : diagnostics;
  }

  /** The settings that apply to a document. */
  settingsFor(uri: string): ServiceSettings {
    return this.settingsOf?.(uri) ?? this.settings;
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
    const main = this.first(uri, position, this.hoverProviders);
    const request = this.hoverAppendices.length > 0 ? this.request(uri, position) : undefined;
    const extra = request ? this.hoverAppendices.map((provider) => provider(request)).filter((h): h is Hover => h !== undefined) : [];
    if (extra.length === 0) return main ?? null;
    const parts = [...(main ? [main] : []), ...extra].map((h) => hoverText(h));
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: (main ?? extra[0]).range };
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
    const all = this.rawDiagnostics(uri);
    // Diagnostics are sorted by start: only those up to the range's end are looked at.
    let last = all.length;
    for (let lo = 0, hi = all.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      if (all[mid].start <= endOffset) lo = mid + 1;
      else hi = last = mid;
    }
    const diagnostics = all.slice(0, last).filter((d) => d.end >= request.offset);
    // Providers compute only the kinds asked for: a quick fix never costs a fix-all.
    const actions = this.codeActionProviders.flatMap((provider) => provider({ ...request, end: endOffset, diagnostics, only }));
    if (!only || only.length === 0) return actions;
    return actions.filter((action) => wantsKind(only, action.kind ?? ''));
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

function hoverText(hover: Hover): string {
  const contents = hover.contents;
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : '```' + c.language + '\n' + c.value + '\n```')).join('\n\n');
  return 'kind' in contents ? contents.value : '```' + contents.language + '\n' + contents.value + '\n```';
}

function conferenceIds(lookup: KnowledgeBase['conferences']): string {
  return lookup.ids().join(' ');
}
