import assert from 'node:assert/strict';
import {
  citationAt,
  citingContexts,
  conferenceLookup,
  documentCitations,
  originalCitations,
  type Citation,
} from '../../server/src/analysis/citations';
import { CONFERENCES } from '../../server/src/analysis/conferences';
import { parseDocument, type ParsedDocument } from '../../server/src/syntax';
import { random, readSeed, SEED_2018, SEED_DT } from './helpers';

/** `line Resolution number (revision) body how`, the line of the number in the source (1-based). */
function row(document: ParsedDocument, citation: Citation): string {
  const revision = citation.revision;
  const written = revision ? `(${revision.rev ? 'Rev. ' : ''}${revision.place ? `${revision.place}, ` : ''}${revision.year})` : '-';
  const line = document.lines.positionAt(citation.numberRange.start).line + 1;
  return `${line} ${citation.kind === 'opinion' ? 'Opinion' : 'Resolution'} ${citation.number} ${written} ${citation.body} ${citation.how}`;
}

function source(document: ParsedDocument, range: { start: number; end: number } | undefined): string | undefined {
  return range ? document.text.slice(range.start, range.end) : undefined;
}

function citationsOf(text: string): { document: ParsedDocument; citations: Citation[] } {
  const document = parseDocument(text);
  return { document, citations: documentCitations(document).citations };
}

const RESOLUTION = `# RESOLUTION 5 (REV. DUBAI, 2018)

## Sample

The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),

*recalling*

`;

