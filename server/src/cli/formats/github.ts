// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per problem, which
// the workflow run shows as an annotation on the line (information and hints as notices).

import { relative, sep } from 'node:path';
import type { Severity } from '../../syntax/diagnostics';
import type { FileReport } from './report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function github(reports: readonly FileReport[], cwd: string): string {
  let out = '';
  for (const report of reports) {
    // Annotations name files relative to the workspace root, where the job runs.
    const file = report.path && !relative(cwd, report.path).startsWith('..') ? relative(cwd, report.path).split(sep).join('/') : report.name;
    for (const diagnostic of report.diagnostics) {
      const from = report.document.lines.positionAt(diagnostic.start);
      const to = report.document.lines.positionAt(Math.max(diagnostic.end, diagnostic.start));
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${from.line + 1}`,
        `col=${from.character + 1}`,
        `endLine=${to.line + 1}`,
        `endColumn=${to.character + 1}`,
        `title=${escapeProperty(`reso ${diagnostic.code}`)}`,
      ];
      out += `::${COMMAND[diagnostic.severity]} ${properties.join(',')}::${escapeData(diagnostic.message)}\n`;
    }
  }
  return out;
}

/** As the Actions toolkit escapes a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As the Actions toolkit escapes a property value: `:` and `,` too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
