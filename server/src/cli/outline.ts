// reso outline: the document symbols of each file, indented.

import type { DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../features/symbols';
import { parseDocument } from '../syntax';
import { displayPath, readInputs, UsageError, type Command } from './common';

export const outlineCommand: Command = {
  name: 'outline',
  usage: '  reso outline PATH...                      print the outline of each file',
  summary: 'print the outline of each file: resolutions, sections, clauses',
  synopsis: ['reso outline TARGET...'],
  run(args, io) {
    if (args.length === 0) throw new UsageError('outline needs at least one file or folder');
    const inputs = readInputs(args, io);
    for (const file of inputs.files) {
      io.out(`${displayPath(file.path)}\n`);
      const print = (symbols: readonly DocumentSymbol[], depth: number): void => {
        for (const symbol of symbols) {
          const detail = symbol.detail ? `  (${symbol.detail})` : '';
          io.out(`${'  '.repeat(depth + 1)}${symbol.name}${depth < 2 ? detail : ''}  [line ${symbol.range.start.line + 1}]\n`);
          print(symbol.children ?? [], depth + 1);
        }
      };
      print(documentSymbols(parseDocument(file.text)), 0);
    }
    return inputs.failures > 0 ? 2 : 0;
  },
};
