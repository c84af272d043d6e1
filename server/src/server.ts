// Language server entry point. The transport comes from the command line:
// `--stdio` (Neovim, Emacs, tests), `--node-ipc` (the VS Code client) or `--socket=N`.

import { startServer } from './lsp/server';

startServer();
