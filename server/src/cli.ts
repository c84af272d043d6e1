#!/usr/bin/env node
// The `reso` command line, on the same analysis as the language server (commands in cli/).

import { readFileSync } from 'node:fs';
import { main, mainAsync } from './cli/main';
import { stopQuietlyWhenPipeCloses } from './host/streams';

export { main, mainAsync };

if (require.main === module) {
  stopQuietlyWhenPipeCloses(process.stdout);
  void mainAsync(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
    colors: process.stdout.isTTY === true && process.stdout.hasColors(),
  }).then((code) => {
    process.exitCode = code;
  });
}
