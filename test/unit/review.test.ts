// The reviewer's view: revision mark ranges, hover and code actions on a mark, change navigation,
// the HTML rendering of the three readings, the preview page's security, `reso export`, and the
// bracket configuration that leaves a label's `)` alone.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import type { MarkupContent } from 'vscode-languageserver-types';
import { makeNonce, previewShell } from '../../client/src/previewShell';
import { main } from '../../server/src/cli';
import { applyEdits } from '../../server/src/analysis/edits';
import { changeFrom, changeNumberAt, revisionRanges } from '../../server/src/features/revisionMarks';
import { LanguageService } from '../../server/src/features/service';
import { htmlPage, renderDocument } from '../../server/src/interchange/html';
import { parseDocument } from '../../server/src/syntax';
import { ROOT, readSeed, SEED_DT } from './helpers';

const URI = 'file:///review.reso';

function service(text: string): LanguageService {
  const s = new LanguageService();
  s.setDocument(URI, text, 1);
  return s;
}

function quads(flat: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 4) out.push(`${flat[i]}:${flat[i + 1]}-${flat[i + 2]}:${flat[i + 3]}`);
  return out;
}

function textOf(text: string, flat: readonly number[]): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 4) {
    assert.equal(flat[i], flat[i + 2], 'the test texts keep each range on one line');
    out.push(lines[flat[i]].slice(flat[i + 1], flat[i + 3]));
  }
  return out;
}

describe('revision mark ranges', () => {
  it('gives inserted, deleted, comment and highlight text apart from the delimiters', () => {
    const text = 'a {++new++} b {--old--} c {~~was~>is~~} d {>>note<<} e {==look==}\n';
    const ranges = revisionRanges(parseDocument(text));
    assert.deepEqual(textOf(text, ranges.inserted), ['new', 'is']);
    assert.deepEqual(textOf(text, ranges.deleted), ['old', 'was']);
    assert.deepEqual(textOf(text, ranges.comments), ['note']);
    assert.deepEqual(textOf(text, ranges.highlights), ['look']);
    assert.deepEqual(ranges.commentTexts, ['note']);
    assert.deepEqual(textOf(text, ranges.delimiters), ['{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{>>', '<<}', '{==', '==}']);
  });

  it('counts UTF-16 positions across lines and CRLF', () => {
    const text = 'é {++x\r\ny++}\r\n';
    const ranges = revisionRanges(parseDocument(text));
    assert.deepEqual(quads(ranges.inserted), ['0:5-1:1']);
    assert.deepEqual(quads(ranges.delimiters), ['0:2-0:5', '1:1-1:4']);
  });

  it('covers every mark of the DT', () => {
    const document = parseDocument(readSeed(SEED_DT));
    const ranges = revisionRanges(document);
    assert.equal(document.revisions.length, 196);
    // Two delimiters a mark, three for a substitution with its separator.
    const substitutions = document.revisions.filter((m) => m.kind === 'substitution' && m.separator !== undefined).length;
    assert.equal(ranges.delimiters.length / 4, 2 * document.revisions.length + substitutions);
  });
});

