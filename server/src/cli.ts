#!/usr/bin/env node
// The `reso` command line, on the same analysis as the language server (commands in cli/).

import { main } from './cli/main';

export { main };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
