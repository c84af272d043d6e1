// Akoma Ntoso: export validated by xmllint against the AKN 3.0 schema, the round trip of both
// seeds, each repair of converter faults on a fixture written for it, the two converter files
// (repair counts, no word lost), and bad input.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAkn, ImportError } from '../../server/src/interchange/akn/reader';
import { exportAkn } from '../../server/src/interchange/akn/writer';
import { printDocument } from '../../server/src/interchange/printer';
import { parseDocument } from '../../server/src/syntax';
import { parseXml, textOf, childElements, type XmlElement } from '../../server/src/interchange/xml';
import { random, readSeed, ROOT, SEED_2018, SEED_DT } from './helpers';
import { readPdfText } from '../../server/src/interchange/text/reader';
import { STRUCTURE_CHECKS } from '../../server/src/analysis/structure';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/pipeline';
import { randomModel, viewsOf } from './interchangeHelpers';
import type { InterchangeDocument } from '../../server/src/interchange/model';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'akn');
const SCHEMA = join(FIXTURES, 'akomantoso30.xsd');
const TODAY = { today: '2026-12-02' };

const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
const HAVE_XMLLINT = xmllint.error === undefined && xmllint.status === 0;

function validate(xml: string): { ok: boolean; messages: string } {
  const folder = mkdtempSync(join(tmpdir(), 'akn-'));
  const file = join(folder, 'document.xml');
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8' });
  return { ok: result.status === 0, messages: result.stderr };
}

