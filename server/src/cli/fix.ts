// reso fix: every safe fix applied; the result printed, or the files rewritten with --write.
// A file is written atomically and only if it is unchanged on disk since it was read; a file
// that is not UTF-8, or a link found in a folder that leads out of it, is never written.

import { fixAllText } from '../analysis/fixProviders';
import { writeTextFile } from '../host/files';
import { displayPath, fileUri, readInputs, serviceFor, UsageError, type Command } from './common';

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
    const inputs = readInputs(paths, io);
    const files = inputs.files;
    const service = serviceFor(files, io);
    const options = { trackChanges: service.settings.renumber.trackChanges };
    let changed = 0;
    let failures = inputs.failures;
    for (const file of files) {
      const shown = displayPath(file.path);
      if (file.encodingProblem) {
        io.err(`reso: ${shown} is not UTF-8 (it looks like ${file.encodingProblem.looksLike}); it is not fixed\n`);
        failures++;
        continue;
      }
      const uri = fileUri(file.path);
      const after = fixAllText(file.text, (document) => service.diagnosticsOf(document, uri), options);
      if (!write) {
        if (files.length > 1) io.out(`==> ${shown} <==\n`);
        io.out(after);
        continue;
      }
      if (after === file.text) continue;
      if (inputs.linksOutside.has(file.path)) {
        io.err(`reso: ${shown} is a link to a file outside the folder named; it is not written (name the file itself to fix it)\n`);
        failures++;
        continue;
      }
      try {
        writeTextFile(file, after);
        changed++;
      } catch (error) {
        io.err(`reso: ${error instanceof Error ? error.message : String(error)}\n`);
        failures++;
      }
    }
    if (write) io.err(`${changed} of ${files.length} file${files.length === 1 ? '' : 's'} fixed\n`);
    return failures > 0 || service.settingsBroken ? 2 : 0;
  },
};
