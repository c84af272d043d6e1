// Decisions, opinions and recommendations are numbered apart from resolutions: the catalogue keys
// an entry by body, kind and number, so Decision 5 of the Plenipotentiary Conference never answers
// for its Resolution 5, and each forum's opinion is an entry of its own.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { readCatalogue, type CatalogueFile, type LoadedCatalogue } from '../../server/src/analysis/catalogue';
import { buildCatalogue, serializeCatalogue, type CatalogueInput } from '../../server/src/analysis/catalogueBuilder';
import { documentCitations } from '../../server/src/analysis/citations';
import { main } from '../../server/src/cli';
import { readAkn } from '../../server/src/interchange/akn/reader';
import { exportAkn } from '../../server/src/interchange/akn/writer';
import { printDocument } from '../../server/src/interchange/printer';
import { parseDocument } from '../../server/src/syntax';
import { citingText, SCHEMA_PATH, serviceWith, shippedCatalogue } from './citationFixtures';
import { ROOT } from './helpers';

const URI = 'file:///test/kinds.reso';

/** A text of the Plenipotentiary Conference: `RESOLUTION 5 (REV. BUSAN, 2014)`, `DECISION 5 (REV. DUBAI, 2018)`. */
function defining(title: string, name: string, place: string, year: number, recital = 'that,'): string {
  return `# ${title}

## ${name}

The Plenipotentiary Conference of the International Telecommunication Union (${place}, ${year}),

*recalling*

${recital}

*resolves*

to continue.
`;
}

const INPUTS: CatalogueInput[] = [
  { name: 'res5-busan.reso', text: defining('RESOLUTION 5 (REV. BUSAN, 2014)', 'Invitations to hold conferences or meetings outside Geneva', 'Busan', 2014) },
  { name: 'dec5-busan.reso', text: defining('DECISION 5 (REV. BUSAN, 2014)', 'Revenue and expenses for the Union for the period 2016-2019', 'Busan', 2014) },
  {
    name: 'dec5-dubai.reso',
    text: defining('DECISION 5 (REV. DUBAI, 2018)', 'Revenue and expenses for the Union for the period 2020-2023', 'Dubai', 2018,
      'a) Council Decision 588, on the Union\'s financial plan;\nb) Decisions 482 and 501 of the Council;\nc) Opinion 4 (Lisbon, 2009), on collaborative strategies for confidence and security in the use of ICTs;\nd) Opinion 4 (Geneva, 2013), on supporting multistakeholderism in Internet governance;\ne) Recommendation 34 (Rev.WRC-12), on principles for the allocation of frequency bands,'),
  },
];

function built(inputs: readonly CatalogueInput[] = INPUTS): CatalogueFile {
  const read = readCatalogue(serializeCatalogue(buildCatalogue(inputs)));
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.catalogue;
}

function loaded(data: CatalogueFile = built()): LoadedCatalogue[] {
  return [shippedCatalogue(), { uri: 'file:///test/kinds-catalogue.json', data, text: serializeCatalogue(data) }];
}

function codes(recital: string, catalogues = loaded()): string[] {
  const text = citingText(recital);
  const service = serviceWith({ [URI]: text }, catalogues);
  return service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.')).map((d) => `${d.severity} ${d.code} ${text.slice(d.start, d.end)}: ${d.message}`);
}

function read(recital: string, operative = 'to continue.'): string[] {
  const text = citingText(recital).replace('*resolves*\n\nto continue.', operative);
  return documentCitations(parseDocument(text)).citations.map((c) => `${c.kind} ${c.number} ${c.body ?? '-'} ${c.how}${c.conference ? ` ${c.conference.id}` : ''}`);
}

function positionAfter(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + needle.length);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

function hoverText(hover: Hover | null): string {
  const contents = hover?.contents;
  return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
}

function inserted(item: CompletionItem | undefined): string | undefined {
  return item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : undefined;
}

