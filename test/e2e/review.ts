// End-to-end steps of the reviewer's view: revision marks drawn as tracked changes (light and
// dark), the hover on a mark and its Accept link, Next change with "change 1 of N", the preview
// beside the source (modes, scroll sync both ways), and hostile text shown as text in it.
// Registered in run.ts; each step works on its own copy of the DT.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { log, REPO_ROOT } from './harness';
import type { Workbench } from './workbench';

interface ReviewContext {
  wb: Workbench;
  harness: { workspace: string; tempRoot: string };
  state: Map<string, unknown>;
  shot(name: string): Promise<void>;
}

interface ReviewStep {
  name: string;
  needs: string[];
  run(ctx: ReviewContext): Promise<void>;
  timeoutMs?: number;
}

const DT_COPY = 'review-dt.reso';
const HOSTILE = 'hostile.reso';
const TYPED = 'to see the preview follow what is typed;';
const README_DIR = path.join(__dirname, 'readme');

class ReviewFailure extends Error {}

// The browser's globals as far as the page functions below use them (the project compiles without
// the DOM library). Page functions run in the browser: they name only globals, never module code.
interface BrowserElement {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  getBoundingClientRect(): { top: number; bottom: number; height: number };
}
interface BrowserGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<BrowserElement>; querySelector(selector: string): BrowserElement | null };
  getComputedStyle(element: BrowserElement): { textDecorationLine: string; textAlign: string; breakBefore: string };
  scrollY: number;
  scrollTo(x: number, y: number): void;
  __pwned?: number;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ReviewFailure(message);
}

