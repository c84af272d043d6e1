import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { decideChanges, documentInfo, viewText } from '../../server/src/features/changes';
import { LanguageService } from '../../server/src/features/service';
import { parseDocument } from '../../server/src/syntax';
import { readSeed, SEED_2018, SEED_DT } from './helpers';

const URI = 'file:///changes.reso';

function serviceWith(text: string): LanguageService {
  const service = new LanguageService();
  service.setDocument(URI, text);
  return service;
}

function apply(text: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit, 'no edit');
  return TextDocument.applyEdits(TextDocument.create(URI, 'resolution', 0, text), edit.changes?.[URI] ?? []);
}

describe('revision marks: accept, reject, navigate, view', () => {
  it('accepting all changes of the DT gives its amended view, rejecting all its original view', () => {
    const text = readSeed(SEED_DT);
    const service = serviceWith(text);
    const accepted = apply(text, decideChanges(service, URI, 'accept'));
    const rejected = apply(text, decideChanges(service, URI, 'reject'));
    assert.equal(accepted, parseDocument(text).amended.text);
    assert.equal(rejected, parseDocument(text).original.text);
    assert.doesNotMatch(accepted, /\{\+\+|\{--|\+\+\}|--\}/);
    assert.match(accepted, /^# RESOLUTION 130 \(REV\. BUSAN, 2014\)$/m);
    assert.match(rejected, /^# RESOLUTION 130 \(REV\. GUADALAJARA, 2010\)$/m);
  });

  it('accepts or rejects only the mark at the cursor, with the line it empties', () => {
    const text = 'a) one {--old--}{++new++} word;\n{--b) a deleted clause;--}\nc) three {~~was~>is~~}.\n';
    const service = serviceWith(text);
    const at = (needle: string) => parseDocument(text).lines.positionAt(text.indexOf(needle));
    assert.equal(apply(text, decideChanges(service, URI, 'accept', at('new'))), text.replace('{++new++}', 'new'));
    assert.equal(apply(text, decideChanges(service, URI, 'reject', at('new'))), text.replace('{++new++}', ''));
    assert.equal(apply(text, decideChanges(service, URI, 'accept', at('a deleted'))), text.replace('{--b) a deleted clause;--}\n', ''));
    assert.equal(apply(text, decideChanges(service, URI, 'reject', at('a deleted'))), text.replace('{--b) a deleted clause;--}', 'b) a deleted clause;'));
    assert.equal(apply(text, decideChanges(service, URI, 'accept', at('was'))), text.replace('{~~was~>is~~}', 'is'));
    assert.equal(decideChanges(service, URI, 'accept', at('three')), undefined);
  });

  it('lists the marks, names the resolution at the cursor and gives both views', () => {
    const text = readSeed(SEED_DT);
    const service = serviceWith(text);
    const info = documentInfo(service, URI, parseDocument(text).lines.positionAt(text.indexOf('*recalling*')));
    assert.equal(info?.marks.length, parseDocument(text).revisions.length);
    assert.ok((info?.marks.length ?? 0) > 100);
    assert.equal(info?.resolution, 'Resolution 130 (Rev. Busan, 2014)');
    // In the front matter, before any resolution: the one that follows.
    assert.equal(documentInfo(service, URI, { line: 1, character: 0 })?.resolution, 'Resolution 130 (Rev. Busan, 2014)');
    assert.equal(viewText(service, URI, 'original'), parseDocument(text).original.text);
    const plain = serviceWith(readSeed(SEED_2018));
    assert.deepEqual(documentInfo(plain, URI)?.marks, []);
    assert.equal(decideChanges(plain, URI, 'accept'), undefined);
  });
});
