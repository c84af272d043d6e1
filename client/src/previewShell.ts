// The preview webview's page: a toolbar (Tracked / Amended / Original, problems in the margin) and
// an empty document element that the script fills from messages. Its Content-Security-Policy
// allows only this page's own style and script (by nonce): no remote content, no inline handlers,
// nothing a document's text could bring. Pure: no `vscode` here, so it is tested as it is.

export interface ShellOptions {
  nonce: string;
  /** The webview's own source for images (`webview.cspSource`). */
  cspSource: string;
  /** The print styles the renderer's markup uses. */
  css: string;
  mode: 'tracked' | 'amended' | 'original';
  markers: boolean;
}

/** 32 characters from [A-Za-z0-9], from a strong random source. */
export function makeNonce(random: (size: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(random(32), (byte) => alphabet[byte % alphabet.length]).join('');
}

const WEBVIEW_CSS = `
body { padding: 0; margin: 0; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); }
.toolbar { position: sticky; top: 0; z-index: 2; display: flex; gap: 0.25em; align-items: center; padding: 0.4em 1em; font: 12px var(--vscode-font-family, sans-serif); background: var(--vscode-editorWidget-background, var(--vscode-editor-background)); border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); }
.toolbar button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid transparent; border-radius: 2px; padding: 0.2em 0.8em; cursor: pointer; }
.toolbar button[aria-pressed="true"] { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.toolbar label { margin-left: auto; display: flex; gap: 0.3em; align-items: center; }
.toolbar .count { opacity: 0.75; margin-left: 0.75em; }
.resolution-document { --reso-inserted: var(--vscode-resolution-insertedText-foreground, #1a56b0); --reso-deleted: var(--vscode-resolution-deletedText-foreground, #b3261e); --reso-note: var(--vscode-resolution-comment-foreground, #5c4a00); --reso-note-background: var(--vscode-resolution-comment-background, #fff4c2); --reso-highlight: var(--vscode-resolution-highlight-background, #fff27a); }
.resolution-document ins { background: var(--vscode-resolution-insertedText-background, transparent); }
.resolution-document del { background: var(--vscode-resolution-deletedText-background, transparent); }
.markers [data-problem] { position: relative; }
.markers [data-problem]::before { content: ""; position: absolute; left: -1.2em; top: 0.15em; width: 0.5em; height: 0.5em; border-radius: 50%; background: var(--vscode-editorWarning-foreground, #bf8803); }
.markers [data-problem="error"]::before { background: var(--vscode-editorError-foreground, #e51400); }
.markers [data-problem="information"]::before { background: var(--vscode-editorInfo-foreground, #1a85ff); }
.resolution-document .source-line-active { outline: 1px dashed var(--vscode-editorCursor-foreground, currentColor); outline-offset: 2px; }
`;

/** The script: fills the document, switches modes, marks problems, keeps scroll in step by source line. */
const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const state = Object.assign({ mode: 'tracked', markers: true, line: 0 }, vscode.getState() || {}, window.__initial);
  const main = document.getElementById('document');
  const count = document.getElementById('count');
  const markers = document.getElementById('markers');
  let blocks = [];
  // Where our own scrollTo put the page: the scroll event that lands there is its echo, not the reader's.
  let echoAt = -1;
  function save() { vscode.setState(state); }
  function pressed() {
    for (const button of document.querySelectorAll('button[data-mode]')) button.setAttribute('aria-pressed', String(button.dataset.mode === state.mode));
    markers.checked = state.markers;
    document.body.classList.toggle('markers', state.markers);
  }
  function index() {
    blocks = Array.from(main.querySelectorAll('[data-line]')).map((element) => ({ element, line: Number(element.dataset.line) }));
    blocks.sort((a, b) => a.line - b.line);
  }
  function blockAt(line) {
    let lo = 0, hi = blocks.length - 1, found = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (blocks[mid].line <= line) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found;
  }
  function top(element) { return element.getBoundingClientRect().top + window.scrollY - toolbarHeight(); }
  function toolbarHeight() { const bar = document.querySelector('.toolbar'); return bar ? bar.getBoundingClientRect().height : 0; }
  function scrollToLine(line) {
    const i = blockAt(line);
    if (i < 0) { if (window.scrollY > 0) { echoAt = 0; window.scrollTo(0, 0); } return; }
    const here = blocks[i], next = blocks[i + 1];
    let y = top(here.element);
    if (next && next.line > here.line) y += (top(next.element) - y) * Math.min(1, (line - here.line) / (next.line - here.line));
    const limit = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
    const target = Math.round(Math.min(limit, Math.max(0, y)));
    if (Math.abs(window.scrollY - target) < 1) return;
    echoAt = target;
    window.scrollTo(0, target);
  }
  function lineAtTop() {
    const y = window.scrollY;
    let i = 0;
    while (i + 1 < blocks.length && top(blocks[i + 1].element) <= y) i++;
    const here = blocks[i], next = blocks[i + 1];
    if (!here) return 0;
    const from = top(here.element);
    if (!next || next.line <= here.line) return here.line;
    const to = top(next.element);
    return here.line + Math.floor((next.line - here.line) * Math.max(0, Math.min(1, (y - from) / Math.max(1, to - from))));
  }
  function showProblems(problems) {
    for (const element of main.querySelectorAll('[data-problem]')) { element.removeAttribute('data-problem'); element.removeAttribute('title'); }
    const rank = { error: 3, warning: 2, information: 1 };
    for (const problem of problems) {
      const i = blockAt(problem.line);
      if (i < 0) continue;
      const element = blocks[i].element;
      const was = element.getAttribute('data-problem');
      if (!was || rank[problem.severity] > rank[was]) element.setAttribute('data-problem', problem.severity);
      element.title = (element.title ? element.title + '\\n' : '') + problem.message;
    }
  }
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'content') {
      state.mode = message.mode;
      main.innerHTML = message.body;
      main.className = 'resolution-document mode-' + message.mode;
      count.textContent = message.marks === 0 ? 'no revision marks' : message.marks + ' revision mark' + (message.marks === 1 ? '' : 's');
      index();
      showProblems(message.problems || []);
      pressed();
      save();
      scrollToLine(typeof message.line === 'number' ? message.line : state.line);
    } else if (message.type === 'scroll') {
      state.line = message.line;
      save();
      scrollToLine(message.line);
    } else if (message.type === 'problems') {
      showProblems(message.problems);
    }
  });
  for (const button of document.querySelectorAll('button[data-mode]')) {
    button.addEventListener('click', () => { state.mode = button.dataset.mode; pressed(); save(); vscode.postMessage({ type: 'mode', mode: state.mode }); });
  }
  markers.addEventListener('change', () => { state.markers = markers.checked; pressed(); save(); });
  let pending = false;
  window.addEventListener('scroll', () => {
    if (echoAt >= 0 && Math.abs(window.scrollY - echoAt) <= 1) return;
    echoAt = -1;
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      state.line = lineAtTop();
      save();
      vscode.postMessage({ type: 'reveal', line: state.line });
    });
  });
  main.addEventListener('dblclick', (event) => {
    const element = event.target instanceof Element ? event.target.closest('[data-line]') : null;
    if (element) vscode.postMessage({ type: 'open', line: Number(element.dataset.line) });
  });
  pressed();
  vscode.postMessage({ type: 'ready' });
})();
`;

export function previewShell(options: ShellOptions): string {
  const { nonce, cspSource } = options;
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`, `font-src ${cspSource}`].join('; ');
  const initial = JSON.stringify({ mode: options.mode, markers: options.markers }).replace(/</g, '\\u003c');
  const mode = (id: string, title: string, tip: string): string => `<button type="button" data-mode="${id}" aria-pressed="${options.mode === id}" title="${tip}">${title}</button>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${options.css.replace(/</g, '\\3c ')}${WEBVIEW_CSS}</style>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Preview">
${mode('tracked', 'Tracked', 'Insertions underlined, deletions struck through, as Word shows them')}
${mode('amended', 'Amended', 'The text with every change accepted')}
${mode('original', 'Original', 'The text before the changes')}
<span class="count" id="count"></span>
<label title="A dot in the margin beside a block that has a problem"><input type="checkbox" id="markers"> Problems in the margin</label>
</div>
<main id="document" class="resolution-document"></main>
<script nonce="${nonce}">window.__initial = ${initial};</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