/** Waits, in the page or frame itself, until `predicate` holds on its DOM; fails naming `what`. */
async function waitFor(target: Page | Frame, what: string, predicate: (arg: string) => boolean, arg = '', timeoutMs = 20_000): Promise<void> {
  try {
    await target.waitForFunction(predicate, arg, { timeout: timeoutMs });
  } catch (error) {
    throw new ReviewFailure(`timed out after ${timeoutMs} ms waiting for ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** In the page: some span of the active editor is drawn with this text decoration. */
function editorHasDecoration(decoration: string): boolean {
  const g = globalThis as unknown as BrowserGlobals;
  const spans = g.document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line span span');
  return Array.from(spans).some((span) => g.getComputedStyle(span).textDecorationLine.includes(decoration));
}

/** Files these steps add to the workspace, there from the start: [source, name in the workspace]. */
export function reviewFiles(seeds: string): Array<[string, string]> {
  return [
    [path.join(seeds, 'res130-busan-2014-dt67.reso'), DT_COPY],
    [path.join(__dirname, 'fixtures', HOSTILE), HOSTILE],
  ];
}

function copyDt(ctx: ReviewContext): void {
  check(fs.existsSync(path.join(ctx.harness.workspace, DT_COPY)), `${DT_COPY} is not in the workspace (reviewFiles in run.ts)`);
}

/** The line spans of the active editor drawn with a text decoration (`underline`, `line-through`). */
async function decoratedTexts(wb: Workbench, decoration: 'underline' | 'line-through'): Promise<string[]> {
  return wb.activeEditor().locator('.view-lines .view-line span span').evaluateAll(
    (spans, wanted) =>
      spans
        .filter((span) => (globalThis as unknown as BrowserGlobals).getComputedStyle(span as unknown as BrowserElement).textDecorationLine.includes(wanted as string))
        .map((span) => (span.textContent ?? '').replace(/\u00a0/g, ' ')),
    decoration,
  );
}

/** Chooses a colour theme as a user does: Preferences: Color Theme, its name, Enter. */
async function setTheme(ctx: ReviewContext, theme: string, dark: boolean): Promise<void> {
  const page = ctx.wb.page;
  // Ctrl+K Ctrl+T opens the theme picker (from the palette, the palette's own closing races it).
  await ctx.wb.focusEditor();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(theme);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: theme }).first();
  await row.waitFor({ timeout: 20_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
  await page.locator(dark ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 20_000 });
}

/** A screenshot of the editor area only, for the README. */
async function editorShot(ctx: ReviewContext, name: string): Promise<void> {
  await ctx.shot(name);
  const target = path.join(ctx.harness.tempRoot, `readme-${name}.png`);
  // The top of the editor at 1:1: the title and the first clauses of the DT, small enough to pack.
  const box = await ctx.wb.page.locator('.editor-group-container.active').first().boundingBox();
  if (!box) throw new ReviewFailure('the editor is not on screen');
  await ctx.wb.page.screenshot({ path: target, clip: { x: box.x, y: box.y, width: Math.min(box.width, 1100), height: Math.min(box.height, 560) } });
  ctx.state.set(`readme:${name}`, target);
}

async function decorations(ctx: ReviewContext): Promise<void> {
  copyDt(ctx);
  await ctx.wb.openFromExplorer(DT_COPY);
  await ctx.wb.waitForEditorText(/RESOLUTION 130/);
  const page = ctx.wb.page;
  await waitFor(page, 'struck-through text in the DT', editorHasDecoration, 'line-through');
  await waitFor(page, 'underlined text in the DT', editorHasDecoration, 'underline');
  const struck = (await decoratedTexts(ctx.wb, 'line-through')).join('|');
  const underlined = (await decoratedTexts(ctx.wb, 'underline')).join('|');
  log(`struck through: ${struck.slice(0, 120)}`);
  log(`underlined: ${underlined.slice(0, 120)}`);
  check(struck.includes('GUADALAJARA, 2010'), `the deleted revision of the title is not struck through: ${struck}`);
  check(underlined.includes('BUSAN, 2014'), `the inserted revision of the title is not underlined: ${underlined}`);
  // A label's `)` is not an unmatched bracket.
  await ctx.wb.gotoLine(ctx.wb.positionInFile(DT_COPY, '{--b--}{++j++})').line);
  const unexpected = await ctx.wb.activeEditor().locator('.view-lines .unexpected-closing-bracket').count();
  check(unexpected === 0, `${unexpected} closing brackets drawn as unexpected`);
  // The title, the authority line and the first clauses of *recalling* in view.
  await ctx.wb.gotoLine(1);
  await ctx.wb.gotoLine(ctx.wb.positionInFile(DT_COPY, '{++e) the outcome documents').line);
  await editorShot(ctx, 'decorations-light');
  await setTheme(ctx, 'Default Dark Modern', true);
  await waitFor(page, 'the marks drawn in the dark theme', editorHasDecoration, 'line-through');
  await editorShot(ctx, 'decorations-dark');
  await setTheme(ctx, 'Default Light Modern', false);
}

async function hoverAndAccept(ctx: ReviewContext): Promise<void> {
  copyDt(ctx);
  await ctx.wb.openFromExplorer(DT_COPY);
  const at = ctx.wb.positionInFile(DT_COPY, '{++BUSAN, 2014++}');
  const hover = await ctx.wb.mouseHoverAt({ line: at.line, column: at.column + 5 }, 30_000);
  log(`hover: ${hover.replace(/\s+/g, ' ').slice(0, 200)}`);
  check(/Insertion/.test(hover) && /BUSAN, 2014/.test(hover), `the hover does not say what the mark inserts: ${hover}`);
  const accept = ctx.wb.page.locator('.monaco-hover:not(.hidden) a', { hasText: /^Accept$/ }).first();
  await accept.waitFor({ timeout: 20_000 });
  await ctx.shot('mark-hover');
  await accept.click();
  await ctx.wb.waitForEditorText('RESOLUTION 130 (REV. {--GUADALAJARA, 2010--}BUSAN, 2014)');
  const text = await ctx.wb.editorText(DT_COPY);
  check(text.includes('# RESOLUTION 130 (REV. {--GUADALAJARA, 2010--}BUSAN, 2014)'), 'the insertion was not accepted');
  await ctx.shot('mark-accepted');
}

async function nextChange(ctx: ReviewContext): Promise<void> {
  copyDt(ctx);
  await ctx.wb.openFromExplorer(DT_COPY);
  await ctx.wb.gotoLine(1, 1);
  await ctx.wb.runCommand('Resolution: Next change');
  const status = ctx.wb.page.locator('.statusbar-item', { hasText: /Change 1 of \d+/ }).first();
  await status.waitFor({ timeout: 20_000 });
  const said = (await status.innerText()).trim();
  log(`status bar: ${said}`);
  await ctx.wb.page.locator('.statusbar-item', { hasText: /change 1 of \d+/ }).first().waitFor({ timeout: 20_000 });
  await ctx.shot('next-change');
  // In the selected mark, Ctrl+. offers to accept or reject it.
  const offered = await ctx.wb.openQuickFix(20_000);
  log(`Ctrl+. in the mark: ${offered.join(' | ')}`);
  await ctx.wb.page.keyboard.press('Escape');
  check(offered.some((label) => /^Accept change/.test(label)) && offered.some((label) => /^Reject change/.test(label)), `Ctrl+. offers ${JSON.stringify(offered)}`);
}

/** The visible preview's document frame (inside the webview's host frame), once it shows a document. */
async function previewFrame(page: Page, title: RegExp, timeoutMs = 30_000): Promise<Frame> {
  await page.locator('.tab.active', { hasText: title }).first().waitFor({ timeout: timeoutMs });
  const host = page.locator('iframe.webview.ready:visible').first();
  await host.waitFor({ timeout: timeoutMs });
  const outer = await (await host.elementHandle())?.contentFrame();
  if (!outer) throw new ReviewFailure('the webview has no frame');
  const inner = outer.locator('iframe#active-frame');
  await inner.waitFor({ state: 'attached', timeout: timeoutMs });
  const frame = await (await inner.elementHandle())?.contentFrame();
  if (!frame) throw new ReviewFailure("the webview's document has no frame");
  await frame.locator('main#document h1, main#document p').first().waitFor({ timeout: timeoutMs });
  return frame;
}

async function previewToSide(ctx: ReviewContext): Promise<void> {
  copyDt(ctx);
  await ctx.wb.openFromExplorer(DT_COPY);
  await ctx.wb.gotoLine(1, 1);
  await ctx.wb.runCommand('Resolution: Open preview to the side');
  const frame = await previewFrame(ctx.wb.page, /Preview review-dt\.reso/);
  const title = await frame.locator('main#document h1.title').first().innerText();
  log(`preview title: ${title}`);
  check(/RESOLUTION 130/.test(title), `the preview's title reads ${title}`);
  check((await frame.locator('main#document del').count()) > 0 && (await frame.locator('main#document ins').count()) > 0, 'the tracked preview shows no insertions or deletions');
  await ctx.shot('preview');
  const target = path.join(ctx.harness.tempRoot, 'readme-preview.png');
  const box = await ctx.wb.page.locator('.monaco-workbench .part.editor').first().boundingBox();
  if (!box) throw new ReviewFailure('the editor area is not on screen');
  await ctx.wb.page.screenshot({ path: target, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 620) } });
  ctx.state.set('readme:preview', target);
}

