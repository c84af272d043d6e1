// Everyday editing: skeletons in an empty file, a typed label replacing the one Enter put, the
// renumbering that comes with Enter, label squiggles that can be seen, citations as links, and a
// short hover for a much-cited resolution.

import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { readSettings } from '../../server/src/analysis/settings';
import { labelOnEnter, typedLabel } from '../../server/src/features/commands';
import { LanguageService } from '../../server/src/features/service';
import { readSeed, SEED_2018 } from './helpers';

const URI = 'file:///ws/editing.reso';

function resolution(body: string): string {
  return `# RESOLUTION 1 (DUBAI, 2018)\n\n## Test\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),\n\n${body}`;
}

function serviceWith(text: string): LanguageService {
  const service = new LanguageService();
  service.setDocument(URI, text, 1);
  return service;
}

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'resolution', 0, text), [...edits]);
}

describe('skeletons in an empty file', () => {
  it('come first, as snippets, for an empty or blank file', () => {
    for (const text of ['', '\n  \n']) {
      const items = serviceWith(text).completion(URI, { line: 0, character: 0 });
      assert.deepEqual(items.slice(0, 7).map((i) => i.label), ['PP resolution', 'WTDC resolution', 'WTSA resolution', 'DT (temporary document)', 'MOD proposal', 'ADD proposal', 'SUP proposal']);
      assert.ok(items.every((i, n) => n >= 7 || (i.sortText ?? '') < 'a'));
      assert.match(items[0].textEdit?.newText ?? '', /^# RESOLUTION \$\{1:130\}/);
      assert.equal(items[0].insertTextFormat, 2);
    }
  });

  it('are not offered once the file has text', () => {
    const items = serviceWith('# RESOLUTION 1 (DUBAI, 2018)\n\n').completion(URI, { line: 2, character: 0 });
    assert.ok(!items.some((i) => i.label === 'PP resolution'));
  });
});

describe('labels typed and inserted', () => {
  it('drops the label Enter put when the drafter types one over it', () => {
    const text = resolution('*recalling*\n\na) one;\nb) c) \n');
    const service = serviceWith(text);
    const edits = typedLabel(service, URI, { line: 9, character: 6 });
    assert.equal(apply(text, edits), resolution('*recalling*\n\na) one;\nc) \n'));
  });

  it('leaves text alone that is not a label Enter would put', () => {
    // `c)` is not what Enter gives after `a)`: the drafter wrote both.
    for (const line of ['c) d) ', 'b) text ', 'b) c) more']) {
      const text = resolution(`*recalling*\n\na) one;\n${line}\n`);
      assert.deepEqual(typedLabel(serviceWith(text), URI, { line: 9, character: line.length }), [], line);
    }
  });

  it('renumbers what follows with the label Enter puts, in one edit', () => {
    const text = resolution('*recalling*\n\na) one;\n\nb) two;\nc) three,\n\n*resolves*\n\n1 see *recalling* c).\n');
    const service = serviceWith(text);
    const edits = labelOnEnter(service, URI, { line: 9, character: 0 });
    assert.equal(apply(text, edits), resolution('*recalling*\n\na) one;\nb) \nc) two;\nd) three,\n\n*resolves*\n\n1 see *recalling* d).\n'));
  });

  it('writes only the new label when renumber.onInsert is off', () => {
    const text = resolution('*recalling*\n\na) one;\n\nb) two;\n');
    const service = serviceWith(text);
    service.settings = readSettings({ renumber: { onInsert: false } }).settings;
    assert.deepEqual(labelOnEnter(service, URI, { line: 9, character: 0 }).map((e) => e.newText), ['b) ']);
    assert.deepEqual(readSettings({ renumber: { onInsert: 'yes' } }).problems, ['renumber.onInsert must be true or false']);
  });
});

describe('label diagnostics in the editor', () => {
  it('cover the label and the first word of its clause', () => {
    const text = resolution('*recalling*\n\na) one;\nc) two words;\n');
    const diagnostic = serviceWith(text).diagnostics(URI).find((d) => d.code === 'label.sequence');
    assert.ok(diagnostic);
    assert.deepEqual(diagnostic.range, { start: { line: 9, character: 0 }, end: { line: 9, character: 6 } });
  });
});

describe('citations as links', () => {
  const citing = resolution('*recalling*\n\na) Resolution 130 (Rev. Dubai, 2018) of the Plenipotentiary Conference;\nb) Resolutions 50 and 52 (Rev. Hammamet, 2016) of WTSA,\n\n*resolves*\n\nto go.\n');

  it('underline the whole citation and open the text it cites', () => {
    const service = serviceWith(citing);
    service.setWorkspaceFile('file:///ws/res130.reso', readSeed(SEED_2018));
    const links = service.documentLinks(URI);
    const line8 = citing.split('\n')[8];
    const first = links.find((l) => l.range.start.line === 8);
    assert.ok(first, JSON.stringify(links));
    assert.equal(line8.slice(first.range.start.character, first.range.end.character), 'Resolution 130 (Rev. Dubai, 2018) of the Plenipotentiary Conference');
    assert.equal(first.target, 'file:///ws/res130.reso#L1');
  });

  it('never overlap', () => {
    const links = serviceWith(citing).documentLinks(URI);
    const sorted = [...links].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1].range.end;
      const start = sorted[i].range.start;
      assert.ok(before.line < start.line || before.character <= start.character);
    }
  });
});

describe('hover of a much-cited resolution', () => {
  it('lists each defining file once, and only a few', () => {
    const service = serviceWith(resolution('*recalling*\n\na) Resolution 130 (Rev. Dubai, 2018) of the Plenipotentiary Conference,\n\n*resolves*\n\nto go.\n'));
    const seed = readSeed(SEED_2018);
    for (let i = 0; i < 9; i++) service.setWorkspaceFile(`file:///ws/copy${i}.reso`, seed);
    const value = (service.hover(URI, { line: 8, character: 6 })?.contents as MarkupContent).value;
    const defined = value.split('\n').find((line) => line.startsWith('Text defined in:')) ?? '';
    assert.equal(defined.match(/\]\(file:/g)?.length, 4, defined);
    assert.match(defined, /and 5 more files$/);
  });
});
