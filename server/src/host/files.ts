// Finding and reading the `.reso` files named on a command line.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files named, with every `.reso` file below the folders named (hidden folders and node_modules skipped). */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
    if (statSync(path).isDirectory()) files.push(...walkFolder(path));
    else files.push(path);
  }
  return files;
}

function walkFolder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...walkFolder(path));
    else if (entry.name.endsWith('.reso')) out.push(path);
  }
  return out;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
