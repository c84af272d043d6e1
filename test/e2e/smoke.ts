// `--smoke`: proves the harness itself before the real extension is packaged. It generates, at test
// time, a throwaway extension with no code (only the `resolution` language contribution for `.reso`)
// and a few TypeScript files that VS Code's built-in TypeScript support diagnoses, hovers, resolves
// and fixes. Nothing of this is committed output: it lives in a temp folder for one run.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './harness';

/** Builds the throwaway language-only extension into `dir` and returns the path of its .vsix. */
export function buildSmokeVsix(dir: string): Promise<string> {
  const root = path.join(dir, 'smoke-extension');
  fs.mkdirSync(root, { recursive: true });
  const manifest = {
    name: 'resolution-smoke',
    displayName: 'Resolution (language only, harness check)',
    description: 'Language contribution only: used to check the end-to-end harness.',
    version: '0.0.1',
    publisher: 'resolution-drafter',
    license: 'MIT',
    engines: { vscode: '^1.91.0' },
    categories: ['Programming Languages'],
    contributes: {
      languages: [{ id: 'resolution', aliases: ['Resolution', 'reso'], extensions: ['.reso'] }],
    },
  };
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(root, 'README.md'), '# Resolution (language only)\n\nHarness check.\n');
  fs.writeFileSync(path.join(root, 'LICENSE'), 'MIT\n');
  const vsix = path.join(dir, 'resolution-smoke.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  return new Promise((resolve, reject) => {
    execFile(
      vsce,
      ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error || !fs.existsSync(vsix)) {
          reject(new Error(`vsce package failed: ${error?.message ?? 'no .vsix'}\n${stdout}${stderr}`));
        } else {
          resolve(vsix);
        }
      },
    );
  });
}

/** TypeScript files for the generic editor checks, as [name in the workspace, content]. */
export const SMOKE_FILES: Array<[string, string]> = [
  [
    'smoke/greeting.ts',
    [
      '// Defines the function that main.ts calls.',
      'export function greet(name: string): string {',
      "  return 'Hello, ' + name;",
      '}',
      '',
      'export class Greeter {',
      '  constructor(private readonly name: string) {}',
      '  greet(): string {',
      '    return greet(this.name);',
      '  }',
      '}',
      '',
    ].join('\n'),
  ],
  [
    'smoke/main.ts',
    [
      "import { greet } from './greeting';",
      '',
      "const message = greet('world');",
      'consol.log(message);',
      '',
    ].join('\n'),
  ],
];
