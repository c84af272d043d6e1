import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

const VSCE = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** The walkthrough's pages and the README's screenshots, which show in the extension's page. */
const WALKTHROUGH = ['checks', 'citations', 'export', 'preview', 'sample'].map((name) => `client/walkthrough/${name}.md`);
const README_IMAGES = ['hover', 'problems', 'decorations-light', 'decorations-dark', 'preview'].map((name) => `test/e2e/readme/${name}.png`);

describe('packaging', function () {
  this.timeout(120_000);

  it('packs only the bundles, grammar, snippets, language configuration, catalogue, README, LICENSE and icon', () => {
    const listed = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .sort();
    const expected = [
      'README.md',
      'client/LICENSE',
      'client/icon.png',
      'client/out/extension.js',
      'package.json',
      'seeds/resorc.schema.json',
      'server/out/cli.js',
      'server/out/server.js',
      'snippets/resolution.json',
      'syntaxes/language-configuration.json',
      'syntaxes/resolution.tmLanguage.json',
    ];
    for (const file of expected) assert.ok(listed.includes(file), `${file} is not packed: ${listed.join(', ')}`);
    const allowed = new Set([...expected, 'seeds/catalogue.json', 'seeds/catalogue.schema.json', ...WALKTHROUGH, ...README_IMAGES]);
    assert.deepEqual(listed.filter((file) => !allowed.has(file)), [], 'files packed that should not be');
  });

  it('writes a .vsix under 1.1 MB', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'reso-vsix-')), 'resolution-drafter.vsix');
    execFileSync(process.execPath, [VSCE, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], { cwd: ROOT, stdio: 'pipe' });
    const size = statSync(out).size;
    // The Word writer (the docx library, in both the server and the command line) takes the package past 1 MB.
    assert.ok(size > 50_000 && size < 1_100_000, `vsix is ${size} bytes`);
  });
});
