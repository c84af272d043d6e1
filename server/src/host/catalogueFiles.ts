// Reading catalogue files for the server and the command line: the shipped catalogue first,
// then the user's; a file that cannot be read or is not a valid catalogue becomes a problem
// naming the file, and the others are used.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileReadError, readFileBytes } from './files';
import { catalogueEntryRanges, readCatalogue, type LoadedCatalogue } from '../analysis/catalogue';

export interface CatalogueProblem {
  path: string;
  problem: string;
}

/** Reads and checks one catalogue file. */
export function loadCatalogue(path: string): { catalogue?: LoadedCatalogue; problem?: CatalogueProblem } {
  let text: string;
  try {
    // Only a regular file is read: a named pipe or a device among the paths is skipped, never waited on.
    text = readFileBytes(path).bytes.toString('utf8');
  } catch (error) {
    return { problem: { path, problem: error instanceof FileReadError ? error.reason.replace(/; skipped$/, '') : `cannot be read (${error instanceof Error ? error.message : String(error)})` } };
  }
  const read = readCatalogue(text);
  if (!read.ok) return { problem: { path, problem: read.error } };
  // The server keeps what it answers with: not the text (only where entries stand), not the citing places (the workspace is indexed itself).
  for (const resolution of read.catalogue.resolutions) delete resolution.citedIn;
  const folder = dirname(path);
  const exists = new Map<string, boolean>();
  const fileExists = (file: string): boolean => {
    let found = exists.get(file);
    if (found === undefined) {
      found = existsSync(resolve(folder, file));
      exists.set(file, found);
    }
    return found;
  };
  return { catalogue: { uri: pathToFileURL(path).href, data: read.catalogue, entryRanges: catalogueEntryRanges(text), fileExists } };
}

/** The shipped catalogue, then the user's (relative paths from the first workspace folder); problems for those that fail. */
export function loadCatalogues(shipped: string | undefined, userPaths: readonly string[], root: string | undefined): { catalogues: LoadedCatalogue[]; problems: CatalogueProblem[] } {
  const catalogues: LoadedCatalogue[] = [];
  const problems: CatalogueProblem[] = [];
  const paths = [...(shipped ? [shipped] : []), ...userPaths.map((p) => (isAbsolute(p) || !root ? resolve(p) : resolve(root, p)))];
  for (const path of paths) {
    const { catalogue, problem } = loadCatalogue(path);
    if (catalogue) catalogues.push(catalogue);
    if (problem) problems.push(problem);
  }
  return { catalogues, problems };
}