async function previewModes(ctx: ReviewContext): Promise<void> {
  const frame = await previewFrame(ctx.wb.page, /Preview review-dt\.reso/);
  const count = (selector: string) => frame.locator(`main#document ${selector}`).count();
  await frame.locator('button[data-mode="amended"]').click();
  await frame.locator('main#document.mode-amended').waitFor({ timeout: 20_000 });
  check((await count('ins')) === 0 && (await count('del')) === 0, 'the amended reading shows marks');
  check(!(await frame.locator('main#document').innerText()).includes('Antalya, 2006'), 'the amended reading shows deleted text');
  // The DT's problems show as dots in the margin.
  await frame.locator('main#document [data-problem]').first().waitFor({ timeout: 20_000 });
  log(`problem markers: ${await frame.locator('main#document [data-problem]').count()}`);
  await frame.locator('button[data-mode="original"]').click();
  await frame.locator('main#document.mode-original').waitFor({ timeout: 20_000 });
  check((await frame.locator('main#document').innerText()).includes('Antalya, 2006'), 'the original reading lacks the deleted clause');
  await ctx.shot('preview-original');
  await frame.locator('button[data-mode="tracked"]').click();
  await frame.locator('main#document.mode-tracked del').first().waitFor({ timeout: 20_000 });
}

