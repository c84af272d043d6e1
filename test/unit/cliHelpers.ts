// Running the command line in-process, as a user would from a folder, with standard input, a
// terminal or not, and an environment of the test's choosing.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../server/src/cli';

export interface RunOptions {
  cwd?: string;
  stdin?: string;
  /** Standard output is a colour terminal. */
  colors?: boolean;
  env?: Record<string, string | undefined>;
}

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

export function runIn(options: RunOptions, ...args: string[]): RunResult {
  let out = '';
  let err = '';
  const before = process.cwd();
  if (options.cwd) process.chdir(options.cwd);
  try {
    const code = main(args, {
      out: (t) => (out += t),
      err: (t) => (err += t),
      ...(options.stdin !== undefined ? { readStdin: () => options.stdin as string } : {}),
      colors: options.colors ?? false,
      env: options.env ?? {},
    });
    return { code, out, err };
  } finally {
    process.chdir(before);
  }
}

export function run(...args: string[]): RunResult {
  return runIn({}, ...args);
}

/** A temporary folder holding the given files (paths with `/`, made with their folders). */
export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'reso-cli-'));
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, ...name.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return root;
}

/** A file with one label.sequence error (`c)` after `a)`), and nothing else. */
export const LABEL_GAP = '*recalling*\n\na) one;\nc) two.\n';
/** A file with nothing to report. */
export const CLEAN = '*recalling*\n\na) one;\nb) two.\n';
/** A file with one punctuation.ending warning. */
export const ENDING_WARNING = '*recalling*\n\na) one;\nb) two;\n';

/** The files a JSON report names, relative names with `/`. */
export function filesOf(result: RunResult): string[] {
  const problems = JSON.parse(result.out) as Array<{ file: string }>;
  return [...new Set(problems.map((p) => p.file.split('\\').join('/')))].sort();
}
