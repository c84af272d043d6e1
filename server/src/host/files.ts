// Finding and reading `.reso` files: only regular files are read (a named pipe would hang the
// reader, a device never ends), bytes are decoded with their encoding checked, and a text is
// written back atomically, with its byte order mark, only if the file is unchanged on disk.

import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { decodeFileBytes, encodeText, type EncodingProblem } from './encoding';
import { fileKind, writeFileAtomic } from './writeFile';

/** A text file as read: its decoded text and what is needed to write it back safely. */
export interface TextFile {
  path: string;
  /** The text, without the byte order mark. */
  text: string;
  bom: boolean;
  /** The bytes read: a later write checks the file still holds them. */
  bytes: Buffer;
  mtimeMs: number;
  /** Set when the file is not UTF-8: such a file is reported, never written. */
  encodingProblem?: EncodingProblem;
}

/** A file could not be read: the message names the file and why; the others go on. */
export class FileReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    /** A named pipe, a device, a folder: skipped rather than failed. */
    readonly special = false,
  ) {
    super(`${path}: ${reason}`);
  }
}

/**
 * Reads a regular file. The file is opened without blocking and checked after opening, so a
 * named pipe or a device (or a link to one) is refused, never waited on or read without end.
 */
export function readFileBytes(path: string): { bytes: Buffer; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new FileReadError(path, `cannot be read (${describe(error)})`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileReadError(path, `is ${fileKind(stats)}, not a file; skipped`, true);
    const chunks: Buffer[] = [];
    let total = 0;
    // Read to the end, whatever the size said: a file growing while read is read whole.
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(65536, Math.min(stats.size - total + 1, 1 << 26)));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
    }
    return { bytes: Buffer.concat(chunks, total), stats };
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, `cannot be read (${describe(error)})`);
  } finally {
    closeSync(fd);
  }
}

/** Reads a text file with its encoding checked. */
export function readTextFile(path: string): TextFile {
  const { bytes, stats } = readFileBytes(path);
  const decoded = decodeFileBytes(bytes);
  return { path, text: decoded.text, bom: decoded.bom, bytes, mtimeMs: stats.mtimeMs, ...(decoded.problem ? { encodingProblem: decoded.problem } : {}) };
}

/**
 * Writes a new text over a file read with `readTextFile`: atomically, with the byte order mark
 * it had, and only if the file on disk still holds what was read (`FileChangedOnDiskError`).
 * A file that is not UTF-8 is never written.
 */
export function writeTextFile(file: TextFile, text: string): void {
  if (file.encodingProblem) throw new FileReadError(file.path, `is not UTF-8 (it looks like ${file.encodingProblem.looksLike}); it is not rewritten`);
  writeFileAtomic(file.path, encodeText(text, file.bom), { expectedContent: file.bytes });
}

/** The text of a file, for readers that only need the text (the encoding is not checked). */
export function readText(file: string): string {
  try {
    return readTextFile(file).text;
  } catch (error) {
    throw new Error(`cannot read ${error instanceof FileReadError ? error.message : `${file}: ${describe(error)}`}`);
  }
}

/** The inputs of a command line: the files to read, and what was skipped on the way, with why. */
export interface Inputs {
  files: string[];
  /** Found in a folder and left out: links leading out of the folder named, special files. */
  skipped: Array<{ path: string; reason: string }>;
  /** Links found in a folder whose file lies outside it: read, but never written. */
  linksOutside: Set<string>;
}

/** The files named, with every `.reso` file below the folders named (hidden folders and node_modules skipped). */
export function findInputs(paths: readonly string[]): Inputs {
  const inputs: Inputs = { files: [], skipped: [], linksOutside: new Set() };
  for (const path of paths) {
    if (!existsSync(path) && !isLink(path)) throw new Error(`no such file or folder: ${path}`);
    if (isDirectory(path)) walkFolder(path, realpathOrSelf(path), inputs, new Set());
    else inputs.files.push(path);
  }
  return inputs;
}

/** The files named, with every `.reso` file below the folders named. */
export function collectFiles(paths: readonly string[]): string[] {
  return findInputs(paths).files;
}

function walkFolder(folder: string, root: string, inputs: Inputs, visited: Set<string>): void {
  const real = realpathOrSelf(folder);
  if (visited.has(real)) return; // a link back up the tree
  visited.add(real);
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    inputs.skipped.push({ path: folder, reason: `cannot be read (${describe(error)})` });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      walkFolder(path, root, inputs, visited);
      continue;
    }
    if (!entry.name.endsWith('.reso')) continue;
    if (entry.isSymbolicLink()) {
      let target: string;
      let stats: Stats;
      try {
        target = realpathSync(path);
        stats = statSync(target);
      } catch {
        inputs.skipped.push({ path, reason: 'is a link to nothing; skipped' });
        continue;
      }
      if (!stats.isFile()) {
        inputs.skipped.push({ path, reason: `is a link to ${fileKind(stats)}; skipped` });
        continue;
      }
      if (!isInside(root, target)) inputs.linksOutside.add(path);
      inputs.files.push(path);
    } else if (entry.isFile()) inputs.files.push(path);
    else {
      try {
        inputs.skipped.push({ path, reason: `is ${fileKind(lstatSync(path))}, not a file; skipped` });
      } catch {
        // gone since listed
      }
    }
  }
}

/** `path` lies strictly inside `folder`, whatever the platform's separator. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
