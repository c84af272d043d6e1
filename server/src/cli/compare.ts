// reso compare OLD NEW [-o OUT] [--whitespace]: the MOD text that turns OLD into NEW.

import { existsSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { compareVersions } from '../drafting/compare';
import { readText } from '../host/files';
import { UsageError, type Command } from './common';

function readVersion(file: string): string {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new Error(`${file} is a folder, not a .reso file`);
  if (!file.endsWith('.reso')) throw new Error(`${file} is not a .reso file`);
  return readText(file);
}

/** Written beside the target and renamed over it, so a failed write leaves the old file whole. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    if (existsSync(temporary)) unlinkSync(temporary);
    throw new Error(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export const compareCommand: Command = {
  name: 'compare',
  usage: `  reso compare OLD NEW [-o OUT] [--whitespace]
                                            the MOD text turning OLD into NEW, with revision marks;
                                            spacing differences are marked only with --whitespace`,
  summary: 'write the MOD text that turns OLD into NEW, its changes as revision marks',
  synopsis: ['reso compare OLD NEW [-o OUT] [--whitespace]'],
  description: 'Aligns the resolutions by title and the clauses by their text, then marks the changes word by word;\nthe result\'s original view is OLD and its amended view is NEW. Versions with revision marks are\ncompared by their amended views. Spacing differences are marked only with --whitespace.',
  options: [
    { name: 'out', short: 'o', value: 'OUT', description: 'write the result to OUT (atomically) instead of printing it' },
    { name: 'whitespace', description: 'mark differences of spacing too' },
  ],
  run(args, io) {
    const files: string[] = [];
    let out: string | undefined;
    let whitespace = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--whitespace') whitespace = true;
      else if (arg === '-o' || arg === '--out') {
        out = args[++i];
        if (out === undefined) throw new UsageError(`${arg} needs a file name`);
      } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}' for compare`);
      else files.push(arg);
    }
    if (files.length !== 2) throw new UsageError('compare takes two files, OLD and NEW');
    const result = compareVersions(readVersion(files[0]), readVersion(files[1]), { whitespace });
    if (!result.ok) throw new Error(result.message.replace(/^OLD/, files[0]).replace(/^NEW/, files[1]));
    for (const note of result.notes) io.err(`reso: ${note.replace(/^OLD/, files[0]).replace(/^NEW/, files[1])}\n`);
    if (out === undefined) io.out(result.text);
    else {
      writeAtomically(out, result.text);
      io.err(`reso: ${result.changes} change${result.changes === 1 ? '' : 's'} written to ${out}\n`);
    }
    return 0;
  },
};