describe('citations', () => {
  describe('every citation of the seeds (table)', () => {
    // Read from the texts by hand: the body is named (`of WTDC`, `UNGA Resolution`), given by
    // `this conference` (PP-18 in the 2018 text, PP-14 in the DT) or inferred from the place
    // and year (Dubai 2012 = WTSA-12, Dubai 2014 = WTDC-14, Hammamet 2016 = WTSA-16).
    it('the 2018 seed: body, number, revision, resolved body and how, in order', () => {
      const document = parseDocument(readSeed(SEED_2018));
      assert.deepEqual(documentCitations(document).citations.map((c) => row(document, c)), [
        '9 Resolution 68/198 - UNGA named',
        '10 Resolution 71/199 - UNGA named',
        '11 Resolution 68/243 - UNGA named',
        '12 Resolution 57/239 - UNGA named',
        '13 Resolution 64/211 - UNGA named',
        '15 Resolution 70/125 - UNGA named',
        '16 Resolution 174 (Rev. Busan, 2014) PP named',
        '17 Resolution 179 (Rev. Dubai, 2018) PP this-conference',
        '18 Resolution 181 (Rev. Guadalajara, 2010) PP named',
        '19 Resolution 196 (Rev. Dubai, 2018) PP this-conference',
        '20 Resolution 45 (Rev. Dubai, 2014) WTDC named',
        '21 Resolution 140 (Rev. Dubai, 2018) PP this-conference',
        '22 Resolution 58 (Rev. Dubai, 2012) WTSA named',
        '23 Resolution 67 (Rev. Buenos Aires, 2017) WTDC named',
        '24 Resolution 69 (Rev. Buenos Aires, 2017) WTDC named',
        '25 Resolution 1305 - Council named',
        '38 Resolution 70/125 - UNGA named',
        '53 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '53 Resolution 69 (Rev. Buenos Aires, 2017) WTDC inferred',
        '55 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '55 Resolution 69 (Rev. Buenos Aires, 2017) WTDC inferred',
        '59 Opinion 4 (Lisbon, 2009) WTPF named',
        '61 Resolution 50 (Rev. Hammamet, 2016) WTSA inferred',
        '62 Resolution 52 (Rev. Hammamet, 2016) WTSA inferred',
        '71 Resolution 50 (Rev. Hammamet, 2016) WTSA inferred',
        '71 Resolution 52 (Rev. Hammamet, 2016) WTSA inferred',
        '71 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '71 Resolution 69 (Rev. Buenos Aires, 2017) WTDC inferred',
        '73 Resolution 64/211 - UNGA named',
        '75 Resolution 1336 - Council named',
        '75 Resolution 1305 (2009) Council named',
        '76 Resolution 80 (Rev. Buenos Aires, 2017) WTDC inferred',
        '88 Resolution 50 (Rev. Hammamet, 2016) WTSA inferred',
        '88 Resolution 52 (Rev. Hammamet, 2016) WTSA inferred',
        '88 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '88 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '88 Resolution 69 (Rev. Buenos Aires, 2017) WTDC inferred',
        '97 Resolution 140 (Rev. Dubai, 2018) PP inferred',
        '111 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '112 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '122 Resolution 50 (Rev. Hammamet, 2016) WTSA inferred',
        '122 Resolution 52 (Rev. Hammamet, 2016) WTSA inferred',
        '122 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '125 Resolution 50 (Rev. Hammamet, 2016) WTSA inferred',
        '126 Resolution 52 (Rev. Dubai, 2012) WTSA inferred',
        '132 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '132 Resolution 69 (Rev. Buenos Aires, 2017) WTDC inferred',
        '132 Resolution 80 (Buenos Aires, 2017) WTDC inferred',
        '155 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '165 Resolution 100 (Minneapolis, 1998) PP named',
        '174 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
      ]);
    });

    // Every citation read on the amended view: `Resolution 69 ({--Hyderabad, 2010--}{++Rev. Dubai,
    // 2014++})` is Rev. Dubai, 2014; citations in deleted text and in comments are not there.
    it('the DT seed, on the amended view: body, number, revision, resolved body and how, in order', () => {
      const document = parseDocument(readSeed(SEED_DT));
      assert.deepEqual(documentCitations(document).citations.map((c) => row(document, c)), [
        '25 Resolution 68/198 - UNGA named',
        '26 Resolution 68/167 - UNGA named',
        '27 Resolution 68/243 - UNGA named',
        '28 Resolution 57/239 - UNGA named',
        '30 Resolution 174 (Rev. Busan, 2014) PP named',
        '31 Resolution 181 (Rev. Guadalajara, 2010) PP named',
        '32 Resolution 45 (Rev. Dubai, 2014) WTDC named',
        '33 Resolution 140 (Rev. Busan, 2014) PP named',
        '34 Resolution 69 (Rev. Dubai, 2014) WTDC named',
        '36 Resolution 1305 - Council named',
        '60 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '60 Resolution 69 (Rev. Dubai, 2014) WTDC inferred',
        '61 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '61 Resolution 69 (Rev. Dubai, 2014) WTDC inferred',
        '66 Opinion 4 (Lisbon, 2009) WTPF named',
        '68 Resolution 50 (Rev. Dubai, 2012) WTSA inferred',
        '69 Resolution 52 (Rev. Dubai, 2012) WTSA inferred',
        '76 Resolution 50 (Rev. Dubai, 2012) WTSA inferred',
        '76 Resolution 52 (Rev. Dubai, 2012) WTSA inferred',
        '76 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '76 Resolution 69 (Rev. Dubai, 2014) WTDC inferred',
        '79 Opinion 4 (Lisbon, 2009) WTPF inferred',
        '79 Resolution 71 (Rev. Guadalajara, 2010) PP this-conference',
        '81 Resolution 64/211 - UNGA named',
        '85 Resolution 1336 - Council named',
        '85 Resolution 1305 (2009) Council named',
        '86 Resolution 80 (Dubai, 2014) WTDC inferred',
        '100 Resolution 50 (Rev. Dubai, 2012) WTSA inferred',
        '100 Resolution 52 (Rev. Dubai, 2012) WTSA inferred',
        '100 Resolution 58 (Dubai, 2012) WTSA inferred',
        '100 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '100 Resolution 69 (Rev. Dubai, 2014) WTDC inferred',
        '110 Resolution 140 (Rev. Busan, 2014) PP inferred',
        '118 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '120 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '131 Resolution 50 (Rev. Dubai, 2012) WTSA inferred',
        '131 Resolution 52 (Rev. Dubai, 2012) WTSA inferred',
        '131 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '134 Resolution 50 (Rev. Dubai, 2012) WTSA inferred',
        '135 Resolution 52 (Rev. Dubai, 2012) WTSA inferred',
        '141 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
        '141 Resolution 69 (Rev. Dubai, 2014) WTDC inferred',
        '141 Resolution 80 (Dubai, 2014) WTDC inferred',
        '166 Resolution 58 (Rev. Dubai, 2012) WTSA inferred',
        '175 Resolution 100 (Minneapolis, 1998) PP named',
        '185 Resolution 45 (Rev. Dubai, 2014) WTDC inferred',
      ]);
    });

    it('no `Resolution(s)`/`Res`/`Opinion` followed by a number in either seed escapes recognition', () => {
      for (const name of [SEED_2018, SEED_DT]) {
        const document = parseDocument(readSeed(name));
        const view = document.amended.text;
        const comments = document.root.comments.map((c) => [c.viewStart, c.viewEnd]);
        const { citations } = documentCitations(document);
        const pattern = /\b(?:Resolutions?|Res|Opinion)\s+(\d[\d/]*)/g;
        for (let match = pattern.exec(view); match; match = pattern.exec(view)) {
          if (comments.some(([start, end]) => start <= match!.index && match!.index < end)) continue;
          const at = document.amended.toSource(match.index + match[0].length - match[1].length);
          assert.ok(citations.some((c) => c.numberRange.start === at), `${name}: ${match[0]} at ${document.lines.positionAt(at).line + 1}`);
        }
      }
    });

    it('in the DT, ranges map back into the source through the revision marks', () => {
      const document = parseDocument(readSeed(SEED_DT));
      const { citations } = documentCitations(document);
      const j = citations.find((c) => c.number === '69' && c.namedBody?.text.includes('World Telecommunication Development'));
      assert.ok(j);
      assert.equal(source(document, j.revision?.range), 'Rev. Dubai, 2014');
      assert.equal(source(document, j.revision?.placeRange), 'Dubai');
      assert.equal(source(document, j.revision?.revRange), 'Rev.');
      assert.equal(source(document, j.range), 'Resolution 69 ({--Hyderabad, 2010--}{++Rev. Dubai, 2014++})');
      // The original view still reads what the text cited before: Resolution 69 (Hyderabad, 2010).
      const before = originalCitations(document).citations.find((c) => c.numberRange.start === j.numberRange.start);
      assert.equal(before?.revision?.place, 'Hyderabad');
      assert.equal(before?.revision?.rev, false);
      // Deleted text is not cited on the amended view: old recalling a) cited Resolution 130 (Rev. Antalya, 2006).
      assert.ok(!citations.some((c) => c.number === '130'));
      assert.ok(originalCitations(document).citations.some((c) => c.number === '130' && c.revision?.place === 'Antalya'));
    });
  });

  describe('forms', () => {
    it('a citation across a line break, with each part\'s range', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) Resolution 69 (Rev. Dubai, 2014) of the World Telecommunication\nDevelopment Conference (WTDC), on the creation of national CIRTs;\n`);
      const [citation] = citations;
      assert.equal(citations.length, 1);
      assert.equal(citation.body, 'WTDC');
      assert.equal(citation.how, 'named');
      assert.equal(citation.conference?.id, 'WTDC-14');
      assert.equal(source(document, citation.keywordRange), 'Resolution');
      assert.equal(source(document, citation.numberRange), '69');
      assert.equal(source(document, citation.revision?.outerRange), '(Rev. Dubai, 2014)');
      assert.equal(source(document, citation.revision?.yearRange), '2014');
      assert.equal(source(document, citation.namedBody?.range), 'the World Telecommunication\nDevelopment Conference (WTDC)');
      assert.equal(citation.subject, 'the creation of national CIRTs');
    });

    it('plural citations: a shared revision, and one revision each', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) Resolutions 50 and 52 (Rev. Hammamet, 2016) and Resolutions 45 (Rev. Dubai, 2014) and 69 (Rev. Buenos Aires, 2017) of WTDC;\n`);
      assert.deepEqual(citations.map((c) => row(document, c)), [
        '9 Resolution 50 (Rev. Hammamet, 2016) WTSA inferred',
        '9 Resolution 52 (Rev. Hammamet, 2016) WTSA inferred',
        '9 Resolution 45 (Rev. Dubai, 2014) WTDC named',
        '9 Resolution 69 (Rev. Buenos Aires, 2017) WTDC named',
      ]);
      assert.equal(citations[0].revisionShared, true);
      assert.equal(citations[1].revisionShared, false);
      assert.equal(citations[0].group, citations[1].group);
      assert.notEqual(citations[1].group, citations[2].group);
      assert.equal(source(document, citations[0].range), 'Resolutions 50');
      assert.equal(source(document, citations[3].range), '69 (Rev. Buenos Aires, 2017)');
    });

    it('abbreviations, a revision without comma, without Rev., this conference, UNGA, Council and WTPF opinions', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) Res 140 (Rev. Busan 2014), Resolution 80 (Dubai, 2014) and Resolution 179 (Rev. Dubai, 2018) of this conference;
b) United Nations General Assembly Resolution 64/211, UNGA Resolution 70/125, ITU Council Resolution 1305 and Council Resolution 1305 (2009);
c) Opinion 4 (Lisbon, 2009) of the World Telecommunication/ICT Policy Forum and Resolution 100 (Minneapolis, 1998) of the Plenipotentiary Conference,
`);
      assert.deepEqual(citations.map((c) => row(document, c)), [
        '9 Resolution 140 (Rev. Busan, 2014) PP inferred',
        '9 Resolution 80 (Dubai, 2014) WTDC inferred',
        '9 Resolution 179 (Rev. Dubai, 2018) PP this-conference',
        '10 Resolution 64/211 - UNGA named',
        '10 Resolution 70/125 - UNGA named',
        '10 Resolution 1305 - Council named',
        '10 Resolution 1305 (2009) Council named',
        '11 Opinion 4 (Lisbon, 2009) WTPF named',
        '11 Resolution 100 (Minneapolis, 1998) PP named',
      ]);
      assert.equal(citations[2].conference?.id, 'PP-18');
    });

    it('each number with its own body: `45 (Rev. Dubai, 2014) of WTDC and 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference`', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) Resolutions 45 (Rev. Dubai, 2014) of WTDC and 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference;\n`);
      assert.deepEqual(citations.map((c) => row(document, c)), [
        '9 Resolution 45 (Rev. Dubai, 2014) WTDC named',
        '9 Resolution 140 (Rev. Dubai, 2018) PP named',
      ]);
      assert.equal(citations[0].group, citations[1].group);
      assert.equal(source(document, citations[0].namedBody?.range), 'WTDC');
      assert.equal(source(document, citations[1].groupRange), 'Resolutions 45 (Rev. Dubai, 2014) of WTDC and 140 (Rev. Dubai, 2018) of the Plenipotentiary Conference');
      // A body phrase after a shared revision names the numbers before it too.
      const shared = citationsOf(`${RESOLUTION}a) Resolutions 50 and 52 (Rev. Hammamet, 2016) of WTSA and 45 (Rev. Dubai, 2014) of WTDC;\n`);
      assert.deepEqual(shared.citations.map((c) => `${c.number} ${c.body}`), ['50 WTSA', '52 WTSA', '45 WTDC']);
    });

    it('the General Assembly by name or by the form of the number; the Council named earlier in the sentence', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) General Assembly Resolution 70/125, on the outcome;
