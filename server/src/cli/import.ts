// reso import FILE... [-o DIR] [--force] [--catalogue [FILE]]: texts in other formats as `.reso`
// files, one per resolution, named by kind and number. Readers by file type (interchange/imports);
// every file is read and converted before anything is written, and nothing is written on an error.

import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { CatalogueFile } from '../analysis/catalogue';
import { buildCatalogue, serializeCatalogue } from '../analysis/catalogueBuilder';
import { FileExistsError, writeNewFiles, type NewFile } from '../host/newFiles';
import { describeRepairs, IMPORT_READERS, ImportError, readerFor } from '../interchange/imports';
import { displayPath, UsageError, type Command } from './common';

export const importCommand: Command = {
  name: 'import',
  usage: `  reso import FILE... [-o DIR] [--force] [--catalogue [FILE]]
                                            make .reso files (one per resolution, named by kind and
                                            number) from ${IMPORT_READERS.map((reader) => reader.extensions.join('/')).join(', ')} files, in DIR (default: beside
                                            FILE); --force replaces existing files; --catalogue also
                                            writes the catalogue of what was imported (catalogue.json in DIR)`,
  summary: 'make .reso files from Word, Akoma Ntoso or PDF text',
  synopsis: ['reso import FILE... [-o DIR] [--force] [--catalogue [FILE]]'],
  options: [
    { name: 'out', short: 'o', value: 'DIR', description: 'write the .reso files in DIR (default: beside each FILE)' },
    { name: 'force', description: 'replace .reso files that exist' },
    { name: 'catalogue', value: '[FILE]', description: 'also write the catalogue of what was imported (default: catalogue.json in DIR)' },
  ],
  run(args, io) {
    let folder: string | undefined;
    let force = false;
    let catalogue: string | undefined;
    const inputs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-o' || arg === '--out') {
        folder = args[++i];
        if (!folder) throw new UsageError(`${arg} needs a folder`);
      } else if (arg.startsWith('--out=')) folder = arg.slice('--out='.length);
      else if (arg === '--force') force = true;
      else if (arg === '--catalogue') {
        const next = args[i + 1];
        catalogue = next !== undefined && next.endsWith('.json') ? args[++i] : '';
      } else if (arg.startsWith('--catalogue=')) catalogue = arg.slice('--catalogue='.length);
      else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
      else inputs.push(arg);
    }
    if (inputs.length === 0) throw new UsageError('import needs at least one file');
    const files: NewFile[] = [];
    const reports: string[] = [];
    for (const input of inputs) {
      const reader = readerFor(input);
      if (!reader) throw new UsageError(`${input}: unknown file type (known: ${IMPORT_READERS.flatMap((r) => r.extensions).join(', ')})`);
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(input);
      } catch (error) {
        throw new Error(`cannot read ${input}: ${error instanceof Error ? error.message : String(error)}`);
      }
      let result;
      try {
        result = reader.read(bytes);
      } catch (error) {
        if (error instanceof ImportError) throw new Error(`${displayPath(input)}: ${error.message}; nothing was written`);
        throw error;
      }
      const target = folder ?? dirname(input);
      for (const file of result.files) {
        const path = join(target, file.name);
        if (files.some((other) => resolve(other.path) === resolve(path))) throw new Error(`${displayPath(input)}: ${file.name} is made twice by this import; nothing was written (import the files into different folders)`);
        files.push({ path, data: file.text });
      }
      const made = result.files.map((file) => file.name).join(', ');
      reports.push(`${displayPath(input)}: ${result.files.length} file${result.files.length === 1 ? '' : 's'} (${made})${result.repairs ? `; repairs: ${describeRepairs(result.repairs)}` : ''}`);
      for (const note of result.notes) reports.push(`${displayPath(input)}: note: ${note}`);
    }
    if (catalogue !== undefined) {
      const path = catalogue !== '' ? catalogue : join(folder ?? dirname(inputs[0]), 'catalogue.json');
      const base = dirname(resolve(path));
      const entries = files.map((file) => ({ name: relative(base, resolve(file.path)).split('\\').join('/'), text: String(file.data) }));
      const built = buildCatalogue(entries, `Texts defined and cited by the files imported from ${inputs.map((input) => basename(input)).join(', ')}.`, [], { embedText: true });
      for (const name of uncatalogued(entries, built)) reports.push(`${name}: note: not catalogued: its title gives no number, or no body adopts it (name the body in its authority line)`);
      files.push({ path, data: serializeCatalogue(built) });
    }
    try {
      writeNewFiles(files, force);
    } catch (error) {
      if (error instanceof FileExistsError) throw new Error(error.message);
      throw error;
    }
    for (const report of reports) io.err(report + '\n');
    for (const file of files) io.out(displayPath(file.path) + '\n');
    return 0;
  },
};

/** The imported files that define nothing in the catalogue built from them (an unnumbered text, an unknown body). */
function uncatalogued(entries: ReadonlyArray<{ name: string }>, catalogue: CatalogueFile): string[] {
  const defining = new Set(catalogue.resolutions.flatMap((entry) => entry.revisions.flatMap((revision) => (revision.definition ? [revision.definition.file] : []))));
  return entries.map((entry) => entry.name).filter((name) => !defining.has(name));
}
