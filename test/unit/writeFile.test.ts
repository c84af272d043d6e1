import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, lstatSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallDisk } from './disk';
import { FileChangedOnDiskError, FileWriteError, readSnapshot, writeFileAtomic } from '../../server/src/host/writeFile';

describe('atomic file writes', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-write-'));
  const leftovers = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

  it('creates a file, and replaces one keeping its mode', () => {
    const file = join(folder, 'a.reso');
    writeFileAtomic(file, 'first\n');
    assert.equal(readFileSync(file, 'utf8'), 'first\n');
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'second\n');
    assert.equal(readFileSync(file, 'utf8'), 'second\n');
    assert.equal(statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(leftovers(folder), []);
  });

  it('replaces the file by a rename: a reader holding the old one keeps it whole', () => {
    const file = join(folder, 'inode.reso');
    writeFileSync(file, 'old');
    const before = statSync(file).ino;
    writeFileAtomic(file, 'new');
    assert.notEqual(statSync(file).ino, before);
  });

  it('writes through a symbolic link, which stays a link', () => {
    const real = join(folder, 'real.reso');
    const link = join(folder, 'link.reso');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'new');
  });

  it('does not overwrite a file changed on disk since it was read (content or time)', () => {
    const file = join(folder, 'changed.reso');
    writeFileSync(file, 'as read\n');
    const snapshot = readSnapshot(file);
    appendFileSync(file, 'appended by another program\n');
    assert.throws(() => writeFileAtomic(file, 'fixed\n', { expectedContent: snapshot.bytes }), FileChangedOnDiskError);
    assert.throws(() => writeFileAtomic(file, 'fixed\n', { expectedContent: 'as read\n' }), FileChangedOnDiskError);
    assert.throws(() => writeFileAtomic(file, 'fixed\n', { expectedMtimeMs: snapshot.mtimeMs - 1000 }), FileChangedOnDiskError);
    assert.throws(() => writeFileAtomic(file, 'fixed\n', { expectedContent: null }), FileChangedOnDiskError);
    assert.equal(readFileSync(file, 'utf8'), 'as read\nappended by another program\n');
    const fresh = readSnapshot(file);
    writeFileAtomic(file, 'fixed\n', { expectedContent: fresh.bytes, expectedMtimeMs: fresh.mtimeMs });
    assert.equal(readFileSync(file, 'utf8'), 'fixed\n');
    assert.deepEqual(leftovers(folder), []);
  });

  it('refuses to write over a folder or a named pipe', () => {
    const sub = join(folder, 'sub.reso');
    mkdirSync(sub);
    assert.throws(() => writeFileAtomic(sub, 'x'), (error: unknown) => error instanceof FileWriteError && /not a regular file \(a folder\)/.test(error.message));
    if (process.platform !== 'win32') {
      const fifo = join(folder, 'pipe.reso');
      execFileSync('mkfifo', [fifo]);
      assert.throws(() => writeFileAtomic(fifo, 'x'), /a named pipe/);
      assert.ok(statSync(fifo).isFIFO());
    }
  });

  it('on a full disk leaves the original untouched, no temporary file behind, and says so', function () {
    const disk = smallDisk(64);
    if (!disk) this.skip();
    try {
      const file = join(disk.folder, 'doc.reso');
      const original = 'clause;\n'.repeat(2000);
      writeFileSync(file, original);
      assert.throws(
        () => writeFileAtomic(file, 'x'.repeat(200_000)),
        (error: unknown) => error instanceof FileWriteError && error.code === 'ENOSPC' && /no space left on the disk; the file is unchanged/.test(error.message),
      );
      assert.equal(readFileSync(file, 'utf8'), original);
      assert.deepEqual(leftovers(disk.folder), []);
    } finally {
      disk.release();
    }
  });
});
