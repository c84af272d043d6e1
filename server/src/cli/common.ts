// What every command shares: output, usage errors, the service loaded with the files and the
// settings and catalogues the editor would use, and how files and diagnostics are printed.

import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_RESOLUTION_SETTINGS, type ResolutionSettings } from '../analysis/settings';
import { toRange } from '../features/convert';
import { LanguageService } from '../features/service';
import { loadCatalogues } from '../host/catalogueFiles';
import { encodingDiagnostic } from '../host/encoding';
import { FileReadError, findInputs, readTextFile, type TextFile } from '../host/files';
import { readRcFile, RC_FILE } from '../host/settingsFiles';
import { findTargets } from '../host/targets';
import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';
import { UsageError, type OptionSpec } from './args';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard input, read whole when a command is given `-`. */
  readStdin?: () => string;
  /** `out` is a terminal that shows colours (NO_COLOR, FORCE_COLOR and --color decide on top). */
  colors?: boolean;
  /** The environment NO_COLOR and FORCE_COLOR are read from; process.env when not given. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A command's arguments are wrong: the message and the command's synopsis are printed, exit 2. */
export { UsageError };

export interface CommandExample {
  command: string;
  description: string;
}

export interface HelpSection {
  title: string;
  /** Lines as printed, without the indent. */
  body: string;
}

/**
 * One command: its name, its help and what it does. `main` prints the help for `reso help NAME`
 * and `reso NAME --help`; a command gives as much of it as it has (the usage lines at least).
 */
export interface Command {
  name: string;
  /** Lines for the usage text, already aligned (the overview shows them when there is no summary). */
  usage: string;
  /** One line for the list of commands. */
  summary?: string;
  /** How the command is called: `reso check [options] TARGET...`, one line per form. */
  synopsis?: readonly string[];
  /** What the command does, in a few lines. */
  description?: string;
  /** Its options, listed by its help (and parsed with parseArgs where the command uses it). */
  options?: readonly OptionSpec[];
  examples?: readonly CommandExample[];
  /** More sections of help (what `fix` fixes, say). */
  sections?: readonly HelpSection[];
  /** The exit status; a promise of it for commands that write asynchronously (run by mainAsync). */
  run(args: readonly string[], io: Output): number | Promise<number>;
}

/** seeds/catalogue.json of the package: two folders above server/out/cli.js, three above server/src/cli/ when run from source. */
export const SHIPPED_CATALOGUE = [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')]
  .map((root) => join(root, 'seeds', 'catalogue.json'))
  .find((path) => existsSync(path)) ?? join(__dirname, '..', '..', 'seeds', 'catalogue.json');

/** The files a command reads, and how many could not be: each failure is printed as it is met, and the others go on. */
export interface ReadInputs {
  files: TextFile[];
  /** Files named or found that could not be read: the command ends with exit status 2. */
  failures: number;
  /** Links found in a folder that lead out of it: read, never written. */
  linksOutside: Set<string>;
}

/** Reads every input: special files found in folders are skipped with a message, an unreadable file does not stop the others. */
export function readInputs(paths: readonly string[], io: Output): ReadInputs {
  // A target that is not a path but a glob (`'docs/**/*.reso'`) names the files it matches, as for check and fix.
  const expanded = paths.flatMap((path) => {
    if (existsSync(path) || !/[*?[{]/.test(path)) return [path];
    const matched = findTargets([path], { cwd: process.cwd() });
    if (matched.files.length === 0) throw new Error(matched.unmatched[0]?.reason ?? `no .reso files matched ${path}`);
    return matched.files;
  });
  const found = findInputs(expanded);
  for (const { path, reason } of found.skipped) io.err(`reso: ${displayPath(path)} ${reason}\n`);
  const files: TextFile[] = [];
  let failures = 0;
  for (const path of found.files) {
    try {
      files.push(readTextFile(path));
    } catch (error) {
      failures++;
      io.err(`reso: ${error instanceof FileReadError ? `${displayPath(error.path)} ${error.reason}` : String(error)}\n`);
    }
  }
  return { files, failures, linksOutside: found.linksOutside };
}

/** The settings of the nearest `.resorc.json`, and whether that file was broken (the command then ends with exit status 2). */
export interface CommandSettings {
  settings: ResolutionSettings;
  broken: boolean;
}

/** A service holding the given files, with the settings of the nearest `.resorc.json`. */
export function serviceFor(files: readonly TextFile[], io: Output): LanguageService & { settingsBroken: boolean } {
  const service = new LanguageService() as LanguageService & { settingsBroken: boolean };
  const loaded = loadSettings(io);
  service.settings = loaded.settings;
  service.settingsBroken = loaded.broken;
  // The same catalogues as the editor: the shipped one, then those of `catalogue.paths`.
  const { catalogues, problems } = loadCatalogues(SHIPPED_CATALOGUE, service.settings.cataloguePaths, process.cwd());
  for (const { path, problem } of problems) io.err(`reso: catalogue ${path}: ${problem}; it is left out\n`);
  service.setCatalogues(catalogues);
  for (const file of files) {
    const uri = fileUri(file.path);
    service.setDocument(uri, file.text);
    if (file.encodingProblem) service.setFileDiagnostics(uri, [encodingDiagnostic(file.encodingProblem)]);
  }
  return service;
}

export function loadSettings(io: Output): CommandSettings {
  for (let folder = process.cwd(); ; folder = dirname(folder)) {
    if (existsSync(join(folder, RC_FILE))) {
      const { settings, problems } = readRcFile(folder, DEFAULT_RESOLUTION_SETTINGS);
      for (const problem of problems) io.err(`reso: ${problem}\n`);
      return { settings, broken: problems.length > 0 };
    }
    if (dirname(folder) === folder) return { settings: DEFAULT_RESOLUTION_SETTINGS, broken: false };
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(resolve(file)).href;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function textDiagnostic(file: string, document: ParsedDocument, diagnostic: SyntaxDiagnostic): string {
  const position = document.lines.positionAt(diagnostic.start);
  return `${displayPath(file)}:${position.line + 1}:${position.character + 1} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
}

export function jsonDiagnostic(file: string, document: ParsedDocument, diagnostic: SyntaxDiagnostic): unknown {
  return {
    file: displayPath(file),
    range: toRange(document, diagnostic.start, diagnostic.end),
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}
