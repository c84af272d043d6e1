// The transports the language server is started with, checked before a connection is made: run
// without one (or with --help) it prints its usage instead of failing deep in the protocol library.

export const SERVER_USAGE = 'Usage: node server/out/server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME';

/** `start` when the arguments name a transport, `help` for --help or -h, `usage` otherwise. */
export function serverArguments(args: readonly string[]): 'start' | 'help' | 'usage' {
  if (args.some((arg) => arg === '--help' || arg === '-h')) return 'help';
  // As vscode-languageserver reads them: `--socket=PORT` or `--socket PORT`, the same for `--pipe`.
  const transport = args.some((arg, index) =>
    arg === '--stdio' || arg === '--node-ipc' || /^--(socket|pipe)=./.test(arg) || ((arg === '--socket' || arg === '--pipe') && index + 1 < args.length));
  return transport ? 'start' : 'usage';
}
