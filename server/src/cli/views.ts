// reso amended / reso original: one view of a file with revision marks.

import { readTextFile } from '../host/files';
import { parseDocument } from '../syntax';
import { textDiagnostic, UsageError, type Command } from './common';

function viewCommand(kind: 'amended' | 'original', usage: string): Command {
  return {
    name: kind,
    usage,
    summary: kind === 'amended' ? 'print the amended view of a file (insertions kept, deletions dropped)' : 'print the original view of a file (deletions kept, insertions dropped)',
    synopsis: [`reso ${kind} FILE`],
    run(args, io) {
      if (args.length !== 1) throw new UsageError(`${kind} takes exactly one file`);
      const file = readTextFile(args[0]);
      if (file.encodingProblem) io.err(`reso: ${args[0]} is not UTF-8 (it looks like ${file.encodingProblem.looksLike}); shown as decoded\n`);
      const document = parseDocument(file.text);
      io.out((kind === 'amended' ? document.amended : document.original).text);
      for (const diagnostic of document.diagnostics) {
        if (diagnostic.code === 'syntax.revision') io.err(textDiagnostic(args[0], document, diagnostic) + '\n');
      }
      return 0;
    },
  };
}

export const amendedCommand = viewCommand('amended', '  reso amended FILE                         print the amended view (insertions kept, deletions dropped)');
export const originalCommand = viewCommand('original', '  reso original FILE                        print the original view (deletions kept, insertions dropped)');
