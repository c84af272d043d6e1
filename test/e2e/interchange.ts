// End-to-end steps for Akoma Ntoso in the editor: export the open document from the command
// palette, import a converter's AKN file through the file dialog, and read the results.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Workbench } from './workbench';

/** Resolves when `file` exists (watching its folder), rejects after `timeoutMs`. */
export function waitForFile(file: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const folder = path.dirname(file);
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      watcher.close();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const watcher = fs.watch(folder, () => {
      if (fs.existsSync(file)) finish();
    });
    const timer = setTimeout(() => finish(new Error(`${path.basename(file)} was not written within ${timeoutMs} ms`)), timeoutMs);
    if (fs.existsSync(file)) finish();
  });
}

/** *Resolution: Export as Akoma Ntoso* on the open seed writes `<seed>.xml` beside it. */
export async function exportAknStep(wb: Workbench, seed: string): Promise<string> {
  const target = path.join(wb.workspace, seed.replace(/\.reso$/, '.xml'));
  fs.rmSync(target, { force: true });
  await wb.openFromExplorer(seed);
  // Earlier steps may have left the seed scrolled to its operative part: show its title.
  await wb.gotoLine(1);
  await wb.waitForEditorText(/RESOLUTION 130/i);
  await wb.runCommand('Resolution: Export as Akoma Ntoso');
  await waitForFile(target, 30_000);
  const xml = fs.readFileSync(target, 'utf8');
  if (!/<akomaNtoso xmlns="http:\/\/docs\.oasis-open\.org\/legaldocml\/ns\/akn\/3\.0">/.test(xml) || !/<FRBRuri value="\/akn\/un\/statement\/deliberation\/itu-pp\/2018\/res-130"\/>/.test(xml)) {
    throw new Error(`the exported file is not the Akoma Ntoso of the seed:\n${xml.slice(0, 400)}`);
  }
  return target;
}

/** *Resolution: Import Akoma Ntoso or PDF text...*: the file dialog takes the path; the first file made opens. */
export async function importAknStep(wb: Workbench, source: string): Promise<string> {
  const input = path.join(wb.workspace, path.basename(source));
  fs.copyFileSync(source, input);
  const made = path.join(wb.workspace, 'resolution-2.reso');
  fs.rmSync(made, { force: true });
  const page = wb.page;
  await page.keyboard.press('F1');
  const box = page.locator('.quick-input-widget .quick-input-box input');
  await box.waitFor({ timeout: wb.timeout });
  await box.fill('>Resolution: Import Akoma Ntoso or PDF text...');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Import Akoma Ntoso or PDF text' }).first();
  await row.waitFor({ timeout: wb.timeout });
  await row.click();
  // The file dialog is a quick input too: its box holds a folder path; the file's path replaces it.
  await page.waitForFunction(
    // Runs in the page: the box no longer holds the palette's `>` but the dialog's folder path.
    `(() => { const field = document.querySelector('.quick-input-widget .quick-input-box input'); return field !== null && field.offsetParent !== null && !field.value.startsWith('>'); })()`,
    undefined,
    { timeout: wb.timeout },
  );
  // The dialog may still be filling in its folder when the path is typed, and then puts its folder
  // back: type again until the box holds the path, then accept; accept again if the dialog stayed.
  const holdsPath = `(() => { const field = document.querySelector('.quick-input-widget .quick-input-box input'); return field !== null && field.value === ${JSON.stringify(input)}; })()`;
  let written = false;
  for (let attempt = 0; attempt < 4 && !written; attempt++) {
    if (attempt > 0 && !(await box.isVisible())) break;
    await box.fill(input);
    const typed = await page.waitForFunction(holdsPath, undefined, { timeout: 3_000 }).then(() => true, () => false);
    if (!typed) continue;
    if (attempt < 2) await page.keyboard.press('Enter');
    else await page.locator('.quick-input-widget .quick-input-action, .quick-input-widget .monaco-button', { hasText: 'Import' }).first().click();
    written = await waitForFile(made, 8_000).then(() => true, () => false);
  }
  if (!written) await waitForFile(made, 30_000);
  await wb.waitForEditorText(/RESOLUTION 2 \(REV\. DUBAI, 2018\)/, 30_000);
  const text = fs.readFileSync(made, 'utf8');
  if (!text.includes('developing countries[^1]')) throw new Error(`the import did not repair the glued footnote marker:\n${text.slice(0, 600)}`);
  return made;
}
