import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { DEFAULT_TIMEOUT_MS, ProtocolClient, REPO_ROOT, SERVER_PATH } from './client';

/** A server spoken to in raw bytes, to send what a well-behaved client never would. */
class RawServer {
  private readonly child = spawn(process.execPath, [SERVER_PATH, '--stdio']);
  private received = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private listeners: Array<() => void> = [];

  constructor() {
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.received += chunk;
      for (const listener of this.listeners) listener();
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  send(raw: string): void {
    this.child.stdin.write(raw);
  }

  message(body: unknown): void {
    const text = JSON.stringify(body);
    this.send(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  }

  /** The responses received so far, parsed. */
  responses(): Array<{ id: number | null; result?: unknown; error?: { code: number; message: string } }> {
    return this.received
      .split(/Content-Length: \d+\r\n\r\n/)
      .filter((part) => part.trim() !== '')
      .map((part) => JSON.parse(part))
      .filter((message) => 'id' in message && !('method' in message));
  }

  /** Waits for a response with this id. */
  response(id: number | null): Promise<{ id: number | null; result?: unknown; error?: { code: number; message: string } }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response ${id} within ${DEFAULT_TIMEOUT_MS} ms; received ${this.received}; stderr ${this.stderr}`)), DEFAULT_TIMEOUT_MS);
      const check = (): void => {
        const found = this.responses().find((r) => r.id === id);
        if (!found) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        resolve(found);
      };
      this.listeners.push(check);
      check();
    });
  }

  async exitCode(): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not exit within ${DEFAULT_TIMEOUT_MS} ms`)), DEFAULT_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the server's input, as a client that went away. */
  close(): void {
    this.child.stdin.end();
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
const HOVER = (id: number) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.reso' }, position: { line: 0, character: 0 } } });

function waitForMessage(messages: ShowMessageParams[], predicate: (m: ShowMessageParams) => boolean): Promise<ShowMessageParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no such message within ${DEFAULT_TIMEOUT_MS * 2} ms; got ${JSON.stringify(messages)}`)), DEFAULT_TIMEOUT_MS * 2);
    const check = (): void => {
      const found = messages.find(predicate);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      } else setTimeout(check, 20);
    };
    check();
  });
}

function listenForMessages(client: ProtocolClient): ShowMessageParams[] {
  const messages: ShowMessageParams[] = [];
  client.connection.onNotification(ShowMessageNotification.type, (params) => {
    messages.push(params);
  });
  client.connection.onRequest(ShowMessageRequest.type, (params) => {
    messages.push(params);
    return null;
  });
  return messages;
}

describe('a server that survives', () => {
  describe('the protocol lifecycle', () => {
    it('answers a request before initialize with ServerNotInitialized, and serves after initialize', async () => {
      const server = new RawServer();
      try {
        server.message(HOVER(7));
        assert.equal((await server.response(7)).error?.code, -32002);
        server.message(INITIALIZE);
        assert.ok((await server.response(1)).result);
        server.message({ jsonrpc: '2.0', method: 'initialized', params: {} });
        server.message(HOVER(8));
        assert.equal((await server.response(8)).error, undefined);
      } finally {
        server.kill();
      }
    });

    it('answers requests after shutdown with InvalidRequest, and exits on exit', async () => {
      const server = new RawServer();
      try {
        server.message(INITIALIZE);
        await server.response(1);
        server.message({ jsonrpc: '2.0', method: 'initialized', params: {} });
        server.message({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
        assert.equal((await server.response(2)).error, undefined);
        server.message(HOVER(3));
        assert.equal((await server.response(3)).error?.code, -32600);
        server.message({ jsonrpc: '2.0', method: 'exit' });
        assert.equal(await server.exitCode(), 0);
      } finally {
        server.kill();
      }
    });

    it('answers malformed JSON with a parse error and goes on', async () => {
      const server = new RawServer();
      try {
        const broken = '{"jsonrpc": "2.0", "id": 5, "method": ';
        server.send(`Content-Length: ${broken.length}\r\n\r\n${broken}`);
        assert.equal((await server.response(null)).error?.code, -32700);
        server.message(INITIALIZE);
        assert.ok((await server.response(1)).result);
      } finally {
        server.kill();
      }
    });

    it('exits with a message when the framing is broken (a wrong Content-Length), instead of staying deaf', async () => {
      const server = new RawServer();
      try {
        const body = JSON.stringify(INITIALIZE);
        server.send(`Content-Length: 5\r\n\r\n${body}`);
        server.message({ ...INITIALIZE, id: 2 });
        assert.equal(await server.exitCode(), 1);
        assert.match(server.stderr, /the message stream is broken \(.+\); exiting, so that the client can start the server again/);
      } finally {
        server.kill();
      }
    });
  });

  it('ends when its client dies halfway through a message, instead of running for ever', async () => {
    const server = new RawServer();
    try {
      server.send('Content-Length: 100\r\n\r\n{"jsonrpc":');
      server.close();
      const code = await Promise.race([server.exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), DEFAULT_TIMEOUT_MS).unref())]);
      assert.notEqual(code, 'still running', `the server was still running ${DEFAULT_TIMEOUT_MS} ms after its input closed; stderr: ${server.stderr}`);
    } finally {
      server.kill();
    }
  });

  it('a server that dies halfway through a message leaves the client nothing that keeps its process alive', async function () {
    this.timeout(DEFAULT_TIMEOUT_MS * 2);
    // A stand-in server writes the head of a message and part of its body, then ends; a client
    // process talks to it and must end on its own once the server has gone.
    const folder = mkdtempSync(join(tmpdir(), 'reso-half-'));
    const server = join(folder, 'half.js');
    writeFileSync(server, `process.stdout.write('Content-Length: 100\\r\\n\\r\\n{"jsonrpc":');\n`);
    const clientModule = join(REPO_ROOT, 'test', 'protocol', 'client.ts');
    const script = `const { ProtocolClient } = require(${JSON.stringify(clientModule)}); ProtocolClient.start({ serverPath: ${JSON.stringify(server)} }).waitForExit().then((s) => console.log('server exited', s.code));`;
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: REPO_ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the client process was still alive after ${DEFAULT_TIMEOUT_MS} ms: a timer or handle keeps it; ${output}`));
      }, DEFAULT_TIMEOUT_MS);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    assert.equal(code, 0, output);
    assert.match(output, /server exited 0/);
  });

  it('coalesces rapid changes: diagnostics for the latest version, not for every keystroke', async () => {
    const client = ProtocolClient.start();
    try {
      await client.initialize({ textDocument: { publishDiagnostics: {} } });
      const uri = 'file:///typing.reso';
      let text = '*resolves*\n\n1 one;\n3 two';
      await client.open(uri, text, 1);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const changes: Array<Promise<void>> = [];
      for (let version = 2; version <= 21; version++) {
        text += 'x';
        changes.push(client.change(uri, version, text));
      }
      await Promise.all(changes);
      const last = await client.waitForDiagnostics(uri, (p) => p.version === 21);
      assert.ok(last.diagnostics.some((d) => d.code === 'label.sequence'));
      const versions = (client.published.get(uri) ?? []).map((p) => p.version);
      assert.ok(versions.length <= 5, `published for versions ${versions.join(', ')}`);
    } finally {
      await client.dispose();
    }
  });

  describe('files and settings', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'reso-survive-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'reso-elsewhere-'));
    const secret = join(elsewhere, 'secret.json');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    copyFileSync(join(REPO_ROOT, 'seeds', 'res130-dubai-2018.reso'), join(workspace, 'res130.reso'));
    const latin1 = join(workspace, 'latin1.reso');
    writeFileSync(latin1, Buffer.from('*recalling*\n\na) caf\xe9;\nc) two.\n', 'latin1'));
    const capabilities = { workspace: { configuration: true, applyEdit: true }, textDocument: { publishDiagnostics: {} } };
    const folders = [{ uri: pathToFileURL(workspace).href, name: 'workspace' }];

    it('a broken .resorc.json is reported once; a catalogue it names outside the workspace is not read', async () => {
      writeFileSync(join(workspace, '.resorc.json'), `{ "catalogue": { "paths": [${JSON.stringify(secret)}] }, "renumber": { "track": 1 } }`);
      const client = ProtocolClient.start();
      try {
        const messages = listenForMessages(client);
        client.settings.set('resolution', { userCataloguePaths: [] });
        await client.initialize(capabilities, { workspaceFolders: folders });
        await waitForMessage(messages, (m) => /Resolution settings: .*\.resorc\.json: unknown setting "renumber\.track"/.test(m.message));
        const refused = await waitForMessage(messages, (m) => m.message.includes('secret.json'));
        assert.match(refused.message, /lies outside the workspace and is named by a workspace file, not by your user settings: it is not read/);
        await client.notify(DidChangeConfigurationNotification.type, { settings: null });
        // A later request proves the change was handled: no second report of the same problems.
        await client.request(ExecuteCommandRequest.type, { command: 'resolution.server.buildCatalogue', arguments: [pathToFileURL(workspace).href] });
        assert.equal(messages.filter((m) => m.message.includes('.resorc.json')).length, 1, JSON.stringify(messages));
        assert.equal(messages.some((m) => m.message.includes('root:x')), false);
      } finally {
        await client.dispose();
      }
    });

    it('a catalogue outside the workspace named in the user settings is read, and its contents never echoed', async () => {
      writeFileSync(join(workspace, '.resorc.json'), '{}');
      const client = ProtocolClient.start();
      try {
        const messages = listenForMessages(client);
        client.settings.set('resolution', { catalogue: { paths: [secret] }, userCataloguePaths: [secret] });
        await client.initialize(capabilities, { workspaceFolders: folders });
        const warned = await waitForMessage(messages, (m) => m.message.includes('secret.json'));
        assert.match(warned.message, /is not a valid catalogue: not valid JSON: expected a value at line 1, column 1/);
        assert.doesNotMatch(warned.message, /root:x|bin\/bash/);
      } finally {
        await client.dispose();
      }
    });

    it('Build catalogue writes catalogue.json atomically inside the workspace, and nowhere else', async () => {
      const client = ProtocolClient.start();
      try {
        const messages = listenForMessages(client);
        await client.initialize(capabilities, { workspaceFolders: folders });
        const built = (await client.request(ExecuteCommandRequest.type, { command: 'resolution.server.buildCatalogue', arguments: [pathToFileURL(workspace).href] })) as { uri: string; files: number; text: string };
        assert.equal(built.uri, pathToFileURL(join(workspace, 'catalogue.json')).href);
        assert.equal(readFileSync(join(workspace, 'catalogue.json'), 'utf8'), built.text);
        const outside = await client.request(ExecuteCommandRequest.type, { command: 'resolution.server.buildCatalogue', arguments: [pathToFileURL(elsewhere).href] });
        assert.equal(outside, null);
        assert.equal(existsSync(join(elsewhere, 'catalogue.json')), false);
        await waitForMessage(messages, (m) => /is not a folder of the workspace; the catalogue is written only inside the workspace/.test(m.message));
      } finally {
        await client.dispose();
      }
    });

    it('an open file that is not UTF-8 on disk gets file.encoding, and no fix-all', async () => {
      const client = ProtocolClient.start();
      try {
        await client.initialize(capabilities, { workspaceFolders: folders });
        const uri = pathToFileURL(latin1).href;
        await client.open(uri, '*recalling*\n\na) caf\ufffd;\nc) two.\n');
        const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
        const encoding = published.diagnostics.filter((d) => d.code === 'file.encoding');
        assert.equal(encoding.length, 1);
        assert.match(String(encoding[0].message), /File is not UTF-8: it looks like Latin-1/);
        const actions = await client.request(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
        assert.deepEqual(actions, []);
      } finally {
        await client.dispose();
      }
    });
  });
});