describe('change navigation', () => {
  const text = 'x {--a--}{++b++} y {++c++}\n';
  const document = parseDocument(text);
  const at = (offset: number) => offset;
  const target = (start: number, end: number, forward: boolean) => {
    const found = changeFrom(document, start, end, forward);
    assert.ok(found);
    return { start: document.lines.offsetAt(found.range.start), index: found.index, total: found.total, wrapped: found.wrapped };
  };

  it('goes forward mark by mark, selecting each, and wraps round with notice', () => {
    assert.deepEqual(target(0, 0, true), { start: 2, index: 1, total: 3, wrapped: false });
    // With the first mark selected, Next goes to the insertion that touches it.
    assert.deepEqual(target(2, 9, true), { start: 9, index: 2, total: 3, wrapped: false });
    assert.deepEqual(target(9, 16, true), { start: 19, index: 3, total: 3, wrapped: false });
    assert.deepEqual(target(19, 26, true), { start: 2, index: 1, total: 3, wrapped: true });
  });

  it('goes back without skipping the deleted half of a substitution pair', () => {
    assert.deepEqual(target(19, 26, false), { start: 9, index: 2, total: 3, wrapped: false });
    assert.deepEqual(target(9, 16, false), { start: 2, index: 1, total: 3, wrapped: false });
    assert.deepEqual(target(2, 9, false), { start: 19, index: 3, total: 3, wrapped: true });
  });

  it('selects the mark the cursor stands at the start of', () => {
    assert.equal(target(at(2), at(2), true).start, 2);
  });

  it('numbers the change at a position', () => {
    assert.equal(changeNumberAt(document, 0), undefined);
    assert.equal(changeNumberAt(document, 4), 1);
    assert.equal(changeNumberAt(document, 9), 2);
    assert.equal(changeNumberAt(document, 21), 3);
  });

  it('says nothing is there in a text without marks', () => {
    assert.equal(changeFrom(parseDocument('plain\n'), 0, 0, true), undefined);
  });
});

describe('hover and code actions on a revision mark', () => {
  it('says what the mark does and links Accept and Reject to the mark', () => {
    const s = service('a) the {--old--}{++new++} words;\n');
    const hover = s.hover(URI, { line: 0, character: 20 });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Insertion\*\*: adds «new»/);
    const links = [...value.matchAll(/\(command:(resolution\.\w+)\?([^ )]+)/g)].map((m) => [m[1], JSON.parse(decodeURIComponent(m[2]))]);
    assert.deepEqual(links, [
      ['resolution.acceptChange', [URI, { line: 0, character: 17 }]],
      ['resolution.rejectChange', [URI, { line: 0, character: 17 }]],
    ]);
  });

  it('adds the mark below a citation hover inside the mark', () => {
    const s = service('# RESOLUTION 1 (DUBAI, 2018)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*recalling*\n\n{++Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference++},\n');
    const hover = s.hover(URI, { line: 6, character: 6 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /130/);
    assert.match(value, /---\n\n\*\*Insertion\*\*/);
  });

  it('shows the document text as text, not Markdown or links', () => {
    const s = service('{++[click](command:workbench.action.quit) *x* <img src=x>++}\n');
    const value = (s.hover(URI, { line: 0, character: 5 })?.contents as MarkupContent).value;
    assert.ok(!value.includes('](command:workbench'), value);
    assert.ok(!value.includes('<img'), value);
  });

  it('offers Accept change and Reject change inside a mark, and they do what they say', () => {
    const text = 'a {--old--}{++new++} b\n';
    const s = service(text);
    const actions = s.codeActions(URI, { line: 0, character: 14 }, { line: 0, character: 14 });
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.filter((t) => /change/.test(t)), ['Accept change (insertion)', 'Reject change (insertion)']);
    const apply = (title: string) => {
      const edits = actions.find((a) => a.title === title)?.edit?.changes?.[URI] ?? [];
      const document = parseDocument(text);
      return applyEdits(text, edits.map((e) => ({ start: document.lines.offsetAt(e.range.start), end: document.lines.offsetAt(e.range.end), newText: e.newText })));
    };
    assert.equal(apply('Accept change (insertion)'), 'a {--old--}new b\n');
    assert.equal(apply('Reject change (insertion)'), 'a {--old--} b\n');
    assert.deepEqual(s.codeActions(URI, { line: 0, character: 0 }, { line: 0, character: 0 }).filter((a) => /change/.test(a.title)), []);
  });
});

