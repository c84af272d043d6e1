#!/usr/bin/env node
// The `reso` command line, on the same analysis as the language server.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixAllText } from './analysis/fixProviders';
import { DEFAULT_RESOLUTION_SETTINGS, type ResolutionSettings } from './analysis/settings';
import { LanguageService } from './features/service';
import { readRcFile, RC_FILE } from './lsp/config';
import { loadCatalogues } from './lsp/catalogueFiles';
import { buildCatalogue, serializeCatalogue } from './analysis/catalogueBuilder';
import { toRange } from './features/convert';
import { documentSymbols } from './features/symbols';
import { parseDocument, type ParsedDocument, type SyntaxDiagnostic } from './syntax';

const USAGE = `Usage:
  reso check [--format text|json] PATH...   check .reso files (folders are searched)
  reso outline PATH...                      print the outline of each file
  reso catalogue [--out FILE] PATH...       build a catalogue of the resolutions the files define and cite
                                            (paths in it are relative to FILE); print it, or write FILE
  reso fix [--write] PATH...                apply every safe fix (labels, endings, cross-references);
                                            print the result, or rewrite the files with --write
  reso amended FILE                         print the amended view (insertions kept, deletions dropped)
  reso original FILE                        print the original view (deletions kept, insertions dropped)

Settings come from the nearest ${RC_FILE} in the current folder or above.
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`;

class UsageError extends Error {}

/** seeds/catalogue.json beside server/out/cli.js (and beside server/src/cli.ts when run from source). */
const SHIPPED_CATALOGUE = join(__dirname, '..', '..', 'seeds', 'catalogue.json');

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

export function main(argv: readonly string[], io: Output): number {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'check':
        return check(rest, io);
      case 'outline':
        return outline(rest, io);
      case 'fix':
        return fix(rest, io);
      case 'catalogue':
        return catalogue(rest, io);
      case 'amended':
      case 'original':
        return printView(command, rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE + '\n');
        return 0;
      case '--version':
        io.out('0.1.0\n');
        return 0;
      default:
        throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`reso: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.err(`reso: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

function check(args: readonly string[], io: Output): number {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') format = args[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else paths.push(arg);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  if (paths.length === 0) throw new UsageError('check needs at least one file or folder');
  const files = collectFiles(paths);
  let errors = 0;
  const json: unknown[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const service = serviceFor(files, io);
  for (const file of files) {
    const uri = fileUri(file);
    const document = service.document(uri) as ParsedDocument;
    const diagnostics = service.rawDiagnostics(uri);
    for (const diagnostic of diagnostics) {
      counts[diagnostic.severity]++;
      if (diagnostic.severity === 'error') errors++;
      if (format === 'json') json.push(jsonDiagnostic(file, document, diagnostic));
      else io.out(textDiagnostic(file, document, diagnostic) + '\n');
    }
  }
  if (format === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
  else {
    io.err(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s)\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** A service holding the given files, with the settings of the nearest `.resorc.json`. */
function serviceFor(files: readonly string[], io: Output): LanguageService {
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

function fileUri(file: string): string {
  return pathToFileURL(resolve(file)).href;
}

function fix(args: readonly string[], io: Output): number {
  const write = args.includes('--write');
  const paths = args.filter((a) => a !== '--write');
  const unknown = paths.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option '${unknown}'`);
  if (paths.length === 0) throw new UsageError('fix needs at least one file or folder');
  const files = collectFiles(paths);
  const service = serviceFor(files, io);
  const options = { trackChanges: service.settings.renumber.trackChanges };
  let changed = 0;
  for (const file of files) {
    const uri = fileUri(file);
    const before = readText(file);
    const after = fixAllText(before, (document) => {
      service.setDocument(uri, document.text);
      return service.rawDiagnostics(uri);
    }, options);
    if (after !== before) changed++;
    if (write) {
      if (after !== before) writeFileSync(file, after);
    } else {
      if (files.length > 1) io.out(`==> ${displayPath(file)} <==\n`);
      io.out(after);
    }
  }
  if (write) io.err(`${changed} of ${files.length} file${files.length === 1 ? '' : 's'} fixed\n`);
  return 0;
}

function catalogue(args: readonly string[], io: Output): number {
  let out: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = args[++i];
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else paths.push(arg);
  }
  if (out === '') throw new UsageError('--out needs a file name');
  if (paths.length === 0) throw new UsageError('catalogue needs at least one file or folder');
  const files = collectFiles(paths);
  // Files are named relative to where the catalogue is written, so it can move with them.
  const base = out ? dirname(resolve(out)) : process.cwd();
  const inputs = files.map((file) => ({ name: relative(base, resolve(file)).split('\\').join('/'), text: readText(file) }));
  const text = serializeCatalogue(buildCatalogue(inputs));
  if (out) {
    // `--out build/catalogue.json` in a fresh checkout: the folder is made, as a build step expects.
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, text);
    io.err(`${files.length} file${files.length === 1 ? '' : 's'} read; catalogue written to ${displayPath(out)}\n`);
  } else io.out(text);
  return 0;
}

function textDiagnostic(file: string, document: ParsedDocument, diagnostic: SyntaxDiagnostic): string {
  const position = document.lines.positionAt(diagnostic.start);
  return `${displayPath(file)}:${position.line + 1}:${position.character + 1} ${diagnostic.severity} ${diagnostic.code} ${diagnostic.message}`;
}

function jsonDiagnostic(file: string, document: ParsedDocument, diagnostic: SyntaxDiagnostic): unknown {
  return {
    file: displayPath(file),
    range: toRange(document, diagnostic.start, diagnostic.end),
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

function outline(args: readonly string[], io: Output): number {
  if (args.length === 0) throw new UsageError('outline needs at least one file or folder');
  for (const file of collectFiles(args)) {
    io.out(`${displayPath(file)}\n`);
    const print = (symbols: readonly DocumentSymbol[], depth: number): void => {
      for (const symbol of symbols) {
        const detail = symbol.detail ? `  (${symbol.detail})` : '';
        io.out(`${'  '.repeat(depth + 1)}${symbol.name}${depth < 2 ? detail : ''}  [line ${symbol.range.start.line + 1}]\n`);
        print(symbol.children ?? [], depth + 1);
      }
    };
    print(documentSymbols(parseDocument(readText(file))), 0);
  }
  return 0;
}

function printView(kind: 'amended' | 'original', args: readonly string[], io: Output): number {
  if (args.length !== 1) throw new UsageError(`${kind} takes exactly one file`);
  const document = parseDocument(readText(args[0]));
  io.out((kind === 'amended' ? document.amended : document.original).text);
  for (const diagnostic of document.diagnostics) {
    if (diagnostic.code === 'syntax.revision') io.err(textDiagnostic(args[0], document, diagnostic) + '\n');
  }
  return 0;
}

function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
    if (statSync(path).isDirectory()) files.push(...walkFolder(path));
    else files.push(path);
  }
  return files;
}

function walkFolder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...walkFolder(path));
    else if (entry.name.endsWith('.reso')) out.push(path);
  }
  return out;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
