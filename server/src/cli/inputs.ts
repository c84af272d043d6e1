// The inputs of the commands that read `.reso` files: targets (files, folders, globs, `-`),
// ignores, settings per file, and the options that govern them, shared so that every such
// command takes them alike.

import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ProjectSettings, ignoreRules, type ProjectConfig } from '../host/projectSettings';
import { findTargets, ignoredWithFolders } from '../host/targets';
import { FileReadError, readTextFile, type TextFile } from '../host/files';
import { UsageError, type OptionSpec, type ParsedArgs } from './args';
import { fileUri, type Output } from './common';
import { colourWanted, style, type Style } from './style';

export const INPUT_OPTIONS: readonly OptionSpec[] = [
  { name: 'config', short: 'c', value: 'FILE', description: 'use these settings for every file, instead of the nearest .resorc.json above each' },
  { name: 'ignore', value: 'PATTERN', repeatable: true, description: 'leave out files and folders matching a .gitignore-style pattern (from the current folder); repeatable' },
  { name: 'stdin-filename', value: 'NAME', description: 'the name of standard input (-) in messages, and where its .resorc.json is looked up' },
  {
    name: 'error-on-unmatched-pattern',
    negatable: true,
    defaultFlag: true,
    description: 'pass over a target that matches no .reso file, instead of ending with exit 2',
  },
];

export const COLOR_OPTION: OptionSpec = {
  name: 'color',
  negatable: true,
  description: 'colour the output, or not (--no-color); by default only on a terminal, and never when NO_COLOR is set',
};

export interface Input {
  /** As printed: relative to the current folder when inside it; `<stdin>` for unnamed standard input. */
  name: string;
  /** The absolute path; for standard input the one --stdin-filename names, if any. */
  path?: string;
  /** True for standard input. */
  stdin: boolean;
  uri: string;
  text: string;
  /** The file as read, to write it back safely (absent for standard input). */
  file?: TextFile;
  config: ProjectConfig;
}

export interface Inputs {
  inputs: Input[];
  project: ProjectSettings;
  /** Files that could not be read, and whether a settings file was broken: the command ends with exit status 2. */
  failures: number;
  settingsBroken: boolean;
  /** Links found in a folder that lead out of it: read, never written. */
  linksOutside: Set<string>;
}

/** Reads the inputs the targets name; problems of settings files are printed, unmatched targets are exit 2 unless told otherwise. */
export function readInputs(parsed: ParsedArgs, io: Output, command: string): Inputs {
  const cwd = process.cwd();
  if (parsed.operands.length === 0) throw new UsageError(`${command} needs at least one file, folder or glob (or - for standard input)`);
  const stdinName = parsed.value('stdin-filename');
  if (stdinName !== undefined && !parsed.operands.includes('-')) throw new UsageError("--stdin-filename names standard input: give '-' among the targets");
  const reported = new Set<string>();
  let settingsBroken = false;
  const project = new ProjectSettings({
    configFile: parsed.value('config'),
    cwd,
    onProblem: (problem) => {
      if (!reported.has(problem)) io.err(`reso: ${problem}\n`);
      reported.add(problem);
      settingsBroken = true;
    },
  });
  const cliIgnores = ignoreRules(parsed.list('ignore'), cwd);
  // A folder's entries are governed by the settings that apply in it: a file's by its folder's, a folder's by its parent's.
  const ignored = (path: string, isFolder: boolean): boolean => cliIgnores(path, isFolder) || project.forFolder(dirname(path)).ignores(path, isFolder);
  const found = findTargets(parsed.operands, { cwd, ignored });
  let failures = 0;
  // A target that matches nothing is said, the others are still read, and the run ends with exit 2.
  if (found.unmatched.length > 0 && parsed.flag('error-on-unmatched-pattern') !== false) {
    io.err(`reso: ${found.unmatched.map((u) => u.reason).join('\nreso: ')}\n(--no-error-on-unmatched-pattern passes over such targets)\n`);
    failures += found.unmatched.length;
  }
  for (const file of found.ignoredFiles) io.err(`reso: ${displayName(file, cwd)} is left out by an ignore pattern; not read\n`);
  const inputs: Input[] = [];
  for (const path of found.files) {
    try {
      const file = readTextFile(path);
      inputs.push({ name: displayName(path, cwd), path, stdin: false, uri: fileUri(path), text: file.text, file, config: project.forFile(path) });
    } catch (error) {
      // One file that cannot be read does not stop the others; the run ends with exit status 2.
      // A pipe or a device is skipped, not failed.
      if (!(error instanceof FileReadError && error.special)) failures++;
      io.err(`reso: ${error instanceof FileReadError ? `${displayName(error.path, cwd)} ${error.reason}` : String(error)}\n`);
    }
  }
  const stdinPath = stdinName === undefined ? undefined : resolve(cwd, stdinName);
  if (found.stdin && stdinPath && ignoredWithFolders(ignored)(stdinPath, false)) {
    io.err(`reso: ${displayName(stdinPath, cwd)} (standard input) is left out by an ignore pattern; not read\n`);
  } else if (found.stdin) {
    if (!io.readStdin) throw new Error('standard input cannot be read here');
    const path = stdinPath;
    inputs.push({
      name: path ? displayName(path, cwd) : '<stdin>',
      path,
      stdin: true,
      uri: path ? fileUri(path) : 'untitled:stdin',
      text: io.readStdin(),
      config: path ? project.forFile(path) : project.forFolder(cwd),
    });
  }
  return { inputs, project, failures, settingsBroken, linksOutside: found.linksOutside };
}

export function displayName(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** The style of the output: --color / --no-color, NO_COLOR, FORCE_COLOR, then whether it is a colour terminal. */
export function outputStyle(parsed: ParsedArgs, io: Output): Style {
  return style(colourWanted(parsed.flag('color'), io.env ?? process.env, io.colors === true));
}
