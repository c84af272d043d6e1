import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { DIAGNOSTIC_CODES } from '../../server/src/analysis/codes';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { COMMANDS, VERSION } from '../../server/src/cli/main';
import { commandHelp } from '../../server/src/cli/help';
import { colourWanted } from '../../server/src/cli/style';
import { ROOT } from './helpers';
import { CLEAN, ENDING_WARNING, LABEL_GAP, project, run, runIn } from './cliHelpers';

const BROKEN = '*recalling*\n\na) text {++ never closed;\nb) note[^9].\n';
const FIXABLE = '*recalling*\n\na) one;\nc) two;\n\n*resolves*\n\n2 to act;\n3 to end,\n';
const FIXED = '*recalling*\n\na) one;\nb) two,\n\n*resolves*\n\n1 to act;\n2 to end.\n';

describe('command line', () => {
  describe('help and version', () => {
    it('reso --help, -h and help list every command and the options, exit 0', () => {
      for (const args of [['--help'], ['-h'], ['help']]) {
        const result = run(...args);
        assert.equal(result.code, 0, args.join(' '));
        assert.equal(result.err, '');
        for (const command of COMMANDS) assert.match(result.out, new RegExp(`^  (?:reso )?${command.name} `, 'm'), `${command.name} missing from reso ${args.join(' ')}`);
        assert.match(result.out, /-v, --version/);
        assert.match(result.out, /^Exit status:\n {2}0 .+\n {2}1 .+\n {2}2 /m);
      }
    });

    it('reso help CMD, reso CMD --help and reso CMD -h print that command\'s help, exit 0', () => {
      for (const command of COMMANDS) {
        const expected = commandHelp(command);
        for (const args of [['help', command.name], [command.name, '--help'], [command.name, '-h'], [command.name, 'some.reso', '--help']]) {
          const result = run(...args);
          assert.equal(result.code, 0, `reso ${args.join(' ')}: ${result.err}`);
          assert.equal(result.out, expected, `reso ${args.join(' ')}`);
        }
        assert.match(expected, /^Usage:(?: reso |\n {2}reso )/);
      }
    });

    it('a command\'s help lists every option it parses, and the exit status', () => {
      const help = run('check', '--help').out;
      for (const option of ['--format FORMAT', '-q, --quiet', '--max-warnings N', '-c, --config FILE', '--ignore PATTERN', '--stdin-filename NAME', '--no-error-on-unmatched-pattern', '--color, --no-color', '-h, --help']) {
        assert.ok(help.includes(option), `check --help lacks ${option}`);
      }
      assert.match(help, /text .*json, sarif .*github/s);
      assert.match(help, /^Examples:\n {2}reso check /m);
      assert.match(help, /^ {2}2 {2}a usage, configuration or input\/output error/m);
    });

    it('help is made from what a command declares, so a command with only usage lines has help too', () => {
      const help = commandHelp({ name: 'export', usage: '  reso export --to html FILE    write FILE as HTML', run: () => 0 });
      assert.match(help, /^Usage:\n {2}reso export --to html FILE {4}write FILE as HTML\n/);
      assert.match(help, /-h, --help/);
      const full = commandHelp({
        name: 'compare',
        usage: '',
        summary: 'compare two versions',
        synopsis: ['reso compare OLD NEW'],
        options: [{ name: 'out', short: 'o', value: 'FILE', description: 'write the MOD to FILE' }],
        examples: [{ command: 'reso compare a.reso b.reso', description: 'print the MOD' }],
        run: () => 0,
      });
      assert.match(full, /^Usage: reso compare OLD NEW\n\nCompare two versions\.\n\nOptions:\n {2}-o, --out FILE +write the MOD to FILE\n/);
      assert.match(full, /^Examples:\n {2}reso compare a\.reso b\.reso\n {6}print the MOD$/m);
    });

    it('fix --help lists everything fix-all fixes', () => {
      const help = run('fix', '--help').out;
      const fixed = DIAGNOSTIC_CODES.filter((info) => info.fix);
      assert.ok(fixed.length >= 5);
      for (const info of fixed) assert.match(help, new RegExp(`^ {2}${info.code.replace('.', '\\.')} +${info.fix?.slice(0, 20).replace(/[()`.]/g, '.')}`, 'm'), info.code);
      for (const info of DIAGNOSTIC_CODES.filter((i) => !i.fix)) assert.doesNotMatch(help, new RegExp(`^ {2}${info.code.replace('.', '\\.')} `, 'm'), `${info.code} is not fixed`);
      assert.match(help, /--dry-run/);
    });

    it('--version and -v print the version of package.json', () => {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(VERSION, pkg.version);
      for (const flag of ['--version', '-v']) assert.deepEqual(run(flag), { code: 0, out: `${pkg.version}\n`, err: '' });
    });

    it('usage errors say what is wrong, show the synopsis and exit 2', () => {
      const cases: Array<[string[], RegExp]> = [
        [[], /^reso: no command given\n\nreso: check, fix/],
        [['nonsense'], /^reso: unknown command 'nonsense' \(commands: check, fix/],
        [['help', 'nonsense'], /^reso: no command 'nonsense'/],
        [['check'], /^reso: check needs at least one file, folder or glob/],
        [['check', '--format', 'xml', 'x.reso'], /^reso: --format must be one of text, json, sarif, github, not 'xml'\nUsage: reso check \[options\] TARGET\.\.\.\nRun 'reso check --help' for the options\.\n$/],
        [['check', '--formt', 'json', 'x.reso'], /^reso: unknown option '--formt'; did you mean --format\?/],
        [['check', '--format'], /^reso: --format needs a value \(text, json, sarif, github\)/],
        [['check', '--max-warnings', 'many', 'x.reso'], /^reso: --max-warnings needs a whole number/],
        [['check', '--stdin-filename', 'a.reso', 'x.reso'], /^reso: --stdin-filename names standard input/],
        [['amended'], /^reso: amended takes exactly one file/],
      ];
      for (const [args, message] of cases) {
        const result = run(...args);
        assert.equal(result.code, 2, `reso ${args.join(' ')}`);
        assert.equal(result.out, '');
        assert.match(result.err, message, `reso ${args.join(' ')}`);
      }
    });
  });

  describe('options', () => {
    const specs = [
      { name: 'format', short: 'f', value: 'FORMAT', choices: ['text', 'json'], description: '' },
      { name: 'quiet', short: 'q', description: '' },
      { name: 'ignore', value: 'PATTERN', repeatable: true, description: '' },
      { name: 'color', negatable: true, description: '' },
    ];

    it('are read in their long, short, = and grouped forms; -- ends them and - is an operand', () => {
      const parsed = parseArgs(['-qf', 'json', '--ignore=a/', '--ignore', 'b/', '--no-color', 'x.reso', '-', '--', '--quiet'], specs);
      assert.equal(parsed.value('format'), 'json');
      assert.equal(parsed.flag('quiet'), true);
      assert.equal(parsed.flag('color'), false);
      assert.deepEqual(parsed.list('ignore'), ['a/', 'b/']);
      assert.deepEqual(parsed.operands, ['x.reso', '-', '--quiet']);
      assert.equal(parseArgs(['--color'], specs).flag('color'), true);
      assert.equal(parseArgs([], specs).flag('color'), undefined);
      assert.equal(parseArgs(['-fjson'], specs).value('format'), 'json');
    });

    it('reject what they do not know, with a suggestion', () => {
      assert.throws(() => parseArgs(['--quite'], specs), (e: unknown) => e instanceof UsageError && /did you mean --quiet\?/.test(e.message));
      assert.throws(() => parseArgs(['--no-quiet'], specs), /unknown option '--no-quiet'/);
      assert.throws(() => parseArgs(['--quiet=yes'], specs), /--quiet takes no value/);
      assert.throws(() => parseArgs(['-x'], specs), /unknown option '-x'/);
    });
  });

  describe('exit status', () => {
    const folder = project({ 'clean.reso': CLEAN, 'warning.reso': ENDING_WARNING, 'error.reso': LABEL_GAP });

    it('is 0 without errors (warnings do not fail), 1 with errors, 2 on a missing file', () => {
      assert.equal(runIn({ cwd: folder }, 'check', 'clean.reso').code, 0);
      assert.equal(runIn({ cwd: folder }, 'check', 'warning.reso').code, 0);
      assert.equal(runIn({ cwd: folder }, 'check', 'error.reso', 'clean.reso').code, 1);
      const missing = runIn({ cwd: folder }, 'check', 'missing.reso', 'clean.reso');
      assert.equal(missing.code, 2);
      assert.match(missing.err, /^reso: no such file or folder: missing\.reso\n/);
    });

    it('--max-warnings N fails on more than N warnings, and says so', () => {
      assert.equal(runIn({ cwd: folder }, 'check', '--max-warnings', '1', 'warning.reso').code, 0);
      const over = runIn({ cwd: folder }, 'check', '--max-warnings', '0', 'warning.reso');
      assert.equal(over.code, 1);
      assert.match(over.err, /^reso: 1 warning, more than the 0 allowed by --max-warnings\n$/);
      // The seeds hold 7 warnings and no error.
      assert.equal(run('check', '--max-warnings', '7', join(ROOT, 'seeds')).code, 0);
      assert.equal(run('check', '--max-warnings=6', join(ROOT, 'seeds')).code, 1);
    });

    it('--quiet reports errors only, while warnings still count for --max-warnings', () => {
      const quiet = runIn({ cwd: folder }, 'check', '--quiet', '.');
      assert.equal(quiet.code, 1);
      assert.match(quiet.out, /^error\.reso\n {2}4:1 {2}error {2}Label c\) is out of sequence/);
      assert.doesNotMatch(quiet.out, /punctuation\.ending/);
      assert.match(quiet.out, /✖ 1 problem \(1 error, 0 warnings\) in 1 of 3 files\n$/);
      const counted = runIn({ cwd: folder }, 'check', '-q', '--max-warnings', '0', 'warning.reso');
      assert.equal(counted.code, 1);
      assert.match(counted.out, /no problems/);
    });
  });

  describe('text output', () => {
    const folder = project({ 'broken.reso': BROKEN, 'sub/fixable.reso': FIXABLE, 'sub/clean.reso': CLEAN });

    it('groups problems by file in aligned rows (line:column, severity, message, code), with a summary line', () => {
      const result = runIn({ cwd: folder }, 'check', '.');
      assert.equal(result.code, 1);
      assert.equal(result.err, '');
      assert.equal(result.out, [
        'broken.reso',
        '  3:9  error  Revision mark `{++` is never closed; every `{++` needs its `++}`.      syntax.revision',
        '  4:8  error  Footnote [^9] has no definition; every marker needs a line `[^9]: …`.  footnote.undefined',
        '',
        'sub/fixable.reso',
        '  4:1  error    Label c) is out of sequence (gap); labels follow each other: expected b), found c).        label.sequence',
        '  4:7  warning  This clause ends with `;`; the last clause of a section ends with `,` (a comma).           punctuation.ending',
        '  8:1  error    Label 2 is out of sequence (wrong start); labels follow each other: expected 1, found 2.   label.sequence',
        '  9:9  warning  This clause ends with `,`; the last clause of the resolution ends with `.` (a full stop).  punctuation.ending',
        '',
        '✖ 6 problems (4 errors, 2 warnings) in 2 of 3 files',
        '',
      ].join('\n'));
      assert.equal(runIn({ cwd: folder }, 'check', 'sub/clean.reso').out, '✔ 1 file checked, no problems\n');
    });

    it('is coloured on a colour terminal only; NO_COLOR, FORCE_COLOR, --color and --no-color are honoured', () => {
      const coloured = (result: { out: string }): boolean => /\u001b\[\d+m/.test(result.out);
      const check = (options: Parameters<typeof runIn>[0], ...flags: string[]) => runIn({ cwd: folder, ...options }, 'check', ...flags, 'broken.reso');
      assert.equal(coloured(check({})), false, 'not a terminal');
      const tty = check({ colors: true });
      assert.equal(coloured(tty), true, 'a colour terminal');
      assert.match(tty.out, /\u001b\[4mbroken\.reso\u001b\[24m/);
      assert.match(tty.out, /\u001b\[31merror\u001b\[39m/);
      assert.equal(tty.out.replace(/\u001b\[\d+m/g, ''), check({}).out, 'colour changes nothing but colour');
      assert.equal(coloured(check({ colors: true, env: { NO_COLOR: '1' } })), false, 'NO_COLOR');
      assert.equal(coloured(check({ colors: true, env: { NO_COLOR: '' } })), true, 'an empty NO_COLOR is not set');
      assert.equal(coloured(check({ env: { FORCE_COLOR: '1' } })), true, 'FORCE_COLOR');
      assert.equal(coloured(check({ colors: true }, '--no-color')), false, '--no-color');
      assert.equal(coloured(check({ env: { NO_COLOR: '1' } }, '--color')), true, '--color wins over NO_COLOR');
      assert.equal(colourWanted(undefined, { FORCE_COLOR: '0' }, true), false);
    });
  });

  describe('machine formats', () => {
    const folder = project({ 'broken.reso': BROKEN, 'a,b: c%.reso': LABEL_GAP, 'clean.reso': CLEAN });

    it('json: one array of problems with 0-based LSP ranges', () => {
      const result = runIn({ cwd: folder }, 'check', '--format', 'json', 'broken.reso');
      assert.equal(result.code, 1);
      const parsed = JSON.parse(result.out) as unknown[];
      assert.deepEqual(parsed[0], {
        file: 'broken.reso',
        range: { start: { line: 2, character: 8 }, end: { line: 2, character: 11 } },
        severity: 'error',
        code: 'syntax.revision',
        message: 'Revision mark `{++` is never closed; every `{++` needs its `++}`.',
      });
      assert.equal(parsed.length, 2);
      assert.deepEqual(JSON.parse(runIn({ cwd: folder }, 'check', '-f', 'json', 'clean.reso').out), []);
    });

    it('sarif: a SARIF 2.1.0 log valid against the OASIS schema, a rule per code with its help, a result per problem', () => {
      const validate = sarifValidator();
      const result = runIn({ cwd: folder }, 'check', '--format', 'sarif', '.');
      assert.equal(result.code, 1);
      const log = JSON.parse(result.out) as Log;
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      assert.equal(log.version, '2.1.0');
      const run0 = log.runs[0];
      assert.equal(run0.tool.driver.name, 'reso');
      assert.equal(run0.tool.driver.version, VERSION);
      assert.equal(run0.columnKind, 'utf16CodeUnits');
      const rules = run0.tool.driver.rules ?? [];
      assert.deepEqual(rules.map((r) => r.id), DIAGNOSTIC_CODES.map((info) => info.code));
      const sequence = rules.find((r) => r.id === 'label.sequence');
      assert.match(sequence?.help?.text ?? '', /out of sequence.*`reso fix` relabels/);
      assert.equal(sequence?.defaultConfiguration?.level, 'error');
      assert.match(rules.find((r) => r.id === 'heading.unknown')?.help?.text ?? '', /Not changed by `reso fix`/);
      const results = run0.results ?? [];
      assert.deepEqual(results.map((r) => [r.ruleId, r.level, r.locations?.[0].physicalLocation?.artifactLocation?.uri]), [
        ['label.sequence', 'error', 'a%2Cb%3A%20c%25.reso'],
        ['syntax.revision', 'error', 'broken.reso'],
        ['footnote.undefined', 'error', 'broken.reso'],
      ]);
      for (const r of results) assert.equal(rules[r.ruleIndex ?? -1].id, r.ruleId);
      assert.deepEqual(results[1].locations?.[0].physicalLocation?.region, { startLine: 3, startColumn: 9, endLine: 3, endColumn: 12 });
      assert.equal(results[1].locations?.[0].physicalLocation?.artifactLocation?.uriBaseId, '%SRCROOT%');
      assert.match(run0.originalUriBaseIds?.['%SRCROOT%']?.uri ?? '', /^file:\/\/.*\/$/);
      // A clean run is a valid log with no results.
      const clean = JSON.parse(runIn({ cwd: folder }, 'check', '--format', 'sarif', 'clean.reso').out) as Log;
      assert.ok(validate(clean), JSON.stringify(validate.errors));
      assert.deepEqual(clean.runs[0].results, []);
    });

    it('the SARIF check can fail: the schema rejects a log without a tool name', () => {
      const validate = sarifValidator();
      assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), false);
      assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'reso' } }, results: [{ message: { text: 'x' }, level: 'loud' }] }] }), false);
    });

    it('github: a workflow command per problem, with file, line, column and the code as title, escaped', () => {
      const result = runIn({ cwd: folder }, 'check', '--format', 'github', 'broken.reso', 'a,b: c%.reso', 'clean.reso');
      assert.equal(result.code, 1);
      assert.equal(result.out, [
        '::error file=broken.reso,line=3,col=9,endLine=3,endColumn=12,title=reso syntax.revision::Revision mark `{++` is never closed; every `{++` needs its `++}`.',
        '::error file=broken.reso,line=4,col=8,endLine=4,endColumn=12,title=reso footnote.undefined::Footnote [^9] has no definition; every marker needs a line `[^9]: …`.',
        '::error file=a%2Cb%3A c%25.reso,line=4,col=1,endLine=4,endColumn=3,title=reso label.sequence::Label c) is out of sequence (gap); labels follow each other: expected b), found c).',
        '',
      ].join('\n'));
      const warning = runIn({ stdin: ENDING_WARNING }, 'check', '--format', 'github', '-').out;
      assert.match(warning, /^::warning file=<stdin>,line=4,col=7,/);
    });
  });

  describe('fix', () => {
    it('rewrites the files, lists the problems it fixed, and exits 0 when no error remains', () => {
      const folder = project({ 'fixable.reso': FIXABLE, 'clean.reso': CLEAN });
      const result = runIn({ cwd: folder }, 'fix', '.');
      assert.equal(result.code, 0, result.err);
      assert.equal(readFileSync(join(folder, 'fixable.reso'), 'utf8'), FIXED);
      assert.equal(readFileSync(join(folder, 'clean.reso'), 'utf8'), CLEAN);
      assert.equal(result.out, [
        'fixable.reso',
        '  4:1  fixed  Label c) is out of sequence (gap); labels follow each other: expected b), found c).        label.sequence',
        '  4:7  fixed  This clause ends with `;`; the last clause of a section ends with `,` (a comma).           punctuation.ending',
        '  8:1  fixed  Label 2 is out of sequence (wrong start); labels follow each other: expected 1, found 2.   label.sequence',
        '  9:9  fixed  This clause ends with `,`; the last clause of the resolution ends with `.` (a full stop).  punctuation.ending',
        '',
        '✔ 4 problems fixed in 1 of 2 files; no problems remain',
        '',
      ].join('\n'));
      assert.equal(runIn({ cwd: folder }, 'check', '.').code, 0);
      const again = runIn({ cwd: folder }, 'fix', '.');
      assert.deepEqual([again.code, again.out], [0, '• nothing to fix in 2 files; no problems remain\n']);
    });

    it('exits 1 when errors remain, and lists them beside what it fixed', () => {
      const folder = project({ 'mixed.reso': '*recalling*\n\na) one;\nc) two[^9];\n', 'broken.reso': BROKEN });
      const result = runIn({ cwd: folder }, 'fix', 'mixed.reso', 'broken.reso');
      assert.equal(result.code, 1);
      assert.match(result.out, /^mixed\.reso\n {2}4:1 {3}fixed {2}Label c\) is out of sequence .+label\.sequence\n {2}4:7 {3}error {2}Footnote \[\^9\] has no definition.+\n {2}4:11 {2}fixed {2}This clause ends/);
      assert.match(result.out, /^ {2}\(nothing is fixed while a revision mark is broken\)$/m);
      assert.match(result.out, /✔ 2 problems fixed in 1 of 2 files; 3 problems remain \(3 errors, 0 warnings\)\n$/);
      assert.equal(readFileSync(join(folder, 'broken.reso'), 'utf8'), BROKEN);
      assert.equal(readFileSync(join(folder, 'mixed.reso'), 'utf8'), '*recalling*\n\na) one;\nb) two[^9].\n');
    });

    it('--dry-run prints a unified diff that git apply accepts, and writes nothing', () => {
      const folder = project({ 'sub/fixable.reso': FIXABLE });
      const result = runIn({ cwd: folder }, 'fix', '--dry-run', 'sub');
      assert.equal(result.code, 0);
      assert.equal(readFileSync(join(folder, 'sub', 'fixable.reso'), 'utf8'), FIXABLE);
      assert.match(result.out, /^--- a\/sub\/fixable\.reso\n\+\+\+ b\/sub\/fixable\.reso\n@@ -1,9 \+1,9 @@\n/);
      assert.match(result.out, /^-c\) two;\n\+b\) two,$/m);
      assert.match(result.err, /✔ 4 problems to fix in 1 of 1 file \(--dry-run: nothing written\); no problems remain\n$/);
      writeFileSync(join(folder, 'fix.patch'), result.out);
      execFileSync('git', ['apply', '--unsafe-paths', 'fix.patch'], { cwd: folder });
      assert.equal(readFileSync(join(folder, 'sub', 'fixable.reso'), 'utf8'), FIXED);
    });

    it('- fixes standard input to standard output, with the report on standard error', () => {
      const result = runIn({ stdin: FIXABLE }, 'fix', '-');
      assert.equal(result.code, 0);
      assert.equal(result.out, FIXED);
      assert.match(result.err, /^<stdin>\n {2}4:1 {2}fixed/);
      const broken = runIn({ stdin: BROKEN }, 'fix', '-');
      assert.deepEqual([broken.code, broken.out], [1, BROKEN]);
    });
  });

  describe('the other commands', () => {
    it('print the amended and original views', () => {
      const dt = join(ROOT, 'seeds', 'res130-busan-2014-dt67.reso');
      const amended = run('amended', dt);
      const original = run('original', dt);
      assert.equal(amended.code, 0);
      assert.match(amended.out, /^# RESOLUTION 130 \(REV\. BUSAN, 2014\)$/m);
      assert.match(original.out, /^# RESOLUTION 130 \(REV\. GUADALAJARA, 2010\)$/m);
      assert.doesNotMatch(amended.out, /\{\+\+|\{--/);
    });

    it('print the outline', () => {
      const result = runIn({ cwd: ROOT }, 'outline', 'seeds/res130-dubai-2018.reso');
      assert.equal(result.code, 0, result.err);
      assert.match(result.out, /^seeds\/res130-dubai-2018\.reso\n/);
      assert.match(result.out, /^ {4}recalling {2}\(preamble\) {2}\[line 7\]$/m);
      assert.match(result.out, /^ {6}q\) that ITU Council Resolution 1305/m);
    });
  });
});

function sarifValidator(): ReturnType<Ajv04['compile']> {
  // The OASIS SARIF 2.1.0 schema (draft-04) as @microsoft/jest-sarif ships it. One of its patterns
  // is not a valid Unicode regular expression, hence unicodeRegExp off.
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
