// reso fix: every safe fix applied and the files rewritten; says which problems it fixed and
// which remain. --dry-run shows the changes as a unified diff and writes nothing; `-` reads
// standard input and writes the fixed text to standard output.

import { FILE_HEADERS_ONLY, createTwoFilesPatch } from 'diff';
import { forgetAllFixes } from '../analysis/citationChecks';
import { DIAGNOSTIC_CODES } from '../analysis/codes';
import { fixAllPasses, offsetsAfterPasses } from '../analysis/fixProviders';
import { writeTextFile } from '../host/files';
import { parseDocument, type SyntaxDiagnostic } from '../syntax';
import { parseArgs, type OptionSpec } from './args';
import type { Command } from './common';
import { countsText, plural, type Counts } from './formats/report';
import { formatRows, type Row } from './formats/stylish';
import { COLOR_OPTION, INPUT_OPTIONS, outputStyle, readInputs, type Input } from './inputs';
import { CheckSession } from './session';
import { style, type Style } from './style';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'dry-run', short: 'n', description: 'write nothing: print the changes as a unified diff (to apply with git apply or patch -p1)' },
  { name: 'write', description: 'rewrite the files (what fix does without --dry-run; accepted for scripts that say so)' },
  ...INPUT_OPTIONS,
  COLOR_OPTION,
];

function fixesSection(): string {
  const fixed = DIAGNOSTIC_CODES.filter((info) => info.fix);
  const width = Math.max(...fixed.map((info) => info.code.length));
  return `${fixed.map((info) => `${info.code.padEnd(width)}  ${info.fix}`).join('\n')}

Never changed: a citation's revision, body or number (but for a Rev. the catalogue proves),
headings, did-you-mean numbers, and anything else that is the drafter's choice (quick fixes in
the editor). Nothing is fixed in a file while a revision mark in it is broken
(syntax.revision). In a text with revision marks or a MOD/ADD proposal the fixes are written as
revision marks, as renumber.trackChanges in .resorc.json says.`;
}