describe('HTML rendering', () => {
  const dt = parseDocument(readSeed(SEED_DT));

  it('renders the DT as Word shows tracked changes, with the printed layout', () => {
    const { body } = renderDocument(dt, 'tracked');
    assert.match(body, /<h1 class="title" data-line="\d+">RESOLUTION 130 \(REV\. <del>GUADALAJARA, 2010<\/del><ins>BUSAN, 2014<\/ins>\)<\/h1>/);
    assert.match(body, /<h2 class="name"/);
    assert.match(body, /<p class="authority"/);
    assert.match(body, /<p class="heading" data-line="\d+"><em>recalling<\/em><\/p>/);
    // The clause deleted whole still shows, struck through.
    assert.match(body, /<del>a\) Resolution 130 \(Rev\. Antalya, 2006\) of the Plenipotentiary Conference;<\/del>/);
    assert.match(body, /<span class="label"><del>b<\/del><ins>j<\/ins>\)<\/span>/);
    assert.ok(!body.includes('{++') && !body.includes('--}') && !body.includes('<!--'), 'no markup delimiters or comments');
  });

  it('renders the amended and original readings without marks', () => {
    const amended = renderDocument(dt, 'amended').body;
    const original = renderDocument(dt, 'original').body;
    for (const body of [amended, original]) assert.ok(!/<ins>|<del>/.test(body));
    assert.match(amended, /RESOLUTION 130 \(REV\. BUSAN, 2014\)/);
    assert.match(original, /RESOLUTION 130 \(REV\. GUADALAJARA, 2010\)/);
    assert.ok(!amended.includes('Antalya, 2006'));
    assert.match(original, /Resolution 130 \(Rev\. Antalya, 2006\)/);
  });

  it('gives each block its source line, in order', () => {
    const lines = [...renderDocument(dt, 'tracked').body.matchAll(/data-line="(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(lines.length > 100);
    const text = dt.text.split('\n');
    assert.match(text[lines.find((l) => /recalling/.test(text[l])) ?? -1] ?? '', /\*recalling\*/);
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i] >= lines[i - 1], `line ${lines[i]} after ${lines[i - 1]}`);
  });

  it('puts hanging labels, sub-items, italics and footnotes where print has them', () => {
    const text = '# RESOLUTION 9 (DUBAI, 2018)\n\n## Name\n\nThe Conference (Dubai, 2018),\n\n*resolves*\n\n1 to *continue* the work[^1]:\n  i) first;\n  ii) second;\n2 to report.\n\n[^1]: A note.\n';
    const { body } = renderDocument(parseDocument(text), 'tracked');
    assert.match(body, /<div class="clause depth-0 labelled" data-line="8"><span class="label">1<\/span><span class="text">to <em>continue<\/em> the work<sup class="fnref"><a href="#fn-1">1<\/a><\/sup>:<\/span><div class="clause depth-1 labelled" data-line="9"><span class="label">i\)<\/span>/);
    assert.match(body, /<aside class="footnotes"><p class="footnote" id="fn-1" data-line="13"><sup>1<\/sup> A note\.<\/p><\/aside><\/article>/);
  });

  it('renders an annex after its resolution, and comments as notes only in the tracked reading', () => {
    const text = '# RESOLUTION 9 (DUBAI, 2018)\n\n*resolves*\n\nto go{>>check this<<}.\n\n# ANNEX TO RESOLUTION 9 (DUBAI, 2018)\n\nFree text of the annex.\n';
    const tracked = renderDocument(parseDocument(text), 'tracked').body;
    assert.match(tracked, /<\/article><article class="annex" data-line="6"><h1 class="title" data-line="6">ANNEX TO RESOLUTION 9 \(DUBAI, 2018\)<\/h1><p class="free" data-line="8">Free text of the annex\.<\/p><\/article>$/);
    assert.match(tracked, /to go<span class="note">check this<\/span>\./);
    assert.match(renderDocument(parseDocument(text), 'amended').body, /to go\.</);
  });

  it('shows hostile text as text', () => {
    const hostile = '# RESOLUTION 1 (DUBAI, 2018)\n\n## <script>alert(1)</script></style>\n\nThe Conference (Dubai, 2018),\n\n*resolves*\n\n1 to see [x](javascript:alert(1)) "quoted" \'single\' <img src=x onerror=alert(1)> {++<b onclick="x">++}[^a"b];\n';
    for (const mode of ['tracked', 'amended', 'original'] as const) {
      const page = htmlPage(parseDocument(hostile), mode);
      const body = page.slice(page.indexOf('<body>'));
      assert.ok(!/<script|<img|<b |<\/style>/i.test(body), body);
      assert.match(body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;\/style&gt;/);
      assert.match(body, /&quot;quoted&quot; &#39;single&#39;/);
      assert.ok(!/href="javascript/i.test(body));
    }
  });

  it('writes a standalone page: strict policy, print styles, a page break between resolutions', () => {
    const page = htmlPage(parseDocument('# RESOLUTION 1 (DUBAI, 2018)\n\ntext\n\n# RESOLUTION 2 (DUBAI, 2018)\n\ntext\n'), 'tracked');
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    assert.match(page, /@media print \{[^]*article \+ article \{ break-before: page/);
    assert.equal(page.match(/<article class="resolution"/g)?.length, 2);
    assert.ok(!/<script/i.test(page));
  });
});

describe('the preview page', () => {
  const nonce = makeNonce((n) => new Uint8Array(n).map((_, i) => i * 7));
  const page = previewShell({ nonce, cspSource: 'https://webview.example', css: '.x{}</style><script>alert(1)</script>', mode: 'amended', markers: true });

  it('allows only its own style and script, by nonce', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? '';
    assert.equal(csp, `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src https://webview.example data:; font-src https://webview.example`);
    assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    const scripts = page.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0 && scripts.every((tag) => tag === `<script nonce="${nonce}">`), scripts.join());
  });

  it('cannot be broken out of by the styles it is given', () => {
    assert.ok(!page.includes('</style><script>alert(1)'));
    assert.equal(page.match(/<\/style>/g)?.length, 1);
  });

  it('starts in the mode asked for', () => {
    assert.match(page, /data-mode="amended" aria-pressed="true"/);
    assert.match(page, /data-mode="tracked" aria-pressed="false"/);
  });
});

