// The `reso` command line: one module per command, dispatched here.

import { RC_FILE } from '../host/settingsFiles';
import { catalogueCommand } from './catalogue';
import { checkCommand } from './check';
import { compareCommand } from './compare';
import { exportCommand } from './export';
import { UsageError, type Command, type Output } from './common';
import { fixCommand } from './fix';
import { importCommand } from './import';
import { outlineCommand } from './outline';
import { amendedCommand, originalCommand } from './views';

/** Every command, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [checkCommand, outlineCommand, catalogueCommand, fixCommand, amendedCommand, originalCommand, importCommand, exportCommand, compareCommand];

export const VERSION = '0.1.0';

export function usage(): string {
  return `Usage:
${COMMANDS.map((command) => command.usage).join('\n')}

Settings come from the nearest ${RC_FILE} in the current folder or above.
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`;
}

export function main(argv: readonly string[], io: Output): number {
  const result = dispatch(argv, io);
  if (typeof result === 'number') return result;
  // Writing a Word file is asynchronous: such commands run through mainAsync (the `reso` entry does).
  result.catch(() => undefined);
  io.err(`reso: '${argv[0]}' runs asynchronously here; call mainAsync\n`);
  return 2;
}

/** Runs any command, those that finish asynchronously (the Word export) included. */
export async function mainAsync(argv: readonly string[], io: Output): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io);
  }
}

function dispatch(argv: readonly string[], io: Output): number | Promise<number> {
  try {
    const [name, ...rest] = argv;
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command) return command.run(rest, io);
    switch (name) {
      case '--help':
      case '-h':
      case 'help':
        io.out(usage() + '\n');
        return 0;
      case '--version':
        io.out(VERSION + '\n');
        return 0;
      default:
        throw new UsageError(name ? `unknown command '${name}'` : 'no command given');
    }
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: Output): number {
  if (error instanceof UsageError) {
    io.err(`reso: ${error.message}\n\n${usage()}\n`);
    return 2;
  }
  io.err(`reso: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
}
