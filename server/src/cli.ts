#!/usr/bin/env node
// The `reso` command line, on the same analysis as the language server (commands in cli/).

import { main } from './cli/main';
import { stopQuietlyWhenPipeCloses } from './host/streams';

export { main };

if (require.main === module) {
  stopQuietlyWhenPipeCloses(process.stdout);
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
