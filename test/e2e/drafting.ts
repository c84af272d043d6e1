// End-to-end steps for drafting a proposal: New proposal… makes a MOD of Resolution 130 with
// track changes on; typing and deleting write revision marks; Undo takes an edit back with its
// marks; Compare with… turns the DT's text into the 2018 text as a MOD.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { log } from './harness';
import type { Workbench } from './workbench';

const SEED_2018 = 'res130-dubai-2018.reso';
const SEED_DT = 'res130-busan-2014-dt67.reso';

export interface DraftingContext {
  wb: Workbench;
  state: Map<string, unknown>;
  shot(name: string): Promise<void>;
}

export interface DraftingStep {
  name: string;
  needs: string[];
  run(ctx: DraftingContext): Promise<void>;
  timeoutMs?: number;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for text as the editor renders it: any white space where the text has a space. */
function rendered(text: string): RegExp {
  return new RegExp(escape(text).replace(/ /g, '\\s'));
}

async function paletteRun(wb: Workbench, title: string): Promise<void> {
  await wb.page.keyboard.press('F1');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: wb.timeout });
  const rows = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const row = rows.filter({ hasText: new RegExp(`^\\s*${escape(title)}`) }).first();
  // The palette can drop what is typed while it is still filling its list: type again if so.
  for (let attempt = 1; ; attempt++) {
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt < 4) continue;
      throw new Error(`command "${title}" not in the palette (typed ${JSON.stringify(await input.inputValue())}, offered: ${JSON.stringify((await rows.allInnerTexts()).slice(0, 5))})`, { cause: error });
    }
  }
  await wb.page.keyboard.press('Enter');
}

/** In the quick pick the command opened: waits for its prompt, filters, and picks the first row, which must match. */
async function pick(wb: Workbench, placeholder: RegExp, filter: string, row: RegExp): Promise<void> {
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await wb.page.waitForFunction(
    ([source, flags]) => {
      // Runs in the page: the DOM is reached through globalThis, which this file's types do not describe.
      const page = globalThis as unknown as { document: { querySelector(s: string): { placeholder: string; offsetParent: unknown } | null } };
      const element = page.document.querySelector('.quick-input-widget .quick-input-box input');
      return element !== null && element.offsetParent !== null && new RegExp(source, flags).test(element.placeholder);
    },
    [placeholder.source, placeholder.flags] as const,
    { timeout: wb.timeout },
  );
  await input.fill(filter);
  const first = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: row }).first().waitFor({ timeout: wb.timeout });
  const text = await first.innerText();
  check(row.test(text), `the first choice is ${JSON.stringify(text)}, not ${row}`);
  await wb.page.keyboard.press('Enter');
}

/** Line of `needle` in the workspace's 2018 text, counted from its title line (the MOD starts there), and its 1-based column. */
function lineFromTitle(wb: Workbench, needle: string): { fromTitle: number; column: number } {
  const lines = fs.readFileSync(path.join(wb.workspace, SEED_2018), 'utf8').split(/\r?\n/);
  const title = lines.findIndex((l) => l.startsWith('# RESOLUTION 130'));
  const at = lines.findIndex((l) => l.includes(needle));
  check(title >= 0 && at >= 0, `${needle} not in ${SEED_2018}`);
  return { fromTitle: at - title, column: lines[at].indexOf(needle) + 1 };
}

