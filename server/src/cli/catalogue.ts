// reso catalogue: the catalogue of the resolutions the files define and cite.

import { mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { CatalogueCompleteness } from '../analysis/catalogue';
import { buildCatalogue, parseCompleteness, serializeCatalogue } from '../analysis/catalogueBuilder';
import { writeFileAtomic } from '../host/writeFile';
import { displayPath, readInputs, UsageError, type Command } from './common';

export const catalogueCommand: Command = {
  name: 'catalogue',
  usage: `  reso catalogue [--out FILE] [--complete BODY[:FROM-TO]]... [--embed-text] PATH...
                                            build a catalogue of the resolutions the files define and cite
                                            (paths in it are relative to FILE); print it, or write FILE;
                                            --complete declares it holds every resolution of BODY;
                                            --embed-text carries the text of each resolution defined`,
  summary: 'build a catalogue of the resolutions the files define and cite; print it, or write FILE',
  synopsis: ['reso catalogue [--out FILE] [--complete BODY[:FROM-TO]]... [--embed-text] TARGET...'],
  options: [
    { name: 'out', value: 'FILE', description: 'write the catalogue to FILE (its folder is made; paths in it are relative to FILE)' },
    { name: 'complete', value: 'BODY[:FROM-TO]', repeatable: true, description: 'declare that the catalogue holds every resolution of BODY (of the years FROM to TO); repeatable' },
    { name: 'embed-text', description: 'carry the text of each resolution the files define' },
  ],
  run(args, io) {
    let out: string | undefined;
    let embedText = false;
    const paths: string[] = [];
    const complete: CatalogueCompleteness[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--embed-text') embedText = true;
      else if (arg === '--out') out = args[++i];
      else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
      else if (arg === '--complete' || arg.startsWith('--complete=')) {
        const claim = parseCompleteness((arg === '--complete' ? args[++i] : arg.slice('--complete='.length)) ?? '');
        if (typeof claim === 'string') throw new UsageError(`--complete: ${claim}`);
        complete.push(claim);
      } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
      else paths.push(arg);
    }
    if (out === '') throw new UsageError('--out needs a file name');
    if (paths.length === 0) throw new UsageError('catalogue needs at least one file or folder');
    const read = readInputs(paths, io);
    const files = read.files;
    // Files are named relative to where the catalogue is written, so it can move with them.
    const base = out ? dirname(resolve(out)) : process.cwd();
    const inputs = files.map((file) => ({ name: relative(base, resolve(file.path)).split('\\').join('/'), text: file.text }));
    const text = serializeCatalogue(buildCatalogue(inputs, undefined, complete, { embedText }));
    if (out) {
      // `--out build/catalogue.json` in a fresh checkout: the folder is made, as a build step expects.
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileAtomic(out, text);
      io.err(`${files.length} file${files.length === 1 ? '' : 's'} read; catalogue written to ${displayPath(out)}\n`);
    } else io.out(text);
    return read.failures > 0 ? 2 : 0;
  },
};
