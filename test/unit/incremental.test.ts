import assert from 'node:assert/strict';
import { changingMarks } from '../../server/src/analysis/proposals';
import { resolutionLocal } from '../../server/src/analysis/resolutionMemo';
import { LanguageService } from '../../server/src/features/service';
import { parseDocument, type ParsedDocument } from '../../server/src/syntax';
import { generateDocument } from '../bench/generate';
import { randomEdit as edit } from './randomEdits';
import { random, readSeed, SEED_2018, SEED_DT } from './helpers';

// Re-analysis after an edit reuses the findings of unchanged resolutions: whatever the edits,
// the diagnostics must equal those of a full analysis of the same text.

const URI = 'file:///incremental.reso';
const RUNS = Number(process.env.RESO_INCREMENTAL_RUNS ?? 60);

function full(service: LanguageService, text: string): ReturnType<LanguageService['rawDiagnostics']> {
  const fresh = new LanguageService();
  fresh.settings = service.settings;
  fresh.setDocument(URI, text);
  return fresh.rawDiagnostics(URI);
}

describe('incremental re-analysis', () => {
  const seeds = [readSeed(SEED_2018), readSeed(SEED_DT)];
  const starts = [
    ...seeds,
    seeds.join('\n'),
    `${seeds[1]}\n${seeds[0]}\n${seeds[0]}`,
    generateDocument(40_000, 5).text,
    generateDocument(25_000, 9).text,
  ];

  it(`diagnostics after each of ${RUNS} random edit sequences equal a full analysis`, function () {
    this.timeout(120_000);
    const next = random(7);
    for (let run = 0; run < RUNS; run++) {
      const service = new LanguageService();
      let text = starts[run % starts.length];
      service.setDocument(URI, text, 1);
      service.rawDiagnostics(URI);
      const edits = 4 + Math.floor(next() * 8);
      for (let e = 0; e < edits; e++) {
        text = edit(next, text);
        service.setDocument(URI, text, e + 2);
        const incremental = service.rawDiagnostics(URI);
        assert.deepEqual(incremental, full(service, text), `run ${run}, edit ${e}: incremental diagnostics differ from a full analysis`);
      }
    }
  });

  it('gives the outline of a fresh reading after every edit (clause names kept by carried nodes)', function () {
    this.timeout(120_000);
    const next = random(23);
    for (let run = 0; run < Math.max(10, RUNS / 3); run++) {
      const service = new LanguageService();
      let text = starts[run % starts.length];
      service.setDocument(URI, text, 1);
      service.documentSymbols(URI);
      for (let e = 0; e < 6; e++) {
        text = edit(next, text);
        service.setDocument(URI, text, e + 2);
        const fresh = new LanguageService();
        fresh.setDocument(URI, text);
        assert.deepEqual(service.documentSymbols(URI), fresh.documentSymbols(URI), `run ${run}, edit ${e}: the outline differs from a fresh one`);
      }
    }
  });

  it('finds again when the settings change: a code turned off is gone, turned on is back', () => {
    const service = new LanguageService();
    const text = readSeed(SEED_2018).replace(/^b\) /m, 'c) ');
    service.setDocument(URI, text, 1);
    const codes = (): string[] => service.rawDiagnostics(URI).map((d) => d.code);
    assert.ok(codes().includes('label.sequence'));
    const base = service.settings;
    service.settings = { ...base, analysis: { severity: { ...base.analysis.severity, 'label.sequence': 'off' } } };
    service.setDocument(URI, text + ' ', 2);
    assert.ok(!codes().includes('label.sequence'), codes().join(', '));
    service.settings = base;
    service.setDocument(URI, text, 3);
    assert.ok(codes().includes('label.sequence'));
  });

  it('checks again only the resolution an edit changed', () => {
    const service = new LanguageService();
    const seen: number[] = [];
    service.checks.unshift(resolutionLocal((document: ParsedDocument) => {
      for (const resolution of document.root.resolutions) seen.push(resolution.start);
      return [];
    }));
    const text = [readSeed(SEED_2018), readSeed(SEED_2018), readSeed(SEED_2018)].join('\n');
    service.setDocument(URI, text, 1);
    service.rawDiagnostics(URI);
    const resolutions = service.document(URI)?.root.resolutions ?? [];
    assert.equal(resolutions.length, 3);
    assert.equal(seen.length, 3);
    seen.length = 0;
    const middle = resolutions[1].start + Math.floor((resolutions[1].end - resolutions[1].start) / 2);
    const edited = text.slice(0, middle) + 'x' + text.slice(middle);
    service.setDocument(URI, edited, 2);
    service.rawDiagnostics(URI);
    assert.deepEqual(seen, [service.document(URI)?.root.resolutions[1].start]);
  });

  it('finds the revision marks of a range by halving, as a scan of every mark does', () => {
    const next = random(11);
    let text = `${readSeed(SEED_DT)}\n${readSeed(SEED_2018)}`;
    for (let run = 0; run < 300; run++) {
      text = edit(next, text);
      const document = parseDocument(text);
      for (let probe = 0; probe < 10; probe++) {
        const start = Math.floor(next() * text.length);
        const end = start + Math.floor(next() * (next() < 0.5 ? 40 : 4000));
        const scanned = document.revisions.filter((m) => (m.kind === 'insertion' || m.kind === 'deletion' || m.kind === 'substitution') && m.start < end && m.end > start);
        assert.deepEqual(changingMarks(document, start, end), scanned, `run ${run}: marks of ${start}–${end}`);
      }
    }
  });
});
