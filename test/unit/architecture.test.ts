import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

// The syntax and analysis layers stay pure: no editor protocol, no editor API, no file system.
const FORBIDDEN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|vscode|node:fs[^'"]*|fs|fs\/promises)['"]/;

function sources(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

describe('architecture', () => {
  for (const layer of ['syntax', 'analysis', 'drafting', 'interchange']) {
    const folder = join(ROOT, 'server', 'src', layer);
    if (!existsSync(folder)) continue; // a layer not written yet
    it(`server/src/${layer} imports no editor, protocol or file-system module`, () => {
      const files = sources(folder);
      assert.ok(files.length > 0, `no sources found in ${layer}`);
      for (const file of files) {
        const match = FORBIDDEN.exec(readFileSync(file, 'utf8'));
        assert.equal(match, null, `${file} imports ${match?.[1]}`);
      }
    });
  }

  it('nothing below host imports it (host is Node-only work for the server and the command line)', () => {
    for (const layer of ['syntax', 'analysis', 'features', 'drafting', 'interchange']) {
      const folder = join(ROOT, 'server', 'src', layer);
      if (!existsSync(folder)) continue; // a layer not written yet
      for (const file of sources(folder)) assert.doesNotMatch(readFileSync(file, 'utf8'), /from\s+['"][./]*host\//, file);
    }
  });

  it('the import rule catches the forms it is meant to catch', () => {
    for (const line of [`import { x } from 'vscode-languageserver/node';`, `import * as fs from 'node:fs';`, `const fs = require('fs');`, `import type { Range } from 'vscode';`]) {
      assert.match(line, FORBIDDEN);
    }
    assert.doesNotMatch(`import { parse } from './vscode-like';`, FORBIDDEN);
  });

  it('the server modules talking to the connection live in server/src/lsp', () => {
    for (const layer of ['syntax', 'analysis', 'features']) {
      for (const file of sources(join(ROOT, 'server', 'src', layer))) {
        assert.doesNotMatch(readFileSync(file, 'utf8'), /vscode-languageserver\/node|createConnection/, file);
      }
    }
  });
});
