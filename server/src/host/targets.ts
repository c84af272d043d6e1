// What a command line's targets name: files, folders (searched for `.reso` files), globs
// (`docs/**/*.reso`) and `-` for standard input, less what the ignores leave out. A path that
// exists is taken as written even if it looks like a glob (`draft[1].reso`).

import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

export interface TargetOptions {
  cwd: string;
  /** Whether a path is left out; folders left out are not searched. */
  ignored?: (path: string, isFolder: boolean) => boolean;
}

export interface FoundTargets {
  /** Absolute paths, in the order of the targets, each once; a folder's and a glob's in name order. */
  files: string[];
  /** `-` was among the targets. */
  stdin: boolean;
  /** Targets that named no `.reso` file, each with why. */
  unmatched: Array<{ target: string; reason: string }>;
  /** Files named outright that an ignore pattern leaves out. */
  ignoredFiles: string[];
  /** Links found in a folder whose file lies outside it: read, never written. */
  linksOutside: Set<string>;
}

export function findTargets(targets: readonly string[], options: TargetOptions): FoundTargets {
  const ignored = ignoredWithFolders(options.ignored ?? (() => false));
  const found: FoundTargets = { files: [], stdin: false, unmatched: [], ignoredFiles: [], linksOutside: new Set() };
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) {
      seen.add(file);
      found.files.push(file);
    }
  };
  for (const target of targets) {
    if (target === '-') {
      found.stdin = true;
      continue;
    }
    const path = resolve(options.cwd, target);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) {
        if (ignored(path, true)) {
          found.unmatched.push({ target, reason: `the folder ${target} is ignored (see ignores and --ignore)` });
          continue;
        }
        const files = walk(path, ignored, Infinity, () => true, found.linksOutside);
        if (files.length === 0) found.unmatched.push({ target, reason: `no .reso files found in the folder ${target}` });
        files.forEach(add);
      } else if (ignored(path, false)) found.ignoredFiles.push(path);
      else add(path);
      continue;
    }
    const scan = picomatch.scan(target);
    if (!scan.isGlob) {
      found.unmatched.push({ target, reason: `no such file or folder: ${target}` });
      continue;
    }
    // Walk from the glob's fixed part only, and no deeper than the glob can reach.
    const base = resolve(options.cwd, scan.base || '.');
    const matches = picomatch(scan.glob, { dot: false });
    const depth = scan.glob.includes('**') || scan.isBrace ? Infinity : scan.glob.split('/').length;
    const files = existsSync(base) && statSync(base).isDirectory()
      ? walk(base, ignored, depth, (file) => matches(relative(base, file).split(sep).join('/')), found.linksOutside)
      : [];
    if (files.length === 0) found.unmatched.push({ target, reason: `no .reso files matched '${target}'` });
    files.forEach(add);
  }
  return found;
}

/**
 * A path is left out when it matches, or when a folder it is in does (as git ignores a file in an
 * ignored folder), so a file named outright is treated as the folder search would treat it.
 */
export function ignoredWithFolders(ignored: (path: string, isFolder: boolean) => boolean): (path: string, isFolder: boolean) => boolean {
  const folders = new Map<string, boolean>();
  const folderIgnored = (folder: string): boolean => {
    let result = folders.get(folder);
    if (result === undefined) {
      const parent = dirname(folder);
      result = parent !== folder && (ignored(folder, true) || folderIgnored(parent));
      folders.set(folder, result);
    }
    return result;
  };
  return (path, isFolder) => ignored(path, isFolder) || folderIgnored(dirname(path));
}

/** `.reso` files below a folder in name order; hidden folders, node_modules and what is ignored are skipped. */
function walk(folder: string, ignored: (path: string, isFolder: boolean) => boolean, depth: number, accept: (file: string) => boolean, linksOutside: Set<string>): string[] {
  const out: string[] = [];
  const root = realOrSelf(folder);
  const visit = (current: string, level: number): void => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (level < depth && !ignored(path, true)) visit(path, level + 1);
      } else if (entry.isSymbolicLink() && isFolderLink(path)) {
        // Linked folders are not followed (as git and ripgrep do): a link to a folder above would never end.
        continue;
      } else if (entry.name.endsWith('.reso') && accept(path) && !ignored(path, false)) {
        if (entry.isSymbolicLink()) {
          const rel = relative(root, realOrSelf(path));
          if (rel.startsWith('..') || isAbsolute(rel)) linksOutside.add(path);
        }
        out.push(path);
      }
    }
  };
  visit(folder, 1);
  return out;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isFolderLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
