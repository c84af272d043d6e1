// The file-system side of citations: loads the shipped and the user's catalogues, indexes every
// `.reso` file of the workspace folders into the language service, and keeps both up to date
// from the client's file-watching notifications. A broken catalogue is reported once, by name,
// and left out; the rest keeps working.

import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { buildCatalogue, serializeCatalogue, type CatalogueInput } from '../analysis/catalogueBuilder';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type FileEvent,
  type InitializeParams,
} from 'vscode-languageserver/node';
import type { LanguageService } from '../features/service';
import { loadCatalogues } from '../host/catalogueFiles';
import { decodeFileBytes, encodingDiagnostic } from '../host/encoding';
import { isDirectory, isInside, readFileBytes, readTextFile } from '../host/files';
import { writeFileAtomic } from '../host/writeFile';

/** Notification sent when the workspace folders have been indexed (tests and the bench wait on it). */
export const INDEXED_NOTIFICATION = 'resolution/indexed';

export interface IndexResult {
  files: number;
  bytes: number;
  milliseconds: number;
}

/** Every `.reso` file under the folders (hidden folders and node_modules skipped). */
export function resoFiles(folder: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...resoFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.reso')) out.push(path);
  }
  return out;
}

/** Reads every `.reso` file of the folders into the service: the server and the bench index through this. */
export function indexFolders(service: LanguageService, folders: readonly string[]): IndexResult {
  const started = performance.now();
  let files = 0;
  let bytes = 0;
  for (const folder of folders) {
    for (const path of resoFiles(folder)) {
      let text: string;
      try {
        text = readTextFile(path).text;
      } catch {
        continue;
      }
      service.setWorkspaceFile(pathToFileURL(path).href, text);
      files++;
      bytes += text.length;
    }
  }
  return { files, bytes, milliseconds: Math.round(performance.now() - started) };
}

/** The catalogue of a folder's `.reso` files, as `reso catalogue --out FOLDER/catalogue.json FOLDER` writes it. */
export function buildFolderCatalogue(folder: string): { text: string; files: number } {
  const files = resoFiles(folder);
  const inputs: CatalogueInput[] = [];
  for (const path of files) {
    try {
      inputs.push({ name: relative(folder, path).split('\\').join('/'), text: readTextFile(path).text });
    } catch {
      // A file that vanished between listing and reading is simply not in the catalogue.
    }
  }
  return { text: serializeCatalogue(buildCatalogue(inputs, undefined, [], { embedText: true })), files: inputs.length };
}

/** The catalogue file the Build catalogue command writes in a workspace folder. */
export const BUILT_CATALOGUE = 'catalogue.json';

/**
 * Builds a workspace folder's catalogue and writes it, atomically, as `catalogue.json` in that
 * folder. Only a folder of the workspace (or one inside it) is written to.
 */
