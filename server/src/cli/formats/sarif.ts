// SARIF 2.1.0, the format code-scanning services read: one run of `reso`, a rule per
// diagnostic code (with its meaning and what `reso fix` does about it), a result per problem.
// Columns count UTF-16 code units, as the positions of the analysis do.

import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { codeInfo, DIAGNOSTIC_CODES } from '../../analysis/codes';
import type { Severity } from '../../syntax/diagnostics';
import type { FileReport } from './report';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  version: string;
  /** Paths inside this folder are written relative to it (the `%SRCROOT%` base). */
  cwd: string;
}

export function sarif(reports: readonly FileReport[], options: SarifOptions): string {
  // Every known rule, then any code met that the table does not know (a later check).
  const rules: ReportingDescriptor[] = DIAGNOSTIC_CODES.map((info) => rule(info.code));
  const ruleIndex = new Map(rules.map((r, index) => [r.id, index]));
  const results: Result[] = [];
  for (const report of reports) {
    const location = artifactLocation(report, options.cwd);
    for (const diagnostic of report.diagnostics) {
      let index = ruleIndex.get(diagnostic.code);
      if (index === undefined) {
        index = rules.push(rule(diagnostic.code)) - 1;
        ruleIndex.set(diagnostic.code, index);
      }
      const result: Result = {
        ruleId: diagnostic.code,
        ruleIndex: index,
        level: LEVEL[diagnostic.severity],
        message: { text: diagnostic.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(report, diagnostic.start, diagnostic.end) } }],
      };
      const related = (diagnostic.related ?? []).filter((r) => r.uri === undefined);
      if (related.length > 0) {
        result.relatedLocations = related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: { artifactLocation: location, region: region(report, r.start, r.end) },
        }));
      }
      results.push(result);
    }
  }
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'reso', fullName: 'Resolution Drafter', version: options.version, semanticVersion: options.version, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function rule(code: string): ReportingDescriptor {
  const info = codeInfo(code);
  if (!info) return { id: code, shortDescription: { text: code } };
  const help = [info.summary, info.help, info.fix ? `\`reso fix\` ${info.fix}.` : 'Not changed by `reso fix`: the drafter decides.'].filter(Boolean).join(' ');
  return {
    id: code,
    shortDescription: { text: info.summary },
    ...(info.help ? { fullDescription: { text: `${info.summary} ${info.help}` } } : {}),
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVEL[info.severity] },
    properties: { tags: [code.slice(0, code.indexOf('.'))] },
  };
}

function artifactLocation(report: FileReport, cwd: string): { uri: string; uriBaseId?: string } {
  if (!report.path) return { uri: encodeURI(report.name) };
  const rel = relative(cwd, report.path);
  if (rel.startsWith('..') || rel === '' || /^[a-zA-Z]:/.test(rel) || rel.startsWith(sep)) return { uri: pathToFileURL(report.path).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(report: FileReport, start: number, end: number): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  const from = report.document.lines.positionAt(start);
  const to = report.document.lines.positionAt(Math.max(end, start));
  return { startLine: from.line + 1, startColumn: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}
