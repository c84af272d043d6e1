import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { ROOT } from './helpers';

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('command line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-cli-'));
  const broken = join(folder, 'broken.reso');
  writeFileSync(broken, '*recalling*\n\na) text {++ never closed;\nb) note[^9].\n');

  it('checks the seeds without errors (exit 0)', () => {
    const result = run('check', join(ROOT, 'seeds'));
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.err, /^2 files checked: 0 error/);
  });

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const result = run('check', broken);
    assert.equal(result.code, 1);
    const lines = result.out.trim().split('\n');
    assert.deepEqual(lines.map((l) => l.replace(/^.*broken\.reso:/, '')), [
      '3:9 error syntax.revision Revision mark `{++` is never closed; every `{++` needs its `++}`.',
      '4:8 error footnote.undefined Footnote [^9] has no definition; every marker needs a line `[^9]: …`.',
    ]);
  });

  it('prints JSON with 0-based LSP ranges', () => {
    const result = run('check', '--format', 'json', broken);
    assert.equal(result.code, 1);
    const parsed: unknown = JSON.parse(result.out);
    assert.ok(Array.isArray(parsed));
    assert.deepEqual(parsed[0], {
      file: parsed[0].file,
      range: { start: { line: 2, character: 8 }, end: { line: 2, character: 11 } },
      severity: 'error',
      code: 'syntax.revision',
      message: 'Revision mark `{++` is never closed; every `{++` needs its `++}`.',
    });
    assert.match(parsed[0].file, /broken\.reso$/);
  });

  it('exits 2 with a message on usage and I/O errors', () => {
    for (const args of [[], ['nonsense'], ['check'], ['check', '--format', 'xml', broken], ['check', '--bogus', broken], ['amended']]) {
      const result = run(...args);
      assert.equal(result.code, 2, `reso ${args.join(' ')}`);
      assert.match(result.err, /^reso: .+/);
    }
    const missing = run('check', join(folder, 'missing.reso'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or folder/);
  });

  it('prints the amended and original views', () => {
    const dt = join(ROOT, 'seeds', 'res130-busan-2014-dt67.reso');
    const amended = run('amended', dt);
    const original = run('original', dt);
    assert.equal(amended.code, 0);
    assert.match(amended.out, /^# RESOLUTION 130 \(REV\. BUSAN, 2014\)$/m);
    assert.match(original.out, /^# RESOLUTION 130 \(REV\. GUADALAJARA, 2010\)$/m);
    assert.doesNotMatch(amended.out, /\{\+\+|\{--/);
  });

  it('prints the outline', () => {
    const result = run('outline', join(ROOT, 'seeds', 'res130-dubai-2018.reso'));
    assert.equal(result.code, 0);
    assert.match(result.out, /^ {4}recalling {2}\(preamble\) {2}\[line 7\]$/m);
    assert.match(result.out, /^ {6}q\) that ITU Council Resolution 1305/m);
  });

  it('fix prints the fixed text, and rewrites files with --write', () => {
    const file = join(folder, 'fixable.reso');
    const text = '*recalling*\n\na) one;\nc) two;\n\n*resolves*\n\n2 to act;\n3 to end,\n';
    writeFileSync(file, text);
    const printed = run('fix', file);
    assert.equal(printed.code, 0);
    assert.equal(printed.out, '*recalling*\n\na) one;\nb) two,\n\n*resolves*\n\n1 to act;\n2 to end.\n');
    assert.equal(readFileSync(file, 'utf8'), text, 'fix without --write changed the file');
    const written = run('fix', '--write', file);
    assert.equal(written.code, 0);
    assert.match(written.err, /^1 of 1 file fixed/);
    assert.equal(readFileSync(file, 'utf8'), printed.out);
    assert.equal(run('check', file).code, 0);
  });

  it('reads .resorc.json from the current folder or above', () => {
    const project = mkdtempSync(join(tmpdir(), 'reso-rc-'));
    const file = join(project, 'doc.reso');
    writeFileSync(file, '*recalling*\n\na) one;\nc) two.\n');
    const cwd = process.cwd();
    try {
      process.chdir(project);
      assert.equal(run('check', file).code, 1);
      writeFileSync(join(project, '.resorc.json'), JSON.stringify({ diagnostics: { severity: { 'label.sequence': 'warning' } } }));
      const relaxed = run('check', file);
      assert.equal(relaxed.code, 0);
      assert.match(relaxed.out, /warning label\.sequence/);
      writeFileSync(join(project, '.resorc.json'), '{ not json');
      assert.match(run('check', file).err, /\.resorc\.json: not valid JSON/);
    } finally {
      process.chdir(cwd);
    }
  });
});
