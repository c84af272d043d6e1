// A small JSON-RPC test client for the built language server (`server/out/server.js --stdio`).
//
// One `ProtocolClient` owns one server process. Typical use in a test:
//
//   const client = ProtocolClient.start();
//   await client.initialize({ textDocument: { diagnostic: {} } });
//   await client.open(uri, text);
//   const symbols = await client.documentSymbols(uri);
//   ...
//   await client.shutdown();            // in the happy path: asserts a clean exit
//   await client.dispose();             // in `after` hooks: kills the process if it is still alive
//
// Requests without a typed helper go through `request(type, params)` with any request type from
// `vscode-languageserver-protocol` (HoverRequest.type, DefinitionRequest.type, ...).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  SelectionRangeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type ProtocolNotificationType,
  type ProtocolRequestType,
  type PublishDiagnosticsParams,
  type RequestParam,
  type SelectionRange,
  type SymbolInformation,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

/** The repository root (this file is test/protocol/client.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
/** The bundled server that `npm run build` writes. */
export const SERVER_PATH = join(REPO_ROOT, 'server', 'out', 'server.js');
export const LANGUAGE_ID = 'resolution';

export const DEFAULT_TIMEOUT_MS = 5000;
const STDERR_LIMIT = 64 * 1024;

/** A `file:` URI for a path relative to the repository root (the file need not exist). */
export function fileUri(relativePath: string): string {
  return pathToFileURL(join(REPO_ROOT, relativePath)).href;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  /** Server script; defaults to the built `server/out/server.js`. */
  serverPath?: string;
  /** Extra arguments after `--stdio`. */
  args?: string[];
}

export interface InitializeOptions {
  workspaceFolders?: WorkspaceFolder[] | null;
  initializationOptions?: unknown;
}

