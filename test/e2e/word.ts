// Word files read by an independent consumer: LibreOffice. Both seeds are exported with the
// built `reso` command; LibreOffice converts each export to PDF and to .docx again, headless;
// pdftoppm renders the first page of each PDF (kept for the README); `reso import` reads
// LibreOffice's .docx back, and its amended and original views must be the seed's; and
// LibreOffice's Accept All and Reject All (over UNO) must leave the amended and original text.
//
//   npx tsx test/e2e/word.ts          (after npm run build and bash test/e2e/setup.sh)

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from '../../server/src/syntax';
import { viewsOf } from '../unit/interchangeHelpers';
import { E2E_DIR, REPO_ROOT, log } from './harness';
import type { Workbench } from './workbench';

/** Each seed, and the picture of its first page for the repository's README (the DT's). */
const SEEDS: ReadonlyArray<[file: string, picture: string | undefined]> = [
  ['res130-busan-2014-dt67.reso', 'word-dt67.png'],
  ['res130-dubai-2018.reso', undefined],
];

function run(command: string, args: string[], timeoutMs = 120_000): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${failure.message}\n${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
}

function firstDifference(expected: string[], actual: string[]): string {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) return `line ${i + 1}:\n  seed:        ${expected[i] ?? '(none)'}\n  LibreOffice: ${actual[i] ?? '(none)'}`;
  }
  return '';
}

const PROPOSAL_OR_TITLE = /^(?:\(MOD\)|MOD|ADD\*?|SUP\*?|NOC)\s|^RESOLUTION\b/;

