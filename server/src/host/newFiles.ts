// Writing the files an import or export makes: all or nothing. Every target is checked first (an
// existing file is only replaced when asked), then each file is written to a temporary file
// beside it and moved into place in one step, so no reader ever sees half a file.

import { existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';

export interface NewFile {
  path: string;
  data: string | Uint8Array;
}

/** A target exists and replacing it was not asked for: nothing was written. */
export class FileExistsError extends Error {
  constructor(readonly paths: readonly string[]) {
    super(`${paths.join(', ')} already exist${paths.length === 1 ? 's' : ''}; nothing was written (use --force to replace)`);
  }
}

export function writeNewFiles(files: readonly NewFile[], replace: boolean): void {
  if (!replace) {
    const existing = files.filter((file) => existsSync(file.path)).map((file) => file.path);
    if (existing.length > 0) throw new FileExistsError(existing);
  }
  for (const file of files) {
    const folder = dirname(resolve(file.path));
    mkdirSync(folder, { recursive: true });
    const temporary = join(folder, `.${basename(file.path)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      writeFileSync(temporary, file.data, { flag: 'wx' });
      // A hard link fails when the target appeared meanwhile; a rename replaces it.
      if (replace) renameSync(temporary, file.path);
      else {
        linkSync(temporary, file.path);
        rmSync(temporary);
      }
    } catch (error) {
      rmSync(temporary, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExistsError([file.path]);
      throw new Error(`cannot write ${file.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