/** The converter's statement wrapper, around a mainBody or preamble written for one repair. */
function akn(preamble: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement name="resolution">
<meta><identification source="#x"><FRBRWork><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2018-11-15" name="adoption"/><FRBRauthor href="#x"/><FRBRcountry value="un"/></FRBRWork></identification></meta>
<preface><longTitle><p><docType>RESOLUTION</docType><docNumber>9 (DUBAI, 2018)</docNumber></p></longTitle><container name="title"><p>A test</p></container></preface>
<preamble><formula name="enactingFormula"><p>The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),</p></formula>${preamble}</preamble>
<mainBody>${body}</mainBody></statement></akomaNtoso>`;
}

const para = (num: string | undefined, text: string): string => `<paragraph eId="p">${num !== undefined ? `<num>${num}</num>` : ''}<content><p>${text}</p></content></paragraph>`;
const hcontainer = (heading: string, ...paragraphs: string[]): string => `<hcontainer name="h"><heading><i>${heading}</i></heading>${paragraphs.join('')}</hcontainer>`;

function importOne(xml: string): { reso: string; repairs: ReturnType<typeof readAkn>['repairs'] } {
  const result = readAkn(xml);
  assert.equal(result.statements.length, 1);
  return { reso: printDocument(result.statements[0].document), repairs: result.repairs };
}

function body(reso: string): string {
  return reso.slice(reso.indexOf('(Dubai, 2018),') + '(Dubai, 2018),'.length).trim();
}

describe('Akoma Ntoso export', () => {
  for (const seed of [SEED_2018, SEED_DT]) {
    it(`${seed}: validates against the Akoma Ntoso 3.0 schema`, function () {
      if (!HAVE_XMLLINT) {
        if (process.env.CI) assert.fail('xmllint is missing: CI installs libxml2-utils (.ci/run)');
        this.skip();
      }
      const [document] = exportAkn(parseDocument(readSeed(seed)), TODAY);
      const { ok, messages } = validate(document.xml);
      assert.ok(ok, messages);
    });
  }

  it('a broken export fails the schema (the validation can fail)', function () {
    if (!HAVE_XMLLINT) this.skip();
    const [document] = exportAkn(parseDocument(readSeed(SEED_2018)), TODAY);
    assert.equal(validate(document.xml.replace('<mainBody>', '<mainBody><recital/>')).ok, false);
  });

  it('identifies the work, expression and manifestation from the title and the authority line', () => {
    const [document] = exportAkn(parseDocument(readSeed(SEED_2018)), TODAY);
    assert.equal(document.name, 'resolution-130.xml');
    const root = parseXml(document.xml);
    const find = (element: XmlElement, name: string): XmlElement[] => [...(element.name === name ? [element] : []), ...childElements(element).flatMap((c) => find(c, name))];
    assert.equal(find(root, 'FRBRWork')[0].children.filter((c) => c.kind === 'element').map((c) => (c as XmlElement).attributes.value ?? (c as XmlElement).attributes.href ?? (c as XmlElement).attributes.date).join(' | '),
      '/akn/un/statement/deliberation/itu-pp/2018/res-130/!main | /akn/un/statement/deliberation/itu-pp/2018/res-130 | 2018-01-01 | #itu-pp | un | deliberation | res-130 | Strengthening the role of ITU in building confidence and security in the use of information and communication technologies');
    assert.equal(find(root, 'FRBRManifestation')[0].children.filter((c) => c.kind === 'element').map((c) => (c as XmlElement).attributes.date).filter(Boolean)[0], '2026-12-02');
    assert.equal(find(root, 'recitals').length, 6);
    assert.equal(find(root, 'hcontainer').length, 9);
    assert.match(document.xml, /<formula name="enactingFormula" eId="formula_1"><p>The Plenipotentiary Conference of the International Telecommunication Union \(Dubai, 2018\),<\/p><\/formula>/);
  });

  it('writes labels as num, sub-items as points and items, footnotes as authorialNote', () => {
    const [document] = exportAkn(parseDocument(readSeed(SEED_2018)), TODAY);
    assert.match(document.xml, /<recital eId="preamble__recitals_3__recital_k">\s*<num>k\)<\/num>\s*<p>the relevant outcomes of WTSA-16, notably:<\/p>\s*<blockList eId="preamble__recitals_3__recital_k__list">\s*<item eId="preamble__recitals_3__recital_k__item_i">\s*<num>i\)<\/num>/);
    assert.match(document.xml, /<paragraph eId="body__hcontainer_3__para_1">\s*<num>1<\/num>\s*<intro><p>to intensify work within existing ITU-T study groups in order to:<\/p><\/intro>\s*<point eId="body__hcontainer_3__para_1__point_i">/);
    assert.match(document.xml, /particularly for developing countries<authorialNote marker="1" placement="bottom" eId="authorialNote_1"><p>These include the least developed countries[^<]*<\/p><\/authorialNote>;/);
  });

  it('writes citations as ref to the cited work and cross-references as ref to the clause', () => {
    const [document] = exportAkn(parseDocument(readSeed(SEED_2018)), TODAY);
    assert.match(document.xml, /<ref href="\/akn\/un\/statement\/deliberation\/itu-wtdc\/2014\/res-45">Resolution 45 \(Rev\. Dubai, 2014\)<\/ref>/);
    assert.match(document.xml, /<ref href="\/akn\/un\/statement\/deliberation\/unga\/res-68-198">United Nations General Assembly \(UNGA\) Resolution 68\/198<\/ref>/);
    assert.match(document.xml, /consistent with <ref href="#body__hcontainer_1__para_5"><i>resolves<\/i> 5<\/ref>/);
    assert.match(document.xml, /<paragraph eId="body__hcontainer_1__para_5">/);
    assert.match(document.xml, /described under <ref href="#preamble__recitals_6"><i>bearing in mind<\/i><\/ref> above/);
  });

  it('writes revision marks as ins and del, label changes and clauses struck out whole included', () => {
    const [document] = exportAkn(parseDocument(readSeed(SEED_DT)), TODAY);
    assert.match(document.xml, /<docNumber>130 \(REV\. <del>GUADALAJARA, 2010<\/del><ins>BUSAN, 2014<\/ins>\)<\/docNumber>/);
    assert.match(document.xml, /<num><del>b<\/del><ins>j<\/ins>\)<\/num>/);
    assert.match(document.xml, /<recital eId="preamble__recitals_1__recital_removed_1"><num><del>a\)<\/del><\/num><p><del>Resolution 130 \(Rev\. Antalya, 2006\) of the Plenipotentiary Conference;<\/del><\/p><\/recital>/);
    assert.match(document.xml, /<reso:proposal action="MOD" identifier="WGPL\/67\/1"\/>/);
    // Every deleted and inserted word is in the XML.
    const source = readSeed(SEED_DT);
    const words = (text: string) => text.match(/[A-Za-z0-9]+/g)?.length ?? 0;
    const deletedWords = [...source.matchAll(/\{--([\s\S]*?)--\}/g)].reduce((sum, m) => sum + words(m[1]), 0);
    const xmlDeleted = [...document.xml.matchAll(/<del>([\s\S]*?)<\/del>/g)].reduce((sum, m) => sum + words(m[1].replace(/<[^>]+>/g, ' ')), 0);
    assert.equal(xmlDeleted, deletedWords);
  });

  it('gives one document per resolution, named by kind and number', () => {
    const text = `# RESOLUTION 1 (DUBAI, 2018)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*resolves*\n\nto act.\n\n# DECISION 5 (REV. DUBAI, 2018)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n*decides*\n\nto act.\n`;
    const documents = exportAkn(parseDocument(text), TODAY);
    assert.deepEqual(documents.map((d) => d.name), ['resolution-1.xml', 'decision-5.xml']);
    assert.match(documents[1].xml, /<statement name="decision">/);
  });
});

