import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { KnowledgeBase, readCatalogue } from '../../server/src/analysis/catalogue';
import { buildCatalogue } from '../../server/src/analysis/catalogueBuilder';
import { main } from '../../server/src/cli';
import { SCHEMA_PATH } from './citationFixtures';
import { readSeed, ROOT, SEED_2018, SEED_DT } from './helpers';

describe('catalogue with the texts', () => {
  const built = buildCatalogue([SEED_DT, SEED_2018].map((name) => ({ name, text: readSeed(name) })), undefined, [], { embedText: true });
  const pp130 = built.resolutions.find((r) => r.body === 'PP' && r.number === '130');

  it('carries the text of each revision defined, from its title on', () => {
    const dubai = pp130?.revisions.find((r) => r.conference === 'PP-18')?.definition;
    assert.ok(dubai?.text?.startsWith('# RESOLUTION 130 (REV. DUBAI, 2018)\n\n## Strengthening the role of ITU'));
    assert.match(dubai?.text ?? '', /\n1 to continue to give this work high priority within ITU, in accordance/);
    // The DT defines the Busan text: its amended view, without marks.
    const busan = pp130?.revisions.find((r) => r.conference === 'PP-14')?.definition;
    assert.ok(busan?.text?.startsWith('# RESOLUTION 130 (REV. BUSAN, 2014)'));
    assert.doesNotMatch(busan?.text ?? '', /\{\+\+|\{--/);
  });

  it('is valid against the schema, read back, and offered as the definition text', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
    assert.ok(validate(built), JSON.stringify(validate.errors));
    const read = readCatalogue(JSON.stringify(built));
    assert.ok(read.ok);
    const knowledge = new KnowledgeBase();
    knowledge.setCatalogues([{ uri: 'file:///c/catalogue.json', data: built }]);
    const known = knowledge.resolution('PP', '130');
    assert.ok(known?.revisions.some((r) => r.definitions.some((d) => d.text?.startsWith('# RESOLUTION 130'))));
  });

  it('`reso catalogue --embed-text` writes it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'reso-cat-')), 'catalogue.json');
    let err = '';
    const code = main(['catalogue', '--embed-text', '--out', out, join(ROOT, 'seeds', SEED_2018)], { out: () => undefined, err: (t) => (err += t) });
    assert.equal(code, 0, err);
    assert.match(readFileSync(out, 'utf8'), /"text": "# RESOLUTION 130 \(REV\. DUBAI, 2018\)/);
  });
});
