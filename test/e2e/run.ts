// End-to-end scenario: the packaged extension in a real VS Code (code-server) driven in Chromium.
//
//   npx tsx test/e2e/run.ts [--vsix PATH] [--seeds DIR] [--only a,b] [--skip a,b] [--list] [--smoke] [--keep]
//
// Needs `bash test/e2e/setup.sh` first and a .vsix (default: resolution-drafter.vsix at the
// repository root, made by `npm run package`). `--smoke` checks the harness itself with a
// throwaway language-only extension and VS Code's built-in TypeScript support instead.
// Steps are named functions; `--only` (or E2E_ONLY) runs a subset, with the steps they need.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2E_DIR, Harness, REPO_ROOT, log, timed, withTimeout } from './harness';
import { DRAFTING_STEPS } from './drafting';
import { exportAknStep, importAknStep } from './interchange';
import { REVIEW_STEPS, reviewFiles } from './review';
import { SMOKE_FILES, buildSmokeVsix } from './smoke';
import { Workbench, type Problem, type TreeRow } from './workbench';
import { wordCommands, wordThroughLibreOffice } from './word';

const SEED_2018 = 'res130-dubai-2018.reso';
const SEED_DT = 'res130-busan-2014-dt67.reso';
const CITING = 'citing-res130.reso';
const SCREENSHOTS = path.join(E2E_DIR, 'screenshots');

interface Context {
  wb: Workbench;
  harness: Harness;
  /** Values one step leaves for the steps that need it. */
  state: Map<string, unknown>;
  shot(name: string): Promise<void>;
}

interface Step {
  name: string;
  /** Steps that must have passed before this one (added automatically to a subset). */
  needs: string[];
  run(ctx: Context): Promise<void>;
  /** Upper bound for the whole step, in ms. */
  timeoutMs?: number;
}

class StepFailure extends Error {}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StepFailure(message);
}

function formatRows(rows: TreeRow[]): string {
  return rows.map((row) => `${'  '.repeat(row.level - 1)}${row.label}`).join('\n');
}

function requireSeed(ctx: Context, name: string): void {
  check(
    fs.existsSync(path.join(ctx.harness.workspace, name)),
    `seeds/${name} is missing from the repository (the workspace is a copy of seeds/*.reso)`,
  );
}

// ====================================================================== steps: the extension

async function openWorkbench(ctx: Context): Promise<void> {
  const [, seconds] = await timed(() => ctx.wb.load(ctx.harness.url));
  ctx.state.set('workbenchSeconds', seconds);
  log(`workbench loaded in ${seconds.toFixed(1)} s`);
  await ctx.shot('workbench');
}

async function openSeedFromExplorer(ctx: Context): Promise<void> {
  requireSeed(ctx, SEED_2018);
  await ctx.wb.openFromExplorer(SEED_2018);
  await ctx.wb.waitForEditorText(/RESOLUTION 130/i);
  await ctx.wb.waitForStatusBarLanguage('Resolution');
  log(`status bar language: ${await ctx.wb.statusBarLanguage()}`);
  await ctx.shot('seed-open');
}

async function outline(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(SEED_2018);
  await ctx.wb.openOutline();
  await ctx.wb.waitForOutlineRow(/considering/i, 30_000);
  const rows = await ctx.wb.outlineRows();
  log(`outline (rows in view):\n${formatRows(rows.slice(0, 30))}`);
  await ctx.shot('outline');
  const resolution = rows.find((row) => /RESOLUTION 130/i.test(row.label));
  check(resolution !== undefined, 'no outline row for RESOLUTION 130');
  const considering = rows.find((row) => /^\W*considering\b/i.test(row.label));
  check(considering !== undefined, 'no outline row for the "considering" section');
  check(considering.level > resolution.level, 'the "considering" section is not under the resolution');
  const index = rows.indexOf(considering);
  const clause = rows[index + 1];
  check(
    clause !== undefined && clause.level > considering.level,
    'no clause row under the "considering" section',
  );
}