describe('reso export', () => {
  const run = (args: string[]) => {
    let out = '';
    let err = '';
    const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  };

  it('writes an HTML page beside the file, or where --out says', () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-export-'));
    const file = join(folder, 'dt.reso');
    writeFileSync(file, readSeed(SEED_DT));
    const beside = run(['export', '--to', 'html', file]);
    assert.equal(beside.code, 0, beside.err);
    const html = readFileSync(join(folder, 'dt.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<ins>BUSAN, 2014<\/ins>/);
    const amended = run(['export', '--to=html', '--mode', 'amended', '--out', '-', file]);
    assert.equal(amended.code, 0);
    assert.ok(!amended.out.includes('<ins>'));
  });

  it('refuses unknown formats and modes with the usage', () => {
    const file = join(ROOT, 'seeds', SEED_DT);
    const pdf = run(['export', '--to', 'pdf', file]);
    assert.equal(pdf.code, 2);
    assert.match(pdf.err, /unknown export format 'pdf' \(known: [^)]*\bhtml\b/);
    assert.equal(run(['export', file]).code, 2);
    const mode = run(['export', '--to', 'html', '--mode', 'both', '--out', '-', file]);
    assert.equal(mode.code, 2);
    assert.match(mode.err, /--mode must be tracked, amended, original/);
  });
});

describe('bracket configuration', () => {
  it('leaves the ) of labels out of bracket matching, and matches ( ) elsewhere', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: Array<{ unbalancedBracketScopes?: string[] }> } };
    const unbalanced = manifest.contributes.grammars[0].unbalancedBracketScopes ?? [];
    await oniguruma.loadWASM(readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'))).catch(() => undefined);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (t: string) => new oniguruma.OnigString(t) }),
      loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(join(ROOT, 'syntaxes', 'resolution.tmLanguage.json'), 'utf8'), 'resolution.tmLanguage.json'),
    });
    const grammar = await registry.loadGrammar('text.resolution');
    assert.ok(grammar);
    const lines = ['*recalling*', '', 'a) text of *considering c)* (Geneva, 2014);', '{--b--}{++c++}) Resolution 69 ({--Hyderabad, 2010--}{++Rev. Dubai, 2014++}) of WTDC:', '  ii) a sub-item;'];
    const closers: Array<{ line: number; at: number; excluded: boolean }> = [];
    let state = vsctm.INITIAL;
    lines.forEach((line, index) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      for (const token of result.tokens) {
        for (let at = token.startIndex; at < token.endIndex; at++) {
          if (line[at] !== ')') continue;
          closers.push({ line: index, at, excluded: token.scopes.some((scope) => unbalanced.some((u) => scope === u || scope.startsWith(`${u}.`))) });
        }
      }
    });
    const excluded = closers.filter((c) => c.excluded).map((c) => `${c.line}:${c.at}`);
    // a)  c)  the label after the marks  ii)
    assert.deepEqual(excluded, ['2:1', '2:25', '3:14', '4:4']);
    // The parentheses of (Geneva, 2014) and of the revision stay brackets.
    assert.deepEqual(closers.filter((c) => !c.excluded).map((c) => `${c.line}:${c.at}`), ['2:41', `3:${lines[3].indexOf(') of WTDC')}`]);
    const configuration = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'language-configuration.json'), 'utf8')) as { brackets: string[][] };
    assert.ok(configuration.brackets.some(([open, close]) => open === '(' && close === ')'));
  });
});

