// The `reso` command line: one module per command, dispatched here; help, version and the exit
// status of errors are handled here for every command alike.

import { UsageError } from './args';
import { catalogueCommand } from './catalogue';
import { checkCommand } from './check';
import { compareCommand } from './compare';
import type { Command, Output } from './common';
import { exportCommand } from './export';
import { fixCommand } from './fix';
import { commandHelp, overview, usageHint } from './help';
import { importCommand } from './import';
import { outlineCommand } from './outline';
import { VERSION } from './version';
import { amendedCommand, originalCommand } from './views';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [checkCommand, fixCommand, outlineCommand, catalogueCommand, amendedCommand, originalCommand, importCommand, exportCommand, compareCommand];

export { VERSION };

export function usage(): string {
  return overview(COMMANDS);
}

/** `--help` or `-h` among a command's arguments (before a `--` that ends the options). */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
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
  const command = COMMANDS.find((candidate) => candidate.name === argv[0]);
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io, command);
  }
}

function dispatch(argv: readonly string[], io: Output): number | Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (command) {
      if (asksForHelp(rest)) {
        io.out(commandHelp(command));
        return 0;
      }
      return command.run(rest, io);
    }
    switch (name) {
      case '--help':
      case '-h':
        io.out(usage());
        return 0;
      case 'help': {
        if (rest.length === 0) {
          io.out(usage());
          return 0;
        }
        const asked = COMMANDS.find((candidate) => candidate.name === rest[0]);
        if (!asked) throw new UsageError(`no command '${rest[0]}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
        io.out(commandHelp(asked));
        return 0;
      }
      case '--version':
      case '-v':
        io.out(VERSION + '\n');
        return 0;
      case undefined:
        io.err(`reso: no command given\n\n${usage()}`);
        return 2;
      default:
        throw new UsageError(`unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    }
  } catch (error) {
    return report(error, io, command);
  }
}

function report(error: unknown, io: Output, command: Command | undefined): number {
  if (error instanceof UsageError) {
    io.err(`reso: ${error.message}\n${usageHint(command)}\n`);
    return 2;
  }
  io.err(`reso: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
}