async function newModProposal(ctx: DraftingContext): Promise<void> {
  const { wb } = ctx;
  await wb.openFromExplorer(SEED_2018);
  // Earlier steps may have edited it: the MOD starts from the text as saved.
  await wb.save();
  // The extension is active once its status bar item shows: its commands are in the palette then.
  await wb.page.locator('.statusbar-item').filter({ hasText: /Track changes: off/ }).first().waitFor({ timeout: 60_000 });
  await paletteRun(wb, 'Resolution: New proposal…');
  await pick(wb, /Kind of proposal/, 'MOD', /^\s*MOD/);
  await pick(wb, /Resolution to modify/, '130', /Resolution 130 \(PP\)/);
  await pick(wb, /Conference making the proposal/, 'PP-22', /PP-22/);
  await wb.page.locator('.tab.active').filter({ hasText: /Untitled/ }).first().waitFor({ timeout: wb.timeout });
  // The new DT opens with the cursor at its reasons, at the end: look at its top.
  await wb.gotoLine(1);
  await wb.waitForEditorText(rendered('MOD XXX/YY/1'));
  await wb.waitForEditorText(rendered('# RESOLUTION 130 (REV. {--DUBAI, 2018--}{++BUCHAREST, 2022++})'));
  await wb.page.locator('.statusbar-item').filter({ hasText: /Track changes: on/ }).first().waitFor({ timeout: wb.timeout });
  // The title line of the MOD: after the seven lines of front matter, a blank line, the symbol and a blank line.
  ctx.state.set('modTitleLine', 11);
  log('New proposal… opened a MOD of Resolution 130 with track changes on');
  await ctx.shot('new-proposal-mod');
}

async function typeTracked(ctx: DraftingContext): Promise<void> {
  const { wb } = ctx;
  const titleLine = ctx.state.get('modTitleLine');
  check(typeof titleLine === 'number', 'no MOD open');
  const target = lineFromTitle(wb, 'to continue to give this work high priority');
  const column = target.column + 'to continue to give this work high '.length;
  await wb.gotoLine(titleLine + target.fromTitle, column);
  await wb.page.keyboard.type('very ');
  await wb.waitForEditorText(rendered('this work high {++very ++}priority within ITU'));
  log('typing wrote {++very ++}');
  await ctx.shot('typed-tracked');
}

async function deleteTracked(ctx: DraftingContext): Promise<void> {
  const { wb } = ctx;
  const titleLine = ctx.state.get('modTitleLine');
  check(typeof titleLine === 'number', 'no MOD open');
  const target = lineFromTitle(wb, 'to give high priority to the work of ITU');
  await wb.gotoLine(titleLine + target.fromTitle, target.column + 'to give '.length);
  await wb.page.keyboard.press('Shift+Control+ArrowRight');
  await wb.page.keyboard.press('Backspace');
  await wb.waitForEditorText(rendered('to give {--high--} priority to the work'));
  log('deleting a word wrote {--high--}');
  await ctx.shot('deleted-tracked');
}

