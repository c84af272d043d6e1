// Settings for the files of a project: the nearest `.resorc.json` in a file's folder or above
// applies to it, so results do not depend on where `reso` is run from (`--config FILE` names one
// file for all), and the editor reads the same file for a document in a sub-folder. Relative
// paths in a settings file (catalogues, ignores) are read from the file's folder.

import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DEFAULT_RESOLUTION_SETTINGS, type ResolutionSettings } from '../analysis/settings';
import { folderPath, mergeSettings, RC_FILE, readSettingsFile } from './settingsFiles';

export interface ProjectConfig {
  /** The settings file read; undefined when none applies (the defaults). */
  path?: string;
  /** The folder its relative paths are read from. */
  folder: string;
  settings: ResolutionSettings;
  /** Whether its `ignores` leave out a path (a folder's patterns ending in `/` match folders only). */
  ignores(path: string, isFolder: boolean): boolean;
}

export interface ProjectSettingsOptions {
  /** `--config FILE`: this file for every file, instead of the nearest `.resorc.json`. */
  configFile?: string;
  cwd: string;
  /** Told once about each problem of a settings file (invalid JSON, unknown key, bad value). */
  onProblem?: (problem: string) => void;
}

export class ProjectSettings {
  private readonly byFolder = new Map<string, ProjectConfig>();
  private readonly forced?: ProjectConfig;

  constructor(private readonly options: ProjectSettingsOptions) {
    if (options.configFile !== undefined) {
      const path = resolve(options.cwd, options.configFile);
      if (!existsSync(path) || statSync(path).isDirectory()) throw new Error(`cannot read the settings file ${options.configFile}: no such file`);
      this.forced = this.read(path);
    }
  }

  /** The settings of a file: `--config`'s, else the nearest `.resorc.json` in its folder or above. */
  forFile(file: string): ProjectConfig {
    return this.forFolder(dirname(resolve(this.options.cwd, file)));
  }

  /** The settings of the files in a folder. */
  forFolder(folder: string): ProjectConfig {
    if (this.forced) return this.forced;
    const known = this.byFolder.get(folder);
    if (known) return known;
    const candidate = join(folder, RC_FILE);
    const parent = dirname(folder);
    const config = existsSync(candidate) && !statSync(candidate).isDirectory()
      ? this.read(candidate)
      : parent === folder
        ? defaults(this.options.cwd)
        : this.forFolder(parent);
    this.byFolder.set(folder, config);
    return config;
  }

  private read(path: string): ProjectConfig {
    const { settings, problems } = readSettingsFile(path, DEFAULT_RESOLUTION_SETTINGS);
    for (const problem of problems) this.options.onProblem?.(problem);
    const folder = dirname(path);
    return { path, folder, settings, ignores: ignoreRules(settings.ignores, folder) };
  }
}

function defaults(cwd: string): ProjectConfig {
  return { folder: cwd, settings: DEFAULT_RESOLUTION_SETTINGS, ignores: () => false };
}

/** `.gitignore`-style patterns read from a folder: paths outside it are never matched. */
export function ignoreRules(patterns: readonly string[], folder: string): (path: string, isFolder: boolean) => boolean {
  if (patterns.length === 0) return () => false;
  const rules: Ignore = ignore().add([...patterns]);
  return (path, isFolder) => {
    const rel = relative(folder, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    const posix = rel.split(sep).join('/');
    return rules.ignores(isFolder ? `${posix}/` : posix);
  };
}

/**
 * For the language server: the editor's settings under the nearest `.resorc.json` of each
 * document's folder, looked up as far as the workspace root, so that the editor and `reso` read
 * the same file. A document whose nearest file is the root's, or that lies outside the root,
 * gets undefined: the settings of the root apply.
 */
export class DocumentSettings {
  private readonly byFolder = new Map<string, ResolutionSettings | undefined>();

  constructor(
    private readonly editor: unknown,
    private readonly root: string | undefined,
    /** Told about the problems of each settings file read. */
    private readonly onProblems: (problems: string[]) => void,
  ) {}

  forUri(uri: string): ResolutionSettings | undefined {
    const path = folderPath(uri);
    if (!path || !this.root) return undefined;
    const folder = dirname(path);
    const rel = relative(this.root, folder);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return this.forFolder(folder);
  }

  private forFolder(folder: string): ResolutionSettings | undefined {
    if (folder === this.root || dirname(folder) === folder) return undefined;
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    let settings: ResolutionSettings | undefined;
    if (existsSync(join(folder, RC_FILE))) {
      const loaded = mergeSettings(this.editor, folder, DEFAULT_RESOLUTION_SETTINGS);
      if (loaded.problems.length > 0) this.onProblems(loaded.problems);
      settings = loaded.settings;
    } else settings = this.forFolder(dirname(folder));
    this.byFolder.set(folder, settings);
    return settings;
  }
}
