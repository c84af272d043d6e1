import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { currentRevision, KnowledgeBase, nearNumbers, readCatalogue, summarizeDocument, type CatalogueFile } from '../../server/src/analysis/catalogue';
import { buildCatalogue, serializeCatalogue } from '../../server/src/analysis/catalogueBuilder';
import { DEFAULT_CONFERENCES } from '../../server/src/analysis/citations';
import { main } from '../../server/src/cli';
import { parseDocument } from '../../server/src/syntax';
import { SCHEMA_PATH, SHIPPED_PATH, shippedCatalogue } from './citationFixtures';
import { readSeed, SEED_2018, SEED_DT } from './helpers';

function seedsCatalogue(): CatalogueFile {
  return buildCatalogue([SEED_DT, SEED_2018].map((name) => ({ name, text: readSeed(name) })), undefined, [], { embedText: true });
}

function validator(): (data: unknown) => boolean {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
}

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('catalogue', () => {
  describe('the shipped catalogue', () => {
    it('is a fresh build of the seeds (run `npm run catalogue` after changing them)', () => {
      assert.equal(readFileSync(SHIPPED_PATH, 'utf8'), serializeCatalogue(seedsCatalogue()));
    });

    it('is valid against seeds/catalogue.schema.json, and the reader accepts it', () => {
      const validate = validator();
      const data: unknown = JSON.parse(readFileSync(SHIPPED_PATH, 'utf8'));
      assert.ok(validate(data), JSON.stringify((validate as unknown as { errors: unknown }).errors));
      assert.ok(readCatalogue(readFileSync(SHIPPED_PATH, 'utf8')).ok);
    });

    it('the schema rejects what the reader rejects', () => {
      const validate = validator();
      const broken = JSON.parse(readFileSync(SHIPPED_PATH, 'utf8')) as { resolutions: Array<Record<string, unknown>> };
      broken.resolutions[0].body = 'Senate';
      assert.equal(validate(broken), false);
      const read = readCatalogue(JSON.stringify(broken));
      assert.ok(!read.ok);
      assert.match(read.error, /resolutions\[0\]\.body must be one of PP, WTDC/);
    });
  });

  describe('the builder, on the seeds', () => {
    const catalogue = seedsCatalogue();
    const entry = (id: string) => catalogue.resolutions.find((r) => r.id === id);

    it('records the resolutions the seeds define, with title, name and clause structure', () => {
      const res130 = entry('PP 130');
      assert.ok(res130);
      assert.equal(res130.name, 'Strengthening the role of ITU in building confidence and security in the use of information and communication technologies');
      const dubai = res130.revisions.find((r) => r.conference === 'PP-18');
      assert.equal(dubai?.definition?.file, SEED_2018);
      assert.equal(dubai?.definition?.title, 'RESOLUTION 130 (REV. DUBAI, 2018)');
      assert.deepEqual(dubai?.definition?.range.start, { line: 0, character: 0 });
      const resolves2 = dubai?.definition?.clauses?.find((c) => c.section === 'resolves' && c.label === '2');
      assert.match(resolves2?.text ?? '', /^to give high priority to the work of ITU described under \*bearing in mind\* above/);
      const busan = res130.revisions.find((r) => r.conference === 'PP-14');
      assert.equal(busan?.definition?.title, 'RESOLUTION 130 (REV. BUSAN, 2014)');
      // The MOD's original title shows the revision it amends, and the deleted recalling a) an older one.
      assert.deepEqual(res130.revisions.map((r) => r.conference), ['PP-06', 'PP-10', 'PP-14', 'PP-18']);
    });

    it('records every cited resolution by (body, number), with the subject of the citing texts', () => {
      assert.deepEqual(catalogue.resolutions.map((r) => r.id), [
        'PP 71', 'PP 100', 'PP 130', 'PP 140', 'PP 174', 'PP 179', 'PP 181', 'PP 196',
        'WTDC 45', 'WTDC 67', 'WTDC 69', 'WTDC 80', 'WTSA 50', 'WTSA 52', 'WTSA 58', 'WTPF-09 Opinion 4',
        'UNGA 57/239', 'UNGA 64/211', 'UNGA 68/167', 'UNGA 68/198', 'UNGA 68/243', 'UNGA 70/125', 'UNGA 71/199',
        'Council 1305', 'Council 1336',
      ]);
      assert.equal(entry('WTSA 52')?.subject, 'countering and combating spam');
      assert.equal(entry('WTPF-09 Opinion 4')?.kind, 'opinion');
      assert.equal(entry('WTDC 45')?.citedIn?.length, 16);
      assert.deepEqual(entry('WTDC 45')?.citedIn?.[0], { file: SEED_DT, range: { start: { line: 31, character: 6 }, end: { line: 31, character: 38 } }, revision: 'WTDC-14' });
    });

    it('merges revisions across files and tells first adoptions from revisions', () => {
      const revisions = (id: string) => entry(id)?.revisions.map((r) => `${r.conference}${r.first === true ? ' first' : r.first === false ? ' rev' : ''}`);
      // 52: Johannesburg (DT, deleted text), Dubai 2012 (DT), Hammamet 2016 (2018 text); all cited with Rev.
      assert.deepEqual(revisions('WTSA 52'), ['WTSA-08 rev', 'WTSA-12 rev', 'WTSA-16 rev']);
      // 58: the DT's deleted text cites (Johannesburg, 2008) without Rev.: the first adoption.
      assert.deepEqual(revisions('WTSA 58'), ['WTSA-08 first', 'WTSA-12 rev']);
      // 80: (Dubai 2014) in the DT, (Rev. Buenos Aires, 2017) in the 2018 text.
      assert.deepEqual(revisions('WTDC 80'), ['WTDC-14 first', 'WTDC-17 rev']);
      assert.deepEqual(revisions('PP 100'), ['PP-98 first']);
    });

    it('lists the conferences of the table with their source', () => {
      const ids = catalogue.conferences.map((c) => c.id);
      for (const id of ['PP-94', 'PP-22', 'WTDC-22', 'WTSA-20', 'WTSA-24', 'WTPF-21', 'WCIT-12']) assert.ok(ids.includes(id), id);
      assert.deepEqual(catalogue.conferences.find((c) => c.id === 'WTSA-20'), { id: 'WTSA-20', body: 'WTSA', place: 'Geneva', year: 2022, source: 'ITU Final Acts' });
    });

    it('adds a conference a text shows that the table lacks, sourced to that text', () => {
      const built = buildCatalogue([{ name: 'old.reso', text: '# RESOLUTION 1 (REV. DUBAI, 2018)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*recalling*\n\nResolution 7 (Rev. Nairobi, 1982) of the Plenipotentiary Conference,\n' }]);
      assert.deepEqual(built.conferences.find((c) => c.id === 'PP-82'), { id: 'PP-82', body: 'PP', place: 'Nairobi', year: 1982, source: 'old.reso' });
      assert.ok(validator()(JSON.parse(serializeCatalogue(built))));
    });
  });

  describe('reading a catalogue', () => {
    it('names the problem of a broken file', () => {
      const cases: Array<[string, RegExp]> = [
        ['{ "format": 1, ', /^not valid JSON/],
        ['[]', /top level must be an object/],
        ['{ "format": 2, "conferences": [], "resolutions": [] }', /`format` must be 1/],
        ['{ "format": 1, "conferences": [], "resolutions": [{ "id": "PP 1", "body": "PP", "number": "1", "kind": "resolution", "revisions": [{ "conference": "PP-77" }] }] }', /revisions\[0\]\.conference "PP-77" is not a known conference/],
        ['{ "format": 1, "conferences": [], "resolutions": [{ "id": "PP 1", "body": "PP", "number": "1", "kind": "resolution", "revisions": [], "citedIn": [{ "file": "a.reso", "range": {} }] }] }', /citedIn\[0\]\.range must be/],
      ];
      for (const [text, message] of cases) {
        const read = readCatalogue(text);
        assert.ok(!read.ok, text);
        assert.match(read.error, message);
      }
    });
  });

  describe('the knowledge base', () => {
    it('merges the catalogue with the workspace: a definition in the workspace wins', () => {
      const knowledge = new KnowledgeBase();
      knowledge.setCatalogues([shippedCatalogue()]);
      const before = knowledge.resolution('WTDC', '67');
      assert.equal(before?.revisions.length, 1);
      assert.equal(before?.revisions[0].first, false);
      const text = '# RESOLUTION 67 (BUENOS AIRES, 2017)\n\n## Role of ITU-D in child online protection\n\nThe World Telecommunication Development Conference (Buenos Aires, 2017),\n\n*resolves*\n\nto act.\n';
      knowledge.setSummary('file:///ws/res67.reso', summarizeDocument(parseDocument(text), knowledge.conferences));
      const after = knowledge.resolution('WTDC', '67');
      assert.equal(after?.name, 'Role of ITU-D in child online protection');
      assert.equal(after?.revisions[0].first, true, 'the title without REV. says first adoption');
      assert.equal(after?.revisions[0].definitions[0].uri, 'file:///ws/res67.reso');
      assert.equal(after?.inWorkspace, true);
      knowledge.remove('file:///ws/res67.reso');
      assert.equal(knowledge.resolution('WTDC', '67')?.inWorkspace, false);
    });

    it('counts the workspace citations of a resolution, kept up to date', () => {
      const knowledge = new KnowledgeBase();
      knowledge.setCatalogues([shippedCatalogue()]);
      const summary = (text: string) => summarizeDocument(parseDocument(text), DEFAULT_CONFERENCES);
      knowledge.setSummary('file:///a.reso', summary(readSeed(SEED_2018)));
      knowledge.invalidate('file:///b.reso', () => summary(readSeed(SEED_DT)));
      assert.deepEqual(knowledge.citationCount('WTSA 52'), { citations: 10, files: 2 });
      knowledge.remove('file:///b.reso');
      assert.deepEqual(knowledge.citationCount('WTSA 52'), { citations: 5, files: 1 });
    });

    it('keeps what it merged from the catalogues while other documents change, and forgets a key a document defines', () => {
      const knowledge = new KnowledgeBase();
      knowledge.setCatalogues([shippedCatalogue()]);
      const summary = (text: string) => summarizeDocument(parseDocument(text), knowledge.conferences);
      const pp130 = knowledge.resolution('PP', '130');
      const numbers = knowledge.numbers('PP');
      const version = knowledge.definitionsVersion;
      // Typing in a document that defines nothing: the merged answers, the numbers and the definitions version stay.
      knowledge.invalidate('file:///typing.reso', () => summary('a) Resolution 130 (Rev. Dubai, 2018);\n'));
      assert.equal(knowledge.resolution('PP', '130'), pp130);
      assert.equal(knowledge.numbers('PP'), numbers);
      assert.equal(knowledge.definitionsVersion, version);
      // A document that defines Resolution 130: that key, the numbers and the version change.
      const defines = '# RESOLUTION 130 (REV. DUBAI, 2018)\n\n## Renamed\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto act.\n';
      knowledge.invalidate('file:///typing.reso', () => summary(defines));
      assert.notEqual(knowledge.resolution('PP', '130'), pp130);
      assert.equal(knowledge.resolution('PP', '130')?.name, 'Renamed');
      assert.notEqual(knowledge.definitionsVersion, version);
      // Its title moved down a line: what other documents read of it is the same.
      const moved = knowledge.definitionsVersion;
      knowledge.invalidate('file:///typing.reso', () => summary(`\n${defines}`));
      assert.equal(knowledge.definitionsVersion, moved);
      assert.equal(knowledge.resolution('PP', '130')?.revisions.at(-1)?.definitions[0].range.start.line, 1);
    });

    it('finds the known numbers one edit away without scanning the catalogue', () => {
      const knowledge = new KnowledgeBase();
      knowledge.setCatalogues([shippedCatalogue()]);
      assert.deepEqual(knowledge.nearNumbers('PP', '1400'), ['100', '140']);
      assert.deepEqual(knowledge.nearNumbers('PP', '141'), ['140', '181']);
      assert.deepEqual(nearNumbers('45', ['4', '5', '46', '54', '45', '145', '450', '405', '55', '99']), ['4', '5', '46', '54', '55', '145', '405', '450']);
      knowledge.setSummary('file:///ws/res1401.reso', summarizeDocument(parseDocument('# RESOLUTION 1401 (DUBAI, 2018)\n\n## New\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto act.\n'), knowledge.conferences));
      assert.deepEqual(knowledge.nearNumbers('PP', '1400'), ['100', '140', '1401']);
    });

    it('knows the revision in force at a year', () => {
      const knowledge = new KnowledgeBase();
      knowledge.setCatalogues([shippedCatalogue()]);
      const known = knowledge.resolution('WTSA', '52');
      assert.ok(known);
      assert.equal(currentRevision(known, 2014)?.conference.id, 'WTSA-12');
      assert.equal(currentRevision(known, 2018)?.conference.id, 'WTSA-16');
      assert.equal(currentRevision(known, undefined)?.conference.id, 'WTSA-16');
      assert.equal(currentRevision(known, 2000), undefined);
    });

    it('finds an entry\'s line in the catalogue file, for go-to-definition', () => {
      const knowledge = new KnowledgeBase();
      const catalogue = shippedCatalogue();
      knowledge.setCatalogues([catalogue]);
      const entry = knowledge.resolution('WTDC', '67')?.entries[0];
      assert.ok(entry);
      const line = (catalogue.text ?? '').split('\n')[entry.range.start.line];
      assert.match(line, /"id": "WTDC 67"/);
    });
  });

  describe('a catalogue whose defining files are not shipped', () => {
    it('points at its own entry, and still knows the clauses', () => {
      const knowledge = new KnowledgeBase();
      const catalogue = { ...shippedCatalogue(), fileExists: () => false };
      knowledge.setCatalogues([catalogue]);
      const site = knowledge.resolution('PP', '130')?.revisions.find((r) => r.conference.id === 'PP-18')?.definitions[0];
      assert.ok(site);
      assert.equal(site.textAvailable, false);
      assert.equal(site.uri, catalogue.uri);
      assert.match((catalogue.text ?? '').split('\n')[site.range.start.line], /"id": "PP 130"/);
      assert.ok(site.clauses?.some((c) => c.section === 'resolves' && c.label === '2'));
    });
  });

  describe('reso catalogue', () => {
    it('writes a catalogue whose paths are relative to it', () => {
      const folder = mkdtempSync(join(tmpdir(), 'reso-catalogue-'));
      writeFileSync(join(folder, 'a.reso'), readSeed(SEED_2018));
      const out = join(folder, 'out', 'catalogue.json');
      mkdirSync(join(folder, 'out'));
      const result = run('catalogue', '--out', out, folder);
      assert.equal(result.code, 0, result.err);
      const written = JSON.parse(readFileSync(out, 'utf8')) as CatalogueFile;
      assert.deepEqual(written.sources, ['../a.reso']);
      assert.ok(validator()(written));
    });

    it('makes the folder of --out when it does not exist yet', () => {
      const folder = mkdtempSync(join(tmpdir(), 'reso-catalogue-'));
      writeFileSync(join(folder, 'a.reso'), readSeed(SEED_2018));
      const out = join(folder, 'build', 'nested', 'catalogue.json');
      const result = run('catalogue', '--out', out, folder);
      assert.equal(result.code, 0, result.err);
      assert.deepEqual((JSON.parse(readFileSync(out, 'utf8')) as CatalogueFile).sources, ['../../a.reso']);
    });

    it('prints to standard output without --out, and exits 2 on usage errors', () => {
      const printed = run('catalogue', join('seeds', SEED_2018));
      assert.equal(printed.code, 0);
      assert.ok(readCatalogue(printed.out).ok);
      assert.equal(run('catalogue').code, 2);
      assert.equal(run('catalogue', '--bogus', 'seeds').code, 2);
    });
  });
});