async function undoTracked(ctx: DraftingContext): Promise<void> {
  const { wb } = ctx;
  await wb.page.keyboard.press('Control+Z');
  // One undo takes back the deletion and its marks together.
  await wb.activeEditor().locator('.view-lines').filter({ hasNotText: /\{--high--\}/ }).waitFor({ timeout: wb.timeout });
  await wb.waitForEditorText(rendered('to give high priority to the work'));
  await wb.waitForEditorText(rendered('high {++very ++}priority'));
  // Undo again until the typing is gone; every state on the way reads as marks, none as plain typing.
  const states: string[] = [];
  for (let i = 0; i < 12; i++) {
    const line = (await wb.visibleLines()).find((l) => l.includes('this work high')) ?? '';
    states.push(line.slice(line.indexOf('this work high'), line.indexOf('priority') + 8));
    if (line.includes('this work high priority')) break;
    check(/high \{\+\+[^{}+]*\+\+\}priority/.test(line), `after undo the typing reads ${JSON.stringify(line)}`);
    await wb.page.keyboard.press('Control+Z');
    await wb.page.waitForTimeout(300);
  }
  log(`undo, step by step: ${JSON.stringify(states)}`);
  await wb.waitForEditorText(rendered('this work high priority within ITU'));
  log('undo took back the edits with their marks');
  // Redo brings the typing back with its marks, as many steps as the undo took (the editor groups
  // typing into undo steps by its own rules); every state on the way reads as marks.
  const undoneSteps = states.length - 1;
  for (let i = 0; i < undoneSteps; i++) {
    await wb.page.keyboard.press('Control+Shift+Z');
    await wb.activeEditor().locator('.view-lines').filter({ hasText: /this\s+work\s+high\s+\{\+\+/ }).waitFor({ timeout: wb.timeout });
    const line = (await wb.visibleLines()).find((l) => l.includes('this work high')) ?? '';
    check(/high \{\+\+[^{}+]*\+\+\}priority/.test(line), `after redo the typing reads ${JSON.stringify(line)}`);
  }
  await wb.waitForEditorText(rendered('this work high {++very ++}priority within ITU'));
  const redone = (await wb.visibleLines()).find((l) => l.includes('this work high')) ?? '';
  check(redone.includes('high {++very ++}priority'), `after redo: ${JSON.stringify(redone)}`);
  await ctx.shot('undo-tracked');
}

async function compareWith(ctx: DraftingContext): Promise<void> {
  const { wb } = ctx;
  await wb.openFromExplorer(SEED_DT);
  await wb.openFromExplorer(SEED_2018);
  await paletteRun(wb, 'Resolution: Compare with…');
  await pick(wb, /Older version to compare/, 'dt67', /res130-busan-2014-dt67\.reso/);
  await wb.waitForEditorText(rendered('# RESOLUTION 130 (REV. {--BUSAN, 2014--}{++DUBAI, 2018++})'));
  await wb.page.locator('.notifications-toasts, .notification-toast').filter({ hasText: /changes marked/ }).first().waitFor({ timeout: wb.timeout });
  log('Compare with… opened the MOD turning the DT text into the 2018 text');
  await ctx.shot('compare-with');
}

/** An ADD gets a placeholder number; F2 renames it in the title and where it is cited. */
async function renamePlaceholder(ctx: DraftingContext): Promise<void> {
  const { wb } = ctx;
  await paletteRun(wb, 'Resolution: New proposal…');
  await pick(wb, /Kind of proposal/, 'ADD', /^\s*ADD/);
  await pick(wb, /Conference making the proposal/, 'PP-22', /PP-22/);
  await wb.page.locator('.tab.active').filter({ hasText: /Untitled/ }).first().waitFor({ timeout: wb.timeout });
  // The cursor is on the title placeholder near the top: the title is in view.
  await wb.waitForEditorText(rendered('# DRAFT NEW RESOLUTION [XXX-1]'));
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: wb.timeout });
  // A mention of the placeholder in the text, to see it follow.
  await wb.gotoLine(21, 1);
  await wb.page.keyboard.insertText('see Resolution [XXX-1] ');
  await wb.gotoLine(11, '# DRAFT NEW RESOLUTION ['.length + 1);
  await wb.page.keyboard.press('F2');
  const box = wb.page.locator('.rename-box input');
  await box.waitFor({ timeout: wb.timeout });
  await box.fill('204');
  await wb.page.keyboard.press('Enter');
  await wb.waitForEditorText(rendered('# DRAFT NEW RESOLUTION 204'));
  await wb.waitForEditorText(rendered('see Resolution 204 '));
  log('F2 renamed [XXX-1] to 204 in the title and the mention');
  await ctx.shot('rename-placeholder');
}

export const DRAFTING_STEPS: DraftingStep[] = [
  { name: 'new-proposal', needs: ['workbench'], run: newModProposal },
  { name: 'track-typing', needs: ['new-proposal'], run: typeTracked },
  { name: 'track-delete', needs: ['track-typing'], run: deleteTracked },
  { name: 'track-undo', needs: ['track-delete'], run: undoTracked },
  { name: 'compare-with', needs: ['workbench'], run: compareWith },
  { name: 'rename-placeholder', needs: ['new-proposal'], run: renamePlaceholder },
];