describe('Akoma Ntoso round trip', () => {
  for (const seed of [SEED_2018, SEED_DT]) {
    it(`${seed}: import(export(x)) gives back the structure and text of both views`, () => {
      const source = readSeed(seed);
      const [document] = exportAkn(parseDocument(source), TODAY);
      const { reso, repairs } = importOne(document.xml);
      assert.ok(Object.values(repairs).every((count) => count === 0), `no repair on a clean export: ${JSON.stringify(repairs)}`);
      assert.deepEqual(viewsOf(reso), viewsOf(source));
    });
  }
});

describe('Akoma Ntoso round trip of random documents', () => {
  /** Export each resolution, import each document, and put them back together as one file. */
  function roundTrip(source: string): string {
    const parts = exportAkn(parseDocument(source), TODAY).map((document) => readAkn(document.xml).statements[0].document);
    const merged: InterchangeDocument = {
      frontMatter: parts[0]?.frontMatter,
      blocks: parts.flatMap((part) => part.blocks),
      footnotes: parts.flatMap((part) => part.footnotes).filter((note, index, all) => all.findIndex((other) => other.id === note.id) === index),
    };
    return printDocument(merged);
  }

  it('keeps both views of 150 random documents with revisions, formatting, footnotes and comments', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const source = printDocument(randomModel(seed));
      const views = viewsOf(source);
      const back = viewsOf(roundTrip(source));
      assert.deepEqual(back, views, `seed ${seed}:\n${source}`);
    }
  });

  it('exports of random documents validate against the schema', function () {
    if (!HAVE_XMLLINT) this.skip();
    for (const seed of [3, 17, 37, 58]) {
      for (const document of exportAkn(parseDocument(printDocument(randomModel(seed))), TODAY)) {
        const { ok, messages } = validate(document.xml);
        assert.ok(ok, `seed ${seed}: ${messages}`);
      }
    }
  });
});