/** Line numbers of the labelled clauses in the first section whose heading matches `heading`. */
function sectionClauses(text: string, heading: RegExp): Array<{ line: number; label: string }> {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return [];
  const clauses: Array<{ line: number; label: string }> = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // The section ends at the next heading: a one-line paragraph in italics or in plain words.
    if (/^\*[a-z][^*]*\*\s*$/.test(line) || /^#/.test(line)) break;
    if (/^[a-z][a-z ]+$/.test(line.trim()) && !/[;,.:]$/.test(line.trim()) && clauses.length > 0) break;
    const match = line.match(/^(?:\{[-+~]{2})?([a-z]{1,2})\)\s/);
    if (match?.[1]) clauses.push({ line: i + 1, label: match[1] });
  }
  return clauses;
}

const CONSIDERING = /^\s*\*?considering\*?\s*$/i;
const INSERTED = 'b) that a clause inserted by the end-to-end test still reads as a preamble clause;';

async function insertClause(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(SEED_2018);
  const before = await ctx.wb.editorText(SEED_2018);
  const clauses = sectionClauses(before, CONSIDERING);
  check(clauses.length >= 2, `expected at least two labelled clauses under "considering", found ${clauses.length}`);
  const second = clauses[1];
  check(second !== undefined, 'no second clause');
  const secondText = before.split(/\r?\n/)[second.line - 1] ?? '';
  ctx.state.set('movedClause', secondText.replace(/^[a-z]{1,2}\)\s+/, '').slice(0, 40));
  // New clause `b)` right before the current `b)`: the labels are no longer consecutive. Inserted
  // as one text input: typed key by key, the extension's label-on-Enter would add its own label.
  await ctx.wb.insertLineAfter(second.line - 1, INSERTED);
  const after = (await ctx.wb.editorText(SEED_2018)).split(/\r?\n/);
  const lines = before.split(/\r?\n/);
  check(after[second.line - 1] === INSERTED, `line ${second.line} reads ${JSON.stringify(after[second.line - 1])}`);
  check(
    after[second.line - 2] === lines[second.line - 2] && after[second.line] === lines[second.line - 1],
    'the lines around the typed clause changed',
  );
  ctx.state.set('clauseCount', clauses.length + 1);
  await ctx.shot('clause-inserted');
}

async function problemsShowSequence(ctx: Context): Promise<void> {
  await ctx.wb.openProblems();
  const problem = await ctx.wb.waitForProblem(/label\.sequence/, { file: SEED_2018, timeout: 30_000 });
  log(`problem: ${problem.label} [${problem.text}]`);
  const all = await ctx.wb.problems();
  log(`problems panel:\n  ${all.map((p) => `${p.file}:${p.line}:${p.column} ${p.text}`).join('\n  ')}`);
  ctx.state.set('sequenceProblem', problem);
  await ctx.shot('problems-label-sequence');
}

async function renumberQuickFix(ctx: Context): Promise<void> {
  const problem = ctx.state.get('sequenceProblem') as Problem | undefined;
  check(problem !== undefined && problem.line > 0, 'no label.sequence problem recorded');
  await ctx.wb.openFromExplorer(SEED_2018);
  await ctx.wb.gotoLine(problem.line, problem.column);
  const chosen = await ctx.wb.quickFix(/Renumber/i, 30_000);
  log(`quick fix chosen: ${chosen}`);
  // The clause that was `b)` before the insertion becomes `c)`.
  const moved = ctx.state.get('movedClause');
  if (typeof moved === 'string') await ctx.wb.waitForEditorText(`c) ${moved}`);
  const text = await ctx.wb.editorText(SEED_2018);
  const labels = sectionClauses(text, CONSIDERING).map((clause) => clause.label);
  log(`labels under "considering": ${labels.join(' ')}`);
  const expected = labels.map((_, i) => String.fromCharCode('a'.charCodeAt(0) + i));
  check(labels.join(' ') === expected.join(' '), `labels not consecutive: ${labels.join(' ')}`);
  const count = ctx.state.get('clauseCount');
  check(count === undefined || labels.length === count, `expected ${String(count)} clauses, found ${labels.length}`);
  await ctx.wb.waitForNoProblem(/label\.sequence/, { file: SEED_2018, timeout: 30_000 });
  await ctx.shot('renumbered');
}

async function hoverCitation(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(SEED_2018);
  const at = ctx.wb.positionInFile(SEED_2018, 'Resolution 174 (Rev. Busan, 2014)');
  const hover = await ctx.wb.hoverAt({ line: at.line, column: at.column + 3 }, 30_000);
  log(`hover: ${hover.replace(/\s+/g, ' ').slice(0, 300)}`);
  await ctx.shot('hover-res174');
  check(/174/.test(hover) && /resolution/i.test(hover), `the hover does not mention Resolution 174: ${hover}`);
}

