// The file-system side of citations: loads the shipped and the user's catalogues, indexes every
// `.reso` file of the workspace folders into the language service, and keeps both up to date
// from the client's file-watching notifications. A broken catalogue is reported once, by name,
// and left out; the rest keeps working.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
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
        text = readFileSync(path, 'utf8');
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
      inputs.push({ name: relative(folder, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    } catch {
      // A file that vanished between listing and reading is simply not in the catalogue.
    }
  }
  return { text: serializeCatalogue(buildCatalogue(inputs)), files: inputs.length };
}

/** Catalogues and workspace files for a running server. */
export class CitationWorkspace {
  private folders: string[] = [];
  private root: string | undefined;
  private watchRegistration = false;
  private userPaths: string[] = [];
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
        return readFileSync(path, 'utf8');
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
  async start(userPaths: readonly string[]): Promise<IndexResult> {
    this.reloadCatalogues(userPaths);
    const result = indexFolders(this.service, this.folders);
    this.connection.console.log(`Indexed ${result.files} .reso file(s), ${result.bytes} characters, in ${result.milliseconds} ms.`);
    if (this.watchRegistration) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.reso' }, { globPattern: '**/*.json' }] }).catch(() => undefined);
    }
    void this.connection.sendNotification(INDEXED_NOTIFICATION, result);
    return result;
  }

  /** Sets the catalogues from the shipped file and the setting `resolution.catalogue.paths`. */
  reloadCatalogues(userPaths: readonly string[]): void {
    this.userPaths = [...userPaths];
    const { catalogues, problems } = loadCatalogues(this.shippedCatalogue, this.userPaths, this.root);
    this.service.setCatalogues(catalogues);
    for (const { path, problem } of problems) {
      const message = `Resolution catalogue ${path} ${problem.startsWith('cannot') ? problem : `is not a valid catalogue: ${problem}`}. It is left out; the other catalogues are used.`;
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
          this.service.setWorkspaceFile(uri, readFileSync(path, 'utf8'));
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
    return this.userPaths.map((p) => (isAbsolute(p) || !this.root ? resolve(p) : resolve(this.root, p)));
  }

  private inFolders(path: string): boolean {
    return this.folders.some((folder) => isUnder(folder, path));
  }

  /** Forgets every indexed file under a deleted folder; true when there was one. */
  private dropUnder(folder: string): boolean {
    let dropped = false;
    for (const uri of this.service.workspaceFileUris()) {
      const path = filePath(uri);
      if (!path || !isUnder(folder, path)) continue;
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

/** `path` lies strictly inside `folder`, whatever the platform's separator. */
function isUnder(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function filePath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
