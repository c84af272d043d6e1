// The server's end of the connection, guarded as the protocol asks: a request before
// `initialize` is answered `ServerNotInitialized`, a request after `shutdown` `InvalidRequest`,
// a message that is not JSON gets a parse error; and a stream whose framing is broken (a wrong
// Content-Length) ends the process with a message, so that the client starts a fresh server
// instead of talking to one that can no longer hear.

import {
  createConnection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
  type PartialMessageInfo,
  type ResponseMessage,
} from 'vscode-languageserver/node';

type Phase = 'uninitialized' | 'initializing' | 'running' | 'shutDown';

interface Incoming {
  id?: number | string | null;
  method?: string;
}

/** What the guard does when the stream cannot be read any more: by default, say why and exit. */
export type BrokenStreamHandler = (reason: string) => void;

export const exitOnBrokenStream: BrokenStreamHandler = (reason) => {
  process.stderr.write(`resolution-language-server: the message stream is broken (${reason}); exiting, so that the client can start the server again\n`);
  process.exit(1);
};

/** A reader that applies the protocol's lifecycle to what it passes on, answering the rest itself. */
export class GuardedReader implements MessageReader {
  private phase: Phase = 'uninitialized';

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
    private readonly onBroken: BrokenStreamHandler = exitOnBrokenStream,
  ) {
    inner.onError((error) => {
      if (error instanceof SyntaxError) {
        // A body that is not JSON: JSON-RPC answers with a parse error and an id of null.
        this.reply(null, ErrorCodes.ParseError, `Parse error: the message is not valid JSON (${error.message.slice(0, 120)})`);
        return;
      }
      this.onBroken(error.message.split('\n')[0]);
    });
  }

  get onError(): MessageReader['onError'] {
    return this.inner.onError;
  }

  get onClose(): MessageReader['onClose'] {
    return this.inner.onClose;
  }

  get onPartialMessage(): (listener: (info: PartialMessageInfo) => void) => Disposable {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (this.admit(message)) callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }

  /** True when the message goes on to the server; otherwise it is answered (requests) or dropped (notifications). */
  private admit(message: Message): boolean {
    const { id, method } = message as Incoming;
    const request = method !== undefined && id !== undefined && id !== null;
    if (method === undefined) return true; // a response to a request of the server
    if (method === 'exit') return true;
    switch (this.phase) {
      case 'uninitialized':
        if (method === 'initialize' && request) {
          this.phase = 'initializing';
          return true;
        }
        if (request) this.reply(id, ErrorCodes.ServerNotInitialized, `The server is not initialized: '${method}' was sent before 'initialize'.`);
        return false;
      case 'initializing':
      case 'running':
        if (method === 'initialize' && request) {
          this.reply(id, ErrorCodes.InvalidRequest, "The server is already initialized: 'initialize' may be sent once.");
          return false;
        }
        if (method === 'initialized') this.phase = 'running';
        if (method === 'shutdown' && request) this.phase = 'shutDown';
        return true;
      case 'shutDown':
        if (request) this.reply(id, ErrorCodes.InvalidRequest, `The server is shut down: '${method}' was sent after 'shutdown'; only 'exit' is accepted.`);
        return false;
    }
  }

  private reply(id: number | string | null | undefined, code: number, message: string): void {
    const response: ResponseMessage = { jsonrpc: '2.0', id: id ?? null, error: { code, message } };
    void this.writer.write(response).catch(() => undefined);
  }
}

/** The connection for the transport named on the command line, guarded (stdio and node-ipc). */
export function createGuardedConnection(argv: readonly string[] = process.argv): Connection {
  if (argv.includes('--stdio')) {
    const writer = new StreamMessageWriter(process.stdout);
    const reader = new StreamMessageReader(process.stdin);
    // No partial-message reports: their timer re-arms every 10 s while a message stays half read,
    // so a client that died in the middle of one would leave this process running for ever.
    reader.partialMessageTimeout = 0;
    return createConnection(ProposedFeatures.all, new GuardedReader(reader, writer), writer);
  }
  if (argv.includes('--node-ipc')) {
    const writer = new IPCMessageWriter(process);
    return createConnection(ProposedFeatures.all, new GuardedReader(new IPCMessageReader(process), writer), writer);
  }
  return createConnection(ProposedFeatures.all);
}
