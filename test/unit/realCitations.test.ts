// Citations as real ITU texts write them: Council numbers, Radiocommunication texts, forum
// opinions, other organizations' resolutions, generic mentions, and the table of conferences.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-types';
import { documentCitations } from '../../server/src/analysis/citations';
import { CONFERENCES } from '../../server/src/analysis/conferences';
import { main } from '../../server/src/cli';
import { parseDocument } from '../../server/src/syntax';
import { citingText, serviceWith } from './citationFixtures';

const URI = 'file:///test/real.reso';

/** `number body how [conference]` for each citation of the recital. */
function read(recital: string, operative = 'to continue.'): string[] {
  const text = citingText(recital).replace('*resolves*\n\nto continue.', operative);
  return documentCitations(parseDocument(text)).citations.map((c) => `${c.number} ${c.body ?? '-'} ${c.how}${c.conference ? ` ${c.conference.id}` : ''}`);
}

function citationCodes(recital: string): string[] {
  const text = citingText(recital);
  const service = serviceWith({ [URI]: text });
  return service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.')).map((d) => `${d.code} ${text.slice(d.start, d.end)}`);
}

describe('citations as real texts write them', () => {
  describe('Council resolutions and decisions', () => {
    it('four-digit numbers, with the Council before, after or in the heading', () => {
      assert.deepEqual(read('Council Resolution 1305,'), ['1305 Council named']);
      assert.deepEqual(read('Resolution 1353 of the ITU Council,'), ['1353 Council named']);
      assert.deepEqual(read('Resolutions 1305, 1336 and 1344 adopted by the ITU Council,'), ['1305 Council named', '1336 Council named', '1344 Council named']);
      assert.deepEqual(read('Resolution 1386 of the Council (2017),'), ['1386 Council named']);
      assert.deepEqual(read('that,', '*instructs the ITU Council*\n\nto review its Resolution 1344.'), ['1344 Council named']);
    });

    it('the body a sentence names before `its`', () => {
      assert.deepEqual(read('that WTDC, in its Resolution 37, called for action,'), ['37 WTDC named']);
      assert.deepEqual(read('that the Human Rights Council, in its Resolution 20/8, affirmed rights,'), ['20/8 - external']);
      assert.deepEqual(read('that the Radiocommunication Assembly, in its Resolution 69, set rules,'), ['69 RA named']);
      // Across a semicolon the sentence has ended.
      assert.deepEqual(read('that WTDC acted; and its Resolution 71 applies,'), ['71 PP document']);
    });

    it('is never attributed to the Plenipotentiary Conference', () => {
      assert.deepEqual(read('Resolution 1305,'), ['1305 - unresolved']);
      assert.deepEqual(citationCodes('a) Resolution 1305;\nb) Resolution 1353 of the ITU Council;\nc) Resolutions 1305, 1336 and 1344 adopted by the ITU Council,'), []);
    });

    it('the year after the body is the Council text\'s own', () => {
      const text = citingText('Resolution 1386 of the Council (2017),');
      const [citation] = documentCitations(parseDocument(text)).citations;
      assert.equal(citation.revision?.year, 2017);
      assert.equal(text.slice(citation.groupRange.start, citation.groupRange.end), 'Resolution 1386 of the Council (2017)');
    });
  });

  describe('Radiocommunication texts', () => {
    it('WRC resolutions by conference or by place and year, RA resolutions as ITU-R', () => {
      assert.deepEqual(read('Resolution 646 (Rev.WRC-15) of the World Radiocommunication Conference,'), ['646 WRC named WRC-15']);
      assert.deepEqual(read('Resolution 958 (WRC-15),'), ['958 WRC inferred WRC-15']);
      assert.deepEqual(read('Resolution 958 (WRC-2015),'), ['958 WRC inferred WRC-15']);
      assert.deepEqual(read('Resolution 958 (Geneva, 2015),'), ['958 WRC inferred WRC-15']);
      assert.deepEqual(read('Resolution ITU-R 69,'), ['69 RA named']);
    });

    it('are recognised and shown in hover, and reported only against what a catalogue knows', () => {
      const text = citingText('a) Resolution 646 (Rev.WRC-15) of the World Radiocommunication Conference;\nb) Resolution ITU-R 69;\nc) Resolution 958 (WRC-2015),');
      const service = serviceWith({ [URI]: text });
      assert.deepEqual(service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.')), []);
      const document = service.document(URI);
      assert.ok(document);
      const hover = service.hover(URI, document.lines.positionAt(text.indexOf('646')));
      const value = (hover?.contents as MarkupContent).value;
      assert.match(value, /World Radiocommunication Conference \(WRC\)/);
      assert.match(value, /Geneva, 2015/);
      const assembly = service.hover(URI, document.lines.positionAt(text.indexOf('ITU-R 69') + 7));
      assert.match((assembly?.contents as MarkupContent).value, /Radiocommunication Assembly \(RA\)/);
    });
  });

  it('forum opinions: the same number at two forums is two opinions, not two revisions', () => {
    assert.deepEqual(read('a) Opinion 4 (Lisbon, 2009);\nb) Opinion 4 (Geneva, 2013),'), ['4 WTPF inferred WTPF-09', '4 WTPF inferred WTPF-13']);
    const codes = citationCodes('a) Opinion 4 (Lisbon, 2009) of the World Telecommunication/ICT Policy Forum;\nb) Opinion 4 (Geneva, 2013) of the World Telecommunication/ICT Policy Forum,');
    assert.ok(!codes.some((c) => /inconsistent|superseded|revision-unknown/.test(c)), codes.join('\n'));
  });

  it('hover: an opinion by its forum, another organization\'s resolution by its name', () => {
    const text = citingText('a) Opinion 4 (Lisbon, 2009) of the World Telecommunication/ICT Policy Forum;\nb) UN Human Rights Council Resolution 20/8,');
    const service = serviceWith({ [URI]: text });
    const document = service.document(URI);
    assert.ok(document);
    const at = (needle: string) => (service.hover(URI, document.lines.positionAt(text.indexOf(needle) + 2))?.contents as MarkupContent).value;
    const opinion = at('Opinion 4');
    assert.match(opinion, /Adopted by WTPF-09 \(Lisbon, 2009\)\./);
    assert.doesNotMatch(opinion, /Revisions known|first adoption/);
    assert.match(at('20/8'), /A text of another organization \(UN Human Rights Council\): not checked against the ITU catalogue\./);
  });

  it('other organizations\' resolutions are never the ITU Council\'s', () => {
    assert.deepEqual(read('UN Human Rights Council Resolution 20/8,'), ['20/8 - external']);
    assert.deepEqual(read('Resolution 20/8 of the Human Rights Council,'), ['20/8 - external']);
    assert.deepEqual(read('ECOSOC Resolution 2006/46,'), ['2006/46 - external']);
    // An ITU body's acronym before the keyword names that body.
    assert.deepEqual(read('WTDC Resolution 37,'), ['37 WTDC named']);
    assert.deepEqual(read('UNGA Resolution 70/125,'), ['70/125 UNGA named']);
    assert.deepEqual(citationCodes('UN Human Rights Council Resolution 20/8 on the promotion of human rights on the Internet,'), []);
  });

  it('generic mentions are not citations', () => {
    assert.deepEqual(read('the respective Resolution 1 on working methods of each Sector,'), []);
    assert.deepEqual(read('any relevant Resolution 2 of a Sector assembly,'), []);
    assert.deepEqual(read('Resolution 1 (Rev. Dubai, 2018),'), ['1 PP inferred PP-18']);
  });

  describe('the table of conferences', () => {
    it('holds every PP, WTDC, WTSA, WRC, RA, WCIT and WTPF since 1989, each once', () => {
      const ids = CONFERENCES.map((c) => c.id);
      assert.equal(new Set(ids).size, ids.length);
      const byBody = (body: string) => CONFERENCES.filter((c) => c.body === body).map((c) => `${c.place} ${c.year}`);
      assert.deepEqual(byBody('PP'), ['Nice 1989', 'Geneva 1992', 'Kyoto 1994', 'Minneapolis 1998', 'Marrakesh 2002', 'Antalya 2006', 'Guadalajara 2010', 'Busan 2014', 'Dubai 2018', 'Bucharest 2022']);
      assert.deepEqual(byBody('WTDC'), ['Buenos Aires 1994', 'Valletta 1998', 'Istanbul 2002', 'Doha 2006', 'Hyderabad 2010', 'Dubai 2014', 'Buenos Aires 2017', 'Kigali 2022']);
      assert.deepEqual(byBody('WTSA'), ['Helsinki 1993', 'Geneva 1996', 'Montreal 2000', 'Florianópolis 2004', 'Johannesburg 2008', 'Dubai 2012', 'Hammamet 2016', 'Geneva 2022', 'New Delhi 2024']);
      assert.deepEqual(byBody('WRC'), ['Geneva 1993', 'Geneva 1995', 'Geneva 1997', 'Istanbul 2000', 'Geneva 2003', 'Geneva 2007', 'Geneva 2012', 'Geneva 2015', 'Sharm el-Sheikh 2019', 'Dubai 2023']);
      assert.deepEqual(byBody('RA'), byBody('WRC'), 'each Assembly met with its Conference');
      assert.deepEqual(byBody('WTPF'), ['Geneva 1996', 'Geneva 1998', 'Geneva 2001', 'Lisbon 2009', 'Geneva 2013', 'Geneva 2021']);
      assert.deepEqual(byBody('WCIT'), ['Dubai 2012']);
    });

    it('no real place and year is reported as unknown', () => {
      for (const conference of CONFERENCES) {
        const written = conference.body === 'WTPF' ? `Opinion 1 (${conference.place}, ${conference.year})` : `Resolution 1 (${conference.place}, ${conference.year})`;
        const text = citingText(`${written},`, { date: '2030-01-01' });
        const service = serviceWith({ [URI]: text });
        const alarms = service.rawDiagnostics(URI).filter((d) => d.code.startsWith('citation.') && d.severity !== 'information');
        assert.deepEqual(alarms.map((d) => d.message), [], written);
      }
      assert.deepEqual(read('Resolution 33 (Valletta, 1998),'), ['33 WTDC inferred WTDC-98']);
      assert.deepEqual(read('Resolution 33 (Florianopolis, 2004),'), ['33 WTSA inferred WTSA-04']);
      assert.match(citationCodes('Resolution 33 (Atlantis, 2011),')[0], /^citation\.unknown Resolution 33 \(Atlantis, 2011\)$/);
    });
  });

  it('through the command line: no false alarm on these forms', () => {
    const folder = mkdtempSync(join(tmpdir(), 'reso-real-'));
    const file = join(folder, 'real.reso');
    writeFileSync(file, citingText('a) Council Resolution 1305;\nb) Resolutions 1305, 1336 and 1344 adopted by the ITU Council;\nc) Resolution 646 (Rev.WRC-15) of the World Radiocommunication Conference;\nd) Resolution ITU-R 69;\ne) Opinion 4 (Lisbon, 2009);\nf) Opinion 4 (Geneva, 2013);\ng) UN Human Rights Council Resolution 20/8;\nh) the respective Resolution 1 on working methods of each Sector,'));
    let out = '';
    const code = main(['check', file], { out: (t) => (out += t), err: () => undefined });
    assert.equal(code, 0);
    // At most information: Opinion 4 of WTPF-13 is not in the shipped catalogue, which knows WTPF-09's.
    assert.doesNotMatch(out, /^ +\d+:\d+ +(?:warning|error) .*citation\./m);
    assert.match(out, /information {2}Opinion 4 \(Geneva, 2013\) is not in the catalogue: it knows Opinion 4 of WTPF-09.*citation\.unknown/);
  });
});
