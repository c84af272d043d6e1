// reso check: the diagnostics of each file, as text or JSON.

import type { ParsedDocument } from '../syntax';
import { fileUri, jsonDiagnostic, readInputs, serviceFor, textDiagnostic, UsageError, type Command } from './common';

export const checkCommand: Command = {
  name: 'check',
  usage: '  reso check [--format text|json] PATH...   check .reso files (folders are searched)',
  run(args, io) {
    let format = 'text';
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--format') format = args[++i] ?? '';
      else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
      else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
      else paths.push(arg);
    }
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
    if (paths.length === 0) throw new UsageError('check needs at least one file or folder');
    const inputs = readInputs(paths, io);
    const files = inputs.files;
    let errors = 0;
    const json: unknown[] = [];
    const counts = { error: 0, warning: 0, information: 0, hint: 0 };
    const service = serviceFor(files, io);
    for (const { path: file } of files) {
      const uri = fileUri(file);
      const document = service.document(uri) as ParsedDocument;
      for (const diagnostic of service.rawDiagnostics(uri)) {
        counts[diagnostic.severity]++;
        if (diagnostic.severity === 'error') errors++;
        if (format === 'json') json.push(jsonDiagnostic(file, document, diagnostic));
        else io.out(textDiagnostic(file, document, diagnostic) + '\n');
      }
    }
    if (format === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
    else {
      io.err(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s)\n`);
    }
    // A file that could not be read, or broken settings, is an I/O error even when the rest is clean.
    if (inputs.failures > 0 || service.settingsBroken) return 2;
    return errors > 0 ? 1 : 0;
  },
};
