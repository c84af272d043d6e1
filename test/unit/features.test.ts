import assert from 'node:assert/strict';
import type { DocumentSymbol, SelectionRange } from 'vscode-languageserver-types';
import { foldingRanges } from '../../server/src/features/folding';
import { selectionRanges } from '../../server/src/features/selection';
import { documentSymbols } from '../../server/src/features/symbols';
import { parseDocument } from '../../server/src/syntax';
import { readSeed, SEED_2018, SEED_DT } from './helpers';

const SAMPLE = `# RESOLUTION 1 (DUBAI, 2018)

## On samples

The Plenipotentiary Conference of the International Telecommunication Union (Dubai, 2018),

*recalling*

a) Resolution 45 (Rev. Dubai, 2014) of the World Telecommunication
Development Conference (WTDC);
b) the second clause,

*resolves*

1 to continue:
  i) one;
  ii) two.
`;

function names(symbols: readonly DocumentSymbol[] | undefined): string[] {
  return (symbols ?? []).map((s) => s.name);
}

describe('features', () => {
  describe('document symbols', () => {
    it('nests resolution > section > clause > sub-item with labels and first words', () => {
      const [resolution] = documentSymbols(parseDocument(SAMPLE));
      assert.equal(resolution.name, 'RESOLUTION 1 (DUBAI, 2018)');
      assert.equal(resolution.detail, 'On samples');
      assert.deepEqual(names(resolution.children), ['recalling', 'resolves']);
      const recalling = resolution.children?.[0];
      assert.deepEqual(names(recalling?.children), ['a) Resolution 45 (Rev. Dubai, 2014) of the World …', 'b) the second clause,']);
      assert.deepEqual(recalling?.children?.[0].range, { start: { line: 8, character: 0 }, end: { line: 9, character: 30 } });
      assert.deepEqual(recalling?.children?.[0].selectionRange, { start: { line: 8, character: 0 }, end: { line: 8, character: 2 } });
      const resolves = resolution.children?.[1];
      assert.deepEqual(names(resolves?.children?.[0].children), ['i) one;', 'ii) two.']);
    });

    it('names DT clauses from the amended view, with ranges covering their revision marks', () => {
      const text = readSeed(SEED_DT);
      const [resolution] = documentSymbols(parseDocument(text));
      const recalling = resolution.children?.[0];
      assert.equal(recalling?.children?.length, 11);
      const last = recalling?.children?.[10];
      assert.match(last?.name ?? '', /^k\) that ITU Council Resolution 1305/);
      const line = text.split('\n')[last?.range.start.line ?? 0];
      assert.match(line, /^\{--e--\}\{\+\+k\+\+\}\)/);
    });

    it('outlines every section of the 2018 seed', () => {
      const [resolution] = documentSymbols(parseDocument(readSeed(SEED_2018)));
      assert.equal(resolution.children?.length, 15);
      assert.equal(resolution.children?.[0].children?.length, 17);
    });
  });

  describe('folding ranges', () => {
    it('folds the resolution, its sections and multi-line clauses', () => {
      const ranges = foldingRanges(parseDocument(SAMPLE)).map((r) => [r.startLine, r.endLine]);
      assert.deepEqual(ranges, [[0, 16], [6, 10], [8, 9], [12, 16], [14, 16]]);
    });
  });

  describe('selection ranges', () => {
    it('grows from the word to the clause, the section, the resolution and the document', () => {
      const document = parseDocument(SAMPLE);
      const [selection] = selectionRanges(document, [{ line: 9, character: 3 }]);
      const chain: string[] = [];
      for (let range: SelectionRange | undefined = selection; range; range = range.parent) {
        chain.push(SAMPLE.slice(document.lines.offsetAt(range.range.start), document.lines.offsetAt(range.range.end)));
      }
      assert.equal(chain[0], 'Development');
      assert.match(chain[1], /^a\) Resolution 45 .*\(WTDC\);$/s);
      assert.match(chain[2], /^\*recalling\*.*clause,$/s);
      assert.match(chain[3], /^# RESOLUTION 1.*two\.$/s);
      assert.equal(chain[chain.length - 1], SAMPLE);
    });
  });
});
