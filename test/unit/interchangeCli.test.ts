// reso import and reso export --to akn on files: what is written, what is refused, exit codes.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KnowledgeBase, readCatalogue, type CatalogueFile } from '../../server/src/analysis/catalogue';
import { main } from '../../server/src/cli/main';
import { ROOT } from './helpers';

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const AKN = join(ROOT, 'test', 'fixtures', 'akn');
const fresh = () => mkdtempSync(join(tmpdir(), 'reso-import-'));

describe('reso import', () => {
  it('writes one .reso per statement, named by kind and number, and reports the repairs', () => {
    const folder = fresh();
    const result = run('import', join(AKN, 'res_2.xml'), join(AKN, 'dec_5.xml'), '-o', folder);
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(readdirSync(folder).sort(), ['decision-5.reso', 'resolution-2.reso']);
    assert.match(result.err, /res_2\.xml: 1 file \(resolution-2\.reso\); repairs: footnote markers unglued from words: 1, footnote texts cut out of clauses: 1, run-together clauses split back: 1, labels taken out of the text: 5, cross-references put back in italics: 3/);
    assert.match(result.err, /dec_5\.xml: 1 file \(decision-5\.reso\); repairs: headings found in paragraph text: 2, run-together clauses split back: 4, labels taken out of the text: 5, annex and part headings cut out of clauses: 2, cross-references put back in italics: 4, stray table cells dropped: 9/);
    assert.match(readFileSync(join(folder, 'resolution-2.reso'), 'utf8'), /^# RESOLUTION 2 \(REV\. DUBAI, 2018\)\n/);
  });

  it('never replaces an existing file unless --force, and writes nothing then', () => {
    const folder = fresh();
    writeFileSync(join(folder, 'decision-5.reso'), 'mine\n');
    const refused = run('import', join(AKN, 'res_2.xml'), join(AKN, 'dec_5.xml'), '-o', folder);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /decision-5\.reso already exists; nothing was written \(use --force to replace\)/);
    assert.equal(readFileSync(join(folder, 'decision-5.reso'), 'utf8'), 'mine\n');
    assert.equal(existsSync(join(folder, 'resolution-2.reso')), false);
    assert.equal(run('import', join(AKN, 'dec_5.xml'), '-o', folder, '--force').code, 0);
    assert.match(readFileSync(join(folder, 'decision-5.reso'), 'utf8'), /^# DECISION 5/);
    assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.tmp')), []);
  });

  it('bad input: one clear error, exit 2, nothing written', () => {
    const folder = fresh();
    const cases: Array<[string, string, RegExp]> = [
      ['broken.xml', '<akomaNtoso><statement>', /broken\.xml: malformed XML: .*; nothing was written/],
      ['page.xml', '<html><body/></html>', /page\.xml: not Akoma Ntoso: the root element is <html>/],
      ['act.xml', '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act/></akomaNtoso>', /act\.xml: the Akoma Ntoso document holds no <statement>/],
      ['notes.txt', 'Minutes\n\nNothing to see.\n', /notes\.txt: the text holds no resolution/],
    ];
    for (const [name, content, message] of cases) {
      const input = join(folder, name);
      writeFileSync(input, content);
      const out = join(folder, 'out');
      // A good file before the bad one: all or nothing.
      const result = run('import', join(AKN, 'res_2.xml'), input, '-o', out);
      assert.equal(result.code, 2, name);
      assert.match(result.err, message);
      assert.equal(result.err.trim().split('\n').length, 1, result.err);
      assert.equal(existsSync(out), false, name);
    }
  });

  it('--catalogue writes the catalogue of what was imported', () => {
    const folder = fresh();
    const result = run('import', join(AKN, 'res_2.xml'), '-o', folder, '--catalogue');
    assert.equal(result.code, 0, result.err);
    const catalogue = JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8'));
    const pp2 = catalogue.resolutions.find((entry: { id: string }) => entry.id === 'PP 2');
    assert.equal(pp2.name, 'World telecommunication/information and communication technology policy forum');
    const definition = pp2.revisions.find((revision: { definition?: unknown }) => revision.definition).definition;
    assert.equal(definition.file, 'resolution-2.reso');
    assert.equal(definition.clauses.length, 35);
    assert.match(definition.clauses[0].text, /relevant resolutions of the United Nations General Assembly/);
  });

  it('--catalogue catalogues decisions too, with their kind and text, readable as a catalogue', () => {
    const folder = fresh();
    const result = run('import', join(AKN, 'dec_5.xml'), join(AKN, 'res_2.xml'), '-o', folder, '--catalogue');
    assert.equal(result.code, 0, result.err);
    assert.doesNotMatch(result.err, /not catalogued/);
    const path = join(folder, 'catalogue.json');
    const catalogue = JSON.parse(readFileSync(path, 'utf8')) as CatalogueFile;
    const defined = catalogue.resolutions.filter((entry) => entry.revisions.some((revision) => revision.definition));
    assert.deepEqual(defined.map((entry) => [entry.id, entry.kind]), [['PP 2', 'resolution'], ['PP Decision 5', 'decision']]);
    const decision = defined[1];
    assert.equal(decision.body, 'PP');
    assert.equal(decision.number, '5');
    assert.equal(decision.name, 'Revenue and expenses for the Union for the period 2020-2023');
    const revision = decision.revisions.find((r) => r.definition);
    assert.equal(revision?.conference, 'PP-18');
    assert.equal(revision?.definition?.file, 'decision-5.reso');
    assert.match(revision?.definition?.clauses?.[0]?.text ?? '', /^the strategic plan of the Union for 2020-2023/);
    // The text travels with the entry (up to its annexes, as every embedded text), so a MOD can start from the catalogue alone.
    const imported = readFileSync(join(folder, 'decision-5.reso'), 'utf8');
    const text = revision?.definition?.text ?? '';
    assert.match(text, /^# DECISION 5 \(REV\. DUBAI, 2018\)\n[^]*\nto announce their provisional class of contribution for the period 2024-2027 before the end of the calendar year 2021\.\n$/);
    assert.ok(imported.startsWith(text), 'the embedded text is the imported file\'s, word for word');
    // Cited-only resolutions keep their own kind, and the file reads back as a catalogue.
    assert.equal(catalogue.resolutions.find((entry) => entry.id === 'PP 71')?.kind, 'resolution');
    const knowledge = new KnowledgeBase();
    const read = readCatalogue(readFileSync(path, 'utf8'));
    assert.ok(read.ok, read.ok ? '' : read.error);
    knowledge.setCatalogues([{ uri: pathToFileURL(path).href, data: read.catalogue }]);
    assert.equal(knowledge.resolution('PP', '5', 'decision')?.kind, 'decision');
    assert.equal(knowledge.resolution('PP', '5'), undefined);
  });

  it('--catalogue names a text it cannot catalogue, and still imports it', () => {
    const folder = fresh();
    const input = join(folder, 'r7.txt');
    writeFileSync(input, 'RESOLUTION 7\n\nTesting the import\n\nThe meeting,\n\nconsidering\n\na) that texts are imported;\n\nresolves\n\n1 to import them.\n');
    const result = run('import', input, '--catalogue');
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /^resolution-7\.reso: note: not catalogued: its title gives no number, or no body adopts it \(name the body in its authority line\)$/m);
    assert.deepEqual(readdirSync(folder).sort(), ['catalogue.json', 'r7.txt', 'resolution-7.reso']);
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'catalogue.json'), 'utf8')).resolutions, []);
  });

  it('a PDF text', () => {
    const folder = fresh();
    const result = run('import', join(ROOT, 'seeds', 'original', '000_8fa20dda3cb07826.txt'), '-o', folder);
    assert.equal(result.code, 0, result.err);
    assert.match(result.err, /note: resolution-130\.reso: the text shows revision marks flattened/);
    assert.deepEqual(readdirSync(folder), ['resolution-130.reso']);
  });
});

