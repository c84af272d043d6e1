// Word export and import for the editor: the client names a file, the server converts it and
// writes the result beside it (never replacing a file unless the user said so).

import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { exportDocx } from '../interchange/docx/writer';
import { DocxError } from '../interchange/docx/ooxml';
import { importDocx } from '../interchange/docx/structure';
import { printDocument } from '../interchange/printer';
import { readText } from '../host/files';
import { FileExistsError, writeNewFiles } from '../host/newFiles';
import { parseDocument } from '../syntax';

/** `{ uri, replace? }` → a WordResult: export a `.reso` (its open text, unsaved edits included) to `.docx`. */
export const EXPORT_WORD_REQUEST = 'resolution/exportWord';
/** `{ uri, replace? }` → a WordResult: import a `.docx` as `.reso`. */
export const IMPORT_WORD_REQUEST = 'resolution/importWord';

interface WordParams {
  uri: string;
  replace?: boolean;
}

type WordResult = { written: string; messages: string[] } | { exists: string } | { error: string };

export function registerWordRequests(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.onRequest(EXPORT_WORD_REQUEST, (params: WordParams) => guarded(() => exportWord(params, documents)));
  connection.onRequest(IMPORT_WORD_REQUEST, (params: WordParams) => guarded(() => importWord(params)));
}

async function guarded(run: () => Promise<WordResult> | WordResult): Promise<WordResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FileExistsError) return { exists: error.message };
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function exportWord(params: WordParams, documents: TextDocuments<TextDocument>): Promise<WordResult> {
  const file = fileURLToPath(params.uri);
  const document = parseDocument(documents.get(params.uri)?.getText() ?? readText(file));
  if (document.diagnostics.some((d) => d.code === 'syntax.revision')) {
    return { error: 'Not exported: a revision mark is not closed or opens inside another (see Problems); mend it so that the Word revisions say what the text says.' };
  }
  const { bytes, warnings } = await exportDocx(document);
  const target = besideWithExtension(file, '.docx');
  writeNewFiles([{ path: target, data: bytes }], params.replace === true);
  return { written: pathToFileURL(target).href, messages: warnings };
}

function importWord(params: WordParams): WordResult {
  const file = fileURLToPath(params.uri);
  let result: ReturnType<typeof importDocx>;
  try {
    result = importDocx(readFileSync(file));
  } catch (error) {
    if (error instanceof DocxError) return { error: `Cannot import ${file}: ${error.message}` };
    throw error;
  }
  const target = besideWithExtension(file, '.reso');
  writeNewFiles([{ path: target, data: printDocument(result.model) }], params.replace === true);
  return { written: pathToFileURL(target).href, messages: result.notes };
}

/** `FILE.reso` → `FILE.docx` beside it. */
function besideWithExtension(file: string, extension: string): string {
  return join(dirname(file), basename(file, extname(file)) + extension);
}
