import assert from 'node:assert/strict';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { exportDocx, headerDate } from '../../server/src/interchange/docx/writer';
import { importDocx } from '../../server/src/interchange/docx/structure';
import { DocxError } from '../../server/src/interchange/docx/ooxml';
import { printDocument } from '../../server/src/interchange/printer';
import { child, elements, parseXml, type XmlElement } from '../../server/src/interchange/docx/xml';
import { parseDocument } from '../../server/src/syntax';
import { pick, random, readSeed, SEED_2018, SEED_DT } from './helpers';
import { randomModel, viewsOf } from './interchangeHelpers';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A .docx made from its XML parts, so that every fixture has its source in the test. */
function makeDocx(parts: { body: string; numbering?: string; footnotes?: string; comments?: string; styles?: string }): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${parts.body}</w:body></w:document>`),
  };
  if (parts.numbering) files['word/numbering.xml'] = strToU8(`<w:numbering xmlns:w="${W}">${parts.numbering}</w:numbering>`);
  if (parts.footnotes) files['word/footnotes.xml'] = strToU8(`<w:footnotes xmlns:w="${W}">${parts.footnotes}</w:footnotes>`);
  if (parts.comments) files['word/comments.xml'] = strToU8(`<w:comments xmlns:w="${W}">${parts.comments}</w:comments>`);
  if (parts.styles) files['word/styles.xml'] = strToU8(`<w:styles xmlns:w="${W}">${parts.styles}</w:styles>`);
  return zipSync(files);
}

const p = (runs: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
const r = (text: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const ins = (text: string, id = 1) => `<w:ins w:id="${id}" w:author="A" w:date="2014-11-02T00:00:00Z">${r(text)}</w:ins>`;
const del = (text: string, id = 2) => `<w:del w:id="${id}" w:author="A" w:date="2014-11-02T00:00:00Z"><w:r><w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`;
const italic = (text: string) => r(text, '<w:i/>');

function imported(parts: Parameters<typeof makeDocx>[0]): { text: string; notes: string[] } {
  const { model, notes } = importDocx(makeDocx(parts));
  return { text: printDocument(model), notes };
}

const RESOLUTION_HEAD = p(r('RESOLUTION 1 (REV. BUSAN, 2014)')) + p(r('A name')) + p(r('The Plenipotentiary Conference (Busan, 2014),'));

describe('Word import', () => {
  it('turns insertions and deletions in runs into revision marks', () => {
    const { text } = imported({ body: RESOLUTION_HEAD + p(italic('resolves')) + p(r('to ') + del('propose') + ins('report') + r(' annually.')) });
    assert.match(text, /^to \{--propose--\}\{\+\+report\+\+\} annually\.$/m);
    // Who made the revisions goes to the front matter, the markup having no author per mark.
    assert.match(text, /^---\nauthor: A\n---\n/);
    assert.match(text, /^\*resolves\*$/m);
    assert.match(text, /^# RESOLUTION 1 \(REV\. BUSAN, 2014\)$/m);
    assert.match(text, /^## A name$/m);
  });

  it('reads a paragraph whose mark and text are inserted (or deleted) as a clause inserted (or deleted) whole', () => {
    const mark = (kind: 'ins' | 'del') => `<w:rPr><w:${kind} w:id="9" w:author="A" w:date="2014-11-02T00:00:00Z"/></w:rPr>`;
    const { text } = imported({
      body: RESOLUTION_HEAD + p(italic('recalling')) + p(del('a)\tOld text;'), mark('del')) + p(ins('a)\tNew text;'), mark('ins')) + p(r('b)\tKept text,')),
    });
    assert.match(text, /^\{--a\) Old text;--\}\n\{\+\+a\) New text;\+\+\}\nb\) Kept text,$/m);
    const views = viewsOf(text);
    assert.ok(views.amended.includes('  a New text;'));
    assert.ok(views.original.includes('  a Old text;'));
  });

  it('reads a label cut by revisions, moves, table rows, and drops formatting-only revisions with one line', () => {
    const { text, notes } = imported({
      body:
        RESOLUTION_HEAD +
        p(italic('considering')) +
        p(del('b') + ins('c') + r(')\tthe text') + `<w:moveFrom w:id="5" w:author="A" w:date="2014-11-02T00:00:00Z">${r(' moved')}</w:moveFrom>` + r(';')) +
        p(r('c)\tand') + `<w:moveTo w:id="6" w:author="A" w:date="2014-11-02T00:00:00Z">${r(' moved')}</w:moveTo>` + r(' here;')) +
        p(`<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="A" w:date="2014-11-02T00:00:00Z"><w:rPr/></w:rPrChange></w:rPr><w:t>d)</w:t></w:r>` + r(' bold now,')) +
        `<w:tbl><w:tr><w:trPr><w:ins w:id="8" w:author="A" w:date="2014-11-02T00:00:00Z"/></w:trPr><w:tc>${p(r('Row text'))}</w:tc></w:tr></w:tbl>`,
    });
    assert.match(text, /^\{--b--\}\{\+\+c\+\+\}\) the text\{-- moved--\};$/m);
    assert.match(text, /^c\) and\{\+\+ moved\+\+\} here;$/m);
    assert.match(text, /^\{\+\+Row text\+\+\}$/m);
    assert.deepEqual(notes.filter((n) => n.includes('formatting')), ['1 formatting-only revision was dropped: the markup tracks changes of text, not of formatting.']);
  });

  it('takes labels from Word list numbering, counted in each view, and levels as sub-items', () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>';
    const item = (level: number, runs: string, mark = '') => p(runs, `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="3"/></w:numPr>${mark}`);
    const insertedMark = '<w:rPr><w:ins w:id="9" w:author="A" w:date="2014-11-02T00:00:00Z"/></w:rPr>';
    const { text, notes } = imported({
      numbering,
      body: RESOLUTION_HEAD + p(italic('noting')) + item(0, r('first;')) + item(0, ins('inserted;'), insertedMark) + item(0, r('the outcomes:')) + item(1, r('one;')) + item(1, r('two,')),
    });
    assert.match(text, /^a\) first;\n\{\+\+b\) inserted;\+\+\}\n\{--b--\}\{\+\+c\+\+\}\) the outcomes:\n {2}i\) one;\n {2}ii\) two,$/m);
    assert.ok(notes.some((n) => n.includes('list numbering')));
  });

  it('reads footnotes and comments, and the DT header into front matter', () => {
    const { text } = imported({
      body:
        p(r('Plenipotentiary Conference (PP-14)')) +
        p(r('Document DT/67-E')) +
        p(r('2 November 2014')) +
        p(r('Original: English')) +
        p(r('Working Group of the Plenary'), '<w:pStyle w:val="Source"/>') +
        p(r('MOD\tWGPL/67/1')) +
        RESOLUTION_HEAD +
        p(italic('recalling')) +
        p(r('the text') + '<w:r><w:footnoteReference w:id="1"/></w:r>' + '<w:commentRangeStart w:id="0"/>' + r(' noted') + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>' + r(',')) +
        p(r('Reasons:', '<w:b/>') + r('\tTo update.')),
      footnotes: '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>These include the LDCs.</w:t></w:r></w:p></w:footnote>',
      comments: '<w:comment w:id="0" w:author="B"><w:p><w:r><w:t>Check this.</w:t></w:r></w:p></w:comment>',
      styles: '<w:style w:type="paragraph" w:styleId="Source"><w:name w:val="Source"/></w:style>',
    });
    assert.equal(
      text.split('\n').slice(0, 8).join('\n'),
      '---\ndocument: DT/67-E\ndate: 2014-11-02\noriginal: English\nmeeting: Plenipotentiary Conference (PP-14)\nsource: Working Group of the Plenary\n---\n',
    );
    assert.match(text, /^MOD WGPL\/67\/1$/m);
    assert.match(text, /^the text\[\^1\]\{== noted==\}\{>>Check this\.<<\},$/m);
    assert.match(text, /^Reasons: To update\.$/m);
    assert.match(text, /^\[\^1\]: These include the LDCs\.$/m);
    const parsed = parseDocument(text);
    assert.equal(parsed.root.resolutions[0].proposal?.identifier, 'WGPL/67/1');
    assert.ok(parsed.root.resolutions[0].reasons);
  });

  it('keeps what it cannot place as text', () => {
    const { text, notes } = imported({ body: p(r('Some note before anything.')) + p(r('Another one.')) });
    assert.match(text, /Some note before anything\./);
    assert.match(text, /Another one\./);
    assert.ok(notes.some((n) => n.startsWith('Kept')), notes.join('\n'));
  });

  it('never throws on odd bodies, and always prints markup whose revision marks are whole', () => {
    const pieces = [
      p(r('a)\tText;')), p(ins('x') + del('y')), p(r('*recalling*', '<w:i/>')), p(del('1\t') + r('to go')), p(r('{++ literal ++}')),
      p(r('MOD X/1'), '<w:pStyle w:val="ResNo"/>'), p(r('i)\tsub;'), '<w:ind w:left="2000"/>'), p(r('RESOLUTION 9 (DUBAI, 2012)')),
      p(''), p(r('Reasons:')), `<w:tbl><w:tr><w:tc>${p(ins('cell'))}</w:tc></w:tr></w:tbl>`, p(r('<!-- -->')), p(r('[^1]: not a note')),
      p(`<w:r><w:footnoteReference w:id="77"/></w:r>`), p(`<w:r><w:commentReference w:id="5"/></w:r>`), p(r('x'), '<w:numPr><w:ilvl w:val="3"/><w:numId w:val="9"/></w:numPr>'),
      p(`<w:ins w:id="1" w:author="A"><w:del w:id="2" w:author="B">${r('both')}</w:del></w:ins>`), p(r('\u00e9\u{1F600}')),
    ];
    for (let seed = 1; seed <= 150; seed++) {
      const next = random(seed);
      const body = Array.from({ length: Math.floor(next() * 14) }, () => pick(next, pieces)).join('');
      const { text } = imported({ body });
      const broken = parseDocument(text).diagnostics.filter((d) => d.code === 'syntax.revision' || d.code === 'syntax.internal');
      assert.deepEqual(broken, [], `seed ${seed}:\n${text}`);
    }
  });

  it('gives one clear error for a file that is not a Word document, encrypted or damaged', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [strToU8('just text'), /not a Word document/],
      [Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), /encrypted/],
      [zipSync({ 'EncryptionInfo': strToU8('x'), 'word/document.xml': strToU8('<x/>') }), /encrypted/],
      [zipSync({ 'other.xml': strToU8('<x/>') }), /no word\/document\.xml/],
      [zipSync({ 'word/document.xml': strToU8('<w:document xmlns:w="' + W + '"><w:body><w:p>') }), /damaged.*not well-formed/],
      [makeDocx({ body: p(r('x')) }).slice(0, 60), /damaged/],
    ];
    for (const [bytes, message] of cases) {
      assert.throws(() => importDocx(bytes), (error: unknown) => error instanceof DocxError && message.test(error.message), String(message));
    }
  });
});

describe('Word export', () => {
  async function documentXml(source: string, options = {}): Promise<string> {
    const { bytes } = await exportDocx(parseDocument(source), options);
    return strFromU8(unzipSync(bytes)['word/document.xml']);
  }

  it('writes revision marks as Word revisions with the author and date of the front matter', async () => {
    const xml = await documentXml('---\ndate: 2014-11-02\nsource: WGPL\nauthor: Secretariat\n---\n\n# RESOLUTION 1\n\n*resolves*\n\n1 to {--propose--}{++report++} {~~old~>new~~} {==this==}{>>Check.<<};\n{++2 to add.++}\n');
    assert.match(xml, /<w:del w:id="\d+" w:author="Secretariat" w:date="2014-11-02T00:00:00Z"><w:r><w:delText xml:space="preserve">propose<\/w:delText>/);
    assert.match(xml, /<w:ins w:id="\d+" w:author="Secretariat" w:date="2014-11-02T00:00:00Z"><w:r><w:t xml:space="preserve">report<\/w:t>/);
    assert.match(xml, /<w:delText xml:space="preserve">old<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:t xml:space="preserve">new/);
    assert.match(xml, /<w:commentRangeStart w:id="0"\/><w:r><w:rPr><w:highlight w:val="yellow"\/><\/w:rPr><w:t xml:space="preserve">this<\/w:t><\/w:r><w:commentRangeEnd w:id="0"\/>/);
    // The inserted clause has its paragraph mark inserted too.
    assert.match(xml, /<w:pPr><w:pStyle w:val="Normal"\/><w:ind w:left="794" w:hanging="794"\/><w:rPr><w:ins w:id="\d+" w:author="Secretariat"/);
  });

  it('writes ADD and (MOD) texts clean, and a SUP as its symbol, title and reasons', async () => {
    const add = await documentXml('ADD X/1/1\n\n# RESOLUTION 2 (BUSAN, 2014)\n\n*resolves*\n\nto {--go--}{++come++} here.\n');
    assert.doesNotMatch(add, /<w:ins |<w:del /);
    assert.match(add, /come/);
    assert.doesNotMatch(add, />go</);
    const { bytes, warnings } = await exportDocx(parseDocument('SUP X/1/2\n\n# RESOLUTION 3 (DUBAI, 2012)\n\n*resolves*\n\nto stop.\n\nReasons: Merged.\n'));
    const sup = strFromU8(unzipSync(bytes)['word/document.xml']);
    assert.match(sup, /SUP/);
    assert.match(sup, /RESOLUTION 3/);
    assert.match(sup, /Merged/);
    assert.doesNotMatch(sup, /to stop/);
    assert.equal(warnings.length, 1);
  });

  it('names a paragraph style for every construct, as ITU templates do, and takes styles from a template', async () => {
    const xml = await documentXml(readSeed(SEED_DT));
    for (const style of ['Head', 'Source', 'Proposal', 'ResNo', 'Restitle', 'Normalaftertitle', 'Call', 'enumlev1', 'enumlev2']) assert.match(xml, new RegExp(`<w:pStyle w:val="${style}"/>`), style);
    const template = makeDocx({ body: p(r('x')), styles: '<w:style w:type="paragraph" w:styleId="Call"><w:name w:val="Call"/><w:rPr><w:i/><w:color w:val="FF0000"/></w:rPr></w:style>' });
    const { bytes } = await exportDocx(parseDocument(readSeed(SEED_DT)), { template });
    const styles = strFromU8(unzipSync(bytes)['word/styles.xml']);
    assert.match(styles, /w:color w:val="FF0000"/);
    assert.match(styles, /w:styleId="ResNo"/);
  });

  it('reads the front matter key author as a known key', () => {
    const parsed = parseDocument('---\nauthor: Secretariat\n---\n');
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), []);
  });

  it('writes the header date as a DT does', () => {
    assert.equal(headerDate('2014-11-02'), '2 November 2014');
    assert.equal(headerDate('not a date'), 'not a date');
  });
});

describe('Word round trip', () => {
  for (const seed of [SEED_DT, SEED_2018]) {
    it(`import(export(${seed})) has the same amended and original structure`, async () => {
      const source = readSeed(seed);
      const { bytes } = await exportDocx(parseDocument(source));
      const back = printDocument(importDocx(bytes).model);
      const before = viewsOf(source);
      const after = viewsOf(back);
      assert.deepEqual(after.amended, before.amended);
      assert.deepEqual(after.original, before.original);
    });
  }

  it('import(export(x)) keeps a deleted authority line and a deleted free paragraph', async () => {
    const source = '---\nsource: WGPL\n---\n\n# RESOLUTION 1 (REV. BUSAN, 2014)\n\n{--The Conference (Antalya, 2006),--}\n{++The Conference (Busan, 2014),++}\n\n{--A note that goes.--}\n\n*resolves*\n\nto go.\n';
    const { bytes } = await exportDocx(parseDocument(source));
    const back = printDocument(importDocx(bytes).model);
    assert.deepEqual(viewsOf(back).original, viewsOf(source).original, back);
    assert.deepEqual(viewsOf(back).amended, viewsOf(source).amended, back);
  });

  it('import(export(x)) keeps both views of random structured texts with marks', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      // ADD texts export clean (amended only): the tracked round trip is that of MOD proposals.
      const source = printDocument(randomModel(seed)).replace(/^ADD /gm, 'MOD ');
      const { bytes } = await exportDocx(parseDocument(source));
      const back = printDocument(importDocx(bytes).model);
      const before = viewsOf(source);
      const after = viewsOf(back);
      assert.deepEqual(after.amended, before.amended, `seed ${seed}:\n${source}\n---\n${back}`);
      assert.deepEqual(after.original, before.original, `seed ${seed}:\n${source}\n---\n${back}`);
    }
  });
});

/**
 * What Word's Accept All (or Reject All) leaves of a document.xml, as plain paragraphs: text of
 * the other kind goes, and a paragraph whose mark goes joins the next one.
 */
function wordResult(documentXml: string, mode: 'accept' | 'reject'): string[] {
  const body = child(parseXml(documentXml), 'w:body') as XmlElement;
  const gone = mode === 'accept' ? 'w:del' : 'w:ins';
  const out: string[] = [];
  let carried = '';
  const textOf = (node: XmlElement, removed: boolean): string => {
    let text = '';
    for (const item of node.children) {
      if (typeof item === 'string') continue;
      if (item.name === 'w:pPr' || item.name === 'w:rPr') continue;
      if (item.name === 'w:t' || item.name === 'w:delText') text += removed ? '' : item.children.filter((c): c is string => typeof c === 'string').join('');
      else if (item.name === 'w:tab') text += removed ? '' : ' ';
      else if (item.name === 'w:footnoteReference') text += removed ? '' : String(item.attributes['w:id']);
      else text += textOf(item, removed || item.name === gone || (mode === 'accept' ? item.name === 'w:moveFrom' : item.name === 'w:moveTo'));
    }
    return text;
  };
  for (const paragraph of elements(body, 'w:p')) {
    const text = carried + textOf(paragraph, false);
    const mark = child(child(paragraph, 'w:pPr'), 'w:rPr');
    if (child(mark, gone)) carried = text;
    else {
      out.push(text.replace(/\s+/g, ' ').trim());
      carried = '';
    }
  }
  if (carried) out.push(carried.replace(/\s+/g, ' ').trim());
  return out;
}

/** A view of the markup as the same plain paragraphs, from the first proposal or title on. */
function viewParagraphs(source: string, view: 'amended' | 'original'): string[] {
  const parsed = parseDocument(source);
  const text = (view === 'amended' ? parsed.amended : parsed.original).text.replace(/^---\n[\s\S]*?\n---\n/, '').replace(/<!--[\s\S]*?-->/g, '');
  return text
    .split('\n')
    .filter((line) => !/^\[\^[^\]\s]+\]:/.test(line))
    .map((line) => line.replace(/^#+\s*/, '').replace(/^Reasons: /, 'Reasons: ').replace(/\[\^([^\]\s]+)\]/g, '$1').replace(/\*/g, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

describe('Word export: Accept All and Reject All', () => {
  const FIRST = /^(?:\(MOD\)|MOD|ADD\*?|SUP\*?|NOC)\s|^RESOLUTION\b/;
  const fromFirst = (lines: string[]) => lines.slice(Math.max(0, lines.findIndex((line) => FIRST.test(line))));
  async function check(source: string, label: string): Promise<void> {
    const { bytes } = await exportDocx(parseDocument(source));
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
    for (const [mode, view] of [['accept', 'amended'], ['reject', 'original']] as const) {
      const word = wordResult(xml, mode);
      assert.ok(!word.includes(''), `${label}: ${mode} all leaves an empty paragraph`);
      // A footnote never referenced stays a `[^id]: …` paragraph, as the markup writes it, and is left out of both.
      const paragraphs = word.filter((line) => !/^\[\^[^\]\s]+\]:/.test(line));
      assert.deepEqual(fromFirst(paragraphs), fromFirst(viewParagraphs(source, view)), `${label}: ${mode} all`);
    }
  }

  for (const seed of [SEED_DT, SEED_2018]) it(`leave the amended and the original text of ${seed}, paragraph for paragraph`, () => check(readSeed(seed), seed));

  it('leave the amended and the original text when an authority line and a paragraph are deleted whole', () =>
    check('---\nsource: WGPL\n---\n\n# RESOLUTION 1 (REV. BUSAN, 2014)\n\n{--The Conference (Antalya, 2006),--}\n{++The Conference (Busan, 2014),++}\n\n{--A note that goes.--}\n\n*resolves*\n\n{++1 to come;++}\n{--1--}{++2++} to go.\n', 'authority'));

  it('leave the amended and the original text of random texts with marks', async () => {
    for (let seed = 1; seed <= 60; seed++) await check(printDocument(randomModel(seed)).replace(/^ADD /gm, 'MOD '), `seed ${seed}`);
  });
});
