import { strict as assert } from 'node:assert';
import { newProposal, preparePlaceholderRename, proposalCandidates, renamePlaceholder } from '../../server/src/features/drafting';
import { LanguageService } from '../../server/src/features/service';
import { shippedCatalogue } from './citationFixtures';
import { readSeed, SEED_2018 } from './helpers';

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
    const edit = renamePlaceholder(s, uri, { line: 6, character: 22 }, '204');
    const edits = edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[2, 23, '204'], [6, 20, '204']]);
  });
});