describe('Akoma Ntoso import repairs', () => {
  it('finds a heading inside paragraph text by the heading grammar, and moves the clauses after it', () => {
    const { reso, repairs } = importOne(akn('', hcontainer('resolves', para('1', 'to act;'), para('2', 'to report, instructs the Secretary-General and the Directors of the Bureaux'), para('1', 'to help;'), para('2', 'to report.'))));
    assert.equal(repairs.headingInText, 1);
    assert.equal(body(reso), '*resolves*\n\n1 to act;\n2 to report,\n\n*instructs the Secretary-General and the Directors of the Bureaux*\n\n1 to help;\n2 to report.');
  });

  it('leaves a clause that merely mentions a heading phrase', () => {
    const { reso, repairs } = importOne(akn('', hcontainer('resolves', para('1', 'to act, invites Member States to join;'), para('2', 'to report.'))));
    assert.equal(repairs.headingInText, 0);
    assert.match(reso, /1 to act, invites Member States to join;/);
  });

  it('matches a footnote marker glued to a word with the footnote of that number, and cuts the footnote text out', () => {
    const { reso, repairs } = importOne(
      akn(`<recitals><intro><p><i>considering</i></p></intro><recital><num>a)</num><p>the needs of developing countries1, where it matters;</p></recital><recital><num>b)</num><p>the G20 and WTPF-13,</p></recital></recitals>`,
        hcontainer('resolves', para(undefined, 'to act. ____________________ 1 These include the least developed countries.'))),
    );
    assert.equal(repairs.footnoteMarker, 1);
    assert.equal(repairs.footnoteText, 1);
    assert.match(reso, /a\) the needs of developing countries\[\^1\], where it matters;\nb\) the G20 and WTPF-13,/);
    assert.match(reso, /\*resolves\*\n\nto act\.\n\n\[\^1\]: These include the least developed countries\.\n$/);
  });

  it('splits back the clause that a footnote text swallowed', () => {
    const { reso, repairs } = importOne(akn('', hcontainer('resolves', para('1', 'to act; ____ 1 These include the least developed countries. 2 to report to the Council;'), para('3', 'to review.'))));
    assert.equal(repairs.footnoteText, 1);
    assert.equal(repairs.clauseSplit, 1);
    assert.match(reso, /1 to act;\n2 to report to the Council;\n3 to review\./);
    assert.match(reso, /\[\^1\]: These include the least developed countries\./);
  });

  it('splits back a clause run into the one before, and decimal paragraphs into sub-items', () => {
    const { reso, repairs } = importOne(akn('', hcontainer('decides', para('9', 'that the forum shall meet; 10 that broad participation shall be facilitated,'), para('11', 'that the budget is as follows: 11.1 that the unit is CHF 318 000; 11.2 that expenses shall not rise;'))));
    assert.equal(repairs.clauseSplit, 3);
    assert.match(reso, /9 that the forum shall meet;\n10 that broad participation shall be facilitated,\n11 that the budget is as follows:\n11\.1 that the unit is CHF 318 000;\n11\.2 that expenses shall not rise;/);
  });

  it('takes a label out of the text, and gives list points without numbers their label by sequence', () => {
    const list = `<paragraph><num>2</num><intro><p>to review:</p></intro><list><point><content><p>the work done;</p></content></point><point><content><p>the progress made,</p></content></point></list></paragraph>`;
    const { reso, repairs } = importOne(akn('', hcontainer('resolves', para(undefined, '1 to act;'), list)));
    assert.equal(repairs.labelFromText, 1);
    assert.equal(repairs.labelBySequence, 2);
    assert.match(reso, /1 to act;\n2 to review:\n  i\) the work done;\n  ii\) the progress made,/);
  });

  it('cuts annex and part headings out of the last clause; later annex headings start their own annex', () => {
    const { reso, repairs } = importOne(
      akn('', hcontainer('invites Member States', para(undefined, 'to announce their class. ANNEX 1 TO RESOLUTION 9 (DUBAI, 2018) Table of figures'), para('0', '0'), para('0', 'More figures ANNEX 2 TO RESOLUTION 9 (DUBAI, 2018) Measures 1) Identification.'))),
    );
    assert.equal(repairs.annexHeading, 2);
    assert.equal(repairs.tableCell, 3);
    assert.match(reso, /to announce their class\.\n\n# ANNEX 1 TO RESOLUTION 9 \(DUBAI, 2018\)\n\nTable of figures\n\n<!-- table cell dropped: 0 0 -->\n<!-- table cell dropped: 0 -->\nMore figures\n\n# ANNEX 2 TO RESOLUTION 9 \(DUBAI, 2018\)\n\nMeasures 1\) Identification\./);
    const part = importOne(akn('', hcontainer('resolves', para(undefined, 'to act. PART VI - RESOLUTIONS'))));
    assert.equal(part.repairs.annexHeading, 1);
    assert.match(part.reso, /to act\.\n\n<!-- PART VI - RESOLUTIONS -->/);
  });

  it('puts internal cross-references back in italics when the section and label exist, or above/below follows', () => {
    const { reso, repairs } = importOne(
      akn('', hcontainer('resolves', para('1', 'to act;'), para('2', 'to report as in resolves 1, not resolves 7, nor what resolves a dispute;')) + hcontainer('instructs the Secretary-General', para(undefined, 'to act on resolves above and on instructs the Secretary-General below.'))),
    );
    assert.equal(repairs.crossReference, 3);
    assert.match(reso, /2 to report as in \*resolves\* 1, not resolves 7, nor what resolves a dispute;/);
    assert.match(reso, /to act on \*resolves\* above and on \*instructs the Secretary-General\* below\./);
    assert.deepEqual(parseDocument(reso).diagnostics, []);
  });

  it('drops stray table cells in the operative part with a comment, keeping their values', () => {
    const { reso, repairs } = importOne(akn('', hcontainer('resolves', para('1', 'to act;'), para('0', '0'), para('2', 'to report.'))));
    assert.equal(repairs.tableCell, 1);
    assert.match(reso, /1 to act;\n<!-- table cell dropped: 0 0 -->\n2 to report\./);
  });
});

/** Word counts of a text, letters and digits apart (`countries1` → `countries`, `1`). */
function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of text.match(/[A-Za-z]+|[0-9]+/g) ?? []) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

