import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixAllText } from '../../server/src/analysis/fixProviders';
import { decideChanges, documentInfo } from '../../server/src/features/changes';
import { insertClauseAfter, labelOnEnter, renumberDocument } from '../../server/src/features/commands';
import { LanguageService } from '../../server/src/features/service';
import { loadCatalogues } from '../../server/src/host/catalogueFiles';
import { parseDocument } from '../../server/src/syntax';
import { pick, random, readSeed, ROOT, SEED_2018, SEED_DT } from './helpers';

// Every entry point of the service, at random places of damaged and random texts: nothing
// may throw, and every edit it offers must apply cleanly.

const URI = 'file:///robust.reso';
const FRAGMENTS = [
  'a) ', 'b) ', '1 ', '2 ', '  i) ', '*recalling*\n', '*resolves*\n', '# RESOLUTION 1 (REV. DUBAI, 2018)\n', '## name\n',
  'The Conference (Dubai, 2018),\n', 'Resolution 45 (Rev. Dubai, 2014) of WTDC', 'Resolutions 50 and 52 (Rev. Hammamet, 2016)',
  'Res 140', 'UNGA Resolution 68/198', '*resolves* 5', '*considering c)*', '{++', '++}', '{--', '--}', '{~~a~>b~~}', '<!--', '-->',
  '[^1]', '[^1]: note\n', 'MOD X/1/1\n', '---\n', 'date: 2014-11-02\n', ';', ',', '.', ':', '\n', '\n\n', 'word ', '(Rev. ', ', 2014)',
];

function damage(text: string, next: () => number): string {
  let out = text;
  for (let i = 0; i < 1 + Math.floor(next() * 6); i++) {
    const at = Math.floor(next() * out.length);
    const cut = Math.floor(next() * 40);
    out = out.slice(0, at) + (next() < 0.6 ? pick(next, FRAGMENTS) : '') + out.slice(at + cut);
  }
  return out;
}

function randomText(next: () => number): string {
  let out = '';
  for (let i = 0; i < 20 + Math.floor(next() * 80); i++) out += pick(next, FRAGMENTS);
  return out;
}

function exercise(service: LanguageService, text: string, next: () => number, where: string): void {
  service.setDocument(URI, text);
  const document = service.document(URI);
  assert.ok(document);
  service.diagnostics(URI);
  service.documentSymbols(URI);
  service.foldingRanges(URI);
  service.workspaceSymbols('1');
  const positions = Array.from({ length: 6 }, () => document.lines.positionAt(Math.floor(next() * (text.length + 1))));
  service.selectionRanges(URI, positions);
  for (const position of positions) {
    service.hover(URI, position);
    service.definition(URI, position);
    service.references(URI, position, true);
    service.completion(URI, position);
    labelOnEnter(service, URI, position);
    documentInfo(service, URI, position);
    for (const action of service.codeActions(URI, position, positions[0].line > position.line ? positions[0] : position)) {
      const edits = action.edit?.changes?.[URI] ?? [];
      const offsets = edits.map((e) => [document.lines.offsetAt(e.range.start), document.lines.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i][0] >= offsets[i - 1][1], `${where}: «${action.title}» has overlapping edits`);
    }
    insertClauseAfter(service, URI, position);
    decideChanges(service, URI, 'accept', position);
  }
  renumberDocument(service, URI);
  decideChanges(service, URI, 'reject');
}

describe('robustness of the whole service', function () {
  this.timeout(60_000);

  const service = new LanguageService();
  const { catalogues } = loadCatalogues(join(ROOT, 'seeds', 'catalogue.json'), [], undefined);
  service.setCatalogues(catalogues);
  service.setWorkspaceFile('file:///seed-2018.reso', readSeed(SEED_2018));

  it('answers every request on damaged seeds without throwing', () => {
    for (let run = 1; run <= 60; run++) {
      const next = random(run * 7331);
      const text = damage(readSeed(run % 2 === 0 ? SEED_2018 : SEED_DT), next);
      exercise(service, text, next, `damaged seed, run ${run}`);
    }
  });

  it('answers every request on random markup without throwing', () => {
    for (let run = 1; run <= 150; run++) {
      const next = random(run * 15485863);
      exercise(service, randomText(next), next, `random text, run ${run}`);
    }
  });

  it('fix-all terminates on random markup and never loses a word', () => {
    // Citation fixes may rewrite a revision, `(Rev. Dubai, 2012)` → `(Rev. Hammamet, 2016)`; every other word stays.
    const words = (text: string) =>
      (parseDocument(text).amended.text.replace(/\((?:Rev\.\s*)?[^()]*\d{4}\)/g, ' ').match(/[A-Za-z]{4,}/g) ?? []).join(' ');
    for (let run = 1; run <= 100; run++) {
      const next = random(run * 104723);
      const text = run % 3 === 0 ? damage(readSeed(SEED_2018), next) : randomText(next);
      const fixed = fixAllText(text, (d) => {
        service.setDocument(URI, d.text);
        return service.rawDiagnostics(URI);
      }, { trackChanges: 'auto' });
      assert.equal(words(fixed), words(text), `run ${run}: the words of the amended text changed`);
    }
  });
});