async function scrollSync(ctx: ReviewContext): Promise<void> {
  const page = ctx.wb.page;
  const frame = await previewFrame(page, /Preview review-dt\.reso/);
  // The source goes down: the preview follows.
  await page.locator('.tab', { hasText: DT_COPY }).first().click();
  const far = ctx.wb.positionInFile(DT_COPY, '*instructs the Secretary-General*').line;
  await ctx.wb.gotoLine(far, 1);
  const topLine = async () =>
    frame.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobals;
      const blocks = Array.from(g.document.querySelectorAll('main#document [data-line]'));
      const bar = g.document.querySelector('.toolbar')?.getBoundingClientRect().height ?? 0;
      // The block at the top: the last, in source order, that starts at or above the toolbar's edge.
      const above = blocks.filter((b) => b.getBoundingClientRect().top <= bar + 4);
      const top = above[above.length - 1];
      return { scrollY: g.scrollY, line: top ? Number(top.dataset.line) : -1 };
    });
  await waitFor(frame, 'the preview to follow the source', () => (globalThis as unknown as BrowserGlobals).scrollY > 200);
  const followed = await topLine();
  log(`source at line ${far}: preview scrolled to ${followed.scrollY}px, top block from source line ${followed.line + 1}`);
  check(followed.line + 1 > far - 80 && followed.line + 1 <= far + 5, `the preview's top block is from line ${followed.line + 1}, the source shows line ${far}`);
  await ctx.shot('scroll-sync');
  // The preview goes back up: the source follows.
  await frame.evaluate(() => (globalThis as unknown as BrowserGlobals).scrollTo(0, 0));
  await waitFor(page, 'the source to follow the preview', () =>
    Array.from((globalThis as unknown as BrowserGlobals).document.querySelectorAll('.editor-group-container .monaco-editor .view-lines .view-line')).some((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ').startsWith('document: DT/67-E')));
}


/** A clause typed in the source shows in the preview, inserted text underlined as such. */
async function previewLive(ctx: ReviewContext): Promise<void> {
  const frame = await previewFrame(ctx.wb.page, /Preview review-dt\.reso/);
  await ctx.wb.page.locator('.tab', { hasText: DT_COPY }).first().click();
  const line = ctx.wb.positionInFile(DT_COPY, '*recalling*').line;
  await ctx.wb.insertLineAfter(line, `{++${TYPED}++}`);
  await frame.locator('main#document ins', { hasText: TYPED }).first().waitFor({ timeout: 20_000 });
  await ctx.shot('preview-live');
  await ctx.wb.page.keyboard.press('Control+Z');
  await frame.locator('main#document ins', { hasText: TYPED }).first().waitFor({ state: 'detached', timeout: 20_000 });
}

async function hostilePreview(ctx: ReviewContext): Promise<void> {
  await ctx.wb.openFromExplorer(HOSTILE);
  await ctx.wb.runCommand('Resolution: Open preview to the side');
  const frame = await previewFrame(ctx.wb.page, /Preview hostile\.reso/);
  await frame.locator('main#document h2.name').waitFor({ timeout: 20_000 });
  const name = await frame.locator('main#document h2.name').innerText();
  check(name.includes('<script>window.__pwned = 1</script></style><img src=x onerror="window.__pwned = 2">'), `the name is not shown as text: ${name}`);
  const clause = await frame.locator('main#document .clause').first().innerText();
  check(clause.includes('[a link](javascript:window.__pwned=3)') && clause.includes('<b onclick="window.__pwned=4">bold</b>'), `the clause is not shown as text: ${clause}`);
  const inside = await frame.evaluate(() => {
    const g = globalThis as unknown as BrowserGlobals;
    return { pwned: g.__pwned, elements: g.document.querySelectorAll('main#document script, main#document img, main#document b, main#document a[href^="javascript"]').length };
  });
  check(inside.pwned === undefined && inside.elements === 0, `hostile text became markup: ${JSON.stringify(inside)}`);
  await ctx.shot('hostile-preview');
}

/**
 * `reso export --to html` on two resolutions, read by Chromium: the title centred, the marks as
 * <ins>/<del>, and printed, a page break between the resolutions (two pages at least).
 */
async function exportHtml(ctx: ReviewContext): Promise<void> {
  const folder = path.join(ctx.harness.tempRoot, 'export');
  fs.mkdirSync(folder, { recursive: true });
  const source = path.join(folder, 'two.reso');
  const seeds = path.join(REPO_ROOT, 'seeds');
  fs.writeFileSync(source, `${fs.readFileSync(path.join(seeds, 'res130-busan-2014-dt67.reso'), 'utf8')}\n${fs.readFileSync(path.join(seeds, 'res130-dubai-2018.reso'), 'utf8')}`);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'server', 'out', 'cli.js'), 'export', '--to', 'html', source], { stdio: 'pipe' });
  const page = await ctx.wb.page.context().newPage();
  try {
    await page.goto(`file://${path.join(folder, 'two.html')}`);
    const look = await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobals;
      const title = g.document.querySelector('h1.title');
      const articles = g.document.querySelectorAll('article.resolution');
      return { align: title ? g.getComputedStyle(title).textAlign : '', articles: articles.length, ins: g.document.querySelectorAll('ins').length, del: g.document.querySelectorAll('del').length };
    });
    log(`exported page: ${JSON.stringify(look)}`);
    check(look.align === 'center' && look.articles === 2 && look.ins > 0 && look.del > 0, `the exported page does not read as printed: ${JSON.stringify(look)}`);
    await page.emulateMedia({ media: 'print' });
    const breakBefore = await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobals;
      const second = g.document.querySelectorAll('article.resolution')[1];
      return second ? g.getComputedStyle(second).breakBefore : '';
    });
    check(breakBefore === 'page', `the second resolution does not start a page in print (break-before: ${breakBefore})`);
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    log(`printed to ${pages} A4 pages`);
    check(pages >= 2, `printed to ${pages} page(s)`);
  } finally {
    await page.close();
  }
}

/** Copies the README images the steps made, when asked (E2E_README=1). */
async function readmeImages(ctx: ReviewContext): Promise<void> {
  if (process.env.E2E_README !== '1') return;
  for (const name of ['decorations-light', 'decorations-dark', 'preview']) {
    const made = ctx.state.get(`readme:${name}`);
    if (typeof made === 'string') fs.copyFileSync(made, path.join(README_DIR, `${name}.png`));
  }
}

export const REVIEW_STEPS: ReviewStep[] = [
  { name: 'decorations', needs: ['workbench'], run: decorations },
  { name: 'mark-hover-accept', needs: ['workbench'], run: hoverAndAccept },
  { name: 'next-change', needs: ['workbench'], run: nextChange },
  { name: 'preview-side', needs: ['workbench'], run: previewToSide },
  { name: 'preview-modes', needs: ['preview-side'], run: previewModes },
  { name: 'scroll-sync', needs: ['preview-side'], run: scrollSync },
  { name: 'preview-live', needs: ['preview-side'], run: previewLive },
  { name: 'hostile-preview', needs: ['workbench'], run: hostilePreview },
  { name: 'export-html', needs: ['workbench'], run: exportHtml },
  { name: 'readme-images', needs: ['workbench'], run: readmeImages },
];
