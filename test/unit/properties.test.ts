import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { decideAll } from '../../server/src/analysis/changes';
import { applyEdits, type OffsetEdit } from '../../server/src/analysis/edits';
import { settledFixAllEdits } from '../../server/src/analysis/fixProviders';
import { toTextEdits } from '../../server/src/features/codeActions';
import { insertClauseAfter, renumberDocument } from '../../server/src/features/commands';
import { LanguageService } from '../../server/src/features/service';
import { parseDocument, type ParsedDocument } from '../../server/src/syntax';
import { reparseDocument } from '../../server/src/syntax/reparse';
import { leafText, pick, random, readSeed, SEED_2018, SEED_DT } from './helpers';
import { assertSameParse } from './sameParse';

// Properties of every text-editing path, over mutated seeds: byte flips, splices, markup
// tokens, line-break changes, lone surrogates and long lines. `npm test` runs 20,000 inputs;
// RESO_PROPERTY_RUNS=500000 npx mocha test/unit/properties.test.ts runs a long campaign
// (RESO_PROPERTY_SEED picks another start).

const RUNS = Number(process.env.RESO_PROPERTY_RUNS ?? 20_000);
const FIRST_SEED = Number(process.env.RESO_PROPERTY_SEED ?? 1);
const URI = 'file:///property.reso';

const TOKENS = [
  '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{==', '==}', '{>>', '<<}', '<!--', '-->', '[^1]', '[^1]: note', '*', '**',
  'a) ', 'b) ', 'aa) ', '1 ', '2 ', '1.1 ', 'i) ', '- ', '*recalling*', '*resolves*', '*considering*', '*resolves* 4,', '*considering c)*',
  'Resolution 45 (Rev. Dubai, 2014)', 'Resolution 130 (Rev. Busan, 2014) of the Plenipotentiary Conference', '(Rev. ', ', 2014)',
  '# RESOLUTION 1 (REV. DUBAI, 2018)', '## name', 'MOD', 'ADD', 'SUP', '---', ';', ',', '.', ':', ' and', '\n', '\n\n', '\r', '\r\n',
];
const LINE_BREAKS = ['\n', '\r\n', '\r'];

/** A window of a seed, so that many inputs stay fast, then a few mutations. */
function mutatedSeed(next: () => number, seeds: readonly string[]): string {
  const seed = pick(next, seeds);
  const length = 200 + Math.floor(next() * 2500);
  const start = Math.floor(next() * Math.max(1, seed.length - length));
  return mutated(next, seed.slice(start, start + length), seed, Math.floor(next() * 5));
}

/** `text` after `mutations` random mutations (pieces pasted come from `seed`). */
function mutated(next: () => number, text: string, seed: string, mutations: number): string {
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(next() * (text.length + 1));
    const kind = next();
    if (kind < 0.15) {
      // byte flip: one UTF-16 unit replaced by a random one (a lone surrogate now and then)
      const unit = next() < 0.1 ? 0xd800 + Math.floor(next() * 0x800) : Math.floor(next() * 128);
      text = text.slice(0, at) + String.fromCharCode(unit) + text.slice(at + 1);
    } else if (kind < 0.3) {
      // splice: a piece of the seed pasted elsewhere, with a cut
      const from = Math.floor(next() * seed.length);
      text = text.slice(0, at) + seed.slice(from, from + Math.floor(next() * 120)) + text.slice(at + Math.floor(next() * 40));
    } else if (kind < 0.75) {
      text = text.slice(0, at) + pick(next, TOKENS) + text.slice(at + (next() < 0.3 ? Math.floor(next() * 6) : 0));
    } else if (kind < 0.88) {
      // every line break of the text changed, or just one
      const to = pick(next, LINE_BREAKS);
      text = next() < 0.5 ? text.replace(/\r\n|\r|\n/g, to) : text.slice(0, at) + text.slice(at).replace(/\r\n|\r|\n/, to);
    } else if (kind < 0.9) {
      text = text.slice(0, at) + pick(next, ['*', 'x', '{==', 'word ']).repeat(500 + Math.floor(next() * 3000)) + text.slice(at);
    } else {
      text = text.slice(0, at) + text.slice(at + Math.floor(next() * 200));
    }
  }
  return text;
}

function describeInput(run: number, text: string): string {
  return `input ${run} (RESO_PROPERTY_SEED=${run} RESO_PROPERTY_RUNS=1): ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + '…' : text)}`;
}

function assertNoOverlap(edits: readonly OffsetEdit[], where: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const edit = sorted[i];
    assert.ok(edit.start >= previous.end, `${where}: overlapping edits ${JSON.stringify(previous)} and ${JSON.stringify(edit)}`);
    assert.ok(!(edit.start === edit.end && previous.start === previous.end && edit.start === previous.start), `${where}: two insertions at ${edit.start}`);
  }
}