export function writeFolderCatalogue(folder: string, workspaceFolders: readonly string[]): { text: string; files: number; uri: string } | { error: string } {
  if (!workspaceFolders.some((root) => root === folder || isInside(root, folder))) return { error: `${folder} is not a folder of the workspace; the catalogue is written only inside the workspace` };
  const built = buildFolderCatalogue(folder);
  const target = join(folder, BUILT_CATALOGUE);
  try {
    writeFileAtomic(target, built.text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return { ...built, uri: pathToFileURL(target).href };
}

/** Catalogues and workspace files for a running server. */
export class CitationWorkspace {
  private folders: string[] = [];
  private root: string | undefined;
  private watchRegistration = false;
  private userPaths: string[] = [];
  /** Catalogue paths the user's own settings name: the only ones read outside the workspace. */
  private trustedPaths: string[] = [];
  private reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly shippedCatalogue: string | undefined,
  ) {
    // Workspace texts are read again when needed rather than kept: the index is what stays in memory.
    service.workspaceReader = (uri) => {
      const path = filePath(uri);
      if (!path) return undefined;
      try {
        return readTextFile(path).text;
      } catch {
        return undefined;
      }
    };
  }

  initialize(params: InitializeParams): void {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folders = folders.map(filePath).filter((p): p is string => p !== undefined);
    this.root = this.folders[0];
    this.watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  }

  /** Loads the catalogues, indexes the folders and starts watching. */
  async start(userPaths: readonly string[], trustedPaths: readonly string[] = userPaths): Promise<IndexResult> {
    this.reloadCatalogues(userPaths, trustedPaths);
    const result = indexFolders(this.service, this.folders);
    this.connection.console.log(`Indexed ${result.files} .reso file(s), ${result.bytes} characters, in ${result.milliseconds} ms.`);
    if (this.watchRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.reso' }, { globPattern: '**/*.json' }] }).catch(() => undefined);
    }
    void this.connection.sendNotification(INDEXED_NOTIFICATION, result);
    return result;
  }

  /** Sets the catalogues from the shipped file and the setting `resolution.catalogue.paths`. */
  reloadCatalogues(userPaths: readonly string[], trustedPaths: readonly string[] = this.trustedPaths): void {
    this.userPaths = [...userPaths];
    this.trustedPaths = [...trustedPaths];
    // A workspace file (`.resorc.json`, workspace settings) must not make the server read files elsewhere on the machine.
    const trusted = new Set(this.trustedPaths.map((p) => this.resolvePath(p)));
    const readable = this.userPaths.filter((p) => {
      const path = this.resolvePath(p);
      return this.folders.length === 0 || this.inFolders(path) || trusted.has(path);
    });
    const { catalogues, problems } = loadCatalogues(this.shippedCatalogue, readable, this.root);
    for (const p of this.userPaths) {
      if (readable.includes(p)) continue;
      problems.push({ path: this.resolvePath(p), problem: 'lies outside the workspace and is named by a workspace file, not by your user settings: it is not read' });
    }
    this.service.setCatalogues(catalogues);
    for (const { path, problem } of problems) {
      const message = `Resolution catalogue ${path} ${problem.startsWith('cannot') || problem.startsWith('lies') || problem.startsWith('is ') ? problem : `is not a valid catalogue: ${problem}`}. It is left out; the other catalogues are used.`;
      if (this.reported.has(message)) continue;
      this.reported.add(message);
      this.connection.console.warn(message);
      void this.connection.window.showWarningMessage(message);
    }
  }

  /** Applies file-watching events; true when anything the citations depend on changed. */
  onWatchedFiles(changes: readonly FileEvent[]): boolean {
    let changed = false;
    const cataloguePaths = new Set(this.cataloguePaths());
    let reload = false;
    for (const change of changes) {
      const path = filePath(change.uri);
      if (!path) continue;
      if (cataloguePaths.has(path)) reload = true;
      if (change.type === FileChangeType.Changed && this.service.version(pathToFileURL(path).href) !== undefined) this.checkEncoding(pathToFileURL(path).href);
      if (!this.inFolders(path)) continue;
      if (!path.endsWith('.reso')) {
        // A folder deleted, created or moved in: one event stands for every file under it.
        if (change.type === FileChangeType.Deleted) changed = this.dropUnder(path) || changed;
        else if (change.type === FileChangeType.Created && isDirectory(path)) changed = this.indexUnder(path) || changed;
        continue;
      }
      const uri = pathToFileURL(path).href;
      if (change.type === FileChangeType.Deleted) this.service.removeWorkspaceFile(uri);
      else {
        try {
          if (!statSync(path).isFile()) continue;
          this.service.setWorkspaceFile(uri, readTextFile(path).text);
        } catch {
          this.service.removeWorkspaceFile(uri);
        }
      }
      changed = true;
    }
    if (reload) {
      this.reported.clear();
      this.reloadCatalogues(this.userPaths);
      changed = true;
    }
    return changed;
  }

  private cataloguePaths(): string[] {
    return this.userPaths.map((p) => this.resolvePath(p));
  }

  private resolvePath(p: string): string {
    return isAbsolute(p) || !this.root ? resolve(p) : resolve(this.root, p);
  }

  /** The workspace folders, as paths. */
  workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /**
   * The `file.encoding` diagnostic of an open file that is not UTF-8 on disk (the editor may
   * have decoded it otherwise: its text would lose characters if fixed and saved as UTF-8).
   */
  checkEncoding(uri: string): void {
    const path = filePath(uri);
    if (!path) return;
    try {
      const { problem } = decodeFileBytes(readFileBytes(path).bytes);
      this.service.setFileDiagnostics(uri, problem ? [encodingDiagnostic(problem)] : []);
    } catch {
      this.service.setFileDiagnostics(uri, []);
    }
  }

  private inFolders(path: string): boolean {
    return this.folders.some((folder) => isInside(folder, path));
  }

  /** Forgets every indexed file under a deleted folder; true when there was one. */
  private dropUnder(folder: string): boolean {
    let dropped = false;
    for (const uri of this.service.workspaceFileUris()) {
      const path = filePath(uri);
      if (!path || !isInside(folder, path)) continue;
      this.service.removeWorkspaceFile(uri);
      dropped = true;
    }
    return dropped;
  }

  /** Indexes the `.reso` files of a folder that appeared; true when there was one. */
  private indexUnder(folder: string): boolean {
    return indexFolders(this.service, [folder]).files > 0;
  }
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The catalogue paths the user's own settings name. The VS Code client tells them apart
 * (`userCataloguePaths`, from the user-level value of `resolution.catalogue.paths`); another
 * client's settings are the user's own.
 */
export function userCataloguePaths(editor: unknown): string[] {
  if (typeof editor !== 'object' || editor === null) return [];
  const record = editor as { userCataloguePaths?: unknown; catalogue?: { paths?: unknown } };
  const named = Array.isArray(record.userCataloguePaths) ? record.userCataloguePaths : record.catalogue?.paths;
  return Array.isArray(named) ? named.filter((p): p is string => typeof p === 'string') : [];
}
