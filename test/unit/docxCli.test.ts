import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainAsync } from '../../server/src/cli';
import { ROOT, SEED_DT } from './helpers';
import { viewsOf } from './interchangeHelpers';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await mainAsync(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('reso export --to docx / reso import of .docx', () => {
  const folder = mkdtempSync(join(tmpdir(), 'reso-docx-'));
  const source = join(folder, 'dt.reso');
  writeFileSync(source, readFileSync(join(ROOT, 'seeds', SEED_DT)));

  it('exports beside the file, imports it back with the same views, and replaces no file unasked', async () => {
    const exported = await run('export', '--to', 'docx', source);
    assert.equal(exported.code, 0, exported.err);
    assert.ok(existsSync(join(folder, 'dt.docx')));
    const again = await run('export', '--to', 'docx', source);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists; nothing was written \(use --force to replace\)/);
    assert.equal((await run('export', '--to', 'docx', source, '--force')).code, 0);
    const back = join(folder, 'back');
    const imported = await run('import', join(folder, 'dt.docx'), '-o', back);
    assert.equal(imported.code, 0, imported.err);
    // A DT stays one file, named by its document number.
    assert.deepEqual(readdirSync(back), ['dt-67-e.reso']);
    const before = viewsOf(readFileSync(source, 'utf8'));
    const after = viewsOf(readFileSync(join(back, 'dt-67-e.reso'), 'utf8'));
    assert.deepEqual(after.amended, before.amended);
    assert.deepEqual(after.original, before.original);
  });

  it('gives one error line and exit 2 for a file that is not a Word document, and writes nothing', async () => {
    const bad = join(folder, 'notes.docx');
    writeFileSync(bad, 'plain text, not a zip');
    const before = readdirSync(folder).sort();
    const result = await run('import', bad);
    assert.equal(result.code, 2);
    assert.equal(result.err, `reso: ${bad}: the file is not a Word document (.docx files are zip packages); nothing was written\n`);
    assert.deepEqual(readdirSync(folder).sort(), before);
  });

  it('does not export broken revision marks, and names a bad template', async () => {
    const broken = join(folder, 'broken.reso');
    writeFileSync(broken, '# RESOLUTION 1\n\n*resolves*\n\nto {++ never closed.\n');
    const result = await run('export', '--to', 'docx', broken);
    assert.equal(result.code, 2);
    assert.match(result.err, /not exported: a revision mark is not closed/);
    assert.ok(!existsSync(join(folder, 'broken.docx')));
    const bad = join(folder, 'notes.docx');
    const template = await run('export', '--to', 'docx', source, '-o', join(folder, 'x.docx'), '--template', bad);
    assert.equal(template.code, 2);
    assert.match(template.err, /template .*notes\.docx: the template is not a Word document/);
    assert.ok(!existsSync(join(folder, 'x.docx')));
    assert.match((await run('export', '--to', 'akn', source, '--template', bad)).err, /--template does not apply to akn/);
  });
});