/** The paragraphs of one view of a `.reso` from its proposal or title on, as plain text reads them. */
function viewParagraphs(source: string, view: 'amended' | 'original'): string[] {
  const parsed = parseDocument(source);
  let text = (view === 'amended' ? parsed.amended : parsed.original).text;
  text = text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/<!--[\s\S]*?-->/g, '');
  const lines = text
    .split('\n')
    .filter((line) => !/^\[\^[^\]\s]+\]:/.test(line))
    .map((line) => line.replace(/^#+\s*/, '').replace(/\[\^([^\]\s]+)\]/g, '$1').replace(/\*/g, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const first = lines.findIndex((line) => PROPOSAL_OR_TITLE.test(line));
  return lines.slice(Math.max(0, first));
}

/** The paragraphs LibreOffice leaves after accepting or rejecting every tracked change. */
function officeParagraphs(docx: string, mode: 'accept' | 'reject', work: string): string[] {
  const out = path.join(work, `${path.basename(docx, '.docx')}.${mode}.txt`);
  run('/usr/bin/python3', [path.join(E2E_DIR, 'lo_changes.py'), docx, mode, out, path.join(work, 'uno-profile')], 240_000);
  const lines = fs
    .readFileSync(out, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  const first = lines.findIndex((line) => PROPOSAL_OR_TITLE.test(line));
  return lines.slice(Math.max(0, first));
}

/** Runs the whole proof; returns one summary line per seed, throws on the first mismatch. */
export function wordThroughLibreOffice(): string[] {
  const cli = path.join(REPO_ROOT, 'server', 'out', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reso-word-'));
  const profile = `file://${path.join(work, 'lo-profile')}`;
  const summary: string[] = [];
  try {
    for (const [seed, picture] of SEEDS) {
      const name = path.basename(seed, '.reso');
      const exported = path.join(work, `${name}.docx`);
      const started = Date.now();
      run(process.execPath, [cli, 'export', '--to', 'docx', path.join(REPO_ROOT, 'seeds', seed), '-o', exported]);
      const exportMs = Date.now() - started;
      const pdfDir = path.join(work, 'pdf');
      const docxDir = path.join(work, 'docx');
      run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, exported], 180_000);
      run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', docxDir, exported], 180_000);
      const pdf = path.join(pdfDir, `${name}.pdf`);
      const again = path.join(docxDir, `${name}.docx`);
      if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${seed}`);
      if (!fs.existsSync(again)) throw new Error(`LibreOffice wrote no .docx for ${seed}`);
      const text = run('pdftotext', ['-l', '1', pdf, '-']);
      if (!/RESOLUTION 130/.test(text)) throw new Error(`the first PDF page of ${seed} does not show its title:\n${text.slice(0, 400)}`);
      // The first page, small, for the README.
      const prefix = path.join(work, name);
      run('pdftoppm', ['-png', '-f', '1', '-l', '1', '-scale-to', '640', pdf, prefix]);
      const rendered = fs.readdirSync(work).find((file) => file.startsWith(`${name}-`) && file.endsWith('.png'));
      if (!rendered) throw new Error(`pdftoppm rendered no page for ${seed}`);
      if (picture) fs.copyFileSync(path.join(work, rendered), path.join(E2E_DIR, 'readme', 'repository', picture));
      const importDir = path.join(work, `${name}-imported`);
      run(process.execPath, [cli, 'import', again, '-o', importDir]);
      const made = fs.readdirSync(importDir);
      if (made.length !== 1) throw new Error(`reso import of LibreOffice's ${name}.docx made ${made.length} files (${made.join(', ')}), not one`);
      const imported = path.join(importDir, made[0]);
      const before = viewsOf(fs.readFileSync(path.join(REPO_ROOT, 'seeds', seed), 'utf8'));
      const after = viewsOf(fs.readFileSync(imported, 'utf8'));
      for (const view of ['amended', 'original'] as const) {
        const difference = firstDifference(before[view], after[view]);
        if (difference) throw new Error(`${seed}: the ${view} view of LibreOffice's .docx differs from the seed's at ${difference}`);
      }
      // Accept All and Reject All in LibreOffice leave the amended and the original text.
      const source = fs.readFileSync(path.join(REPO_ROOT, 'seeds', seed), 'utf8');
      for (const [mode, view] of [['accept', 'amended'], ['reject', 'original']] as const) {
        const difference = firstDifference(viewParagraphs(source, view), officeParagraphs(exported, mode, work));
        if (difference) throw new Error(`${seed}: LibreOffice's ${mode === 'accept' ? 'Accept' : 'Reject'} All differs from the ${view} view at paragraph ${difference}`);
      }
      summary.push(`${seed}: LibreOffice's Accept All and Reject All give the amended and the original text, paragraph for paragraph`);
      summary.push(`${seed}: exported in ${exportMs} ms; LibreOffice's PDF and .docx read back with the same amended (${before.amended.length} lines) and original (${before.original.length} lines) structure; page 1 rendered${picture ? ` to test/e2e/readme/repository/${picture}` : ''}`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return summary;
}

/** Waits until `file` exists, checking on each change of its folder, up to `timeoutMs`. */
function waitForFile(file: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (fs.existsSync(file)) return resolve();
    const watcher = fs.watch(path.dirname(file), () => {
      if (!fs.existsSync(file)) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`${path.basename(file)} was not written within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
}

/**
 * The editor commands: *Resolution: Export to Word* from the palette writes the .docx beside
 * the open file; *Import Word document* from the Explorer's context menu on a .docx writes the
 * .reso beside it and opens it.
 */
export async function wordCommands(wb: Workbench, workspace: string, seed: string): Promise<void> {
  const exported = path.join(workspace, seed.replace(/\.reso$/, '.docx'));
  fs.rmSync(exported, { force: true });
  await wb.openFromExplorer(seed);
  // The extension's status item shows once its client runs: its commands are registered then.
  await wb.page.locator('.statusbar-item').filter({ hasText: /Resolution 130 .* · / }).first().waitFor({ timeout: 60_000 });
  await wb.runCommand('Resolution: Export to Word');
  await waitForFile(exported, 60_000);
  log(`the palette command wrote ${path.basename(exported)} (${fs.statSync(exported).size} bytes)`);
  const copy = path.join(workspace, 'from-word.docx');
  fs.copyFileSync(exported, copy);
  const row = wb.page.locator('.explorer-folders-view .monaco-list-row[aria-label="from-word.docx"]').first();
  await row.waitFor({ timeout: 30_000 });
  await row.click({ button: 'right' });
  const item = wb.page.locator('.context-view .monaco-menu .action-item', { hasText: 'Import Word document' }).first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  // A click that lands while the menu is still settling leaves it open: then choose the item by keyboard.
  const menu = wb.page.locator('.context-view .monaco-menu');
  const closed = await menu.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false);
  if (!closed) {
    await item.hover();
    await wb.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  await wb.waitForActiveTab('from-word.reso', 60_000);
  await wb.waitForEditorText(/RESOLUTION 130/, 30_000);
  const before = viewsOf(fs.readFileSync(path.join(workspace, seed), 'utf8'));
  const after = viewsOf(fs.readFileSync(path.join(workspace, 'from-word.reso'), 'utf8'));
  const difference = firstDifference(before.amended, after.amended);
  if (difference) throw new Error(`the imported file differs from ${seed} at ${difference}`);
  log('the Explorer command imported from-word.docx as from-word.reso, with the seed\'s structure, and opened it');
}

if (require.main === module) {
  try {
    for (const line of wordThroughLibreOffice()) process.stdout.write(`${line}\n`);
    process.stdout.write('1 passed, 0 failed\n');
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exitCode = 1;
  }
}