interface DiagnosticsWaiter {
  uri: string;
  predicate: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class ProtocolClient {
  readonly connection: ProtocolConnection;
  /** Every `publishDiagnostics` notification received, by URI, oldest first. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  /** `window/logMessage` notifications received, as text. */
  readonly logMessages: string[] = [];
  /** `workspace/applyEdit` requests received; each is answered `applied: true`. */
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** Answers to `workspace/configuration`, by section (`resolution`, `resolution.checks`, ...); missing sections answer null. */
  readonly settings = new Map<string, unknown>();

  private stderrText = '';
  private readonly connectionErrors: string[] = [];
  private exitStatus: ExitStatus | undefined;
  private readonly exited: Promise<ExitStatus>;
  private readonly waiters = new Set<DiagnosticsWaiter>();
  private disposed = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderrText = (this.stderrText + chunk).slice(-STDERR_LIMIT);
    });
    // Writes racing a dying process must not crash the test run; the exit is reported instead.
    child.stdin.on('error', () => undefined);
    this.exited = new Promise<ExitStatus>((resolveExit) => {
      const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.exitStatus !== undefined) return;
        this.exitStatus = { code, signal };
        this.rejectWaiters(`the server exited (code ${code}, signal ${signal})`);
        // Requests still waiting for an answer are rejected by disposing the connection.
        this.connection.dispose();
        resolveExit(this.exitStatus);
      };
      // 'close' comes after 'exit' and after stdout has ended, so every message has been read by then.
      child.on('close', finish);
      child.on('error', (error) => {
        this.connectionErrors.push(`process error: ${error.message}`);
        if (child.pid === undefined) finish(null, null);
      });
    });

    const reader = new StreamMessageReader(child.stdout);
    // No partial-message reports: the reader re-arms their timer every 10 s for as long as a message
    // stays half read, and its dispose does not stop it, so a server killed mid-message would keep
    // the test process alive after the last test.
    reader.partialMessageTimeout = 0;
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.onDiagnostics(params));
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logMessages.push(params.message);
    });
    // Requests from the server that a plain editor would answer. Tests may replace these with their own handlers.
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section !== undefined ? this.settings.get(item.section) ?? null : null)));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(UnregistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onError(([error]) => {
      this.connectionErrors.push(error.message);
    });
    this.connection.listen();
  }

  /** Spawns `node <server> --stdio` and connects to it. */
  static start(options: StartOptions = {}): ProtocolClient {
    const serverPath = options.serverPath ?? SERVER_PATH;
    if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: run \`npm run build\` first`);
    const child = spawn(process.execPath, [serverPath, '--stdio', ...(options.args ?? [])], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new ProtocolClient(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** What the server wrote to stderr so far (the last 64 KiB). */
  get stderr(): string {
    return this.stderrText;
  }

  /** The exit status once the process has exited. */
  get exit(): ExitStatus | undefined {
    return this.exitStatus;
  }

  // ---- lifecycle ----

  /** `initialize` with the given client capabilities, then `initialized`. */
  async initialize(capabilities: ClientCapabilities, options: InitializeOptions = {}): Promise<InitializeResult> {
    const result = await this.request(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'resolution-protocol-tests' },
      rootUri: pathToFileURL(REPO_ROOT).href,
      capabilities,
      workspaceFolders: options.workspaceFolders ?? null,
      initializationOptions: options.initializationOptions,
    });
    await this.notify(InitializedNotification.type, {});
    return result;
  }

  /** `shutdown`, `exit`, then waits for the process to end; kills it if it has not ended within the timeout. */
  async shutdown(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ExitStatus> {
    this.assertRunning(ShutdownRequest.method);
    await this.withStderr(ShutdownRequest.method, this.connection.sendRequest(ShutdownRequest.type));
    await this.connection.sendNotification(ExitNotification.type);
    return this.waitForExit(timeoutMs);
  }

  /** Resolves with the exit status; rejects (after killing the process) if it has not exited within the timeout. */
  async waitForExit(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ExitStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`the server did not exit within ${timeoutMs} ms and was killed${this.stderrSuffix()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
      await this.dispose();
    }
  }

  /**
   * Releases the connection, kills the process if it is still running and waits for it to end.
   * Safe to call more than once and after `shutdown`: meant for `after`/`afterEach` hooks.
   */
  async dispose(): Promise<ExitStatus> {
    if (!this.disposed) {
      this.disposed = true;
      this.rejectWaiters('the client was disposed');
      this.connection.dispose();
      if (this.exitStatus === undefined) this.child.kill('SIGKILL');
    }
    return this.exited;
  }

  // ---- generic messages ----

  /** Any request, typed by its protocol request type. Failures carry the server's stderr. */
  async request<P, R, PR, E, RO>(type: ProtocolRequestType<P, R, PR, E, RO>, params: NoInfer<RequestParam<P>>): Promise<R> {
    this.assertRunning(type.method);
    return this.withStderr(type.method, this.connection.sendRequest(type, params));
  }

  /** Any notification, typed by its protocol notification type. */
  async notify<P, RO>(type: ProtocolNotificationType<P, RO>, params: NoInfer<RequestParam<P>>): Promise<void> {
    this.assertRunning(type.method);
    await this.connection.sendNotification(type, params);
  }

  // ---- documents ----

  async open(uri: string, text: string, version = 1, languageId = LANGUAGE_ID): Promise<void> {
    await this.notify(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** A full-text change to `version` (which must be above the document's current version). */
  async change(uri: string, version: number, text: string): Promise<void> {
    await this.notify(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  async close(uri: string): Promise<void> {
    await this.notify(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  // ---- typed requests ----

  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    const result = await this.request(DocumentSymbolRequest.type, { textDocument: { uri } });
    if (result === null) return [];
    if (result.some((item: DocumentSymbol | SymbolInformation) => 'location' in item)) {
      throw new Error(`${DocumentSymbolRequest.method} answered with SymbolInformation, expected hierarchical DocumentSymbol`);
    }
    return result as DocumentSymbol[];
  }

  async foldingRanges(uri: string): Promise<FoldingRange[]> {
    return (await this.request(FoldingRangeRequest.type, { textDocument: { uri } })) ?? [];
  }

  async selectionRanges(uri: string, positions: Position[]): Promise<SelectionRange[]> {
    return (await this.request(SelectionRangeRequest.type, { textDocument: { uri }, positions })) ?? [];
  }

  /** Pull diagnostics (`textDocument/diagnostic`). */
  async pullDiagnostics(uri: string): Promise<DocumentDiagnosticReport> {
    return this.request(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  }

  // ---- pushed diagnostics ----

  /** The last `publishDiagnostics` received for `uri`, if any. */
  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /**
   * Resolves with the `publishDiagnostics` for `uri` that satisfies `predicate`: the last one already
   * received if it does, else the next one to arrive. Rejects after `timeoutMs`, or if the server exits.
   * Check `params.version` in the predicate to tell the answer to a given change from an earlier one.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    const last = this.lastDiagnostics(uri);
    if (last && predicate(last)) return Promise.resolve(last);
    return new Promise<PublishDiagnosticsParams>((resolveWait, rejectWait) => {
      const waiter: DiagnosticsWaiter = {
        uri,
        predicate,
        resolve: resolveWait,
        reject: rejectWait,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          rejectWait(new Error(`no matching publishDiagnostics for ${uri} within ${timeoutMs} ms; ${this.describePublished(uri)}${this.stderrSuffix()}`));
        }, timeoutMs),
      };
      if (this.exitStatus !== undefined || this.disposed) {
        clearTimeout(waiter.timer);
        rejectWait(new Error(`cannot wait for diagnostics on ${uri}: the server is not running${this.stderrSuffix()}`));
        return;
      }
      this.waiters.add(waiter);
    });
  }

  // ---- internals ----

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    const list = this.published.get(params.uri) ?? [];
    list.push(params);
    this.published.set(params.uri, list);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri) continue;
      let matches: boolean;
      try {
        matches = waiter.predicate(params);
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matches) {
        this.settle(waiter);
        waiter.resolve(params);
      }
    }
  }

  private settle(waiter: DiagnosticsWaiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }

  private rejectWaiters(reason: string): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(new Error(`while waiting for publishDiagnostics on ${waiter.uri}: ${reason}; ${this.describePublished(waiter.uri)}${this.stderrSuffix()}`));
    }
  }

  private describePublished(uri: string): string {
    const list = this.published.get(uri) ?? [];
    if (list.length === 0) return 'none received for this document';
    const summary = list
      .map((p) => `v${p.version ?? '?'}: [${p.diagnostics.map((d) => `${String(d.code ?? '')}@${d.range.start.line}:${d.range.start.character}`).join(', ')}]`)
      .join('; ');
    return `received ${list.length}: ${summary}`;
  }

  private assertRunning(method: string): void {
    if (this.exitStatus !== undefined) {
      throw new Error(`cannot send ${method}: the server exited (code ${this.exitStatus.code}, signal ${this.exitStatus.signal})${this.stderrSuffix()}`);
    }
    if (this.disposed) throw new Error(`cannot send ${method}: the client was disposed`);
  }

  private async withStderr<R>(method: string, pending: Promise<R>): Promise<R> {
    try {
      return await pending;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const exit = this.exitStatus ? ` (the server exited: code ${this.exitStatus.code}, signal ${this.exitStatus.signal})` : '';
      throw new Error(`request ${method} failed: ${message}${exit}${this.stderrSuffix()}`);
    }
  }

  /** The server's stderr and the connection's errors, to append to failure messages. */
  private stderrSuffix(): string {
    const text = this.stderrText.trim();
    const errors = this.connectionErrors.length > 0 ? `\n--- connection errors ---\n${this.connectionErrors.join('\n')}` : '';
    return (text ? `\n--- server stderr ---\n${text}` : '') + errors;
  }
}
