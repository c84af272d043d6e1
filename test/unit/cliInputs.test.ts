import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ENDING_WARNING, filesOf, LABEL_GAP, project, runIn } from './cliHelpers';

// Every file has one warning, so the JSON report names every file checked.
const W = ENDING_WARNING;

describe('command line inputs', () => {
  describe('targets', () => {
    const root = project({
      'docs/a.reso': W,
      'docs/notes.txt': 'not a resolution',
      'empty/notes.txt': 'not a resolution',
      'docs/sub/b.reso': W,
      'docs/old/c.reso': W,
      'docs/old/keep.reso': W,
      'docs/.drafts/hidden.reso': W,
      'node_modules/pkg/d.reso': W,
      'draft[1].reso': W,
      'top.reso': W,
    });
    const checked = (...args: string[]) => {
      const result = runIn({ cwd: root }, 'check', '--format', 'json', ...args);
      assert.ok(result.code === 0 || result.code === 1, result.err);
      return filesOf(result);
    };

    it('a folder is searched for .reso files, skipping hidden folders and node_modules (unless named)', () => {
      assert.deepEqual(checked('.'), ['docs/a.reso', 'docs/old/c.reso', 'docs/old/keep.reso', 'docs/sub/b.reso', 'draft[1].reso', 'top.reso']);
      assert.deepEqual(checked('docs/.drafts'), ['docs/.drafts/hidden.reso']);
    });

    it('globs are expanded, from their fixed part and no deeper than they reach', () => {
      assert.deepEqual(checked('docs/**/*.reso'), ['docs/a.reso', 'docs/old/c.reso', 'docs/old/keep.reso', 'docs/sub/b.reso']);
      assert.deepEqual(checked('docs/*.reso'), ['docs/a.reso']);
      assert.deepEqual(checked('./docs/{sub,old}/*.reso'), ['docs/old/c.reso', 'docs/old/keep.reso', 'docs/sub/b.reso']);
      assert.deepEqual(checked('*.reso'), ['draft[1].reso', 'top.reso']);
      assert.deepEqual(checked(join(root, 'docs', 's?b', '*.reso')), ['docs/sub/b.reso']);
      assert.deepEqual(checked('docs/*'), ['docs/a.reso'], 'a glob picks .reso files only');
    });

    it('a path that exists is taken as written, even when it looks like a glob; each file is read once', () => {
      assert.deepEqual(checked('draft[1].reso'), ['draft[1].reso']);
      assert.deepEqual(checked('docs/a.reso', 'docs', 'docs/*.reso'), ['docs/a.reso', 'docs/old/c.reso', 'docs/old/keep.reso', 'docs/sub/b.reso']);
      const json = JSON.parse(runIn({ cwd: root }, 'check', '-f', 'json', 'docs/a.reso', 'docs/*.reso').out) as unknown[];
      assert.equal(json.length, 1);
    });

    it('outline and catalogue take globs too; a glob that matches nothing is exit 2', () => {
      const outline = runIn({ cwd: root }, 'outline', 'docs/**/*.reso');
      assert.equal(outline.code, 0, outline.err);
      assert.deepEqual(outline.out.split('\n').filter((line) => line.endsWith('.reso')).map((line) => line.split(sep).join('/')), ['docs/a.reso', 'docs/old/c.reso', 'docs/old/keep.reso', 'docs/sub/b.reso']);
      const catalogue = runIn({ cwd: root }, 'catalogue', 'docs/*.reso');
      assert.equal(catalogue.code, 0, catalogue.err);
      const nothing = runIn({ cwd: root }, 'outline', 'nowhere/**/*.reso');
      assert.equal(nothing.code, 2);
      assert.match(nothing.err, /no \.reso files matched/);
    });

    it('--ignore leaves out files and folders by .gitignore-style patterns, repeatable, negations included', () => {
      assert.deepEqual(checked('--ignore', 'old/', '.'), ['docs/a.reso', 'docs/sub/b.reso', 'draft[1].reso', 'top.reso']);
      assert.deepEqual(checked('--ignore', 'docs/old/*', '--ignore', '!keep.reso', 'docs'), ['docs/a.reso', 'docs/old/keep.reso', 'docs/sub/b.reso']);
      assert.deepEqual(checked('--ignore=*.reso', '--ignore=!/top.reso', '.'), ['top.reso']);
      assert.deepEqual(checked('--ignore', '/docs/sub', 'docs/**/*.reso'), ['docs/a.reso', 'docs/old/c.reso', 'docs/old/keep.reso']);
    });

    it('a file named outright but ignored is not read, and the user is told', () => {
      const result = runIn({ cwd: root }, 'check', '--ignore', 'old/', 'docs/old/c.reso', 'top.reso');
      assert.equal(result.code, 0);
      assert.match(result.err, /^reso: docs\/old\/c\.reso is left out by an ignore pattern; not read\n$/);
      assert.match(result.out, /^top\.reso\n/);
      const folder = runIn({ cwd: root }, 'check', '--ignore', 'old/', 'docs/old');
      assert.equal(folder.code, 2);
      assert.match(folder.err, /^reso: the folder docs\/old is ignored/);
    });

    it('a target that matches no .reso file is exit 2 with a message, unless --no-error-on-unmatched-pattern', () => {
      for (const [target, message] of [
        ['docs/**/*.md', /^reso: no \.reso files matched 'docs\/\*\*\/\*\.md'\n/],
        ['nowhere/*.reso', /^reso: no \.reso files matched 'nowhere\/\*\.reso'\n/],
        ['missing.reso', /^reso: no such file or folder: missing\.reso\n/],
        ['empty', /^reso: no \.reso files found in the folder empty\n/],
      ] as const) {
        const result = runIn({ cwd: root }, 'check', target, 'top.reso');
        assert.equal(result.code, 2, target);
        assert.match(result.out, /^top\.reso\n/, 'the other targets are still checked');
        assert.match(result.err, message);
        assert.match(result.err, /--no-error-on-unmatched-pattern/);
        const passed = runIn({ cwd: root }, 'check', '--format', 'json', '--no-error-on-unmatched-pattern', target, 'top.reso');
        assert.equal(passed.code, 0, target);
        assert.deepEqual(filesOf(passed), ['top.reso']);
      }
      const nothing = runIn({ cwd: root }, 'check', '--no-error-on-unmatched-pattern', 'nowhere/*.reso');
      assert.deepEqual([nothing.code, nothing.out], [0, '✔ 0 files checked, no problems\n']);
    });

    it('linked folders are not followed (a link to a folder above would never end)', () => {
      const linked = project({ 'real/a.reso': W });
      symlinkSync(linked, join(linked, 'real', 'loop'));
      const result = runIn({ cwd: linked }, 'check', '-f', 'json', '.');
      assert.deepEqual(filesOf(result), ['real/a.reso']);
    });
  });

  describe('standard input', () => {
    it('- reads standard input, named <stdin>, or as --stdin-filename says', () => {
      const root = project({ 'a.reso': W });
      const plain = runIn({ cwd: root, stdin: LABEL_GAP }, 'check', '-');
      assert.equal(plain.code, 1);
      assert.match(plain.out, /^<stdin>\n {2}4:1 {2}error {2}Label c\) is out of sequence/);
      const named = runIn({ cwd: root, stdin: LABEL_GAP }, 'check', '--format', 'json', '--stdin-filename', 'drafts/dt.reso', '-', 'a.reso');
      assert.deepEqual(filesOf(named), ['a.reso', 'drafts/dt.reso']);
      assert.equal(runIn({ cwd: root }, 'check', '-').code, 2, 'no standard input to read');
    });

    it('--stdin-filename finds the .resorc.json of the file it names, and its ignores', () => {
      const root = project({ 'relaxed/.resorc.json': JSON.stringify({ diagnostics: { severity: { label: 'warning' } }, ignores: ['skip/'] }) });
      assert.equal(runIn({ cwd: root, stdin: LABEL_GAP }, 'check', '--stdin-filename', 'strict/dt.reso', '-').code, 1);
      const relaxed = runIn({ cwd: root, stdin: LABEL_GAP }, 'check', '--stdin-filename', 'relaxed/dt.reso', '-');
      assert.equal(relaxed.code, 0);
      assert.match(relaxed.out, /warning {2}Label c\) is out of sequence/);
      const skipped = runIn({ cwd: root, stdin: LABEL_GAP }, 'check', '--stdin-filename', 'relaxed/skip/dt.reso', '-');
      assert.equal(skipped.code, 0);
      assert.match(skipped.err, /relaxed\/skip\/dt\.reso \(standard input\) is left out by an ignore pattern/);
    });
  });

  describe('settings per file', () => {
    const root = project({
      '.resorc.json': JSON.stringify({ diagnostics: { severity: { 'punctuation.ending': 'off' } } }),
      'strict/a.reso': LABEL_GAP,
      'relaxed/.resorc.json': JSON.stringify({ diagnostics: { severity: { 'label.sequence': 'warning' } }, ignores: ['drafts/', '*.old.reso'] }),
      'relaxed/b.reso': LABEL_GAP,
      'relaxed/b.old.reso': LABEL_GAP,
      'relaxed/drafts/c.reso': LABEL_GAP,
      'relaxed/deeper/d.reso': W,
      'other.json': JSON.stringify({ diagnostics: { severity: { label: 'off' } } }),
    });
    const severities = (cwd: string, ...args: string[]) => {
      const result = runIn({ cwd }, 'check', '--format', 'json', ...args);
      const problems = JSON.parse(result.out) as Array<{ file: string; severity: string; code: string }>;
      return { code: result.code, err: result.err, problems: problems.map((p) => `${relative(root, resolve(cwd, p.file)).split(sep).join('/')} ${p.severity} ${p.code}`) };
    };

    it('the nearest .resorc.json in a file\'s folder or above applies to it, wherever reso is run from', () => {
      const expected = ['strict/a.reso error label.sequence', 'relaxed/b.reso warning label.sequence', 'relaxed/deeper/d.reso warning punctuation.ending'];
      for (const cwd of [root, join(root, 'relaxed'), join(root, 'strict'), '/']) {
        const found = severities(cwd, join(root, 'strict'), join(root, 'relaxed'));
        assert.deepEqual(found.problems, expected, `run from ${cwd}`);
        assert.equal(found.code, 1);
      }
      // relaxed/.resorc.json replaces the one above it: punctuation.ending is on again below relaxed/.
      assert.deepEqual(severities(root, 'relaxed/deeper').problems, ['relaxed/deeper/d.reso warning punctuation.ending']);
    });

    it('its ignores are read from its folder, and govern the files below it only', () => {
      assert.deepEqual(severities(root, '.').problems.filter((p) => p.includes('/b.old') || p.includes('drafts')), []);
      const named = runIn({ cwd: root }, 'check', 'relaxed/drafts/c.reso');
      assert.match(named.err, /relaxed\/drafts\/c\.reso is left out by an ignore pattern/);
      // The same names elsewhere are not ignored.
      mkdirSync(join(root, 'strict', 'drafts'), { recursive: true });
      writeFileSync(join(root, 'strict', 'drafts', 'e.reso'), LABEL_GAP);
      assert.ok(severities(root, 'strict').problems.includes('strict/drafts/e.reso error label.sequence'));
    });

    it('--config FILE applies one file to every file, its ignores read from its folder', () => {
      const found = severities(join(root, 'strict'), '--config', '../other.json', join(root, 'strict'), join(root, 'relaxed'));
      assert.deepEqual(found.problems, ['relaxed/deeper/d.reso warning punctuation.ending']);
      assert.equal(found.code, 0);
      const missing = runIn({ cwd: root }, 'check', '--config', 'nope.json', 'strict');
      assert.equal(missing.code, 2);
      assert.match(missing.err, /^reso: cannot read the settings file nope\.json: no such file\n$/);
    });

    it('a settings file\'s problems are reported naming the file', () => {
      const bad = project({ '.resorc.json': JSON.stringify({ diagnostic: {}, diagnostics: { severity: { 'label.sequense': 'off' } } }), 'a.reso': LABEL_GAP });
      const result = runIn({ cwd: bad }, 'check', 'a.reso');
      assert.match(result.err, /\.resorc\.json: unknown setting "diagnostic" \(known: diagnostics, renumber, onType, catalogue, ignores\)\n/);
      assert.match(result.err, /\.resorc\.json: diagnostics\.severity\.label\.sequense: no such code or code prefix\n/);
    });

    it('catalogue paths are read from the settings file\'s folder', () => {
      const cataloguing = project({
        'defs/res777.reso': '# RESOLUTION 777 (REV. DUBAI, 2018)\n\n## Tests\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto test.\n',
        'texts/citing.reso': '# RESOLUTION 1 (DUBAI, 2018)\n\n## Citing\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*recalling*\n\nResolution 777 (Rev. Dubai, 2018) of the Plenipotentiary Conference,\n\n*resolves*\n\nto cite.\n',
      });
      const unknown = runIn({ cwd: cataloguing }, 'check', '-f', 'json', 'texts');
      assert.ok((JSON.parse(unknown.out) as Array<{ code: string }>).some((p) => p.code === 'citation.unknown'), unknown.out);
      assert.equal(runIn({ cwd: cataloguing }, 'catalogue', '--out', 'texts/cat/catalogue.json', 'defs').code, 0);
      writeFileSync(join(cataloguing, 'texts', '.resorc.json'), JSON.stringify({ catalogue: { paths: ['cat/catalogue.json'] } }));
      for (const cwd of [cataloguing, join(cataloguing, 'texts')]) {
        const known = runIn({ cwd }, 'check', '-f', 'json', join(cataloguing, 'texts'));
        assert.equal(known.err, '', `from ${cwd}`);
        assert.ok(!(JSON.parse(known.out) as Array<{ code: string }>).some((p) => p.code === 'citation.unknown'), `from ${cwd}: ${known.out}`);
      }
    });
  });
});
