import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { ROOT } from './helpers';
import { smallDisk } from './disk';

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function inFolder<T>(folder: string, action: () => T): T {
  const cwd = process.cwd();
  process.chdir(folder);
  try {
    return action();
  } finally {
    process.chdir(cwd);
  }
}

const FIXABLE = '*recalling*\n\na) one;\nc) two;\n\n*resolves*\n\n2 to act;\n3 to end,\n';

describe('command line: never losing a byte', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-safe-'));

  describe('encodings', () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['latin1.reso', Buffer.from('*recalling*\n\na) the caf\xe9 text;\nc) two.\n', 'latin1'), /looks like Latin-1 \(ISO-8859-1 or Windows-1252\) text \(byte 0xE9 at line 3, column 11\)/],
      ['utf16bom.reso', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FIXABLE, 'utf16le')]), /looks like UTF-16 LE with a byte order mark/],
      ['utf16be.reso', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(FIXABLE, 'utf16le').swap16()]), /looks like UTF-16 BE with a byte order mark/],
      ['utf16.reso', Buffer.from(FIXABLE, 'utf16le'), /looks like UTF-16 LE without a byte order mark/],
      ['binary.reso', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0x00, 0x13]), /looks like binary data/],
    ];
    for (const [name, bytes, looksLike] of cases) {
      it(`${name}: one file.encoding diagnostic from check, never written by fix`, () => {
        const file = join(folder, name);
        writeFileSync(file, bytes);
        const checked = run('check', file);
        assert.equal(checked.code, 1, checked.err);
        const encoding = checked.out.split('\n').filter((line) => line.includes('file.encoding'));
        assert.equal(encoding.length, 1, checked.out);
        assert.match(encoding[0], /1:1 +error +File is not UTF-8: /);
        assert.match(encoding[0], looksLike);
        assert.doesNotMatch(checked.err, /0 error/);
        const fixed = run('fix', '--write', file);
        assert.equal(fixed.code, 2);
        assert.match(fixed.err, /is not UTF-8 .*; it is not fixed/);
        assert.ok(readFileSync(file).equals(bytes), 'the file was rewritten');
      });
    }

    it('a byte order mark, CRLF line breaks and a missing final newline survive fix --write', () => {
      const file = join(folder, 'bom-crlf.reso');
      const text = '\ufeff*recalling*\r\n\r\na) caf\u00e9;\r\nc) two;\r\n\r\n*resolves*\r\n\r\n2 to act;\r\n3 to end,';
      writeFileSync(file, text);
      const result = run('fix', '--write', file);
      assert.equal(result.code, 0, result.err);
      assert.equal(readFileSync(file, 'utf8'), '\ufeff*recalling*\r\n\r\na) caf\u00e9;\r\nb) two,\r\n\r\n*resolves*\r\n\r\n1 to act;\r\n2 to end.');
      assert.equal(run('check', file).code, 0);
    });
  });

  describe('special files and links', () => {
    const tree = join(folder, 'tree');
    const outside = join(folder, 'outside.reso');
    mkdirSync(tree);
    writeFileSync(join(tree, 'a.reso'), FIXABLE);
    writeFileSync(outside, FIXABLE);
    symlinkSync(outside, join(tree, 'b-link.reso'));
    execFileSync('mkfifo', [join(tree, 'c-pipe.reso')]);
    symlinkSync('/dev/zero', join(tree, 'd-zero.reso'));
    symlinkSync(join(tree, 'c-pipe.reso'), join(tree, 'e-pipe-link.reso'));
    writeFileSync(join(tree, 'f.reso'), FIXABLE);

    it('check skips pipes, devices and links to them with a message, and checks the rest', () => {
      const result = run('check', tree);
      assert.equal(result.code, 1);
      assert.match(result.err, /c-pipe\.reso is a named pipe, not a file; skipped/);
      assert.match(result.err, /d-zero\.reso is a (?:link to a )?character device/);
      assert.match(result.err, /e-pipe-link\.reso is a (?:link to a )?named pipe/);
      assert.match(result.out, /in \d+ of 3 files|3 files checked/);
      for (const name of ['a.reso', 'b-link.reso', 'f.reso']) assert.match(result.out, new RegExp(name.replace('.', '\\.')));
    });

    it('a pipe or a missing file named on the command line does not stop the others (exit 2)', () => {
      const result = run('check', join(tree, 'c-pipe.reso'), join(tree, 'gone.reso-link'), join(tree, 'a.reso'));
      assert.equal(result.code, 2);
      assert.match(result.err, /no such file or folder/);
      symlinkSync(join(tree, 'nowhere'), join(folder, 'dangling.reso'));
      const more = run('check', join(tree, 'c-pipe.reso'), join(folder, 'dangling.reso'), join(tree, 'a.reso'));
      assert.equal(more.code, 2);
      assert.match(more.err, /c-pipe\.reso is a named pipe, not a file; skipped/);
      assert.match(more.err, /(?:dangling\.reso cannot be read \(no such file\)|no such file or folder: \S*dangling\.reso)/);
      assert.match(more.out, /a\.reso\n {2}4:1 +error +Label c\) is out of sequence/);
    });

    it('fix --write does not follow a link found in a folder out of it', () => {
      const result = run('fix', '--write', tree);
      assert.equal(result.code, 2);
      assert.match(result.err, /b-link\.reso is a link to a file outside the folder named; it is not written/);
      assert.equal(readFileSync(outside, 'utf8'), FIXABLE);
      assert.notEqual(readFileSync(join(tree, 'a.reso'), 'utf8'), FIXABLE);
      assert.notEqual(readFileSync(join(tree, 'f.reso'), 'utf8'), FIXABLE);
      // Named itself, the link is the drafter's choice: written through.
      assert.equal(run('fix', '--write', join(tree, 'b-link.reso')).code, 0);
      assert.notEqual(readFileSync(outside, 'utf8'), FIXABLE);
    });

    it('a pipe named as a catalogue or as .resorc.json is skipped with a message, never waited on', () => {
      const project = mkdtempSync(join(tmpdir(), 'reso-pipes-'));
      writeFileSync(join(project, 'doc.reso'), '*recalling*\n\na) one.\n');
      execFileSync('mkfifo', [join(project, 'catalogue.json')]);
      writeFileSync(join(project, '.resorc.json'), '{ "catalogue": { "paths": ["catalogue.json"] } }');
      const result = inFolder(project, () => run('check', 'doc.reso'));
      assert.equal(result.code, 0, result.err);
      assert.match(result.err, /catalogue .*catalogue\.json: is a named pipe, not a file; it is left out/);
      const other = mkdtempSync(join(tmpdir(), 'reso-pipes-'));
      writeFileSync(join(other, 'doc.reso'), '*recalling*\n\na) one.\n');
      execFileSync('mkfifo', [join(other, '.resorc.json')]);
      const piped = inFolder(other, () => run('check', 'doc.reso'));
      assert.equal(piped.code, 2);
      assert.match(piped.err, /\.resorc\.json is a named pipe, not a file; skipped/);
    });

    it('`reso outline | head -1` exits quietly', () => {
      const many = join(folder, 'many');
      mkdirSync(many);
      const seed = readFileSync(join(ROOT, 'seeds', 'res130-dubai-2018.reso'));
      for (let i = 0; i < 200; i++) writeFileSync(join(many, `f${i}.reso`), seed);
      const result = spawnSync('bash', ['-c', `node "${join(ROOT, 'server', 'out', 'cli.js')}" outline "${many}" | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
      assert.equal(result.stdout.split('\n').length, 2);
      assert.equal(result.stderr, 'status 0\n');
    });
  });

  it('on a full disk, fix --write leaves the file whole and exits 2 with the reason', function () {
    const disk = smallDisk(32);
    if (!disk) this.skip();
    try {
      const file = join(disk.folder, 'doc.reso');
      writeFileSync(file, FIXABLE.repeat(300));
      // Fill what is left of the disk.
      try {
        writeFileSync(join(disk.folder, 'filler'), Buffer.alloc(64 * 1024));
      } catch {
        // full, as intended
      }
      const result = run('fix', '--write', file);
      assert.equal(result.code, 2);
      assert.match(result.err, /cannot write .*doc\.reso: no space left on the disk; the file is unchanged/);
      assert.equal(readFileSync(file, 'utf8'), FIXABLE.repeat(300));
    } finally {
      disk.release();
    }
  });

  describe('.resorc.json', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['bad JSON', '{ "diagnostics": { "severity": { "label.lone": "off", } } }', /\.resorc\.json: not valid JSON: expected a property name in double quotes at line 1, column 55/],
      ['an unknown key', '{ "diagnostic": {} }', /\.resorc\.json: unknown setting "diagnostic" \(known: diagnostics, renumber, onType, catalogue, ignores\)/],
      ['an unknown nested key', '{ "renumber": { "track": "never" } }', /unknown setting "renumber\.track"/],
      ['a wrong type', '{ "renumber": "never" }', /renumber must be an object/],
      ['a wrong value', '{ "onType": { "labels": "yes" } }', /onType\.labels must be true or false/],
    ];
    for (const [what, rc, message] of cases) {
      it(`${what} is reported once and check exits 2`, () => {
        const project = mkdtempSync(join(tmpdir(), 'reso-rc-'));
        writeFileSync(join(project, 'doc.reso'), '*recalling*\n\na) one.\n');
        writeFileSync(join(project, '.resorc.json'), rc);
        const result = inFolder(project, () => run('check', 'doc.reso'));
        assert.equal(result.code, 2, result.err);
        assert.equal(result.err.match(/\.resorc\.json/g)?.length, 1, result.err);
        assert.match(result.err, message);
      });
    }

    it('a byte order mark is fine', () => {
      const project = mkdtempSync(join(tmpdir(), 'reso-rc-'));
      writeFileSync(join(project, 'doc.reso'), '*recalling*\n\na) one;\nc) two.\n');
      writeFileSync(join(project, '.resorc.json'), '\ufeff{ "diagnostics": { "severity": { "label": "off" } } }');
      const result = inFolder(project, () => run('check', 'doc.reso'));
      assert.equal(result.code, 0, result.err);
      assert.equal(result.err.includes('resorc'), false);
    });

    it('a catalogue path naming a file that is not a catalogue never echoes its contents', () => {
      const project = mkdtempSync(join(tmpdir(), 'reso-rc-'));
      writeFileSync(join(project, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1\n');
      writeFileSync(join(project, 'doc.reso'), '*recalling*\n\na) one.\n');
      writeFileSync(join(project, '.resorc.json'), '{ "catalogue": { "paths": ["secret.txt"] } }');
      const result = inFolder(project, () => run('check', 'doc.reso'));
      assert.match(result.err, /secret\.txt: not valid JSON: expected a value at line 1, column 1; it is left out/);
      assert.doesNotMatch(result.err, /root:x|daemon/);
    });
  });
});
