// Writing files without ever losing one: the bytes go to a temporary file beside the target,
// are flushed to disk, and the temporary file is renamed over the target (a rename within a
// folder is atomic), so a full disk, a crash or a kill leaves either the old file or the new
// one, never a truncated mix. The target keeps its mode (and owner, where allowed); a symbolic
// link is written through, so the link stays a link. A file that changed on disk since it was
// read is not overwritten.

import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /**
   * What the file held when it was read (the bytes, or the text as decoded): if the file holds
   * anything else now, nothing is written and `FileChangedOnDiskError` is thrown. `null` means
   * the file did not exist when read and must still not exist.
   */
  expectedContent?: string | Uint8Array | null;
  /** The file's modification time (`mtimeMs`) when it was read: if it changed, nothing is written. */
  expectedMtimeMs?: number;
  /** Mode of a file that does not exist yet (default 0o666, less the umask). An existing file keeps its own. */
  mode?: number;
}

/** Nothing was written: the file changed on disk since it was read (another program or editor wrote it). */
export class FileChangedOnDiskError extends Error {
  readonly code = 'ECHANGED';
  constructor(readonly path: string) {
    super(`${path} changed on disk since it was read; it is left as it is (read it again, then write)`);
  }
}

/** Nothing was written, or the write did not complete: the file is as it was before. */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`cannot write ${path}: ${reason}; the file is unchanged`);
  }
}

/** The file's bytes and modification time, for a later `writeFileAtomic` to check against. */
export interface FileSnapshot {
  bytes: Buffer;
  mtimeMs: number;
}

/**
 * Writes `data` (text is written as UTF-8) to `path` atomically. Throws `FileChangedOnDiskError`
 * when the expectations given are not met, `FileWriteError` on any other failure; in both
 * cases the file on disk is exactly as it was.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = writeTarget(path);
  const existing = statOrUndefined(target);
  if (existing && !existing.isFile()) throw new FileWriteError(path, `it is not a regular file (${fileKind(existing)})`);
  checkExpectations(path, target, existing, options);

  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', existing ? existing.mode & 0o7777 : (options.mode ?? 0o666));
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    if (existing) {
      // openSync applies the umask: the target's own mode is set again, exactly.
      fchmodSync(fd, existing.mode & 0o7777);
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // Only the owner's privileges allow this; a file written by its owner keeps its owner anyway.
      }
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // The narrowest window: checked again just before the rename.
    checkExpectations(path, target, statOrUndefined(target), options);
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed or never opened properly: nothing more to release
      }
    }
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    if (error instanceof FileChangedOnDiskError || error instanceof FileWriteError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileWriteError(path, describeError(error), code);
  }
  syncFolder(dirname(target));
}

/** Reads a file's bytes and modification time, to pass as the expectations of a later write. */
export function readSnapshot(path: string): FileSnapshot {
  const bytes = readFileSync(path);
  return { bytes, mtimeMs: statSync(path).mtimeMs };
}

/** A link is written through (the link stays, its target changes), as editors do. */
function writeTarget(path: string): string {
  try {
    if (lstatSync(path).isSymbolicLink()) return realpathSync(path);
  } catch {
    // a dangling link or no file yet: written where named
  }
  return path;
}

function checkExpectations(path: string, target: string, current: Stats | undefined, options: AtomicWriteOptions): void {
  if (options.expectedMtimeMs !== undefined && (!current || current.mtimeMs !== options.expectedMtimeMs)) throw new FileChangedOnDiskError(path);
  if (options.expectedContent === undefined) return;
  if (options.expectedContent === null) {
    if (current) throw new FileChangedOnDiskError(path);
    return;
  }
  if (!current) throw new FileChangedOnDiskError(path);
  let now: Buffer;
  try {
    now = readFileSync(target);
  } catch (error) {
    throw new FileWriteError(path, `it cannot be read to check it is unchanged (${describeError(error)})`);
  }
  const expected = typeof options.expectedContent === 'string' ? Buffer.from(options.expectedContent, 'utf8') : options.expectedContent;
  if (!now.equals(expected)) throw new FileChangedOnDiskError(path);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** After a rename, the folder entry itself is flushed too (where the platform allows it). */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // not supported on every platform (Windows); the rename has happened either way
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

function describeError(error: unknown): string {
  const errno = error as NodeJS.ErrnoException;
  if (errno.code === 'ENOSPC') return 'no space left on the disk';
  if (errno.code === 'EDQUOT') return 'disk quota exceeded';
  if (errno.code === 'EACCES' || errno.code === 'EPERM') return 'permission denied';
  if (errno.code === 'EROFS') return 'the file system is read-only';
  return error instanceof Error ? error.message : String(error);
}
