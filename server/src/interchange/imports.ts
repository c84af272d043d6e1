// Import readers by file type, shared by the command line and the editor: bytes in, `.reso`
// texts out (built as the interchange model, printed by the one printer).

import { readAkn, ImportError } from './akn/reader';
import { REPAIR_KINDS, type RepairCounts } from './akn/repairs';
import { printDocument } from './printer';
import { readPdfText } from './text/reader';
import { DocxError } from './docx/ooxml';
import { importDocx } from './docx/structure';
import type { InterchangeDocument } from './model';

export { ImportError };

export interface ImportedFile {
  /** File name for the `.reso`, by kind and number: `resolution-130.reso`. */
  name: string;
  text: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** What the reader repaired, by kind (Akoma Ntoso). */
  repairs?: RepairCounts;
  /** What the reader could not do and the drafter should know. */
  notes: string[];
}

export interface ImportReader {
  /** Lower-case extensions with the dot. */
  extensions: readonly string[];
  description: string;
  read(bytes: Uint8Array): ImportResult;
}

export const IMPORT_READERS: ImportReader[] = [
  {
    extensions: ['.xml', '.akn'],
    description: 'Akoma Ntoso 3.0 (AKN4UN): one .reso per statement, converter faults repaired',
    read(bytes) {
      const result = readAkn(decodeUtf8(bytes, 'the XML file'));
      return { files: result.statements.map((s) => ({ name: s.name, text: printDocument(s.document) })), repairs: result.repairs, notes: [] };
    },
  },
  {
    extensions: ['.txt'],
    description: 'text extracted from a published PDF: structure rebuilt',
    read(bytes) {
      const result = readPdfText(decodeUtf8(bytes, 'the text file'));
      return { files: result.statements.map((s) => ({ name: s.name, text: printDocument(s.document) })), notes: result.notes };
    },
  },
  {
    extensions: ['.docx'],
    description: 'Word, tracked changes as revision marks: one .reso for the document',
    read(bytes) {
      try {
        const { model, notes } = importDocx(bytes);
        return { files: [{ name: docxFileName(model), text: printDocument(model) }], notes };
      } catch (error) {
        if (error instanceof DocxError) throw new ImportError(error.message);
        throw error;
      }
    },
  },
];

/** A DT stays one file, named by its document number (`dt-67-e.reso`), else by its first resolution. */
function docxFileName(model: InterchangeDocument): string {
  const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const number = model.frontMatter?.document ? slug(model.frontMatter.document) : '';
  if (number) return `${number}.reso`;
  const first = model.blocks.find((block) => block.type === 'resolution');
  const title = first && first.type === 'resolution' ? slug(first.title.map((inline) => (inline.type === 'text' ? inline.text : '')).join('').replace(/\(.*$/, '')) : '';
  return `${title || 'document'}.reso`;
}

export function registerReader(reader: ImportReader): void {
  if (!IMPORT_READERS.includes(reader)) IMPORT_READERS.push(reader);
}

export function readerFor(fileName: string): ImportReader | undefined {
  const lower = fileName.toLowerCase();
  return IMPORT_READERS.find((reader) => reader.extensions.some((extension) => lower.endsWith(extension)));
}

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportError(`${what} is not UTF-8 text`);
  }
}

/** `labels taken out of the text: 3, footnote markers unglued from words: 1` (kinds with none left out). */
export function describeRepairs(repairs: RepairCounts): string {
  const parts = (Object.keys(REPAIR_KINDS) as Array<keyof RepairCounts>).filter((kind) => repairs[kind] > 0).map((kind) => `${REPAIR_KINDS[kind]}: ${repairs[kind]}`);
  return parts.length === 0 ? 'no repairs needed' : parts.join(', ');
}
