// What every command shares: output, usage errors, the service loaded with the files and the
// settings and catalogues the editor would use, and how files and diagnostics are printed.

import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_RESOLUTION_SETTINGS, type ResolutionSettings } from '../analysis/settings';
import { toRange } from '../features/convert';
import { LanguageService } from '../features/service';
import { loadCatalogues } from '../host/catalogueFiles';
import { readText } from '../host/files';
import { readRcFile, RC_FILE } from '../host/settingsFiles';
import type { ParsedDocument, SyntaxDiagnostic } from '../syntax';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A command's arguments are wrong: the usage is printed with the message, exit 2. */
export class UsageError extends Error {}

/** One command: its name, a line for the usage text, and what it does. */
export interface Command {
  name: string;
  /** Lines for the usage text, already aligned. */
  usage: string;
  run(args: readonly string[], io: Output): number;
}

/** seeds/catalogue.json of the package: two folders above server/out/cli.js, three above server/src/cli/ when run from source. */
export const SHIPPED_CATALOGUE = [join(__dirname, '..', '..'), join(__dirname, '..', '..', '..')]
  .map((root) => join(root, 'seeds', 'catalogue.json'))
  .find((path) => existsSync(path)) ?? join(__dirname, '..', '..', 'seeds', 'catalogue.json');

/** A service holding the given files, with the settings of the nearest `.resorc.json`. */
export function serviceFor(files: readonly string[], io: Output): LanguageService {
  const service = new LanguageService();
  service.settings = loadSettings(io);
  // The same catalogues as the editor: the shipped one, then those of `catalogue.paths`.
  const { catalogues, problems } = loadCatalogues(SHIPPED_CATALOGUE, service.settings.cataloguePaths, process.cwd());
  for (const { path, problem } of problems) io.err(`reso: catalogue ${path}: ${problem}; it is left out\n`);
  service.setCatalogues(catalogues);
  for (const file of files) service.setDocument(fileUri(file), readText(file));
  return service;
}

function loadSettings(io: Output): ResolutionSettings {
  for (let folder = process.cwd(); ; folder = dirname(folder)) {
    if (existsSync(join(folder, RC_FILE))) {
      const { settings, problems } = readRcFile(folder, DEFAULT_RESOLUTION_SETTINGS);
      for (const problem of problems) io.err(`reso: ${problem}\n`);
      return settings;
    }
    if (dirname(folder) === folder) return DEFAULT_RESOLUTION_SETTINGS;
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
