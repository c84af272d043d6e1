// The JSON format: one array of problems, with 0-based LSP ranges.

import { toRange } from '../../features/convert';
import type { FileReport } from './report';

export function json(reports: readonly FileReport[]): string {
  const problems = reports.flatMap((report) =>
    report.diagnostics.map((diagnostic) => ({
      file: report.name,
      range: toRange(report.document, diagnostic.start, diagnostic.end),
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
    })),
  );
  return JSON.stringify(problems, null, 2) + '\n';
}
