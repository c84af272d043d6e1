import assert from 'node:assert/strict';
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { serializeCatalogue } from '../../server/src/analysis/catalogueBuilder';
import { generateCatalogue } from '../bench/citations';
import { citingText, serviceWith } from './citationFixtures';
import { readSeed, SEED_2018, SEED_DT } from './helpers';

const URI = 'file:///test/features.reso';

function positionAfter(text: string, needle: string): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + needle.length);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

function inserted(item: CompletionItem | undefined): string | undefined {
  return item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : undefined;
}

function hoverText(hover: Hover | null): string {
  const contents = hover?.contents;
  return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
}

describe('citation features (service)', () => {
  describe('completion', () => {
    it('after `Resolutions 50 and `: the numbers with their revision in force at the document\'s date', () => {
      const text = citingText('Resolutions 50 and ', { date: '2014-11-02', place: 'Busan', year: 2014 });
      const service = serviceWith({ [URI]: text });
      const items = service.completion(URI, positionAfter(text, 'Resolutions 50 and '));
      const wtsa52 = items.find((i) => i.label === '52' && i.labelDetails?.description === 'WTSA');
      // In 2014 the Dubai 2012 revision is in force; Hammamet 2016 is not yet adopted.
      assert.equal(inserted(wtsa52), '52 (Rev. Dubai, 2012) of WTSA');
      const pp140 = items.find((i) => i.label === '140' && i.labelDetails?.description === 'PP');
      assert.equal(inserted(pp140), '140 (Rev. Busan, 2014) of this conference');
    });

    it('with a catalogue of 10,000 resolutions: the first 2,000 numbers in order, the catalogue not merged again after an edit elsewhere', () => {
      const generated = generateCatalogue(10_000);
      const text = citingText('Resolution ');
      const service = serviceWith({ [URI]: text }, [{ uri: 'file:///generated/catalogue.json', data: generated, text: serializeCatalogue(generated) }]);
      const labels = (): string[] => service.completion(URI, positionAfter(text, 'Resolution ')).map((i) => `${i.labelDetails?.description} ${i.label}`);
      const first = labels();
      assert.equal(first.length, 2000);
      assert.deepEqual(first.slice(0, 3), ['PP 1', 'PP 2', 'PP 3']);
      assert.equal(first[1999], 'PP 2000');
      const known = service.knowledge.resolution('PP', '1500');
      service.setDocument('file:///test/other.reso', citingText('a) Resolution 45 (Rev. Dubai, 2014) of WTDC,'));
      assert.deepEqual(labels(), first);
      assert.equal(service.knowledge.resolution('PP', '1500'), known);
    });

    it('narrows to the digits typed, and offers UNGA numbers after `UNGA Resolution `', () => {
      const text = citingText('UNGA Resolution 68');
      const service = serviceWith({ [URI]: text });
      const items = service.completion(URI, positionAfter(text, 'UNGA Resolution 68'));
      assert.deepEqual(items.map((i) => i.label).sort(), ['68/167', '68/198', '68/243']);
      assert.equal(inserted(items.find((i) => i.label === '68/198')), '68/198');
    });

    it('heading phrases at the start of a line where a heading may stand; operative only after an operative section', () => {
      const text = citingText('a) first clause,\n\n*con').replace('\n*resolves*\n\nto continue.\n', '\n*resolves*\n\nto continue,\n\n');
      const service = serviceWith({ [URI]: text });
      const preamble = service.completion(URI, positionAfter(text, '*con'));
      const considering = preamble.find((i) => i.label === 'considering');
      assert.equal(inserted(considering), '*considering*');
      assert.ok(preamble.some((i) => i.label === 'instructs the Secretary-General'));
      const end = { line: text.split('\n').length - 1, character: 0 };
      const operative = service.completion(URI, end);
      assert.ok(operative.some((i) => i.label === 'invites Member States'));
      assert.ok(!operative.some((i) => i.label === 'considering'), 'no preamble heading after an operative section');
    });

    it('the next label at the start of a new clause line', () => {
      const text = citingText('a) first clause;\nb) second clause;\n');
      const service = serviceWith({ [URI]: text });
      const [label] = service.completion(URI, positionAfter(text, 'b) second clause;\n'));
      assert.equal(label?.label, 'c)');
      assert.equal(inserted(label), 'c) ');
      const operative = text.replace('to continue.', '1 to continue:\n  i) one;\n');
      service.setDocument(URI, operative);
      const [item] = service.completion(URI, positionAfter(operative, '  i) one;\n'));
      assert.equal(item?.label, '2');
      const indented = `${operative.trimEnd()}\n  `;
      service.setDocument(URI, indented);
      const [sub] = service.completion(URI, { line: indented.split('\n').length - 1, character: 2 });
      assert.equal(sub?.label, 'ii)');
    });
  });

  describe('workspace symbols', () => {
    it('lists the resolutions defined in open documents and workspace files, filtered by the query', () => {
      const service = serviceWith({ [URI]: readSeed(SEED_2018) });
      service.setWorkspaceFile('file:///ws/other.reso', citingText('a) Resolution 130 (Rev. Dubai, 2018) of this conference,'));
      const all = service.workspaceSymbols('');
      assert.deepEqual(all.map((s) => s.name), [
        'Resolution 130 (Rev. Dubai, 2018) — Strengthening the role of ITU in building confidence and security in the use of information and communication technologies',
        'Resolution 999 (Dubai, 2018) — A resolution for tests',
      ]);
      assert.deepEqual(service.workspaceSymbols('confidence 130').map((s) => s.location.uri), [URI]);
      assert.equal(all[1].containerName, 'Plenipotentiary Conference');
    });

    it('an open buffer wins over the file on disk, and closing it brings the file back', () => {
      const service = serviceWith({});
      service.setWorkspaceFile(URI, citingText('x'));
      service.setDocument(URI, citingText('x').replace('RESOLUTION 999', 'RESOLUTION 998'));
      assert.deepEqual(service.workspaceSymbols('').map((s) => s.name.split(' —')[0]), ['Resolution 998 (Dubai, 2018)']);
      service.removeDocument(URI);
      assert.deepEqual(service.workspaceSymbols('').map((s) => s.name.split(' —')[0]), ['Resolution 999 (Dubai, 2018)']);
    });
  });

  describe('definition', () => {
    it('goes to the nearest revision defined when the one cited is not', () => {
      const text = citingText('Resolution 130 (Rev. Guadalajara, 2010) of the Plenipotentiary Conference,', { date: '2012-01-01', place: 'Guadalajara', year: 2010 });
      const service = serviceWith({ [URI]: text });
      service.setWorkspaceFile('file:///ws/dt.reso', readSeed(SEED_DT));
      service.setWorkspaceFile('file:///ws/2018.reso', readSeed(SEED_2018));
      const [location] = service.definition(URI, positionAfter(text, 'Resolution 13'));
      // Guadalajara 2010 is known (the DT's struck title) but not defined: Busan 2014 is the nearest text.
      assert.equal(location?.uri, 'file:///ws/dt.reso');
      assert.equal(location?.range.start.line, readSeed(SEED_DT).split('\n').findIndex((l) => l.startsWith('# RESOLUTION 130')));
    });
  });

  describe('hover', () => {
    it('on a UNGA citation: body, subject and workspace count, no revision checks', () => {
      const text = readSeed(SEED_2018);
      const service = serviceWith({ [URI]: text });
      const hover = hoverText(service.hover(URI, positionAfter(text, 'b) UNGA Resolution 71/1')));
      assert.match(hover, /\*\*UNGA Resolution 71\/199\*\*/);
      assert.match(hover, /United Nations General Assembly \(UNGA\)/);
      assert.match(hover, /\*the right to privacy in the digital age\*/);
      assert.match(hover, /Cited 1 time in the workspace, in 1 file\./);
    });

    it('on a General Assembly number cited without naming the Assembly: says how the body was told', () => {
      const text = citingText('a) Resolution 70/125, on the outcome,');
      const service = serviceWith({ [URI]: text });
      const hover = hoverText(service.hover(URI, positionAfter(text, 'Resolution 70')));
      assert.match(hover, /\*\*UNGA Resolution 70\/125\*\*/);
      assert.match(hover, /United Nations General Assembly \(UNGA\) \(from the form of the number\)/);
    });

    it('on other references: a Question, a provision, an event', () => {
      const text = readSeed(SEED_2018);
      const service = serviceWith({ [URI]: text });
      assert.match(hoverText(service.hover(URI, positionAfter(text, 'No. 8'))), /\*\*No\. 81 of the Convention\*\*\n\nProvision number of Convention/);
      assert.match(hoverText(service.hover(URI, positionAfter(text, 'd) that WTDC-1'))), /\*\*WTDC-17\*\*\n\nWorld Telecommunication Development Conference \(WTDC\), Buenos Aires, 2017/);
      assert.match(hoverText(service.hover(URI, positionAfter(text, 'ITU-D Question 3/'))), /Study Question of ITU-D/);
    });

    it('on an unknown resolution says so', () => {
      const text = citingText('Resolution 777 (Rev. Dubai, 2018) of this conference,');
      const service = serviceWith({ [URI]: text });
      assert.match(hoverText(service.hover(URI, positionAfter(text, 'Resolution 77'))), /Not in the catalogue and not defined in the workspace\./);
    });
  });
});
