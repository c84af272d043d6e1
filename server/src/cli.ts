#!/usr/bin/env node
// The `reso` command line, on the same analysis as the language server (commands in cli/).

import { main, mainAsync } from './cli/main';
import { stopQuietlyWhenPipeCloses } from './host/streams';

export { main, mainAsync };

if (require.main === module) {
  stopQuietlyWhenPipeCloses(process.stdout);
  void mainAsync(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