describe('the manifest for the reviewer and the first run', () => {
  interface Manifest {
    repository?: { url?: string };
    contributes: {
      commands: Array<{ command: string }>;
      colors: Array<{ id: string; defaults: Record<string, string> }>;
      walkthroughs: Array<{ steps: Array<{ description: string; media: { markdown?: string; image?: string } }> }>;
      configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
      menus: Record<string, Array<{ command: string }>>;
    };
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const clientFolder = join(ROOT, 'client', 'src');
  const clientSource = readdirSync(clientFolder).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(join(clientFolder, name), 'utf8')).join('\n');

  it('names a repository', () => {
    assert.match(manifest.repository?.url ?? '', /^https:\/\//);
  });

  it('registers every command it contributes, links to or puts in a menu', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const command of contributed) assert.ok(clientSource.includes(`'${command}'`), `${command} is contributed but not registered`);
    for (const items of Object.values(manifest.contributes.menus)) for (const item of items) assert.ok(contributed.has(item.command), item.command);
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(contributed.has(command) || command.startsWith('workbench.'), `walkthrough links to ${command}`);
      }
    }
  });

  it('has every walkthrough page it shows', () => {
    for (const step of manifest.contributes.walkthroughs[0].steps) {
      const media = step.media.markdown ?? step.media.image ?? '';
      assert.ok(media && readFileSync(join(ROOT, media), 'utf8').length > 0, media);
    }
  });

  it('gives every colour a default for light, dark and both high-contrast themes', () => {
    assert.ok(manifest.contributes.colors.length >= 8);
    for (const color of manifest.contributes.colors) {
      assert.deepEqual(Object.keys(color.defaults).sort(), ['dark', 'highContrast', 'highContrastLight', 'light'], color.id);
      assert.ok(clientSource.includes(color.id.replace(/^resolution\./, '')), `${color.id} is not used`);
    }
  });

  it('describes settings without the repository layout', () => {
    for (const [name, property] of Object.entries(manifest.contributes.configuration.properties)) {
      const text = property.markdownDescription ?? property.description ?? '';
      assert.ok(!/(?:seeds|server|client|test)\/|\.ts\b|\.schema\.json/.test(text), `${name}: ${text}`);
    }
  });
});
