// The text format, laid out as eslint's "stylish": each file's name, then one aligned row per
// problem (line:column, severity, message, code), then a summary line.

import type { Severity } from '../../syntax/diagnostics';
import type { Style } from '../style';
import { countSeverities, countsText, plural, type FileReport } from './report';

const SEVERITY_COLOUR: Record<Severity | 'fixed', keyof Pick<Style, 'red' | 'yellow' | 'blue' | 'dim' | 'green'>> = {
  fixed: 'green',
  error: 'red',
  warning: 'yellow',
  information: 'blue',
  hint: 'dim',
};

export interface Row {
  line: number;
  column: number;
  /** `fixed` where `reso fix` lists what it mended. */
  severity: Severity | 'fixed';
  message: string;
  code: string;
}

/** The rows of a file, aligned as a table (line right-aligned, column left-aligned, as eslint does). */
export function formatRows(rows: readonly Row[], style: Style): string {
  const lineWidth = Math.max(...rows.map((row) => String(row.line).length));
  const columnWidth = Math.max(...rows.map((row) => String(row.column).length));
  const severityWidth = Math.max(...rows.map((row) => row.severity.length));
  const messageWidth = Math.max(...rows.map((row) => row.message.length));
  return rows
    .map((row) => {
      const place = `${String(row.line).padStart(lineWidth)}:${String(row.column).padEnd(columnWidth)}`;
      const severity = style[SEVERITY_COLOUR[row.severity]](row.severity.padEnd(severityWidth));
      return `  ${style.dim(place)}  ${severity}  ${row.message.padEnd(messageWidth)}  ${style.dim(row.code)}`.trimEnd() + '\n';
    })
    .join('');
}

export function rowsOf(report: FileReport): Row[] {
  return report.diagnostics.map((diagnostic) => {
    const position = report.document.lines.positionAt(diagnostic.start);
    return { line: position.line + 1, column: position.character + 1, severity: diagnostic.severity, message: diagnostic.message.replace(/\s*\n\s*/g, ' '), code: diagnostic.code };
  });
}

export function stylish(reports: readonly FileReport[], style: Style): string {
  let out = '';
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    out += `${style.underline(report.name)}\n${formatRows(rowsOf(report), style)}\n`;
  }
  return out + summary(reports, style) + '\n';
}

export function summary(reports: readonly FileReport[], style: Style): string {
  const counts = countSeverities(reports);
  const problems = counts.error + counts.warning + counts.information + counts.hint;
  const files = plural(reports.length, 'file');
  if (problems === 0) return style.green(`✔ ${files} checked, no problems`);
  const withProblems = reports.filter((report) => report.diagnostics.length > 0).length;
  const text = `✖ ${plural(problems, 'problem')} (${countsText(counts)}) in ${withProblems} of ${files}`;
  return style.bold(counts.error > 0 ? style.red(text) : counts.warning > 0 ? style.yellow(text) : text);
}
