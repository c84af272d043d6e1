// Language server entry point. The transport comes from the command line:
// `--stdio` (Neovim, Emacs, tests), `--node-ipc` (the VS Code client) or `--socket=N`.

import { join } from 'node:path';
import { startServer } from './lsp/server';
import { createGuardedConnection } from './lsp/transport';
import { SERVER_USAGE, serverArguments } from './lsp/serverArguments';

// A failed request to the client must not take the server down with the drafter's session.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`resolution-language-server: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}\n`);
});

const args = serverArguments(process.argv.slice(2));
if (args === 'start') {
  // The shipped catalogue sits in the extension folder: server/out/server.js -> seeds/catalogue.json.
  startServer(createGuardedConnection(), join(__dirname, '..', '..', 'seeds', 'catalogue.json'));
} else {
  (args === 'help' ? process.stdout : process.stderr).write(`${SERVER_USAGE}\n`);
  process.exitCode = args === 'help' ? 0 : 2;
}
