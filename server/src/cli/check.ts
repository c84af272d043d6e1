// reso check: the diagnostics of each file, as text for people or JSON, SARIF and GitHub
// annotations for machines; the exit status says whether the files pass.

import { parseArgs, UsageError, type OptionSpec } from './args';
import type { Command } from './common';
import { github } from './formats/github';
import { json } from './formats/json';
import { countSeverities, type FileReport } from './formats/report';
import { sarif } from './formats/sarif';
import { stylish } from './formats/stylish';
import { COLOR_OPTION, INPUT_OPTIONS, outputStyle, readInputs } from './inputs';
import { CheckSession } from './session';
import { VERSION } from './version';

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;

const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', short: 'f', value: 'FORMAT', choices: FORMATS, description: 'text (default: grouped by file, with a summary), json, sarif (SARIF 2.1.0 for code scanning) or github (workflow annotations)' },
  { name: 'quiet', short: 'q', description: 'report errors only (warnings still count for --max-warnings)' },
  { name: 'max-warnings', value: 'N', description: 'exit 1 when there are more than N warnings, even without errors' },
  ...INPUT_OPTIONS,
  COLOR_OPTION,
];

export const checkCommand: Command = {
  name: 'check',
  usage: '  reso check [options] TARGET...            check .reso files (folders are searched, globs expanded, - is standard input)',
  summary: 'check .reso files: labels, endings, headings, cross-references, citations',
  synopsis: ['reso check [options] TARGET...'],
  description: `Checks each file named, every .reso file below each folder named, and the files each glob
matches ('docs/**/*.reso', quoted so that reso expands it); - reads standard input. Each file
is checked with the settings of the nearest .resorc.json in its folder or above (or --config).`,
  options: OPTIONS,
  examples: [
    { command: 'reso check drafts', description: 'check every .reso file below drafts/' },
    { command: "reso check 'docs/**/*.reso' --ignore 'docs/old/'", description: 'a glob, less a folder' },
    { command: 'reso check --format sarif . > reso.sarif', description: 'a report for code scanning' },
    { command: 'reso check --max-warnings 0 --format github .', description: 'in a GitHub workflow: annotations, and fail on any warning' },
    { command: 'cat dt.reso | reso check --stdin-filename dt.reso -', description: 'check text from standard input' },
  ],
  run(args, io) {
    const parsed = parseArgs(args, OPTIONS);
    const format = (parsed.value('format') ?? 'text') as (typeof FORMATS)[number];
    const maxWarningsText = parsed.value('max-warnings');
    const maxWarnings = maxWarningsText === undefined ? undefined : Number(maxWarningsText);
    if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${maxWarningsText}'`);
    const { inputs, failures, settingsBroken } = readInputs(parsed, io, 'check');
    const reports = new CheckSession(inputs, io).reports();
    const counts = countSeverities(reports);
    const shown: FileReport[] = parsed.flag('quiet') ? reports.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : reports;
    if (format === 'json') io.out(json(shown));
    else if (format === 'sarif') io.out(sarif(shown, { version: VERSION, cwd: process.cwd() }));
    else if (format === 'github') io.out(github(shown, process.cwd()));
    else io.out(stylish(shown, outputStyle(parsed, io)));
    const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
    if (tooManyWarnings) io.err(`reso: ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, more than the ${maxWarnings} allowed by --max-warnings\n`);
    // A file that could not be read, or broken settings, is exit 2 even when the rest is clean.
    if (failures > 0 || settingsBroken) return 2;
    return counts.error > 0 || tooManyWarnings ? 1 : 0;
  },
};