describe('reso export --to akn', () => {
  it('writes the document beside the file, refuses to replace it, prints it with --out -', () => {
    const folder = fresh();
    const file = join(folder, 'res.reso');
    writeFileSync(file, readFileSync(join(ROOT, 'seeds', 'res130-dubai-2018.reso')));
    const first = run('export', '--to', 'akn', file);
    assert.equal(first.code, 0, first.err);
    assert.match(readFileSync(join(folder, 'res.xml'), 'utf8'), /<statement name="resolution">/);
    const again = run('export', '--to', 'akn', file);
    assert.equal(again.code, 2);
    assert.match(again.err, /already exists/);
    assert.equal(run('export', '--to', 'akn', file, '--force').code, 0);
    const printed = run('export', '--to', 'akn', file, '--out', '-');
    assert.match(printed.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<akomaNtoso/);
  });

  it('several resolutions give one file each', () => {
    const folder = fresh();
    const file = join(folder, 'acts.reso');
    writeFileSync(file, '# RESOLUTION 1 (DUBAI, 2018)\n\n*resolves*\n\nto act.\n\n# DECISION 5 (DUBAI, 2018)\n\n*decides*\n\nto act.\n');
    assert.equal(run('export', '--to', 'akn', file).code, 0);
    assert.deepEqual(readdirSync(folder).sort(), ['acts.decision-5.xml', 'acts.reso', 'acts.resolution-1.xml']);
  });

  it('unknown format and missing file are usage errors', () => {
    assert.equal(run('export', '--to', 'pdf', 'x.reso').code, 2);
    assert.equal(run('export', 'x.reso').code, 2);
  });
});
