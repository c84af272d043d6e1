import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../server/src/analysis/codes';
import { LanguageService } from '../../server/src/features/service';
import { readSeed, ROOT, SEED_2018, SEED_DT } from './helpers';

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

const FAMILIES = [...new Set(DIAGNOSTIC_CODES.map((info) => info.code.split('.')[0]))];

describe('the table of diagnostic codes', () => {
  it('names every code the parser and the checks write, and no other', () => {
    const written = new Set<string>();
    const literal = new RegExp(`['"\`]((?:${FAMILIES.join('|')})\\.[a-z][a-z-]*)['"\`]`, 'g');
    for (const file of ['syntax', 'analysis', 'drafting', 'host'].flatMap((layer) => sources(join(ROOT, 'server', 'src', layer)))) {
      if (file.endsWith('codes.ts')) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(literal)) written.add(match[1]);
    }
    // Label codes are made from the kinds of label problem: `label.${kind}`.
    for (const kind of ['sequence', 'kind', 'missing', 'lone']) written.add(`label.${kind}`);
    const known = DIAGNOSTIC_CODES.map((info) => info.code);
    assert.deepEqual([...written].filter((code) => !known.includes(code)).sort(), [], 'codes written but not in the table');
    assert.deepEqual(known.filter((code) => !written.has(code)), [], 'codes in the table that nothing writes');
    assert.equal(new Set(known).size, known.length, 'a code listed twice');
  });

  it('gives the severity the checks report by default', () => {
    const service = new LanguageService();
    const texts = [readSeed(SEED_2018), readSeed(SEED_DT), '*recalling*\n\na) x {++ open;\nc) y[^1];\n\n*resolvs*\n\n*considering*\n', '---\ndate: 2014\nfoo: bar\n---\n<!-- open\n'];
    let seen = 0;
    texts.forEach((text, index) => {
      const uri = `file:///codes/${index}.reso`;
      service.setDocument(uri, text);
      for (const diagnostic of service.rawDiagnostics(uri)) {
        const info = DIAGNOSTIC_CODES.find((i) => i.code === diagnostic.code);
        assert.ok(info, `${diagnostic.code} is not in the table`);
        assert.ok(diagnostic.severity === info.severity || diagnostic.severity === info.otherSeverity, `${diagnostic.code} is ${diagnostic.severity}`);
        seen++;
      }
    });
    assert.ok(seen >= 8, `only ${seen} diagnostics seen`);
  });
});
