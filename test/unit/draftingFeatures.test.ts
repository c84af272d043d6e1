import { strict as assert } from 'node:assert';
import { newProposal, preparePlaceholderRename, proposalCandidates, renamePlaceholder, type PlaceholderRename } from '../../server/src/features/drafting';
import { LanguageService } from '../../server/src/features/service';
import { shippedCatalogue } from './citationFixtures';
import { readSeed, SEED_2018 } from './helpers';

/** A rename's edits by file, as [line, character, new text]. */
function changesOf(result: PlaceholderRename | undefined): Record<string, Array<[number, number, string]>> {
  assert.ok(result && 'edit' in result, JSON.stringify(result));
  const out: Record<string, Array<[number, number, string]>> = {};
  for (const [uri, edits] of Object.entries(result.edit.changes ?? {})) out[uri] = edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]);
  return out;
}

describe('drafting requests', () => {
  function service(): LanguageService {
    const s = new LanguageService();
    s.setCatalogues([shippedCatalogue()]);
    s.setDocument('file:///ws/res130-dubai-2018.reso', readSeed(SEED_2018));
    return s;
  }

  it('lists the resolutions with the revision in force and the conferences that may revise them', () => {
    const pp130 = proposalCandidates(service()).find((c) => c.body === 'PP' && c.number === '130');
    assert.ok(pp130);
    assert.equal(pp130.inForce, '(Rev. Dubai, 2018)');
    assert.equal(pp130.hasText, true);
    assert.match(pp130.about ?? '', /^Strengthening the role of ITU/);
    assert.deepEqual(pp130.revisers.map((c) => c.id), ['PP-22']);
  });

  it('makes a MOD of Resolution 130 from the workspace file, revised by PP-22', () => {
    const result = newProposal(service(), { action: 'MOD', body: 'PP', number: '130', conference: 'PP-22', date: '2026-12-02' });
    assert.ok('text' in result, JSON.stringify(result));
    assert.match(result.text, /# RESOLUTION 130 \(REV\. \{--DUBAI, 2018--\}\{\+\+BUCHAREST, 2022\+\+\}\)/);
    assert.match(result.text, /\n1 to continue to give this work high priority within ITU/);
  });

  it('says why when the text in force is not available, and names an unknown conference', () => {
    const bare = new LanguageService();
    bare.setCatalogues([shippedCatalogue()]);
    const known = proposalCandidates(bare).find((c) => !c.hasText);
    assert.ok(known);
    const result = newProposal(bare, { action: 'MOD', body: known.body, number: known.number, conference: 'PP-22', date: '2026-12-02' });
    assert.ok('error' in result && /not available/.test(result.error), JSON.stringify(result));
    const sup = newProposal(bare, { action: 'SUP', body: known.body, number: known.number, conference: 'PP-22', date: '2026-12-02' });
    assert.ok('text' in sup && sup.text.includes(`# RESOLUTION ${known.number} `));
    const wrong = newProposal(bare, { action: 'ADD', conference: 'PP-99', date: '2026-12-02' });
    assert.ok('error' in wrong && /Unknown conference PP-99/.test(wrong.error));
  });

  it('renames a placeholder number with every mention of it', () => {
    const s = new LanguageService();
    const uri = 'file:///ws/new.reso';
    s.setDocument(uri, 'ADD XXX/1/1\n\n# DRAFT NEW RESOLUTION [XXX-1]\n\n*resolves*\n\nto apply Resolution [XXX-1] and [XXX-2].\n');
    const prepared = preparePlaceholderRename(s, uri, { line: 2, character: 25 });
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 23 }, end: { line: 2, character: 30 } }, placeholder: '[XXX-1]' });
    assert.equal(preparePlaceholderRename(s, uri, { line: 4, character: 3 }), undefined);
    const edits = changesOf(renamePlaceholder(s, uri, { line: 6, character: 22 }, '204'));
    assert.deepEqual(edits, { [uri]: [[2, 23, '204'], [6, 20, '204']] });
  });

  describe('renaming a placeholder across the workspace', () => {
    const DRAFT = 'file:///ws/draft.reso';
    const CITING = 'file:///ws/citing.reso';
    const UNSAVED = 'untitled:Untitled-1';
    const OTHER_DRAFT = 'file:///ws/other%20draft.reso';
    const DRAFT_TEXT = 'ADD XXX/1/1\n\n# DRAFT NEW RESOLUTION [XXX-1]\n\n*resolves*\n\n1 to apply Resolution [XXX-1] and [XXX-12].\n';
    const CITING_TEXT = '# RESOLUTION 71 (REV. DUBAI, 2018)\n\n*noting*\n\na) draft new Resolution [XXX-1] (Bucharest, 2022) of this conference;\nb) Resolutions 130 and [XXX-1];\n';

    function workspace(): LanguageService {
      const s = new LanguageService();
      s.setDocument(DRAFT, DRAFT_TEXT);
      s.setWorkspaceFile(CITING, CITING_TEXT);
      s.setWorkspaceFile('file:///ws/unrelated.reso', '# RESOLUTION 2 (REV. DUBAI, 2018)\n\n*resolves*\n\n1 to apply Resolution [XXX-2].\n');
      s.setDocument(UNSAVED, '*recalling*\n\nResolution [XXX-1] (Bucharest, 2022)\n');
      return s;
    }

    it('renames the title and every mention in open documents and workspace files, in one edit', () => {
      const edits = changesOf(renamePlaceholder(workspace(), DRAFT, { line: 2, character: 25 }, ' 204 '));
      assert.deepEqual(edits, {
        [DRAFT]: [[2, 23, '204'], [6, 22, '204']],
        [CITING]: [[4, 24, '204'], [5, 23, '204']],
        [UNSAVED]: [[2, 11, '204']],
      });
    });

    it('from a mention in another file, the draft and every mention follow', () => {
      const s = workspace();
      s.setDocument(CITING, CITING_TEXT); // F2 in the citing file, now open
      const edits = changesOf(renamePlaceholder(s, CITING, { line: 5, character: 25 }, '[EUR-3]'));
      assert.deepEqual(Object.keys(edits).sort(), [CITING, DRAFT, UNSAVED].sort());
      assert.deepEqual(edits[DRAFT], [[2, 23, '[EUR-3]'], [6, 22, '[EUR-3]']]);
    });

    it('another draft under the same placeholder keeps it, and mentions elsewhere are not guessed', () => {
      const s = workspace();
      s.setWorkspaceFile(OTHER_DRAFT, '# DRAFT NEW RESOLUTION [XXX-1]\n\n*resolves*\n\n1 that Resolution [XXX-1] applies;\n');
      // From a draft's own title: that file only, since the other files could mean either draft.
      assert.deepEqual(changesOf(renamePlaceholder(s, DRAFT, { line: 2, character: 25 }, '204')), { [DRAFT]: [[2, 23, '204'], [6, 22, '204']] });
      // From a mention that could mean either: refused, naming both drafts.
      s.setDocument(CITING, CITING_TEXT);
      const refused = renamePlaceholder(s, CITING, { line: 5, character: 25 }, '204');
      assert.deepEqual(refused, { error: '[XXX-1] is the placeholder of drafts in draft.reso and other draft.reso: rename it from the title of the draft meant.' });
    });

    it('refuses a new name that is not a resolution number or a placeholder, or that is taken', () => {
      const s = workspace();
      for (const bad of ['', '20a', '0', '012', 'XXX-2', '[xxx-2]', 'Resolution 204', '204 (Bucharest, 2022)']) {
        const result = renamePlaceholder(s, DRAFT, { line: 2, character: 25 }, bad);
        assert.ok(result && 'error' in result, bad);
        assert.equal(result.error, `"${bad}" is not a resolution number or a placeholder: give the final number (such as 204) or another placeholder in brackets (such as [XXX-2]).`);
      }
      assert.deepEqual(renamePlaceholder(s, DRAFT, { line: 2, character: 25 }, '[XXX-12]'), { error: '[XXX-12] is already used in draft.reso: choose a placeholder that file does not use.' });
      assert.deepEqual(renamePlaceholder(s, DRAFT, { line: 2, character: 25 }, '71'), { error: 'Resolution 71 is already a title in citing.reso: give the number the draft will have, one no other text in that file holds.' });
      assert.deepEqual(renamePlaceholder(s, DRAFT, { line: 2, character: 25 }, '[XXX-1]'), { edit: { changes: {} } });
      assert.equal(renamePlaceholder(s, DRAFT, { line: 4, character: 2 }, '204'), undefined);
    });
  });
});