async function definitionAcrossFiles(ctx: Context): Promise<void> {
  requireSeed(ctx, SEED_2018);
  await ctx.wb.openFromExplorer(CITING);
  const at = ctx.wb.positionInFile(CITING, 'Resolution 130 (Rev. Dubai, 2018)');
  await ctx.wb.gotoLine(at.line, at.column + 3);
  const title = await ctx.wb.goToDefinition(SEED_2018, 30_000);
  log(`F12 landed in: ${title}`);
  await ctx.shot('definition-res130');
}

/** "Resolution: Insert clause after" on `resolves` 1: a new `2` with the cursor in it, what follows renumbered. */
async function insertClauseCommand(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(SEED_2018);
  const before = (await ctx.wb.editorText(SEED_2018)).split(/\r?\n/);
  const line = before.findIndex((l) => l.startsWith('1 to continue to give this work high priority')) + 1;
  check(line > 0, 'no "resolves" clause 1 in the seed');
  check(before.some((l) => l.includes('consistent with *resolves* 5;')), 'the seed has no "*resolves* 5" reference');
  await ctx.wb.gotoLine(line, 3);
  await ctx.wb.runCommand('Resolution: Insert clause after');
  await ctx.wb.waitForCursor(line + 1, 3);
  await ctx.wb.page.keyboard.type('to act on a clause inserted by the command;');
  const after = (await ctx.wb.editorText(SEED_2018)).split(/\r?\n/);
  check(after[line] === '2 to act on a clause inserted by the command;', `line ${line + 1} reads ${JSON.stringify(after[line])}`);
  check((after[line + 1] ?? '').startsWith('3 to give high priority'), `line ${line + 2} reads ${JSON.stringify(after[line + 1])}`);
  check(after.some((l) => l.includes('consistent with *resolves* 6;')), 'the reference to resolves 5 did not follow its clause');
  ctx.state.set('commandClauseLine', line + 1);
  await ctx.shot('insert-clause-command');
}

/** Enter at the end of a clause starts the next clause with its label. */
async function labelOnEnter(ctx: Context): Promise<void> {
  const line = ctx.state.get('commandClauseLine');
  check(typeof line === 'number', 'the insert-command step left no clause to continue');
  await ctx.wb.openFromExplorer(SEED_2018);
  await ctx.wb.gotoLineEnd(line);
  await ctx.wb.page.keyboard.press('Enter');
  // The server's on-type edit puts `3 ` on the new line and the cursor after it; type only then.
  await ctx.wb.waitForCursor(line + 1, 3);
  await ctx.wb.page.keyboard.type('to act on a clause typed after Enter;');
  await ctx.wb.page.keyboard.press('Escape');
  const after = (await ctx.wb.editorText(SEED_2018)).split(/\r?\n/);
  check(after[line] === '3 to act on a clause typed after Enter;', `line ${line + 1} reads ${JSON.stringify(after[line])}`);
  await ctx.shot('label-on-enter');
}

async function statusBar(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(SEED_2018);
  const item = ctx.wb.page.locator('.statusbar-item').filter({ hasText: /Resolution 130 \(Rev\. Dubai, 2018\) · no revision marks/ });
  await item.first().waitFor({ timeout: 30_000 });
  log(`status bar: ${(await item.first().innerText()).trim()}`);
  await ctx.wb.openFromExplorer(SEED_DT);
  const marks = ctx.wb.page.locator('.statusbar-item').filter({ hasText: /Resolution 130 \(Rev\. Busan, 2014\) · \d+ revision marks/ });
  await marks.first().waitFor({ timeout: 30_000 });
  log(`status bar: ${(await marks.first().innerText()).trim()}`);
  await ctx.shot('status-bar');
}

