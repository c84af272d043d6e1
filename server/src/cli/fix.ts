// reso fix: every safe fix applied; the result printed, or the files rewritten with --write.

import { writeFileSync } from 'node:fs';
import { fixAllText } from '../analysis/fixProviders';
import { collectFiles, readText } from '../host/files';
import { displayPath, fileUri, serviceFor, UsageError, type Command } from './common';

export const fixCommand: Command = {
  name: 'fix',
  usage: `  reso fix [--write] PATH...                apply every safe fix (labels, endings, cross-references);
                                            print the result, or rewrite the files with --write`,
  run(args, io) {
    const write = args.includes('--write');
    const paths = args.filter((a) => a !== '--write');
    const unknown = paths.find((a) => a.startsWith('-'));
    if (unknown) throw new UsageError(`unknown option '${unknown}'`);
    if (paths.length === 0) throw new UsageError('fix needs at least one file or folder');
    const files = collectFiles(paths);
    const service = serviceFor(files, io);
    const options = { trackChanges: service.settings.renumber.trackChanges };
    let changed = 0;
    for (const file of files) {
      const uri = fileUri(file);
      const before = readText(file);
      const after = fixAllText(before, (document) => {
        service.setDocument(uri, document.text);
        return service.rawDiagnostics(uri);
      }, options);
      if (after !== before) changed++;
      if (write) {
        if (after !== before) writeFileSync(file, after);
      } else {
        if (files.length > 1) io.out(`==> ${displayPath(file)} <==\n`);
        io.out(after);
      }
    }
    if (write) io.err(`${changed} of ${files.length} file${files.length === 1 ? '' : 's'} fixed\n`);
    return 0;
  },
};