/** The edits as an editor applies them (positions through TextDocument) equal the offset edits. */
function assertLspEqualsOffsets(document: ParsedDocument, edits: readonly OffsetEdit[], where: string): string {
  const byOffsets = applyEdits(document.text, edits);
  const lsp: TextEdit[] = toTextEdits(document, edits);
  const editor = TextDocument.create(URI, 'resolution', 0, document.text);
  assert.equal(TextDocument.applyEdits(editor, lsp), byOffsets, `${where}: LSP edits differ from the offset edits`);
  return byOffsets;
}

/** Edits in LSP shape, as an editor receives them: never overlapping, never the same range twice. */
function assertLspEditsApply(text: string, edits: readonly TextEdit[], where: string): void {
  const editor = TextDocument.create(URI, 'resolution', 0, text);
  const ranges = edits.map((e) => [editor.offsetAt(e.range.start), editor.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < ranges.length; i++) {
    assert.ok(ranges[i][0] >= ranges[i - 1][1], `${where}: overlapping edits ${JSON.stringify(ranges[i - 1])} and ${JSON.stringify(ranges[i])}`);
    assert.ok(!(ranges[i][0] === ranges[i][1] && ranges[i - 1][0] === ranges[i - 1][1] && ranges[i][0] === ranges[i - 1][0]), `${where}: two insertions at ${ranges[i][0]}`);
  }
}

function fixAllPass(service: LanguageService, text: string, trackChanges: 'auto' | 'always' | 'never'): { document: ParsedDocument; edits: OffsetEdit[] } {
  service.setDocument(URI, text);
  const document = service.document(URI) as ParsedDocument;
  return { document, edits: settledFixAllEdits(document, service.rawDiagnostics(URI), (parsed) => service.diagnosticsOf(parsed, URI), { trackChanges }) };
}

describe('properties over mutated seeds', function () {
  this.timeout(0);

  it(`hold on ${RUNS.toLocaleString('en')} inputs: no throw, lossless, accept/reject = views, LSP edits = offset edits, a partial re-read = a whole parse, fix-all converges in one pass and keeps the original view`, () => {
    const seeds = [readSeed(SEED_2018), readSeed(SEED_DT)];
    const several = [seeds[0], seeds[1], seeds[0], seeds[1]].join('\n');
    const service = new LanguageService();
    for (let run = FIRST_SEED; run < FIRST_SEED + RUNS; run++) {
      const next = random(run * 2654435761);
      const text = mutatedSeed(next, seeds);
      const where = describeInput(run, text);
      const document = parseDocument(text);
      assert.equal(leafText(document), text, `${where}: the tree is not lossless`);

      const broken = document.diagnostics.some((d) => d.code === 'syntax.revision');
      if (!broken) {
        for (const [decision, view] of [['accept', document.amended.text], ['reject', document.original.text]] as const) {
          const edits = decideAll(document, decision);
          assertNoOverlap(edits, `${where}, ${decision} all`);
          assert.equal(assertLspEqualsOffsets(document, edits, `${where}, ${decision} all`), view, `${where}: ${decision} all is not the ${decision === 'accept' ? 'amended' : 'original'} view`);
        }
      }

      if (run % 10 === 0) {
        // Re-read in part after the same kinds of mutation of a text of several resolutions: equal to a parse of the whole.
        const mutatedWhole = mutated(next, several, pick(next, seeds), 1 + Math.floor(next() * 3));
        assertSameParse(reparseDocument(parseDocument(several), mutatedWhole), parseDocument(mutatedWhole), `${describeInput(run, mutatedWhole)}, re-read in part`);
      }

      if (run % 10 === 0) {
        // Renumbering, clause insertion and the quick fixes at a random place, as the editor gets them.
        service.setDocument(URI, text);
        const renumbered = renumberDocument(service, URI);
        assertLspEditsApply(text, renumbered?.changes?.[URI] ?? [], `${where}, renumber`);
        const position = document.lines.positionAt(Math.floor(next() * (text.length + 1)));
        const inserted = insertClauseAfter(service, URI, position);
        assertLspEditsApply(text, inserted?.edit.changes?.[URI] ?? [], `${where}, insert clause`);
        for (const action of service.codeActions(URI, position, position, ['quickfix'])) assertLspEditsApply(text, action.edit?.changes?.[URI] ?? [], `${where}, «${action.title}»`);
      }

      const trackChanges = pick(next, ['auto', 'always', 'never'] as const);
      const first = fixAllPass(service, text, trackChanges);
      if (first.edits.length === 0) continue;
      assertNoOverlap(first.edits, `${where}, fix-all`);
      const fixed = assertLspEqualsOffsets(first.document, first.edits, `${where}, fix-all`);
      const second = fixAllPass(service, fixed, trackChanges);
      assert.deepEqual(second.edits, [], `${where}: fix-all (${trackChanges}) is not at a fixed point after one pass: ${JSON.stringify(fixed)}`);
      if (trackChanges === 'always') {
        assert.equal(second.document.original.text, document.original.text, `${where}: a tracked fix changed the original view`);
      }
    }
  });
});