b) the Council, in its Resolution 1305, identified the issues;
c) Resolution 68/198 and Resolution 1305;
d) instructs the Council to review Resolution 71 and Resolution 1336,
`);
      assert.deepEqual(citations.map((c) => row(document, c)), [
        '9 Resolution 70/125 - UNGA named',
        '10 Resolution 1305 - Council named',
        '11 Resolution 68/198 - UNGA inferred',
        // A four-digit number is never the Plenipotentiary Conference's.
        '11 Resolution 1305 - undefined unresolved',
        '12 Resolution 71 - PP document',
        '12 Resolution 1336 - Council named',
      ]);
      assert.equal(source(document, citations[0].keywordRange), 'General Assembly Resolution');
    });

    it('a clause label at the start of the next line is never part of a citation', () => {
      const { document, citations } = citationsOf(`# RESOLUTION 999 (DUBAI, 2018)

## T

The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),

*resolves*

1 to apply the Resolution
2 to report under Resolutions 50 and
3 to do,
`);
      assert.deepEqual(citations.map((c) => row(document, c)), ['10 Resolution 50 - PP document']);
      assert.equal(source(document, citations[0].groupRange), 'Resolutions 50');
      // A list that wraps before `and` goes on.
      const wrapped = citationsOf(`${RESOLUTION}a) under Resolutions 50\nand 52 (Rev. Hammamet, 2016);\n`);
      assert.deepEqual(wrapped.citations.map((c) => c.number), ['50', '52']);
    });

    it('a bare citation takes the body of the citing text; a place and year no conference held is unresolved', () => {
      const { citations } = citationsOf(`${RESOLUTION}a) Resolution 130 and Resolution 9 (Rev. Atlantis, 2003);\n`);
      assert.equal(citations[0].body, 'PP');
      assert.equal(citations[0].how, 'document');
      assert.equal(citations[1].body, undefined);
      assert.equal(citations[1].how, 'unresolved');
    });

    it('`resolves 2 of Resolution 130 (Rev. Dubai, 2018)` points into a clause of the cited text', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) consistent with *resolves* 2 of Resolution 130 (Rev. Dubai, 2018) and instructs the Secretary-General 3 of Resolution 45 (Rev. Dubai, 2014);\n`);
      assert.deepEqual(citations.map((c) => c.clauseRef && { section: c.clauseRef.section, label: c.clauseRef.label }), [
        { section: 'resolves', label: '2' },
        { section: 'instructs the Secretary-General', label: '3' },
      ]);
      assert.equal(source(document, citations[0].groupRange), '*resolves* 2 of Resolution 130 (Rev. Dubai, 2018)');
    });

    it('titles, comments and front matter are not citations', () => {
      const { citations } = citationsOf(`---\nmeeting: Resolution 5 (Dubai, 2018)\n---\n# RESOLUTION 130 (REV. DUBAI, 2018)\n<!-- Resolution 45 (Rev. Dubai, 2014) -->\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n`);
      assert.deepEqual(citations, []);
    });

    it('finds the citation under an offset, its own number first', () => {
      const { document, citations } = citationsOf(`${RESOLUTION}a) Resolutions 50 and 52 (Rev. Hammamet, 2016);\n`);
      const at = (needle: string): string | undefined => citationAt(citations, document.text.indexOf(needle))?.number;
      assert.equal(at('50 and'), '50');
      assert.equal(at('52 ('), '52');
      assert.equal(at('Hammamet'), '52');
      assert.equal(at('Resolutions'), '50');
      assert.equal(citationAt(citations, document.text.indexOf('Sample')), undefined);
    });
  });

  describe('other references', () => {
    it('reads every reference of a very long line (its speed is measured by npm run bench)', () => {
      const line = `a) ${'see WTDC-17 and Question 3/2, '.repeat(20_000)}`;
      const { references } = documentCitations(parseDocument(line));
      assert.equal(references.length, 40_000);
    });

    it('Questions, Articles, provisions, paragraphs, Objectives, Outputs and events of the 2018 seed', () => {
      const document = parseDocument(readSeed(SEED_2018));
      const { references } = documentCitations(document);
      const seen = new Set(references.map((r) => `${r.kind} ${r.value}${r.of ? ` of ${r.of}` : ''}`));
      for (const expected of [
        'question 3/2 of ITU-D', 'article 6', 'article 7', 'provision 81 of Convention', 'paragraph 15 of Tunis Commitment',
        'paragraph 35 and 36 of Geneva Declaration of Principles', 'paragraph 39 of Tunis Agenda', 'objective 2 of Buenos Aires Action Plan',
        'output 2.2', 'event WTDC-17', 'event WTSA-16', 'event WTDC-14',
      ]) assert.ok(seen.has(expected), `${expected} among ${[...seen].join(', ')}`);
      const event = references.find((r) => r.kind === 'event' && r.value === 'WTDC-17');
      assert.equal(event?.conference?.place, 'Buenos Aires');
    });
  });

  describe('the citing text', () => {
    it('takes its conference from the authority line and its date from the front matter', () => {
      const [dt] = citingContexts(parseDocument(readSeed(SEED_DT)));
      assert.equal(dt.conference?.id, 'PP-14');
      assert.equal(dt.date, '2014-11-02');
      assert.equal(dt.year, 2014);
      const [adopted] = citingContexts(parseDocument(readSeed(SEED_2018)));
      assert.equal(adopted.conference?.id, 'PP-18');
      assert.equal(adopted.year, 2018);
      assert.equal(adopted.date, undefined);
    });

    it('without a date or a year on the authority line, takes the title\'s year; with none, the text is undated', () => {
      const [titled] = citingContexts(parseDocument('# RESOLUTION 5 (REV. DUBAI, 2014)\n\n## T\n\nThe World Telecommunication Development Conference,\n\n*resolves*\n\nto act.\n'));
      assert.equal(titled.year, 2014);
      assert.equal(titled.conference?.id, 'WTDC-14');
      const [undated] = citingContexts(parseDocument('a) Resolution 50 (Rev. Dubai, 2012) of WTSA;\n'));
      assert.equal(undated.year, undefined);
    });

    it('resolves against the conferences given (a catalogue may add some)', () => {
      const text = `${RESOLUTION}a) Resolution 9 (Rev. Atlantis, 2003);\n`;
      const lookup = conferenceLookup([...CONFERENCES, { id: 'WTDC-03', body: 'WTDC', place: 'Atlantis', year: 2003, source: 'test' }]);
      const [citation] = documentCitations(parseDocument(text), lookup).citations;
      assert.equal(citation.body, 'WTDC');
      assert.equal(citation.how, 'inferred');
    });
  });

  it('never throws on random text and noise', () => {
    const next = random(7);
    const pieces = ['Resolution ', 'Resolutions ', 'Res ', '45', '/', ' (', 'Rev. ', 'Dubai', ', ', '2014', ')', ' and ', ' of ', 'WTDC', 'this conference', '{++', '++}', '{--', '--}', '\n', '§ ', 'No. ', 'Question ', '*resolves* 2 of ', '\r\n', '(', ','];
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 60; i++) text += pieces[Math.floor(next() * pieces.length)];
      const document = parseDocument(text);
      const { citations } = documentCitations(document);
      for (const citation of citations) {
        assert.ok(citation.range.start <= citation.range.end && citation.range.end <= text.length);
        assert.ok(citation.numberRange.start >= 0);
      }
    }
  });
});