describe('Akoma Ntoso import of the converter files', () => {
  const expected: Record<string, Record<string, number>> = {
    'res_2.xml': { headingInText: 0, footnoteMarker: 1, footnoteText: 1, clauseSplit: 1, labelFromText: 5, labelBySequence: 0, annexHeading: 0, crossReference: 3, tableCell: 0 },
    'dec_5.xml': { headingInText: 2, footnoteMarker: 0, footnoteText: 0, clauseSplit: 4, labelFromText: 5, labelBySequence: 0, annexHeading: 2, crossReference: 4, tableCell: 9 },
  };
  for (const file of Object.keys(expected)) {
    it(`${file}: repaired as counted, with no diagnostics on the result and no word lost`, () => {
      const xml = readFileSync(join(FIXTURES, file), 'utf8');
      const { reso, repairs } = importOne(xml);
      assert.deepEqual(repairs, expected[file]);
      const parsed = parseDocument(reso);
      assert.deepEqual(parsed.diagnostics.map((d) => d.code), []);
      // The structure checks find no error: labels, sub-items and decimal paragraphs are where the markup wants them.
      const errors = STRUCTURE_CHECKS.flatMap((check) => check(parsed, { settings: DEFAULT_SETTINGS })).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.code} ${d.message}`), []);
      // Exported again, the repaired text validates.
      if (HAVE_XMLLINT) for (const document of exportAkn(parsed, TODAY)) assert.ok(validate(document.xml).ok, validate(document.xml).messages);
      const statement = parseXml(xml);
      const text = childElements(childElements(statement, 'statement')[0]).filter((e) => e.name !== 'meta').map(textOf).join(' ');
      const before = wordBag(text);
      const after = wordBag(reso);
      for (const [word, count] of before) assert.ok((after.get(word) ?? 0) >= count, `${word}: ${count} in the XML, ${after.get(word) ?? 0} in the .reso`);
    });
  }

  it('dec_5.xml: headings split out, decimal paragraphs and the annexes in place', () => {
    const { reso } = importOne(readFileSync(join(FIXTURES, 'dec_5.xml'), 'utf8'));
    assert.match(reso, /7 that the Council shall aim in all circumstances to keep the Reserve Account at a level above 6 per cent of total annual expenses,\n\n\*instructs the Secretary-General, with the assistance of the Coordination Committee\*\n\n1 to prepare/);
    assert.match(reso, /\n1\.4 that the Council shall each year review/);
    assert.match(reso, /\n# ANNEX 1 TO DECISION 5 \(REV\. DUBAI, 2018\)\n\nTABLE 1 Financial plan/);
    assert.match(reso, /\n# ANNEX 2 TO DECISION 5 \(REV\. DUBAI, 2018\)\n\nMeasures for improving/);
  });
});

describe('Akoma Ntoso bad input', () => {
  const fails = (xml: string, message: RegExp) => assert.throws(() => readAkn(xml), (error: unknown) => error instanceof ImportError && message.test(error.message));
  it('malformed XML', () => fails('<akomaNtoso><statement>', /^malformed XML: /));
  it('XML that is not Akoma Ntoso', () => fails('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', /^not Akoma Ntoso: the root element is <html>/));
  it('another namespace', () => fails('<akomaNtoso xmlns="urn:other"/>', /^not Akoma Ntoso 3\.0/));
  it('an Akoma Ntoso document with no statement', () => fails('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/></act></akomaNtoso>', /holds no <statement>/));
  it('empty input', () => fails('', /^malformed XML/));
});

describe('Akoma Ntoso and text import on damaged input', () => {
  it('a damaged file gives a result or an ImportError, never a crash', () => {
    const sources = [readFileSync(join(FIXTURES, 'res_2.xml'), 'utf8'), readFileSync(join(FIXTURES, 'dec_5.xml'), 'utf8'), exportAkn(parseDocument(readSeed(SEED_DT)), TODAY)[0].xml];
    const texts = [readFileSync(join(ROOT, 'seeds', 'original', '000_8fa20dda3cb07826.txt'), 'utf8'), readFileSync(join(ROOT, 'seeds', 'original', '004_200f58ed647096d2.txt'), 'utf8')];
    const next = random(14);
    const damage = (text: string): string => {
      let out = text;
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const at = Math.floor(next() * out.length);
        const roll = next();
        if (roll < 0.3) out = out.slice(0, at);
        else if (roll < 0.6) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 200));
        else out = out.slice(0, at) + ['<', '>', '&', '</p>', '<p>', '____ 1 ', 'ANNEX TO RESOLUTION 3 ', ', instructs the Council', '\n\n', '- i)* '][Math.floor(next() * 10)] + out.slice(at);
      }
      return out;
    };
    for (let i = 0; i < 150; i++) {
      for (const [read, input] of [[readAkn, damage(sources[i % sources.length])], [readPdfText, damage(texts[i % texts.length])]] as const) {
        try {
          const result = read(input);
          for (const statement of result.statements) printDocument(statement.document);
        } catch (error) {
          assert.ok(error instanceof ImportError, `case ${i}: ${error instanceof Error ? error.stack : String(error)}`);
        }
      }
    }
  });
});
