import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/pipeline';
import { PROPOSAL_CHECKS } from '../../server/src/analysis/proposals';
import { viewsOf } from '../../server/src/drafting/marks';
import { nextDraftNumber, nextProposalIdentifier, proposalSkeleton } from '../../server/src/drafting/skeleton';
import { parseDocument } from '../../server/src/syntax';
import { readSeed, SEED_2018 } from './helpers';

const BUCHAREST = { body: 'PP' as const, place: 'Bucharest', year: 2022 };

function proposalCodes(text: string): string[] {
  const document = parseDocument(text);
  return PROPOSAL_CHECKS.flatMap((check) => check(document, { settings: DEFAULT_SETTINGS })).map((d) => `${d.code}: ${d.message}`);
}

describe('proposal skeletons', () => {
  const inForce = readSeed(SEED_2018);

  it('starts a MOD from the text in force with the title and authority line marked', () => {
    const { text, cursor } = proposalSkeleton({ action: 'MOD', conference: BUCHAREST, inForce: { text: inForce }, date: '2026-12-02' });
    assert.match(text, /^---\ndocument: DT\/XX-E\ndate: 2026-12-02\n/);
    assert.match(text, /\nMOD XXX\/YY\/1\n\n# RESOLUTION 130 \(REV\. \{--DUBAI, 2018--\}\{\+\+BUCHAREST, 2022\+\+\}\)\n/);
    assert.match(text, /Union \(\{--Dubai, 2018--\}\{\+\+Bucharest, 2022\+\+\}\),/);
    assert.ok(text.endsWith('Reasons: \n'));
    assert.equal(text.slice(cursor), '\n');
    // The amended view is the text in force with the new revision; the original view the text in force.
    const views = viewsOf(text);
    assert.ok(views.original.includes(inForce.trim()));
    // What is left to do is the reasons and the changes themselves.
    assert.deepEqual(proposalCodes(text).map((c) => c.split(':')[0]), ['proposal.reasons']);
  });

  it('starts an ADD with the next draft number and the conference in the authority line', () => {
    const { text } = proposalSkeleton({ action: 'ADD', conference: BUCHAREST, date: '2026-12-02' });
    assert.match(text, /\nADD XXX\/YY\/1\n\n# DRAFT NEW RESOLUTION \[XXX-1\]\n/);
    assert.match(text, /\nThe Plenipotentiary Conference of the International Telecommunication Union \(Bucharest, 2022\),\n/);
    assert.doesNotMatch(text, /\{\+\+|\{--/);
  });

  it('gives a SUP its symbol, title and reasons only', () => {
    const { text } = proposalSkeleton({ action: 'SUP', conference: BUCHAREST, inForce: { text: inForce }, date: '2026-12-02' });
    const body = text.slice(text.indexOf('SUP'));
    assert.equal(body, 'SUP XXX/YY/1\n\n# RESOLUTION 130 (REV. DUBAI, 2018)\n\n## Strengthening the role of ITU in building confidence and security in the use of information and communication technologies\n\nReasons: \n');
    assert.deepEqual(proposalCodes(text).map((c) => c.split(':')[0]), ['proposal.reasons']);
  });

  it('continues the numbers of the document it is added to', () => {
    const existing = '---\ndocument: DT/67-E\n---\n\nMOD WGPL/67/1\n\n# RESOLUTION 1 (REV. BUSAN, 2014)\n\nReasons: x.\n\nADD WGPL/67/2\n\n# DRAFT NEW RESOLUTION [XXX-1]\n\nReasons: y.\n';
    assert.equal(nextProposalIdentifier(existing), 'WGPL/67/3');
    assert.equal(nextDraftNumber(existing), '[XXX-2]');
    assert.equal(nextProposalIdentifier('---\ndocument: DT/67-E\n---\n'), 'XXX/67/1');
    const added = proposalSkeleton({ action: 'ADD', conference: BUCHAREST, documentText: existing, date: '2026-12-02' });
    assert.doesNotMatch(added.text, /^---/);
    assert.match(added.text, /^ADD WGPL\/67\/3\n\n# DRAFT NEW RESOLUTION \[XXX-2\]/);
  });

  it('marks a first adoption as revised', () => {
    const { text } = proposalSkeleton({ action: 'MOD', conference: BUCHAREST, inForce: { text: '# RESOLUTION 204 (DUBAI, 2018)\n\nThe Plenipotentiary Conference of the International\nTelecommunication Union (Dubai, 2018),\n' }, date: '2026-12-02' });
    assert.match(text, /# RESOLUTION 204 \(\{--DUBAI, 2018--\}\{\+\+REV\. BUCHAREST, 2022\+\+\}\)/);
    assert.match(text, /\nTelecommunication Union \(\{--Dubai, 2018--\}\{\+\+Bucharest, 2022\+\+\}\),/);
  });
});