describe('decisions, opinions and recommendations', () => {
  describe('decisions are recognised', () => {
    it('of the Council, before or after, in the sentence or the heading', () => {
      assert.deepEqual(read('Council Decision 588,'), ['decision 588 Council named']);
      assert.deepEqual(read('Decisions 482 and 501 of the Council,'), ['decision 482 Council named', 'decision 501 Council named']);
      assert.deepEqual(read('that the Council, in its Decision 588, agreed on a plan,'), ['decision 588 Council named']);
      assert.deepEqual(read('that,', '*instructs the Council*\n\nto review its Decision 563.'), ['decision 563 Council named']);
    });

    it('of the Plenipotentiary Conference, by name, by place and year, or as the citing text\'s own', () => {
      assert.deepEqual(read('Decision 5 (Rev. Dubai, 2018) of the Plenipotentiary Conference,'), ['decision 5 PP named PP-18']);
      assert.deepEqual(read('Decision 5 (Rev. Dubai, 2018),'), ['decision 5 PP inferred PP-18']);
      assert.deepEqual(read('Decision 11,'), ['decision 11 PP document']);
      // A Council decision's number is never the Conference's, and Dubai 2014 (WTDC-14) takes no decisions.
      assert.deepEqual(read('Decision 588,'), ['decision 588 - unresolved']);
      assert.deepEqual(read('Decision 5 (Dubai, 2014),'), ['decision 5 - unresolved']);
    });

    it('an Akoma Ntoso export refers a decision to the decision, not to the resolution of its number', () => {
      const [statement] = exportAkn(parseDocument(citingText('a) Council Decision 588;\nb) Decision 5 (Rev. Dubai, 2018);\nc) Resolution 5 (Rev. Busan, 2014),')), { today: '2026-12-02' });
      const hrefs = [...statement.xml.matchAll(/<ref href="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(hrefs, ['/akn/un/statement/deliberation/itu-council/dec-588', '/akn/un/statement/deliberation/itu-pp/2018/dec-5', '/akn/un/statement/deliberation/itu-pp/2014/res-5']);
    });

    it('recommendations too, by their conference', () => {
      assert.deepEqual(read('Recommendation 34 (Rev.WRC-12),'), ['recommendation 34 WRC inferred WRC-12']);
    });
  });

  describe('the catalogue keys an entry by body, kind and number', () => {
    it('the builder: a `# DECISION` title defines a decision, beside the resolution of that number', () => {
      const catalogue = built();
      const ids = catalogue.resolutions.map((r) => r.id);
      assert.deepEqual(ids.filter((id) => id.startsWith('PP')), ['PP 5', 'PP Decision 5']);
      const decision = catalogue.resolutions.find((r) => r.id === 'PP Decision 5');
      assert.equal(decision?.kind, 'decision');
      assert.equal(decision?.name, 'Revenue and expenses for the Union for the period 2020-2023');
      assert.deepEqual(decision?.revisions.map((r) => `${r.conference} ${r.definition?.file}`), ['PP-14 dec5-busan.reso', 'PP-18 dec5-dubai.reso']);
      const resolution = catalogue.resolutions.find((r) => r.id === 'PP 5');
      assert.equal(resolution?.kind, 'resolution');
      assert.deepEqual(resolution?.revisions.map((r) => r.conference), ['PP-14']);
      for (const id of ['Council Decision 482', 'Council Decision 501', 'Council Decision 588', 'WRC Recommendation 34']) assert.ok(ids.includes(id), id);
      assert.equal(catalogue.resolutions.find((r) => r.id === 'Council Decision 588')?.subject, 'the Union\'s financial plan');
    });

    it('on a real text: Decision 5 (Rev. Dubai, 2018), read from Akoma Ntoso, is a decision beside the resolutions it cites', () => {
      const [statement] = readAkn(readFileSync(join(ROOT, 'test', 'fixtures', 'akn', 'dec_5.xml'), 'utf8')).statements;
      const catalogue = built([{ name: 'decision-5.reso', text: printDocument(statement.document) }]);
      const decision = catalogue.resolutions.find((r) => r.id === 'PP Decision 5');
      assert.equal(decision?.kind, 'decision');
      assert.equal(decision?.name, 'Revenue and expenses for the Union for the period 2020-2023');
      assert.deepEqual(decision?.revisions.map((r) => [r.conference, r.first, r.definition?.title]), [['PP-18', false, 'DECISION 5 (REV. DUBAI, 2018)']]);
      // What it cites are resolutions of the Conference: none is taken for a decision.
      assert.deepEqual(catalogue.resolutions.filter((r) => r.id !== 'PP Decision 5').map((r) => `${r.id} ${r.kind}`), ['PP 48 resolution', 'PP 71 resolution', 'PP 91 resolution', 'PP 151 resolution', 'PP 154 resolution']);
    });

    it('a decision never answers for the resolution of its number, nor the other way round', () => {
      // Resolution 5 has no Dubai revision: its Decision 5 has.
      assert.deepEqual(codes('Decision 5 (Rev. Dubai, 2018) of the Plenipotentiary Conference,'), []);
      const [unknownRevision] = codes('Resolution 5 (Rev. Dubai, 2018) of the Plenipotentiary Conference,');
      assert.match(unknownRevision, /^information citation\.revision-unknown Resolution 5 \(Rev\. Dubai, 2018\): Resolution 5 \(Rev\. Dubai, 2018\) is not in the catalogue, which knows Resolution 5 of the Plenipotentiary Conference in the revisions Busan, 2014; /);
      assert.deepEqual(codes('Resolution 5 (Rev. Busan, 2014) of the Plenipotentiary Conference,'), []);
      // The Busan revision of the decision is superseded by Dubai's, and the message says Decision.
      const [superseded] = codes('Decision 5 (Rev. Busan, 2014) of the Plenipotentiary Conference,');
      assert.match(superseded, /^warning citation\.superseded Decision 5 \(Rev\. Busan, 2014\): Decision 5 \(Rev\. Busan, 2014\) was superseded by Decision 5 \(Rev\. Dubai, 2018\), adopted by PP-18/);
    });

    it('a decision recalling its own predecessor speaks of history; its resolution namesake is not its predecessor', () => {
      const own = (title: string, recital: string): string[] => {
        const service = serviceWith({ [URI]: defining(title, 'Revenue and expenses', 'Dubai', 2018, recital) }, loaded());
        return service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.')).map((d) => d.code);
      };
      assert.deepEqual(own('DECISION 5 (REV. DUBAI, 2018)', 'Decision 5 (Rev. Busan, 2014) of the Plenipotentiary Conference,'), []);
      assert.deepEqual(own('RESOLUTION 5 (REV. DUBAI, 2018)', 'Decision 5 (Rev. Busan, 2014) of the Plenipotentiary Conference,'), ['citation.superseded']);
    });

    it('did-you-mean stays among decisions', () => {
      const [unknown] = codes('Decision 15 (Rev. Dubai, 2018) of the Plenipotentiary Conference,');
      assert.match(unknown, /^information citation\.unknown Decision 15 \(Rev\. Dubai, 2018\): Decision 15 of the Plenipotentiary Conference is not in the catalogue and no workspace file defines it; the catalogue may not hold every decision of the Plenipotentiary Conference\. Did you mean Decision 5\?$/);
      // Resolution 15 is one edit from Resolution 5 only: no decision is offered for it.
      const [resolution] = codes('Resolution 15 (Rev. Dubai, 2018) of the Plenipotentiary Conference,');
      assert.match(resolution, /Did you mean Resolution 5\?$/);
    });

    it('a workspace text titled `# DECISION` defines the decision for another file', () => {
      const other = 'file:///test/decision.reso';
      const text = citingText('Decision 7 (Dubai, 2018) of this conference,');
      const service = serviceWith({ [URI]: text, [other]: defining('DECISION 7 (DUBAI, 2018)', 'A decision', 'Dubai', 2018) });
      assert.deepEqual(service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.')).map((d) => d.code), []);
      assert.ok(service.knowledge.knows('PP', '7', 'decision'));
      assert.ok(!service.knowledge.knows('PP', '7'));
      assert.match(hoverText(service.hover(URI, positionAfter(text, 'Decision 7'))), /^\*\*Decision 7 \(Dubai, 2018\) of the Plenipotentiary Conference\*\*[\s\S]*Text defined in: \[DECISION 7 \(DUBAI, 2018\)\]/);
      assert.deepEqual(service.workspaceSymbols('decision').map((s) => s.name), ['Decision 7 (Dubai, 2018) — A decision']);
      // Find references from the decision's title: its citations, not a resolution's of that number.
      assert.equal(service.knowledge.citationCount('PP Decision 7').citations, 1);
      assert.equal(service.knowledge.citationCount('PP 7').citations, 0);
    });

    it('an older catalogue without `kind` reads as resolutions; the reader and the schema know the kinds', () => {
      const old = { format: 1, conferences: [], resolutions: [{ id: 'PP 5', body: 'PP', number: '5', revisions: [{ conference: 'PP-14' }] }] };
      const read = readCatalogue(JSON.stringify(old));
      assert.ok(read.ok, read.ok ? '' : read.error);
      const service = serviceWith({}, [{ uri: 'file:///old.json', data: read.catalogue }]);
      assert.equal(service.knowledge.resolution('PP', '5')?.kind, 'resolution');
      assert.equal(service.knowledge.resolution('PP', '5', 'decision'), undefined);
      const bad = readCatalogue(JSON.stringify({ ...old, resolutions: [{ ...old.resolutions[0], kind: 'motion' }] }));
      assert.ok(!bad.ok && bad.error === 'resolutions[0].kind must be one of "resolution", "decision", "opinion", "recommendation" (found "motion")', JSON.stringify(bad));
      const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
      assert.ok(validate(old), JSON.stringify(validate.errors));
      assert.ok(validate(built()), JSON.stringify(validate.errors));
      assert.ok(!validate({ ...old, resolutions: [{ ...old.resolutions[0], kind: 'motion' }] }));
    });
  });

  describe('each forum\'s opinion is a text of its own', () => {
    it('the builder records one entry per forum, with its own subject and one revision', () => {
      const opinions = built().resolutions.filter((r) => r.kind === 'opinion');
      assert.deepEqual(opinions.map((r) => [r.id, r.revisions.map((v) => v.conference), r.subject]), [
        ['WTPF-09 Opinion 4', ['WTPF-09'], 'collaborative strategies for confidence and security in the use of ICTs'],
        ['WTPF-13 Opinion 4', ['WTPF-13'], 'supporting multistakeholderism in Internet governance'],
      ]);
    });

    it('an opinion cited without its forum joins the one forum known to have given it, else stands apart', () => {
      const one = built([{ name: 'a.reso', text: defining('RESOLUTION 6 (DUBAI, 2018)', 'A', 'Dubai', 2018, 'a) Opinion 4 (Lisbon, 2009);\nb) Opinion 4,') }]);
      assert.deepEqual(one.resolutions.filter((r) => r.kind === 'opinion').map((r) => [r.id, r.citedIn?.length]), [['WTPF-09 Opinion 4', 2]]);
      const two = built([{ name: 'a.reso', text: defining('RESOLUTION 6 (DUBAI, 2018)', 'A', 'Dubai', 2018, 'a) Opinion 4 (Lisbon, 2009);\nb) Opinion 4 (Geneva, 2013);\nc) Opinion 4,') }]);
      assert.deepEqual(two.resolutions.filter((r) => r.kind === 'opinion').map((r) => [r.id, r.citedIn?.length, r.revisions.length]), [['WTPF Opinion 4', 1, 0], ['WTPF-09 Opinion 4', 1, 1], ['WTPF-13 Opinion 4', 1, 1]]);
    });

    it('checks and hover read each forum\'s opinion as its own', () => {
      const recital = 'a) Opinion 4 (Lisbon, 2009);\nb) Opinion 4 (Geneva, 2013);\nc) Opinion 4 (Geneva, 2001),';
      assert.deepEqual(codes(recital).map((c) => c.split(':')[0]), ['information citation.unknown Opinion 4 (Geneva, 2001)']);
      const text = citingText(recital);
      const service = serviceWith({ [URI]: text }, loaded());
      const lisbon = hoverText(service.hover(URI, positionAfter(text, 'a) Opinion 4')));
      assert.match(lisbon, /\*collaborative strategies for confidence and security in the use of ICTs\*/);
      assert.match(lisbon, /Adopted by WTPF-09 \(Lisbon, 2009\)\.[\s\S]*Other opinions of that number, of other forums: WTPF-13\./);
      const geneva = hoverText(service.hover(URI, positionAfter(text, 'b) Opinion 4')));
      assert.match(geneva, /\*supporting multistakeholderism in Internet governance\*/);
      assert.match(geneva, /Adopted by WTPF-13 \(Geneva, 2013\)\./);
    });
  });

  describe('completion after the keyword', () => {
    const catalogue = (): LoadedCatalogue[] => {
      const data = built([
        ...INPUTS,
        { name: 'radio.reso', text: defining('RESOLUTION 8 (DUBAI, 2018)', 'B', 'Dubai', 2018, 'a) Resolution 646 (Rev.WRC-15) of the World Radiocommunication Conference;\nb) Resolution ITU-R 69 (Rev. Geneva, 2015);\nc) Resolution 1305 of the ITU Council;\nd) UNGA Resolution 70/125,') },
      ]);
      return loaded(data);
    };

    function items(text: string, after: string): CompletionItem[] {
      const service = serviceWith({ [URI]: text }, catalogue());
      return service.completion(URI, positionAfter(text, after));
    }

    it('`Resolution ` offers every body\'s numbers, the citing text\'s body first, with the body shown', () => {
      const text = citingText('Resolution ');
      const found = items(text, 'Resolution ');
      const bodies = [...new Set(found.map((i) => i.labelDetails?.description))];
      assert.deepEqual(bodies, ['PP', 'WTDC', 'WTSA', 'WRC', 'RA', 'Council', 'UNGA']);
      const by = (body: string, label: string) => found.find((i) => i.labelDetails?.description === body && i.label === label);
      assert.equal(inserted(by('WRC', '646')), '646 (Rev. Geneva, 2015) of the World Radiocommunication Conference');
      assert.equal(inserted(by('RA', '69')), '69 (Rev. Geneva, 2015) of the Radiocommunication Assembly');
      assert.equal(inserted(by('Council', '1305')), '1305 of the Council');
      assert.equal(inserted(by('UNGA', '70/125')), '70/125');
      assert.match(by('Council', '1305')?.detail ?? '', /^Resolution 1305 of the ITU Council$/);
      // Decisions are not offered after `Resolution `.
      assert.equal(found.some((i) => /Decision/.test(i.detail ?? '')), false);
      // Every item inserted reads back as a citation of the body it showed.
      for (const item of [by('WRC', '646'), by('RA', '69'), by('Council', '1305'), by('UNGA', '70/125'), by('PP', '5')]) {
        const written = text.replace('Resolution \n', `Resolution ${inserted(item)},\n`);
        const [citation] = documentCitations(parseDocument(written)).citations;
        assert.equal(citation.body, item?.labelDetails?.description, written);
      }
      // A WTDC text sees WTDC's first.
      const wtdc = items(citingText('Resolution ').replace('The Plenipotentiary Conference', 'The World Telecommunication Development Conference').replace(/DUBAI, 2018|Dubai, 2018/g, (m) => (m === 'DUBAI, 2018' ? 'BUENOS AIRES, 2017' : 'Buenos Aires, 2017')), 'Resolution ');
      assert.equal(wtdc[0].labelDetails?.description, 'WTDC');
    });

    it('a body written with the keyword narrows the list and is not repeated', () => {
      assert.deepEqual(items(citingText('Council Resolution '), 'Council Resolution ').map((i) => [i.label, inserted(i)]), [['1305', '1305'], ['1336', '1336']]);
      assert.deepEqual(items(citingText('Resolution ITU-R '), 'Resolution ITU-R ').map((i) => [i.label, inserted(i)]), [['69', '69 (Rev. Geneva, 2015)']]);
    });

    it('`Decision ` offers decisions, `Opinion ` each forum\'s opinion', () => {
      const decisions = items(citingText('Decision '), 'Decision ');
      assert.deepEqual(decisions.map((i) => `${i.labelDetails?.description} ${inserted(i)}`), [
        'PP 5 (Rev. Dubai, 2018) of this conference',
        'Council 482 of the Council', 'Council 501 of the Council', 'Council 588 of the Council',
      ]);
      const opinions = items(citingText('Opinion '), 'Opinion ');
      assert.deepEqual(opinions.map((i) => `${i.labelDetails?.description} ${inserted(i)} | ${i.documentation}`), [
        'WTPF-09 4 (Lisbon, 2009) of the World Telecommunication/ICT Policy Forum | collaborative strategies for confidence and security in the use of ICTs',
        'WTPF-13 4 (Geneva, 2013) of the World Telecommunication/ICT Policy Forum | supporting multistakeholderism in Internet governance',
      ]);
    });
  });

  describe('through the command line', () => {
    it('reso catalogue writes decisions and forums\' opinions apart, and reso check reads them', () => {
      const folder = mkdtempSync(join(tmpdir(), 'reso-kinds-'));
      mkdirSync(join(folder, 'texts'));
      for (const input of INPUTS) writeFileSync(join(folder, 'texts', input.name), input.text);
      const out = join(folder, 'catalogue.json');
      let err = '';
      const io = { out: () => undefined, err: (t: string) => (err += t) };
      assert.equal(main(['catalogue', '--out', out, join(folder, 'texts')], io), 0, err);
      const written = JSON.parse(readFileSync(out, 'utf8')) as CatalogueFile;
      const ids = written.resolutions.map((r) => r.id);
      for (const id of ['PP 5', 'PP Decision 5', 'Council Decision 588', 'WTPF-09 Opinion 4', 'WTPF-13 Opinion 4']) assert.ok(ids.includes(id), id);

      const file = join(folder, 'doc.reso');
      writeFileSync(file, citingText('a) Decision 5 (Rev. Busan, 2014) of the Plenipotentiary Conference;\nb) Resolution 5 (Rev. Busan, 2014) of the Plenipotentiary Conference;\nc) Opinion 4 (Geneva, 2013);\nd) Decisions 482 and 501 of the Council,'));
      // One `severity code message` line per problem, from the JSON report.
      const check = (): string => {
        let printed = '';
        main(['check', '--format', 'json', file], { out: (t) => (printed += t), err: () => undefined });
        return (JSON.parse(printed) as Array<{ severity: string; code: string; message: string }>).map((p) => `${p.severity} ${p.code} ${p.message}`).join('\n');
      };
      const cwd = process.cwd();
      try {
        process.chdir(folder);
        // The shipped catalogue alone: a decision it does not know is information, never a resolution's diagnostic.
        const before = check();
        assert.match(before, /information citation\.unknown Decision 5 of the Plenipotentiary Conference is not in the catalogue/);
        assert.doesNotMatch(before, /superseded/);
        writeFileSync(join(folder, '.resorc.json'), JSON.stringify({ catalogue: { paths: ['catalogue.json'] } }));
        const after = check();
        assert.match(after, /warning citation\.superseded Decision 5 \(Rev\. Busan, 2014\) was superseded by Decision 5 \(Rev\. Dubai, 2018\)/);
        assert.doesNotMatch(after, /Resolution 5 \(Rev\. Busan, 2014\)/);
        assert.doesNotMatch(after, /Opinion 4/);
        assert.doesNotMatch(after, /Decision (482|501)/);
      } finally {
        process.chdir(cwd);
      }
    });
  });
});
