// A tiny disk to fill for real, for the tests of writes on a full disk.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tiny tmpfs, to fill a disk for real (root only, where mounting is allowed). */
export function smallDisk(kilobytes: number): { folder: string; release: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const folder = mkdtempSync(join(tmpdir(), 'reso-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kilobytes}k`, 'tmpfs', folder]);
  if (mounted.status !== 0) {
    rmdirSync(folder);
    return undefined;
  }
  return {
    folder,
    release: () => {
      execFileSync('umount', [folder]);
      rmdirSync(folder);
    },
  };
}

