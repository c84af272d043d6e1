// Processes and folders of one end-to-end run: a temporary workspace, code-server (VS Code in the
// browser) with the packaged extension installed, and Debian's Chromium driven by playwright-core.
// Every process is started in its own process group and the whole group is killed on cleanup.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const E2E_DIR = __dirname;
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(E2E_DIR, '.cache');
export const CODE_SERVER = path.join(CACHE_DIR, 'bin', 'code-server');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

export function log(message: string): void {
  process.stdout.write(`[e2e ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
}

/** Runs `fn` and returns its result with the elapsed seconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e9];
}

/** Rejects after `ms` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function httpGet(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on('error', reject);
  });
}

function runFile(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      } else {
        resolve(`${stdout}${stderr}`);
      }
    });
  });
}

/** A process started as the leader of its own process group, with its output copied to a log file. */
class GroupProcess {
  readonly child: ChildProcess;
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private readonly listeners: Array<(line: string) => void> = [];

  constructor(
    readonly name: string,
    file: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    readonly logFile: string,
  ) {
    const out = fs.createWriteStream(logFile);
    // detached: the child calls setsid(), so it leads a new process group that we kill as a whole.
    this.child = spawn(file, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', () => {
        this.exited = true;
        resolve();
      });
      this.child.once('error', (error) => {
        out.write(`spawn error: ${error.message}\n`);
        this.exited = true;
        resolve();
      });
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let pending = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        out.write(chunk);
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) for (const listener of this.listeners) listener(line);
      });
    }
    this.exitPromise.finally(() => out.end()).catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const found = new Promise<RegExpMatchArray>((resolve, reject) => {
      this.listeners.push((line) => {
        const match = line.match(pattern);
        if (match) resolve(match);
      });
      this.exitPromise.then(() =>
        reject(new Error(`${this.name} exited (code ${this.child.exitCode}) before printing ${pattern}; log: ${this.logFile}`)),
      );
    });
    return withTimeout(found, timeoutMs, `${this.name} to print ${pattern} (log: ${this.logFile})`);
  }

  /** True once stop() has seen the whole group gone. */
  gone = false;

  /** SIGTERM to the whole group, then SIGKILL to whatever is left of it. */
  async stop(graceMs = 3000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.gone) return;
    signalGroup(pid, 'SIGTERM');
    if (this.running) {
      await Promise.race([this.exitPromise, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    }
    // The leader may be gone while its children live on: kill the group regardless.
    signalGroup(pid, 'SIGKILL');
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** True if some process of group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (checking every 50 ms, at most `ms`) until no process of group `pgid` is left. */
async function groupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

export interface HarnessOptions {
  vsix: string;
  /** Files copied into the workspace root: [source path, name in the workspace]. */
  files: Array<[string, string]>;
  /** User settings of the VS Code profile, on top of the defaults below. */
  settings?: Record<string, unknown>;
  keepTemp?: boolean;
}

/** Settings that keep the workbench quiet and deterministic for tests. */
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'workbench.colorTheme': 'Default Light Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'outline.collapseItems': 'alwaysExpand',
  'problems.autoReveal': false,
};

export class Harness {
  readonly tempRoot: string;
  readonly workspace: string;
  private readonly userData: string;
  private readonly extensionsDir: string;
  private readonly configFile: string;
  private readonly env: NodeJS.ProcessEnv;
  private codeServer: GroupProcess | undefined;
  private browserProcess: GroupProcess | undefined;
  private browser: Browser | undefined;
  private cleaning: Promise<string[]> | undefined;
  port = 0;

  constructor(readonly options: HarnessOptions) {
    this.tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'reso-e2e-'));
    this.workspace = path.join(this.tempRoot, 'workspace');
    this.userData = path.join(this.tempRoot, 'user-data');
    this.extensionsDir = path.join(this.tempRoot, 'extensions');
    this.configFile = path.join(this.tempRoot, 'code-server.yaml');
    for (const dir of [this.workspace, this.userData, this.extensionsDir, path.join(this.tempRoot, 'xdg')]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    // code-server writes its own logs under the XDG folders: keep them inside the temp folder.
    const xdg = path.join(this.tempRoot, 'xdg');
    this.env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      XDG_STATE_HOME: path.join(xdg, 'state'),
      // Nothing of the test runner's own Node settings should leak into the extension host.
      NODE_OPTIONS: '',
    };
  }

  /** Copies the workspace files and writes the VS Code user settings. */
  prepare(): void {
    for (const [source, name] of this.options.files) {
      const target = path.join(this.workspace, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
      fs.chmodSync(target, 0o644);
    }
    const settingsDir = path.join(this.userData, 'User');
    fs.mkdirSync(settingsDir, { recursive: true });
    const settings = { ...BASE_SETTINGS, ...this.options.settings };
    fs.writeFileSync(path.join(settingsDir, 'settings.json'), JSON.stringify(settings, null, 2));
  }

  private codeServerArgs(): string[] {
    return [
      '--config', this.configFile,
      '--user-data-dir', this.userData,
      '--extensions-dir', this.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ];
  }

  async installExtension(): Promise<string> {
    if (!fs.existsSync(CODE_SERVER)) {
      throw new Error(`${CODE_SERVER} missing: run bash test/e2e/setup.sh first`);
    }
    if (!fs.existsSync(this.options.vsix)) {
      throw new Error(`${this.options.vsix} missing: run npm run package first (or pass --vsix PATH, or --smoke)`);
    }
    fs.writeFileSync(this.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
    const output = await runFile(
      CODE_SERVER,
      [...this.codeServerArgs(), '--install-extension', this.options.vsix, '--force'],
      this.env,
      120_000,
    );
    const installed = fs.readdirSync(this.extensionsDir).filter((name) => !name.startsWith('.') && name !== 'extensions.json');
    if (installed.length === 0) throw new Error(`the extension did not install:\n${output}`);
    return installed.join(', ');
  }

  async startCodeServer(): Promise<string> {
    this.port = await freePort();
    fs.writeFileSync(this.configFile, `bind-addr: 127.0.0.1:${this.port}\nauth: none\ncert: false\n`);
    this.codeServer = new GroupProcess(
      'code-server',
      CODE_SERVER,
      [...this.codeServerArgs(), '--bind-addr', `127.0.0.1:${this.port}`, this.workspace],
      this.env,
      path.join(this.tempRoot, 'code-server.log'),
    );
    await this.codeServer.waitForLine(/HTTP server listening on/, 60_000);
    const health = await httpGet(`http://127.0.0.1:${this.port}/healthz`, 10_000);
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status}: ${health.body}`);
    return health.body;
  }

  get url(): string {
    const folder = encodeURIComponent(this.workspace);
    return `http://127.0.0.1:${this.port}/?folder=${folder}`;
  }

  async launchBrowser(): Promise<Page> {
    const profile = path.join(this.tempRoot, 'chromium-profile');
    this.browserProcess = new GroupProcess(
      'chromium',
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-dev-shm-usage',
        '--window-size=1600,1000',
        '--remote-debugging-address=127.0.0.1',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      this.env,
      path.join(this.tempRoot, 'chromium.log'),
    );
    const match = await this.browserProcess.waitForLine(/DevTools listening on (ws:\/\/\S+)/, 60_000);
    this.browser = await chromium.connectOverCDP(match[1] ?? '', { timeout: 30_000 });
    const context = this.browser.contexts()[0] ?? (await this.browser.newContext());
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setViewportSize({ width: 1600, height: 1000 });
    return page;
  }

  /** Stops the browser and code-server (their whole process groups) and removes the temp folder. */
  cleanup(): Promise<string[]> {
    // Once started (by a signal or by the end of the run), every caller waits for the same cleanup.
    this.cleaning ??= this.doCleanup();
    return this.cleaning;
  }

  private async doCleanup(): Promise<string[]> {
    const problems: string[] = [];
    if (this.browser) {
      await withTimeout(this.browser.close(), 5000, 'browser.close').catch(() => undefined);
    }
    await Promise.all(
      [this.browserProcess, this.codeServer].map(async (proc) => {
        if (!proc?.pid) return;
        const t0 = Date.now();
        await proc.stop();
        proc.gone = await groupGone(proc.pid, 5000);
        if (!proc.gone) problems.push(`${proc.name} (process group ${proc.pid}) survived SIGKILL`);
        if (process.env.E2E_DEBUG) log(`${proc.name} stopped in ${Date.now() - t0} ms`);
      }),
    );
    if (!this.options.keepTemp) {
      fs.rmSync(this.tempRoot, { recursive: true, force: true, maxRetries: 3 });
    }
    return problems;
  }

  /** Synchronous last resort for process exit: kill both groups. */
  killNow(): void {
    for (const proc of [this.browserProcess, this.codeServer]) {
      if (proc?.pid && !proc.gone) signalGroup(proc.pid, 'SIGKILL');
    }
  }

  codeServerLog(): string {
    return path.join(this.tempRoot, 'code-server.log');
  }
}