export const fixCommand: Command = {
  name: 'fix',
  usage: '  reso fix [options] TARGET...              apply every safe fix (labels, endings, cross-references, a proven Rev.) and rewrite the files',
  summary: 'apply every safe fix (labels, endings, cross-references, a proven Rev.) and rewrite the files',
  synopsis: ['reso fix [options] TARGET...', 'reso fix [options] - < in.reso > out.reso'],
  description: `Applies the mechanical fixes to each file (targets as for check), rewrites the files that
change, and prints which problems it fixed and which remain. Standard input (-) is fixed to
standard output, with the report on standard error. Exits 1 when errors remain.`,
  options: OPTIONS,
  examples: [
    { command: 'reso fix drafts', description: 'fix every .reso file below drafts/ in place' },
    { command: 'reso fix --dry-run dt67.reso', description: 'show what would change, as a diff' },
    { command: 'reso fix - < dt67.reso > fixed.reso', description: 'fix a text on its way through' },
  ],
  sections: [{ title: 'What it fixes', body: fixesSection() }],
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS);
    const dryRun = parsed.flag('dry-run') === true;
    const read = readInputs(parsed, io, 'fix');
    const { inputs } = read;
    let failures = read.failures;
    const session = new CheckSession(inputs, io);
    const outStyle = outputStyle(parsed, io);
    // Standard output carries the text or the diff when there is one: the report then goes to standard error, plain.
    const textOnOut = dryRun || inputs.some((input) => input.stdin);
    const report = textOnOut ? io.err : io.out;
    const reportStyle = textOnOut ? style(false) : outStyle;
    const results = new Map<Input, FileFix>();
    for (const input of session.byCatalogues()) {
      results.set(input, fixInput(session, input));
      // Its passes are done: the fixes kept for its texts (and the parses they hold) go.
      forgetAllFixes();
    }
    let fixedFiles = 0;
    let fixedProblems = 0;
    const remaining: Counts = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const input of inputs) {
      const result = results.get(input) as FileFix;
      if (result.fixed.length > 0) fixedFiles++;
      fixedProblems += result.fixed.length;
      for (const diagnostic of result.remaining) remaining[diagnostic.severity]++;
      if (dryRun) {
        if (result.text !== input.text) io.out(diffText(input, result.text, outStyle));
      } else if (input.stdin) io.out(result.text);
      else if (result.text !== input.text && input.path && read.linksOutside.has(input.path)) {
        failures++;
        io.err(`reso: ${input.name} is a link to a file outside the folder named; it is not written (name the file itself to fix it)\n`);
      } else if (input.file?.encodingProblem) {
        failures++;
        io.err(`reso: ${input.name} is not UTF-8 (it looks like ${input.file.encodingProblem.looksLike}); it is not fixed\n`);
      } else if (result.text !== input.text && input.file) {
        try {
          // Atomically, with its byte order mark, and never over a file changed since it was read.
          writeTextFile(input.file, result.text);
        } catch (error) {
          failures++;
          io.err(`reso: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
      const rows = fileRows(result);
      if (rows.length > 0) report(`${reportStyle.underline(input.name)}\n${formatFixRows(rows, reportStyle)}${result.withheld ? '  (nothing is fixed while a revision mark is broken)\n' : ''}\n`);
    }
    const remainingCount = remaining.error + remaining.warning + remaining.information + remaining.hint;
    const done = fixedProblems === 0
      ? `nothing to fix in ${plural(inputs.length, 'file')}`
      : `${plural(fixedProblems, 'problem')} ${dryRun ? 'to fix' : 'fixed'} in ${fixedFiles} of ${plural(inputs.length, 'file')}${dryRun ? ' (--dry-run: nothing written)' : ''}`;
    const left = remainingCount === 0 ? 'no problems remain' : `${plural(remainingCount, 'problem')} ${remainingCount === 1 ? 'remains' : 'remain'} (${countsText(remaining)})`;
    const line = `${fixedProblems > 0 ? '✔' : '•'} ${done}; ${left}`;
    report(`${remaining.error > 0 ? reportStyle.bold(reportStyle.red(line)) : reportStyle.green(line)}\n`);
    if (failures > 0 || read.settingsBroken) return 2;
    return remaining.error > 0 ? 1 : 0;
  },
};

interface FileFix {
  text: string;
  /** The problems the fixes mended, placed in the fixed text. */
  fixed: Array<SyntaxDiagnostic & { fixedAt: number }>;
  remaining: SyntaxDiagnostic[];
  /** Fixes were held back because a revision mark is broken. */
  withheld: boolean;
}

function fixInput(session: CheckSession, input: Input): FileFix {
  const { service } = session;
  const before = session.diagnostics(input);
  const { text, passes } = fixAllPasses(input.text, (document) => {
    service.setDocument(input.uri, document.text);
    return service.rawDiagnostics(input.uri);
  }, { trackChanges: input.config.settings.renumber.trackChanges });
  service.setDocument(input.uri, text);
  const remaining = service.rawDiagnostics(input.uri);
  const document = session.document(input);
  // A problem is fixed when no problem of its code is left on its line of the fixed text.
  const left = new Map<string, number>();
  for (const diagnostic of remaining) {
    const key = `${diagnostic.code} ${document.lines.positionAt(diagnostic.start).line}`;
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  const fixedAts = offsetsAfterPasses(before.map((diagnostic) => diagnostic.start), passes);
  const fixed: FileFix['fixed'] = [];
  before.forEach((diagnostic, i) => {
    const fixedAt = fixedAts[i];
    const key = `${diagnostic.code} ${document.lines.positionAt(fixedAt).line}`;
    const still = left.get(key) ?? 0;
    if (still > 0) left.set(key, still - 1);
    else fixed.push({ ...diagnostic, fixedAt });
  });
  return { text, fixed, remaining, withheld: before.some((d) => d.code === 'syntax.revision') };
}

interface FixRow extends Row {
  fixed: boolean;
}

function fileRows(result: FileFix): FixRow[] {
  const lines = parseDocument(result.text).lines;
  const row = (diagnostic: SyntaxDiagnostic, offset: number, fixed: boolean): FixRow => {
    const position = lines.positionAt(offset);
    return { line: position.line + 1, column: position.character + 1, severity: diagnostic.severity, message: diagnostic.message, code: diagnostic.code, fixed };
  };
  return [...result.fixed.map((d) => row(d, d.fixedAt, true)), ...result.remaining.map((d) => row(d, d.start, false))]
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The rows of check's layout, with `fixed` in the severity column for what was mended. */
function formatFixRows(rows: readonly FixRow[], style: Style): string {
  return formatRows(rows.map((row) => ({ ...row, severity: row.fixed ? 'fixed' : row.severity })), style);
}

function diffText(input: Input, after: string, style: Style): string {
  const name = input.name.split('\\').join('/');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, input.text, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  if (!style.enabled) return patch;
  return patch.replace(/^(\+\+\+|---|@@|\+|-)(.*)$/gm, (line, mark: string) =>
    mark === '+++' || mark === '---' ? style.bold(line) : mark === '@@' ? style.blue(line) : mark === '+' ? style.green(line) : style.red(line));
}
