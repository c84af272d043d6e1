// Reusable actions on the VS Code workbench (code-server in Chromium), by keyboard and DOM.
// Every wait is on DOM state with a timeout; nothing sleeps for a fixed time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A problem (marker) row of the Problems panel. */
export interface Problem {
  /** The file's name, as the panel's file row names it. */
  file: string;
  /** The row's accessible label: severity, message, "at line L and character C", source. */
  label: string;
  /** The row as shown: message, source and code, "[Ln L, Col C]". */
  text: string;
  line: number;
  column: number;
}

export interface TreeRow {
  /** 1-based depth in the tree. */
  level: number;
  label: string;
}

/** Text of a CSS attribute selector value, quoted. */
function attr(value: string): string {
  return JSON.stringify(value);
}

export class Workbench {
  constructor(
    readonly page: Page,
    /** The workspace folder on disk, as opened by code-server. */
    readonly workspace: string,
    /** Default timeout of every wait, in ms. */
    readonly timeout = 20_000,
    /** Folder for screenshots. */
    readonly screenshotDir = '',
  ) {}

  // ------------------------------------------------------------------ workbench

  /** Loads the workbench at `url` and waits until the Explorer lists the workspace. */
  async load(url: string): Promise<void> {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.explorerRows().first().waitFor({ timeout: 60_000 });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotDir, `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, timeout: this.timeout });
    return file;
  }

  /** Presses Escape until no quick input, hover or menu is open. */
  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeout });
  }

  // ------------------------------------------------------------------ explorer and tabs

  explorerRows(): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row');
  }

  private explorerRow(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label=${attr(name)}]`);
  }

  /**
   * Opens `relPath` (relative to the workspace, `/`-separated) by clicking it in the Explorer,
   * expanding its folders first, and waits until its editor is the active one.
   */
  async openFromExplorer(relPath: string): Promise<void> {
    const parts = relPath.split('/');
    const file = parts.pop() ?? relPath;
    await this.showExplorerFolders(true);
    for (const folder of parts) {
      const row = this.explorerRow(folder).first();
      await row.waitFor({ timeout: this.timeout });
      if ((await row.getAttribute('aria-expanded')) !== 'true') {
        await row.click();
        await this.page
          .locator(`.explorer-folders-view .monaco-list-row[aria-label=${attr(folder)}][aria-expanded="true"]`)
          .first()
          .waitFor({ timeout: this.timeout });
      }
    }
    const row = this.explorerRow(file).first();
    await row.waitFor({ timeout: this.timeout });
    await row.click();
    await this.waitForActiveTab(file);
    await this.activeEditor().locator('.view-lines .view-line').first().waitFor({ timeout: this.timeout });
  }

  /**
   * Shows the Explorer with its folder section expanded (`true`) or collapsed (`false`: the views
   * below it, such as the Outline, then get the whole height).
   */
  async showExplorerFolders(expanded: boolean): Promise<void> {
    const header = this.page.locator('.pane-header[aria-label^="Explorer Section"]').first();
    if (!(await header.isVisible())) {
      await this.runCommand('View: Show Explorer');
      await header.waitFor({ timeout: this.timeout });
    }
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) {
      await header.click();
      await this.page
        .locator(`.pane-header[aria-label^="Explorer Section"][aria-expanded="${String(expanded)}"]`)
        .first()
        .waitFor({ timeout: this.timeout });
    }
    if (expanded) await this.page.locator('.explorer-folders-view').waitFor({ timeout: this.timeout });
  }

  /** The tab of the active editor in the active editor group. */
  activeTab(): Locator {
    return this.page.locator('.editor-group-container.active .tab.active');
  }

  async activeTabTitle(): Promise<string> {
    return (await this.activeTab().locator('.label-name').first().innerText({ timeout: this.timeout })).trim();
  }

  /** Waits until the active tab is titled `title` (the file's name). */
  async waitForActiveTab(title: string, timeout = this.timeout): Promise<void> {
    await this.page
      .locator(`.editor-group-container.active .tab.active[data-resource-name=${attr(title)}]`)
      .waitFor({ timeout });
  }

  // ------------------------------------------------------------------ status bar

  /** The language mode shown in the status bar for the active editor. */
  async statusBarLanguage(): Promise<string> {
    return (await this.languageStatus().innerText({ timeout: this.timeout })).trim();
  }

  async waitForStatusBarLanguage(name: string): Promise<void> {
    await this.languageStatus()
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) })
      .waitFor({ timeout: this.timeout });
  }

  private languageStatus(): Locator {
    return this.page.locator('[id="status.editor.mode"]');
  }

  // ------------------------------------------------------------------ editor

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** The rendered lines of the active editor (only those in view), top to bottom. */
  async visibleLines(): Promise<string[]> {
    const lines = this.activeEditor().locator('.view-lines .view-line');
    const rendered = await lines.evaluateAll((elements) =>
      elements.map((element) => {
        const e = element as unknown as { style: { top: string }; textContent: string | null };
        return { top: parseFloat(e.style.top) || 0, text: e.textContent ?? '' };
      }),
    );
    return rendered.sort((a, b) => a.top - b.top).map((line) => line.text.replace(/\u00a0/g, ' '));
  }

  /** Waits until the rendered lines of the active editor contain `text`. */
  async waitForEditorText(text: string | RegExp, timeout = this.timeout): Promise<void> {
    // The editor renders spaces as no-break spaces; a string is matched with normalised white
    // space, a regular expression is not: let its spaces match any white space.
    const pattern = typeof text === 'string' ? text : new RegExp(text.source.replace(/ /g, '\\s'), text.flags);
    await this.activeEditor().locator('.view-lines').filter({ hasText: pattern }).waitFor({ timeout });
  }

  /** Focuses the active editor's text area (keyboard input then goes to the text). */
  async focusEditor(): Promise<void> {
    await this.runCommand('View: Focus Active Editor Group');
    await this.page
      .locator('.editor-group-container.active .monaco-editor.focused')
      .first()
      .waitFor({ timeout: this.timeout });
  }

  /** Moves the cursor with Go to Line (Ctrl+G) to the end of `line` (of the line, not of its first wrapped row). */
  async gotoLineEnd(line: number): Promise<void> {
    // Go to Line clamps the column to the line's length.
    await this.gotoLine(line, 1_000_000);
    await this.waitForCursor(line);
  }

  /** Moves the cursor with Go to Line (Ctrl+G). */
  async gotoLine(line: number, column?: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.quickInputBox();
    await input.waitFor({ timeout: this.timeout });
    await input.fill(column === undefined ? `:${line}` : `:${line}:${column}`);
    await this.quickInput()
      .locator('.quick-input-list .monaco-list-row, .quick-input-message')
      .filter({ hasText: new RegExp(`line ${line}`, 'i') })
      .first()
      .waitFor({ timeout: this.timeout });
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeout });
    await this.waitForCursor(line, column !== undefined && column < 1_000_000 ? column : undefined);
  }

  /** Waits until the status bar shows the cursor at `line` (and `column` if given). */
  async waitForCursor(line: number, column?: number): Promise<void> {
    const text = column === undefined ? `Ln ${line},` : `Ln ${line}, Col ${column}`;
    await this.page
      .locator('[id="status.editor.selection"]')
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}`) })
      .waitFor({ timeout: this.timeout });
  }

  /**
   * Opens a new line after `line` and types `text` there key by key, as a person would: Ctrl+G
   * to the end of the line, Enter, type. (Not the End key: with word wrap on, End stops at the end
   * of the first wrapped row.) On-type features of the editor and the extension apply, and may
   * race with the typing: use insertLineAfter() for an exact text.
   */
  async typeAtLine(line: number, text: string): Promise<void> {
    await this.gotoLineEnd(line);
    await this.page.keyboard.press('Enter');
    await this.waitForCursor(line + 1);
    await this.page.keyboard.type(text);
    // Close a suggestion list that typing may have opened, so that later keys go to the text.
    await this.page.keyboard.press('Escape');
    await this.activeTab().and(this.page.locator('.dirty')).waitFor({ timeout: this.timeout });
  }

  /**
   * Inserts `text` as a new line after `line`, exactly: Ctrl+G to the end of the line, then the
   * line break and the text arrive as one text input (as a paste or an input method would), so
   * on-type features (formatting on Enter, auto-closing, suggestions) do not change them.
   */
  async insertLineAfter(line: number, text: string): Promise<void> {
    await this.gotoLineEnd(line);
    await this.page.keyboard.insertText(`\n${text}`);
    await this.waitForCursor(line + 1);
    await this.activeTab().and(this.page.locator('.dirty')).waitFor({ timeout: this.timeout });
  }

  /** Saves the active editor (Ctrl+S) and waits until it is no longer dirty. */
  async save(): Promise<void> {
    if ((await this.activeTab().getAttribute('class'))?.split(/\s+/).includes('dirty')) {
      await this.page.keyboard.press('Control+S');
    }
    await this.page.locator('.editor-group-container.active .tab.active:not(.dirty)').waitFor({ timeout: this.timeout });
  }

  /**
   * The whole text of the active editor: saved with Ctrl+S, then read from disk (reading the DOM
   * only gives the lines in view). `relPath` is the file's path relative to the workspace.
   */
  async editorText(relPath: string): Promise<string> {
    await this.waitForActiveTab(path.basename(relPath));
    await this.save();
    return fs.readFileSync(path.join(this.workspace, relPath), 'utf8');
  }

  /** 1-based position of the `occurrence`-th (1-based) match of `needle` in a workspace file. */
  positionInFile(relPath: string, needle: string | RegExp, occurrence = 1): Position {
    const text = fs.readFileSync(path.join(this.workspace, relPath), 'utf8');
    const lines = text.split(/\r?\n/);
    let seen = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const pattern = typeof needle === 'string' ? new RegExp(escapeRegExp(needle), 'g') : new RegExp(needle.source, 'g');
      for (const match of line.matchAll(pattern)) {
        seen++;
        if (seen === occurrence) return { line: i + 1, column: (match.index ?? 0) + 1 };
      }
    }
    throw new Error(`${String(needle)} (occurrence ${occurrence}) not found in ${relPath}`);
  }

  // ------------------------------------------------------------------ command palette

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Runs a command by its title from the command palette (F1, type the title, Enter). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInputBox();
    await input.waitFor({ timeout: this.timeout });
    await input.fill(`>${title}`);
    // Enter runs the focused row: move the focus to the row of exactly this title first.
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    const row = rows
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`, 'i') }) })
      .first();
    try {
      await row.waitFor({ timeout: this.timeout });
    } catch (error) {
      const offered = await rows.allInnerTexts();
      await this.page.keyboard.press('Escape');
      throw new Error(`command "${title}" not in the palette (offered: ${JSON.stringify(offered.slice(0, 5))})`, { cause: error });
    }
    await this.focusRow(rows, row);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeout });
  }

  /** Moves the keyboard focus of a list (Down arrow) until `row` is the focused one. */
  private async focusRow(rows: Locator, row: Locator): Promise<void> {
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      const classes = (await row.getAttribute('class', { timeout: this.timeout })) ?? '';
      if (classes.split(/\s+/).includes('focused')) return;
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not move the focus to ${await row.innerText()}`);
  }

  // ------------------------------------------------------------------ panels and views

  /** Opens the Problems panel (Ctrl+Shift+M). */
  async openProblems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.page.locator('.markers-panel').waitFor({ timeout: this.timeout });
  }

  /** The problems listed in the Problems panel (rows in view), each with its file. */
  async problems(): Promise<Problem[]> {
    const rows = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((elements) =>
      elements.map((element) => {
        const e = element as unknown as { getAttribute(name: string): string | null; textContent: string | null };
        return { level: e.getAttribute('aria-level') ?? '', label: e.getAttribute('aria-label') ?? '', text: e.textContent ?? '' };
      }),
    );
    return parseProblemRows(rows);
  }

  /**
   * Waits until the Problems panel lists a problem whose text (message, source and code, as
   * shown) matches `text`, in the file named `file` if given, and returns it.
   */
  async waitForProblem(text: string | RegExp, options: { file?: string; timeout?: number } = {}): Promise<Problem> {
    const pattern = typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text;
    const timeout = options.timeout ?? this.timeout;
    await this.openProblems();
    const matches = (problem: Problem): boolean =>
      pattern.test(problem.text) && (options.file === undefined || problem.file === options.file);
    try {
      await this.waitForProblemRows(pattern, options.file, true, timeout);
    } catch (error) {
      const shown = (await this.problems()).map((problem) => `${problem.file}: ${problem.text}`);
      throw new Error(`no problem ${String(text)}${options.file ? ` in ${options.file}` : ''} within ${timeout} ms; Problems: ${JSON.stringify(shown)}`, {
        cause: error,
      });
    }
    const found = (await this.problems()).find(matches);
    if (!found) throw new Error(`the problem ${String(text)} went away`);
    return found;
  }

  /** Waits until the Problems panel lists no problem matching `text` (in `file` if given). */
  async waitForNoProblem(text: string | RegExp, options: { file?: string; timeout?: number } = {}): Promise<void> {
    const pattern = typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text;
    const timeout = options.timeout ?? this.timeout;
    await this.openProblems();
    try {
      await this.waitForProblemRows(pattern, options.file, false, timeout);
    } catch (error) {
      throw new Error(`the problem ${String(text)} is still listed after ${timeout} ms`, { cause: error });
    }
  }

  /** Waits until a problem row matching `pattern` (under the file row of `file`) is `present` or not. */
  private async waitForProblemRows(pattern: RegExp, file: string | undefined, present: boolean, timeout: number): Promise<void> {
    // The rows are re-read on every animation frame in the page until the condition holds.
    await this.page.waitForFunction(
      ({ source, flags, file, present }) => {
        const doc = (globalThis as unknown as {
          document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }> };
        }).document;
        const re = new RegExp(source, flags);
        let current = '';
        for (const row of Array.from(doc.querySelectorAll('.markers-panel .monaco-list-row'))) {
          const level = row.getAttribute('aria-level');
          const label = row.getAttribute('aria-label') ?? '';
          if (level === '1') current = (/ in file (.+?)(?: of folder .*)?$/.exec(label) ?? ['', ''])[1] ?? '';
          else if (level === '2' && re.test(row.textContent ?? '') && (file === null || current === file)) return present;
        }
        return !present;
      },
      { source: pattern.source, flags: pattern.flags.replace('g', ''), file: file ?? null, present },
      { timeout },
    );
  }

  /**
   * Opens the Outline view of the active editor (in the Explorer, whose folder section is
   * collapsed to give it the height) and waits for its first row.
   */
  async openOutline(): Promise<void> {
    await this.runCommand('Explorer: Focus on Outline View');
    await this.showExplorerFolders(false);
    try {
      await this.outlineRowsLocator().first().waitFor({ timeout: this.timeout });
    } catch (error) {
      const shown = await this.page.locator('.outline-pane').first().innerText().catch(() => '');
      throw new Error(`the Outline shows no rows: ${JSON.stringify(shown.trim())}`, { cause: error });
    }
  }

  private outlineRowsLocator(): Locator {
    return this.page.locator('.pane-body.outline-pane .monaco-list-row, .outline-pane .monaco-list-row');
  }

  /** Rows of the Outline view in view, with their depth. */
  async outlineRows(): Promise<TreeRow[]> {
    return readTreeRows(this.outlineRowsLocator());
  }

  /** Waits until the Outline shows a row matching `label`. */
  async waitForOutlineRow(label: string | RegExp, timeout = this.timeout): Promise<void> {
    try {
      await this.outlineRowsLocator().filter({ hasText: label }).first().waitFor({ timeout });
    } catch (error) {
      const rows = (await this.outlineRows()).slice(0, 10).map((row) => row.label);
      throw new Error(`no Outline row ${String(label)}; rows: ${JSON.stringify(rows)}`, { cause: error });
    }
  }

  // ------------------------------------------------------------------ language features

  /**
   * Shows the hover at a position with the keyboard (Go to Line, then "Show or Focus Hover")
   * and returns its text.
   */
  async hoverAt(position: Position, timeout = this.timeout): Promise<string> {
    await this.gotoLine(position.line, position.column);
    await this.runCommand('Show or Focus Hover');
    return this.readHover(timeout);
  }

  /** Hovers the mouse over a position (the cursor is moved there first to find it on screen). */
  async mouseHoverAt(position: Position, timeout = this.timeout): Promise<string> {
    await this.gotoLine(position.line, position.column);
    const box = await this.activeEditor().locator('.cursors-layer .cursor').first().boundingBox({ timeout: this.timeout });
    if (!box) throw new Error('cursor not on screen');
    await this.page.mouse.move(box.x + 4, box.y + box.height / 2);
    return this.readHover(timeout);
  }

  private async readHover(timeout: number): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /\S/ }).first();
    try {
      await hover.waitFor({ timeout });
    } catch (error) {
      throw new Error(`no hover appeared within ${timeout} ms`, { cause: error });
    }
    // The hover may still be "Loading..." while the language server answers.
    await this.page
      .locator('.monaco-hover:not(.hidden)')
      .filter({ hasNotText: /^\s*Loading\.\.\.\s*$/ })
      .filter({ hasText: /\S/ })
      .first()
      .waitFor({ timeout });
    return (await hover.innerText()).trim();
  }

  /** Presses F12 at the cursor and waits until the active tab is `expectedTitle`. */
  async goToDefinition(expectedTitle: string, timeout = this.timeout): Promise<string> {
    await this.page.keyboard.press('F12');
    try {
      await this.waitForActiveTab(expectedTitle, timeout);
    } catch (error) {
      throw new Error(`F12 did not land in ${expectedTitle}; active tab: ${await this.activeTabTitle()}`, { cause: error });
    }
    return this.activeTabTitle();
  }

  /** Opens the quick-fix menu (Ctrl+.) at the cursor and returns the labels it offers. */
  async openQuickFix(timeout = this.timeout): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ timeout });
    return (await rows.allInnerTexts()).map((text) => text.trim());
  }

  /** Opens the quick-fix menu (Ctrl+.) and chooses the item whose label matches `label`. */
  async quickFix(label: string | RegExp, timeout = this.timeout): Promise<string> {
    const offered = await this.openQuickFix(timeout);
    const row = this.page.locator('.action-widget .monaco-list-row.action').filter({ hasText: label }).first();
    if ((await row.count()) === 0) {
      await this.page.keyboard.press('Escape');
      throw new Error(`no quick fix ${String(label)}; offered: ${JSON.stringify(offered)}`);
    }
    const chosen = (await row.innerText()).trim();
    await this.focusRow(this.page.locator('.action-widget .monaco-list-row.action'), row);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: this.timeout });
    return chosen;
  }
}

function parseProblemRows(rows: Array<{ level: string; label: string; text: string }>): Problem[] {
  const problems: Problem[] = [];
  let file = '';
  for (const row of rows) {
    if (row.level === '1') {
      file = / in file (.+?)(?: of folder .*)?$/.exec(row.label)?.[1] ?? '';
    } else if (row.level === '2') {
      const at = /at line (\d+) and character (\d+)/.exec(row.label) ?? /\[Ln (\d+), Col (\d+)\]/.exec(row.text);
      problems.push({ file, label: row.label, text: row.text, line: Number(at?.[1] ?? 0), column: Number(at?.[2] ?? 0) });
    }
  }
  return problems;
}

async function readTreeRows(rows: Locator): Promise<TreeRow[]> {
  const result: TreeRow[] = [];
  for (const row of await rows.all()) {
    const level = Number((await row.getAttribute('aria-level')) ?? '1');
    const label = (await row.getAttribute('aria-label')) ?? (await row.innerText());
    result.push({ level, label: label.trim() });
  }
  return result;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
