// `npm run test:vscode`: runs the suite in ./suite inside a real VS Code's extension host with
// @vscode/test-electron. It downloads VS Code (or uses VSCODE_EXECUTABLE), so it runs where
// that is possible; CI here runs the same scenario in code-server (test/e2e).

import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'reso-vscode-'));
  cpSync(join(root, 'seeds'), workspace, { recursive: true, filter: (source) => !source.includes('original') });
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'test', 'vscode', 'out', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    });
  } catch (error) {
    process.stderr.write(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

void main();
