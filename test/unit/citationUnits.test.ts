import assert from 'node:assert/strict';
import { documentCitations, type Citation } from '../../server/src/analysis/citations';
import type { LoadedCatalogue } from '../../server/src/analysis/catalogue';
import { LanguageService } from '../../server/src/features/service';
import { generateDocument } from '../bench/generate';
import { shippedCatalogue } from './citationFixtures';
import { randomEdit as edit } from './randomEdits';
import { random, readSeed, SEED_2018, SEED_DT } from './helpers';

// Citations are read and checked resolution by resolution, and a resolution whose text did not
// change keeps what was found in it: whatever the edits, the citations, their diagnostics, their
// quick fixes and the workspace index must equal those of a fresh reading of the same text.

const URI = 'file:///citing.reso';
const RUNS = Number(process.env.RESO_INCREMENTAL_RUNS ?? 40);

/** A citation as plain data: every range, the revision's parts (mapped when first asked) included. */
function plain(citation: Citation): unknown {
  const revision = citation.revision;
  return {
    ...citation,
    revision: revision && {
      rev: revision.rev,
      place: revision.place,
      year: revision.year,
      event: revision.event,
      range: revision.range,
      outerRange: revision.outerRange,
      yearRange: revision.yearRange,
      revRange: revision.revRange,
      placeRange: revision.placeRange,
    },
  };
}

function serviceOf(catalogue: LoadedCatalogue, text: string, version = 1): LanguageService {
  const service = new LanguageService();
  service.setCatalogues([catalogue]);
  service.setDocument(URI, text, version);
  return service;
}

/** Everything the citations give the editor, for one text. */
function reading(service: LanguageService): { citations: unknown[]; diagnostics: unknown; fixes: unknown[]; sites: unknown[] } {
  const diagnostics = service.rawDiagnostics(URI);
  const document = service.document(URI);
  assert.ok(document);
  const found = documentCitations(document, service.knowledge.conferences);
  const citations = found.citations.map(plain);
  const keys = new Set(found.citations.filter((c) => c.body).map((c) => `${c.body} ${c.kind === 'resolution' ? '' : `${c.kind} `}${c.number}`));
  const sites = [...keys].sort().map((key) => [key, service.knowledge.citationsOf(key)]);
  const lines = document.lines;
  const fixes = diagnostics
    .filter((d) => d.code.startsWith('citation.'))
    .slice(0, 8)
    .map((d) => service.codeActions(URI, lines.positionAt(d.start), lines.positionAt(d.end)).map((action) => [action.title, action.edit]));
  return { citations, diagnostics, fixes, sites };
}

describe('citations read resolution by resolution', () => {
  const catalogue = shippedCatalogue();
  const seeds = [readSeed(SEED_2018), readSeed(SEED_DT)];
  const starts = [
    seeds.join('\n'),
    `${seeds[1]}\n${seeds[0]}\n${seeds[0]}`,
    generateDocument(30_000, 5).text,
    generateDocument(20_000, 9).text,
  ];

  it(`after each of ${RUNS} random edit sequences, with the shipped catalogue, equal a fresh reading`, function () {
    this.timeout(Math.max(180_000, RUNS * 1_000));
    const next = random(17);
    for (let run = 0; run < RUNS; run++) {
      let text = starts[run % starts.length];
      const service = serviceOf(catalogue, text);
      service.rawDiagnostics(URI);
      const edits = 3 + Math.floor(next() * 6);
      for (let e = 0; e < edits; e++) {
        text = edit(next, text);
        service.setDocument(URI, text, e + 2);
        assert.deepEqual(reading(service), reading(serviceOf(catalogue, text)), `run ${run}, edit ${e}: the kept reading differs from a fresh one`);
      }
    }
  });

  it('reads and checks again only the resolution an edit changed; the others keep theirs, moved with the text', () => {
    const text = [readSeed(SEED_2018), readSeed(SEED_2018), readSeed(SEED_2018)].join('\n');
    const service = serviceOf(catalogue, text);
    service.rawDiagnostics(URI);
    const before = documentCitations(service.document(URI)!, service.knowledge.conferences);
    assert.equal(before.units.length, 3);
    const identities = before.units.map((unit) => unit.identity);
    const resolutions = service.document(URI)!.root.resolutions;
    const middle = resolutions[1].start + Math.floor((resolutions[1].end - resolutions[1].start) / 2);
    service.setDocument(URI, text.slice(0, middle) + 'x' + text.slice(middle), 2);
    service.rawDiagnostics(URI);
    const after = documentCitations(service.document(URI)!, service.knowledge.conferences);
    assert.deepEqual(after.units.map((unit, i) => unit.identity === identities[i]), [true, false, true]);
    // The last unit's citations stand one character further on.
    assert.equal(after.units[2].citations[0].range.start, before.units[2].citations[0].range.start + 1);
  });
});
