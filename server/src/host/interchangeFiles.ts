// Import and export on files for the editor: the same readers and writer as `reso import` and
// `reso export --to akn`, the same all-or-nothing writes that replace a file only when asked.

import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { exportAkn } from '../interchange/akn/writer';
import { describeRepairs, IMPORT_READERS, ImportError, readerFor } from '../interchange/imports';
import type { ParsedDocument } from '../syntax';
import { FileExistsError, writeNewFiles, type NewFile } from './newFiles';

/** What an import or export did: the files written, a report line each, or why nothing was written. */
export interface InterchangeOutcome {
  written: string[];
  report: string[];
  /** Nothing was written: the reason. */
  error?: string;
  /** Nothing was written because these files exist (the editor may ask, then retry with replace). */
  existing?: string[];
}

function write(files: NewFile[], report: string[], replace: boolean): InterchangeOutcome {
  try {
    writeNewFiles(files, replace);
    return { written: files.map((file) => file.path), report };
  } catch (error) {
    if (error instanceof FileExistsError) return { written: [], report, error: error.message, existing: [...error.paths] };
    return { written: [], report, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Imports a file into `.reso` files beside it. */
export function importBeside(path: string, replace: boolean): InterchangeOutcome {
  const reader = readerFor(path);
  if (!reader) return { written: [], report: [], error: `${basename(path)}: unknown file type (known: ${IMPORT_READERS.flatMap((r) => r.extensions).join(', ')})` };
  try {
    const result = reader.read(readFileSync(path));
    const report = [`${basename(path)}: ${result.files.map((file) => file.name).join(', ')}${result.repairs ? `; repairs: ${describeRepairs(result.repairs)}` : ''}`, ...result.notes];
    return write(result.files.map((file) => ({ path: join(dirname(path), file.name), data: file.text })), report, replace);
  } catch (error) {
    if (error instanceof ImportError) return { written: [], report: [], error: `${basename(path)}: ${error.message}; nothing was written` };
    return { written: [], report: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** Exports a document (its text as the editor holds it) as Akoma Ntoso beside its file. */
export function exportAknBeside(path: string, document: ParsedDocument, replace: boolean): InterchangeOutcome {
  const documents = exportAkn(document);
  if (documents.length === 0) return { written: [], report: [], error: `${basename(path)} holds no resolution; nothing was written` };
  const stem = join(dirname(path), basename(path, extname(path)));
  const files = documents.map((part) => ({ path: documents.length === 1 ? `${stem}.xml` : `${stem}.${part.name}`, data: part.xml }));
  return write(files, [`${basename(path)}: ${documents.length} Akoma Ntoso document${documents.length === 1 ? '' : 's'}`], replace);
}