/** The amended view opens beside the DT, without marks, and follows what is typed in the DT. */
async function amendedView(ctx: Context): Promise<void> {
  requireSeed(ctx, SEED_DT);
  await ctx.wb.openFromExplorer(SEED_DT);
  await ctx.wb.runCommand('Resolution: Show amended view');
  const view = ctx.wb.page.locator('.editor-group-container:not(.active) .view-lines');
  await view.filter({ hasText: /RESOLUTION\s130\s\(REV\.\sBUSAN,\s2014\)/ }).first().waitFor({ timeout: 30_000 });
  check((await view.filter({ hasText: /\{\+\+|\{--/ }).count()) === 0, 'the amended view shows revision marks');
  await ctx.shot('amended-view');
  const title = ctx.wb.positionInFile(SEED_DT, /^# RESOLUTION 130/m);
  await ctx.wb.insertLineAfter(title.line, '<!-- typed while the view is open -->');
  await view.filter({ hasText: /typed\swhile\sthe\sview\sis\sopen/ }).first().waitFor({ timeout: 30_000 });
  log('the amended view followed the edit');
  await ctx.wb.runCommand('View: Close Editors in Other Groups');
  await ctx.wb.runCommand('File: Revert File');
}

async function acceptAllChanges(ctx: Context): Promise<void> {
  requireSeed(ctx, SEED_DT);
  await ctx.wb.openFromExplorer(SEED_DT);
  const before = await ctx.wb.editorText(SEED_DT);
  check(/\{\+\+|\{--/.test(before), `${SEED_DT} has no revision marks to accept`);
  await ctx.shot('dt-before-accept');
  await ctx.wb.runCommand('Resolution: Accept all changes');
  // The marks near the top are in view: wait until they are gone from the screen, then check all.
  await ctx.wb.activeEditor().locator('.view-lines').filter({ hasNotText: /\{\+\+|\{--/ }).waitFor({ timeout: 30_000 });
  const after = await ctx.wb.editorText(SEED_DT);
  check(!/\{\+\+|\{--/.test(after), 'revision marks remain after "Accept all changes"');
  await ctx.shot('dt-accepted');
}

// ====================================================================== steps: harness check (--smoke)

async function smokeOpenReso(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(CITING);
  await ctx.wb.waitForEditorText('DRAFT NEW RESOLUTION');
  await ctx.wb.waitForStatusBarLanguage('Resolution');
  log(`status bar language: ${await ctx.wb.statusBarLanguage()}`);
  await ctx.shot('smoke-reso-open');
}

async function smokePalette(ctx: Context): Promise<void> {
  await ctx.wb.runCommand('File: New Untitled Text File');
  await ctx.wb.waitForActiveTab('Untitled-1');
  await ctx.wb.runCommand('View: Close Editor');
  await ctx.wb.page.locator('.tab[data-resource-name="Untitled-1"]').waitFor({ state: 'detached', timeout: ctx.wb.timeout });
}

async function smokeTypeAndRead(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer(CITING);
  const at = ctx.wb.positionInFile(CITING, 'Resolution 130 (Rev. Dubai, 2018)');
  const added = 'Resolution 179 (Rev. Dubai, 2018) of this conference,';
  await ctx.wb.typeAtLine(at.line, added);
  const lines = (await ctx.wb.editorText(CITING)).split('\n');
  check(lines[at.line] === added, `line ${at.line + 1} reads ${JSON.stringify(lines[at.line])}`);
  await ctx.shot('smoke-typed');
}

async function smokeProblems(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer('smoke/main.ts');
  await ctx.wb.openProblems();
  const problem = await ctx.wb.waitForProblem(/Cannot find name 'consol'/, { file: 'main.ts', timeout: 60_000 });
  log(`problem: ${problem.file}:${problem.line}:${problem.column} ${problem.text}`);
  check(problem.line === 4 && problem.column === 1, 'the problem is not at line 4, column 1');
  await ctx.shot('smoke-problems');
}

async function smokeOutline(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer('smoke/greeting.ts');
  await ctx.wb.openOutline();
  await ctx.wb.waitForOutlineRow('Greeter', 30_000);
  const rows = await ctx.wb.outlineRows();
  log(`outline:\n${formatRows(rows)}`);
  const greeter = rows.find((row) => row.label.startsWith('Greeter'));
  check(greeter !== undefined, 'no Greeter row');
  check(
    rows.some((row) => row.label.startsWith('greet') && row.level === greeter.level + 1),
    'no greet method under Greeter',
  );
  await ctx.shot('smoke-outline');
}

async function smokeHover(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer('smoke/main.ts');
  const at = ctx.wb.positionInFile('smoke/main.ts', 'greet(');
  const hover = await ctx.wb.hoverAt({ line: at.line, column: at.column + 1 }, 60_000);
  log(`hover: ${hover.replace(/\s+/g, ' ')}`);
  check(hover.includes('greet(name: string): string'), `unexpected hover: ${hover}`);
  const mouse = await ctx.wb.mouseHoverAt({ line: at.line, column: at.column + 1 }, 30_000);
  check(mouse.includes('greet(name: string)'), `unexpected mouse hover: ${mouse}`);
  await ctx.shot('smoke-hover');
  await ctx.wb.page.keyboard.press('Escape');
}

async function smokeDefinition(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer('smoke/main.ts');
  const at = ctx.wb.positionInFile('smoke/main.ts', 'greet(');
  await ctx.wb.gotoLine(at.line, at.column + 1);
  const title = await ctx.wb.goToDefinition('greeting.ts', 30_000);
  log(`F12 landed in: ${title}`);
  await ctx.shot('smoke-definition');
}

async function smokeQuickFix(ctx: Context): Promise<void> {
  await ctx.wb.openFromExplorer('smoke/main.ts');
  const at = ctx.wb.positionInFile('smoke/main.ts', 'consol.');
  await ctx.wb.gotoLine(at.line, at.column + 1);
  const chosen = await ctx.wb.quickFix(/Change spelling to 'console'/, 30_000);
  log(`quick fix chosen: ${chosen}`);
  await ctx.wb.waitForEditorText('console.log(message)');
  const text = await ctx.wb.editorText('smoke/main.ts');
  check(text.includes('console.log(message);'), `the fix was not applied:\n${text}`);
  await ctx.shot('smoke-quickfix');
}

// ====================================================================== scenarios

const SCENARIO: Step[] = [
  { name: 'workbench', needs: [], run: openWorkbench, timeoutMs: 120_000 },
  { name: 'open-seed', needs: ['workbench'], run: openSeedFromExplorer },
  { name: 'outline', needs: ['open-seed'], run: outline },
  { name: 'insert-clause', needs: ['open-seed'], run: insertClause },
  { name: 'problems', needs: ['insert-clause'], run: problemsShowSequence },
  { name: 'renumber', needs: ['problems'], run: renumberQuickFix },
  { name: 'hover', needs: ['open-seed'], run: hoverCitation },
  { name: 'definition', needs: ['workbench'], run: definitionAcrossFiles },
  { name: 'insert-command', needs: ['open-seed'], run: insertClauseCommand },
  { name: 'enter-label', needs: ['insert-command'], run: labelOnEnter },
  { name: 'status-bar', needs: ['workbench'], run: statusBar },
  { name: 'amended-view', needs: ['workbench'], run: amendedView },
  { name: 'accept-changes', needs: ['workbench'], run: acceptAllChanges },
  { name: 'export-akn', needs: ['open-seed'], run: async (ctx) => log(`Akoma Ntoso written: ${await exportAknStep(ctx.wb, SEED_2018)}`) },
  { name: 'import-akn', needs: ['workbench'], run: async (ctx) => {
    log(`imported: ${await importAknStep(ctx.wb, path.join(REPO_ROOT, 'test', 'fixtures', 'akn', 'res_2.xml'))}`);
    await ctx.shot('import-akn');
  } },
  ...DRAFTING_STEPS,
  ...REVIEW_STEPS,
  { name: 'word-commands', needs: ['workbench'], run: async (ctx) => { await wordCommands(ctx.wb, ctx.harness.workspace, SEED_2018); await ctx.shot('word-import'); } },
  { name: 'word-libreoffice', needs: [], run: async () => { for (const line of wordThroughLibreOffice()) log(line); }, timeoutMs: 300_000 },
];

const SMOKE_SCENARIO: Step[] = [
  { name: 'workbench', needs: [], run: openWorkbench, timeoutMs: 120_000 },
  { name: 'open-reso', needs: ['workbench'], run: smokeOpenReso },
  { name: 'palette', needs: ['workbench'], run: smokePalette },
  { name: 'type-and-read', needs: ['open-reso'], run: smokeTypeAndRead },
  { name: 'ts-problems', needs: ['workbench'], run: smokeProblems, timeoutMs: 120_000 },
  { name: 'ts-outline', needs: ['workbench'], run: smokeOutline },
  { name: 'ts-hover', needs: ['ts-problems'], run: smokeHover },
  { name: 'ts-definition', needs: ['ts-problems'], run: smokeDefinition },
  { name: 'ts-quickfix', needs: ['ts-problems'], run: smokeQuickFix },
];

// ====================================================================== runner

interface Options {
  vsix: string;
  seeds: string;
  only: string[];
  skip: string[];
  smoke: boolean;
  keep: boolean;
  list: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    vsix: process.env.E2E_VSIX ?? path.join(REPO_ROOT, 'resolution-drafter.vsix'),
    seeds: process.env.E2E_SEEDS ?? path.join(REPO_ROOT, 'seeds'),
    only: (process.env.E2E_ONLY ?? '').split(',').filter(Boolean),
    skip: (process.env.E2E_SKIP ?? '').split(',').filter(Boolean),
    smoke: process.env.E2E_SMOKE === '1',
    keep: process.env.E2E_KEEP === '1',
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '--vsix':
        options.vsix = path.resolve(inline ?? value());
        break;
      case '--seeds':
        options.seeds = path.resolve(inline ?? value());
        break;
      case '--only':
        options.only = (inline ?? value()).split(',').filter(Boolean);
        break;
      case '--skip':
        options.skip = (inline ?? value()).split(',').filter(Boolean);
        break;
      case '--smoke':
        options.smoke = true;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--list':
        options.list = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          'usage: tsx test/e2e/run.ts [--vsix PATH] [--seeds DIR] [--only a,b] [--skip a,b] [--list] [--smoke] [--keep]\n' +
            '  env: E2E_VSIX, E2E_SEEDS, E2E_ONLY, E2E_SKIP, E2E_SMOKE=1, E2E_KEEP=1\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg} (try --help)`);
    }
  }
  return options;
}

/** The steps to run, in scenario order: the selected ones and everything they need. */
function selectSteps(scenario: Step[], only: string[], skip: string[]): Step[] {
  const byName = new Map(scenario.map((step) => [step.name, step]));
  for (const name of [...only, ...skip]) {
    if (!byName.has(name)) throw new Error(`unknown step "${name}"; steps: ${scenario.map((s) => s.name).join(', ')}`);
  }
  const wanted = new Set<string>();
  const add = (name: string): void => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const need of byName.get(name)?.needs ?? []) add(need);
  };
  for (const step of scenario) if (only.length === 0 || only.includes(step.name)) add(step.name);
  return scenario.filter((step) => wanted.has(step.name) && !skip.includes(step.name));
}

function seedFiles(seeds: string): Array<[string, string]> {
  const files: Array<[string, string]> = fs.existsSync(seeds)
    ? fs
        .readdirSync(seeds)
        .filter((name) => name.endsWith('.reso'))
        .map((name) => [path.join(seeds, name), name])
    : [];
  files.push([path.join(E2E_DIR, 'fixtures', CITING), CITING]);
  files.push(...reviewFiles(seeds));
  return files;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const scenario = options.smoke ? SMOKE_SCENARIO : SCENARIO;
  if (options.list) {
    for (const step of scenario) process.stdout.write(`${step.name}${step.needs.length ? `  (needs ${step.needs.join(', ')})` : ''}\n`);
    return 0;
  }
  const steps = selectSteps(scenario, options.only, options.skip);
  const started = process.hrtime.bigint();
  const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;

  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  const harness = new Harness({ vsix: options.vsix, files: seedFiles(options.seeds), keepTemp: options.keep });
  // Files generated for --smoke live in the run's temp folder, removed with it.
  const scratch = path.join(harness.tempRoot, 'smoke-source');
  if (options.smoke) {
    const files = harness.options.files.filter(([, name]) => name === CITING);
    for (const [name, content] of SMOKE_FILES) {
      const file = path.join(scratch, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      files.push([file, name]);
    }
    harness.options.files = files;
  }
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) return;
    interrupted = signal;
    log(`${signal}: stopping`);
    process.exitCode = signal === 'SIGINT' ? 130 : 143;
    // Stopping the browser makes the current step fail at once; the run then reports and exits.
    // Should it hang anyway, exit after the cleanup and a grace period.
    void withTimeout(harness.cleanup(), 15_000, 'cleanup')
      .catch(() => harness.killNow())
      .finally(() => setTimeout(() => process.exit(), 10_000));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', () => harness.killNow());

  const results: Array<{ name: string; status: 'passed' | 'failed' | 'skipped'; seconds: number; error?: string }> = [];
  const timings: string[] = [];
  try {
    harness.prepare();
    if (options.smoke) {
      const [vsix, seconds] = await timed(() => buildSmokeVsix(scratch));
      timings.push(`package throwaway extension ${seconds.toFixed(1)} s`);
      harness.options.vsix = vsix;
    }
    const [installed, installSeconds] = await timed(() => harness.installExtension());
    log(`installed ${installed}`);
    timings.push(`install extension ${installSeconds.toFixed(1)} s`);
    const [, serverSeconds] = await timed(() => harness.startCodeServer());
    log(`code-server on 127.0.0.1:${harness.port}`);
    timings.push(`start code-server ${serverSeconds.toFixed(1)} s`);
    const [page, browserSeconds] = await timed(() => harness.launchBrowser());
    timings.push(`start chromium ${browserSeconds.toFixed(1)} s`);

    const wb = new Workbench(page, harness.workspace, 20_000, SCREENSHOTS);
    let shotCount = 0;
    const ctx: Context = {
      wb,
      harness,
      state: new Map(),
      shot: async (name) => {
        shotCount++;
        await wb.screenshot(`${String(shotCount).padStart(2, '0')}-${name}`);
      },
    };
    const scenarioStart = process.hrtime.bigint();
    const passed = new Set<string>();
    for (const step of steps) {
      if (interrupted) break;
      const missing = step.needs.filter((need) => !passed.has(need));
      if (missing.length > 0) {
        results.push({ name: step.name, status: 'skipped', seconds: 0, error: `needs ${missing.join(', ')}` });
        log(`SKIP ${step.name}: needs ${missing.join(', ')}`);
        continue;
      }
      log(`---- ${step.name}`);
      try {
        const [, seconds] = await timed(() => withTimeout(step.run(ctx), step.timeoutMs ?? 90_000, `step ${step.name}`));
        passed.add(step.name);
        results.push({ name: step.name, status: 'passed', seconds });
        log(`PASS ${step.name} (${seconds.toFixed(1)} s)`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({ name: step.name, status: 'failed', seconds: 0, error: message });
        log(`FAIL ${step.name}: ${message.split('\n').slice(0, 8).join('\n    ')}`);
        await wb.screenshot(`FAIL-${step.name}`).catch(() => undefined);
        // Leave no menu or widget open for the next step.
        await page.keyboard.press('Escape').catch(() => undefined);
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }
    const workbenchSeconds = ctx.state.get('workbenchSeconds');
    if (typeof workbenchSeconds === 'number') timings.push(`workbench load ${workbenchSeconds.toFixed(1)} s`);
    timings.push(`scenario ${(Number(process.hrtime.bigint() - scenarioStart) / 1e9).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name: 'harness', status: 'failed', seconds: 0, error: message });
    log(`FAIL harness: ${message}`);
    log(`code-server log: ${harness.codeServerLog()}`);
  } finally {
    const leftovers = await withTimeout(harness.cleanup(), 30_000, 'cleanup').catch((error: unknown) => {
      harness.killNow();
      return [String(error)];
    });
    for (const leftover of leftovers) {
      results.push({ name: 'cleanup', status: 'failed', seconds: 0, error: leftover });
      log(`FAIL cleanup: ${leftover}`);
    }
    if (options.keep) log(`kept ${harness.tempRoot}`);
  }

  timings.push(`total ${elapsed().toFixed(1)} s`);
  log(`timings: ${timings.join(', ')}`);
  log(`screenshots: ${path.relative(REPO_ROOT, SCREENSHOTS)}/`);
  for (const result of results) {
    if (result.status !== 'passed') process.stdout.write(`  ${result.status} ${result.name}: ${(result.error ?? '').split('\n')[0]}\n`);
  }
  const count = (status: string): number => results.filter((result) => result.status === status).length;
  const skipped = count('skipped');
  process.stdout.write(`${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  if (interrupted) return interrupted === 'SIGINT' ? 130 : 143;
  return count('failed') > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`e2e: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
