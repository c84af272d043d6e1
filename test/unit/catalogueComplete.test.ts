// An incomplete catalogue is information: a citation no catalogue knows is `information`
// unless a loaded catalogue declares itself complete for that body and period; did-you-mean
// stays within one edit of a known number of the same body.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { readCatalogue, type CatalogueFile } from '../../server/src/analysis/catalogue';
import { parseCompleteness } from '../../server/src/analysis/catalogueBuilder';
import { main } from '../../server/src/cli';
import { citingText, SCHEMA_PATH, serviceWith, shippedCatalogue } from './citationFixtures';
import { ROOT } from './helpers';

const URI = 'file:///test/complete.reso';

function unknowns(text: string, complete?: CatalogueFile['complete']): Array<{ severity: string; message: string; text: string }> {
  const shipped = shippedCatalogue();
  const catalogues = complete ? [shipped, { uri: 'file:///complete.json', data: { format: 1 as const, complete, conferences: [], resolutions: [] } }] : [shipped];
  const service = serviceWith({ [URI]: text }, catalogues);
  return service.rawDiagnostics(URI).filter((d) => d.code === 'citation.unknown').map((d) => ({ severity: d.severity, message: d.message, text: text.slice(d.start, d.end) }));
}

describe('an incomplete catalogue is information', () => {
  const text = citingText('a) Resolution 777 (Rev. Dubai, 2018) of this conference;\nb) Resolution 778 (Rev. Dubai, 2018) of this conference,');

  it('a well-formed citation that no catalogue knows is information, saying so first', () => {
    const found = unknowns(text);
    assert.deepEqual(found.map((f) => f.severity), ['information', 'information']);
    assert.match(found[0].message, /^Resolution 777 of the Plenipotentiary Conference is not in the catalogue and no workspace file defines it; the catalogue may not hold every resolution of the Plenipotentiary Conference\.$/);
  });

  it('a catalogue that declares itself complete for the body and period makes it a warning', () => {
    const all = unknowns(text, [{ body: 'PP' }]);
    assert.deepEqual(all.map((f) => f.severity), ['warning', 'warning']);
    assert.match(all[0].message, /^Resolution 777 of the Plenipotentiary Conference is not in the catalogue, which declares that it holds every resolution of the Plenipotentiary Conference; /);
    assert.match(unknowns(text, [{ body: 'PP', from: 2014, to: 2018 }])[0].message, /\(2014–2018\)/);
    // Another period, or another body, changes nothing.
    assert.deepEqual(unknowns(text, [{ body: 'PP', to: 2014 }]).map((f) => f.severity), ['information', 'information']);
    assert.deepEqual(unknowns(text, [{ body: 'WTDC' }]).map((f) => f.severity), ['information', 'information']);
  });

  it('did-you-mean only within one edit of a known number of the same body', () => {
    const [near] = unknowns(citingText('Resolution 141 (Rev. Dubai, 2018) of this conference,'));
    assert.match(near.message, /Did you mean Resolution 140, Resolution 181\?$/);
    // 45 is known at WTDC, not at WTSA: no guess across bodies.
    const [across] = unknowns(citingText('Resolution 46 (Rev. Hammamet, 2016) of WTSA,'));
    assert.ok(across);
    assert.doesNotMatch(across.message, /Did you mean Resolution 45/);
    assert.deepEqual(unknowns(citingText('Resolution 8888 (Rev. Dubai, 2018) of this conference,')).map((f) => /Did you mean/.test(f.message)), [false]);
  });

  it('Radiocommunication texts are checked only against what a catalogue knows', () => {
    const radio = citingText('a) Resolution 646 (Rev.WRC-15) of the World Radiocommunication Conference;\nb) Resolution ITU-R 69,');
    assert.deepEqual(unknowns(radio), []);
    assert.deepEqual(unknowns(radio, [{ body: 'WRC' }]).map((f) => [f.severity, f.text]), [['warning', 'Resolution 646 (Rev.WRC-15)']]);
  });

  it('the format and the schema accept `complete`, and refuse a claim that is not one', () => {
    const data = { format: 1, complete: [{ body: 'PP', from: 1994, to: 2022 }], conferences: [], resolutions: [] };
    assert.ok(readCatalogue(JSON.stringify(data)).ok);
    const bad = readCatalogue(JSON.stringify({ ...data, complete: [{ body: 'ITU', from: 'then' }] }));
    assert.ok(!bad.ok && /^complete\[0\]\.body must be one of/.test(bad.error), JSON.stringify(bad));
    const schema: unknown = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema as object);
    assert.ok(validate(data), JSON.stringify(validate.errors));
    assert.ok(!validate({ ...data, complete: [{ body: 'PP', until: 2022 }] }));
  });

  it('parses --complete values', () => {
    assert.deepEqual(parseCompleteness('PP'), { body: 'PP' });
    assert.deepEqual(parseCompleteness('WTDC:1994-2022'), { body: 'WTDC', from: 1994, to: 2022 });
    assert.deepEqual(parseCompleteness('WTSA:-2016'), { body: 'WTSA', to: 2016 });
    assert.match(String(parseCompleteness('ITU')), /is not a body/);
    assert.match(String(parseCompleteness('PP:2022-1994')), /first year comes after the last/);
  });

  it('reso catalogue --complete writes the claim, and reso check then warns', () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-complete-'));
    const out = join(folder, 'catalogue.json');
    let err = '';
    const io = { out: () => undefined, err: (t: string) => (err += t) };
    assert.equal(main(['catalogue', '--complete', 'PP:1989-2022', '--out', out, join(ROOT, 'seeds')], io), 0, err);
    const written = JSON.parse(readFileSync(out, 'utf8')) as CatalogueFile;
    assert.deepEqual(written.complete, [{ body: 'PP', from: 1989, to: 2022 }]);
    assert.equal(main(['catalogue', '--complete', 'ITU', join(ROOT, 'seeds')], io), 2);
    assert.match(err, /--complete: 'ITU' is not a body/);

    const file = join(folder, 'doc.reso');
    writeFileSync(file, citingText('Resolution 777 (Rev. Dubai, 2018) of this conference,'));
    const check = (): string => {
      let printed = '';
      main(['check', file], { out: (t) => (printed += t), err: () => undefined });
      return printed;
    };
    const cwd = process.cwd();
    try {
      process.chdir(folder);
      assert.match(check(), /information {2}Resolution 777 .*citation\.unknown/);
      writeFileSync(join(folder, '.resorc.json'), JSON.stringify({ catalogue: { paths: ['catalogue.json'] } }));
      assert.match(check(), /warning {2}Resolution 777 of the Plenipotentiary Conference is not in the catalogue, which declares.*citation\.unknown/);
    } finally {
      process.chdir(cwd);
    }
  });
});
