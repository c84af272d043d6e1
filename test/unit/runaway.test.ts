import assert from 'node:assert/strict';
import { FIX_ALL_CONTRIBUTORS, type FixAllContributor } from '../../server/src/analysis/fixProviders';
import { LanguageService } from '../../server/src/features/service';
import { WORKSPACE_SYMBOL_LIMIT } from '../../server/src/features/workspaceSymbols';
import { duplicateLabels, endingProblems, nestedSubItems } from '../bench/runaway';

// What keeps the cost bounded, checked for what it does (the timings are in `npm run bench`).

describe('no runaway', () => {
  it('workspace/symbol answers at most 500 results', () => {
    const service = new LanguageService();
    for (let n = 1; n <= 800; n++) service.setWorkspaceFile(`file:///w/${n}.reso`, `# RESOLUTION ${n} (DUBAI, 2018)\n\n## Resolution number ${n}\n`);
    const all = service.workspaceSymbols('resolution');
    assert.equal(all.length, WORKSPACE_SYMBOL_LIMIT);
    assert.equal(all[0].name.startsWith('Resolution 1 '), true);
    assert.equal(service.workspaceSymbols('number 799').length, 1);
  });

  it('a quick-fix request never computes fix-all; a fix-all request does', () => {
    let calls = 0;
    const spy: FixAllContributor = () => {
      calls++;
      return [];
    };
    FIX_ALL_CONTRIBUTORS.push(spy);
    try {
      const service = new LanguageService();
      service.setDocument('file:///q.reso', '*resolves*\n\n1 one;\n3 two\n');
      const at = { line: 3, character: 0 };
      assert.ok(service.codeActions('file:///q.reso', at, at, ['quickfix']).length > 0);
      assert.equal(calls, 0);
      assert.ok(service.codeActions('file:///q.reso', at, at, ['source.fixAll']).length > 0);
      assert.ok(calls > 0);
    } finally {
      FIX_ALL_CONTRIBUTORS.splice(FIX_ALL_CONTRIBUTORS.indexOf(spy), 1);
    }
  });

  it('the bench inputs are what they claim: every problem is reported and fixed', () => {
    for (const [generate, code] of [[endingProblems, 'punctuation.ending'], [duplicateLabels, 'label.sequence'], [nestedSubItems, 'label.sequence']] as const) {
      const service = new LanguageService();
      service.setDocument('file:///b.reso', generate(1000));
      assert.ok(service.rawDiagnostics('file:///b.reso').filter((d) => d.code === code).length >= 990, `${generate.name}: ${code}`);
      const action = service.codeActions('file:///b.reso', { line: 0, character: 0 }, { line: 0, character: 0 }, ['source.fixAll'])[0];
      assert.ok((action?.edit?.changes?.['file:///b.reso'] ?? []).length >= 990, generate.name);
    }
  });
});
