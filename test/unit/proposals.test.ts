import { strict as assert } from 'node:assert';
import { applyEdits } from '../../server/src/analysis/edits';
import { fixesFor } from '../../server/src/analysis/fixProviders';
import { DEFAULT_SETTINGS } from '../../server/src/analysis/pipeline';
import { PROPOSAL_CHECKS } from '../../server/src/analysis/proposals';
import { parseDocument, type SyntaxDiagnostic } from '../../server/src/syntax';

function check(text: string): SyntaxDiagnostic[] {
  const document = parseDocument(text);
  return PROPOSAL_CHECKS.flatMap((c) => c(document, { settings: DEFAULT_SETTINGS }));
}

function codes(text: string): string[] {
  return check(text).map((d) => d.code);
}

function fixed(text: string, code: string): string {
  const document = parseDocument(text);
  const diagnostic = check(text).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code}`);
  const fixes = fixesFor(document, diagnostic, { trackChanges: 'auto' });
  assert.equal(fixes.length, 1, `one fix for ${code}`);
  assert.equal(fixes[0].fixAll, false);
  return applyEdits(text, fixes[0].edits);
}

const MOD = `---
document: DT/67-E
---

MOD WGPL/67/1

# RESOLUTION 130 (REV. {--GUADALAJARA, 2010--}{++BUSAN, 2014++})

The Plenipotentiary Conference of the International Telecommunication Union ({--Guadalajara, 2010--}{++Busan, 2014++}),

*resolves*

1 to continue{++ this work++}.

Reasons: To bring the text up to date.
`;

describe('proposal checks', () => {
  it('accepts a well-formed MOD', () => {
    assert.deepEqual(check(MOD), []);
  });

  it('proposal.add-marks: an ADD or (MOD) text with revision marks, fixed by accepting them', () => {
    const text = MOD.replace('MOD WGPL', 'ADD WGPL');
    assert.ok(codes(text).includes('proposal.add-marks'));
    const clean = fixed(text, 'proposal.add-marks');
    assert.doesNotMatch(clean, /\{\+\+|\{--/);
    assert.match(clean, /\(REV\. BUSAN, 2014\)/);
    assert.match(clean, /1 to continue this work\./);
    assert.ok(codes(MOD.replace('MOD WGPL', '(MOD) WGPL')).includes('proposal.add-marks'));
  });

  it('proposal.mod-unchanged: a MOD without marks, fixed by making it NOC', () => {
    const text = MOD.replace(/\{--[^}]*--\}/g, '').replace(/\{\+\+([^}]*)\+\+\}/g, '$1');
    assert.ok(codes(text).includes('proposal.mod-unchanged'));
    assert.match(fixed(text, 'proposal.mod-unchanged'), /^NOC WGPL\/67\/1$/m);
  });

  it('proposal.sup-body: a SUP followed by more than its title and reasons', () => {
    const sup = 'SUP WGPL/67/1\n\n# RESOLUTION 99 (REV. BUSAN, 2014)\n\n## A subject\n\nReasons: Implemented.\n';
    assert.deepEqual(codes(sup), []);
    const withBody = sup.replace('## A subject\n', '## A subject\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n\n*resolves*\n\nto do it.\n');
    assert.deepEqual(codes(withBody), ['proposal.sup-body']);
  });

  it('proposal.reasons: missing (fixed by adding the paragraph) or empty', () => {
    const missing = MOD.replace('\nReasons: To bring the text up to date.\n', '');
    assert.deepEqual(codes(missing), ['proposal.reasons']);
    const added = fixed(missing, 'proposal.reasons');
    assert.match(added, /1 to continue\{\+\+ this work\+\+\}\.\n\nReasons: \n$/);
    const empty = MOD.replace('Reasons: To bring the text up to date.', 'Reasons:');
    const found = check(empty);
    assert.deepEqual(found.map((d) => d.code), ['proposal.reasons']);
    assert.match(found[0].message, /empty/);
  });

  it('proposal.number: duplicated, out of sequence, or another document', () => {
    const second = (id: string) => `${MOD}\nADD ${id}\n\n# DRAFT NEW RESOLUTION [WGPL-1]\n\nReasons: New.\n`;
    assert.deepEqual(codes(second('WGPL/67/2')), []);
    const duplicate = check(second('WGPL/67/1'));
    assert.deepEqual(duplicate.map((d) => [d.code, d.severity]), [['proposal.number', 'error']]);
    const gap = second('WGPL/67/4');
    assert.deepEqual(check(gap).map((d) => d.message), ['Proposal number out of sequence: expected WGPL/67/2, found WGPL/67/4.']);
    assert.match(fixed(gap, 'proposal.number'), /^ADD WGPL\/67\/2$/m);
    assert.match(check(second('WGPL/68/1'))[0].message, /names document 68, but the front matter says document 67/);
  });

  it('proposal.revision: title and authority line both marked, to the same conference', () => {
    const authorityUnmarked = MOD.replace('({--Guadalajara, 2010--}{++Busan, 2014++})', '(Guadalajara, 2010)');
    const found = check(authorityUnmarked);
    assert.deepEqual(found.map((d) => d.code), ['proposal.revision']);
    assert.match(fixed(authorityUnmarked, 'proposal.revision'), /Union \(\{--Guadalajara, 2010--\}\{\+\+Busan, 2014\+\+\}\),/);
    const titleUnmarked = MOD.replace('(REV. {--GUADALAJARA, 2010--}{++BUSAN, 2014++})', '(REV. GUADALAJARA, 2010)');
    assert.match(fixed(titleUnmarked, 'proposal.revision'), /\(REV\. \{--GUADALAJARA, 2010--\}\{\+\+BUSAN, 2014\+\+\}\)/);
    const different = MOD.replace('{++Busan, 2014++})', '{++Dubai, 2018++})');
    assert.match(check(different).find((d) => d.code === 'proposal.revision')?.message ?? '', /title is revised to Busan, 2014 but the authority line to Dubai, 2018/);
    const neither = authorityUnmarked.replace('(REV. {--GUADALAJARA, 2010--}{++BUSAN, 2014++})', '(REV. GUADALAJARA, 2010)');
    assert.ok(codes(neither).includes('proposal.revision'));
  });
});
