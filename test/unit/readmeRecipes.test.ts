// The README's command-line recipes, run as written: the commands of "Check in CI", the command
// of the CI job, and the pre-commit hook in a real git repository. Needs the build.

import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, SEED_2018 } from './helpers';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced blocks of a README section, by language. */
function blocks(heading: string, language: string): string[] {
  const start = README.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `README has no section ${heading}`);
  const end = README.indexOf('\n### ', start + heading.length + 2);
  const section = README.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
}

describe('the README command-line recipes', () => {
  // `reso` on the PATH: a wrapper around the built command line.
  const bin = mkdtempSync(join(tmpdir(), 'reso-bin-'));
  writeFileSync(join(bin, 'reso'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'server', 'out', 'cli.js')}" "$@"\n`);
  chmodSync(join(bin, 'reso'), 0o755);
  const env = { ...process.env, PATH: [bin, dirname(process.execPath), process.env.PATH ?? ''].join(delimiter), NO_COLOR: '1' };
  const sh = (script: string, cwd: string) => spawnSync('sh', ['-c', script], { cwd, env, encoding: 'utf8' });
  const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=Drafter', '-c', 'user.email=drafter@example.org', '-c', 'core.hooksPath=.git/hooks', ...args], { cwd, env, encoding: 'utf8' });

  function docs(): string {
    const folder = mkdtempSync(join(tmpdir(), 'reso-recipe-'));
    mkdirSync(join(folder, 'docs', 'archive'), { recursive: true });
    copyFileSync(join(ROOT, 'seeds', SEED_2018), join(folder, 'docs', SEED_2018));
    writeFileSync(join(folder, 'docs', 'archive', 'old.reso'), '*recalling*\n\na) one;\nc) two.\n');
    return folder;
  }

  it('the commands of "Check in CI" run as written', () => {
    const commands = blocks('### Check in CI', '').flatMap((block) => block.split('\n')).map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line.startsWith('reso '));
    assert.ok(commands.length >= 4, commands.join('\n'));
    const folder = docs();
    for (const command of commands) {
      const result = sh(command, folder);
      assert.ok(result.status === 0 || result.status === 1, `${command}: exit ${result.status}\n${result.stderr}`);
    }
    // The glob with its ignore leaves the archived file (with its error) out.
    assert.equal(sh("reso check 'docs/**/*.reso' --ignore 'docs/archive/'", folder).status, 0);
  });

  it('the CI job\'s check writes a SARIF log and fails on errors', () => {
    const [job] = blocks('### Check in CI', 'yaml');
    const step = /- run: (reso check --format sarif .*)$/m.exec(job);
    assert.ok(step, 'no reso step in the CI job');
    const folder = docs();
    const result = sh(step[1], folder);
    assert.equal(result.status, 1, result.stderr);
    const log = JSON.parse(readFileSync(join(folder, 'reso.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.ok(log.runs[0].results.some((r) => r.ruleId === 'label.sequence'));
  });

  it('the pre-commit hook refuses a commit with errors, and lets it through once reso fix has run', function () {
    this.timeout(30_000);
    const [hook] = blocks('### Fix before commit', 'sh');
    const repo = mkdtempSync(join(tmpdir(), 'reso-hook-'));
    assert.equal(git(repo, 'init', '-q').status, 0);
    writeFileSync(join(repo, '.git', 'hooks', 'pre-commit'), hook);
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);
    writeFileSync(join(repo, 'notes.txt'), 'no resolution here\n');
    git(repo, 'add', 'notes.txt');
    assert.equal(git(repo, 'commit', '-q', '-m', 'notes').status, 0, 'a commit without .reso files');
    writeFileSync(join(repo, 'dt.reso'), '*recalling*\n\na) one;\nc) two.\n');
    git(repo, 'add', 'dt.reso');
    const refused = git(repo, 'commit', '-q', '-m', 'draft');
    assert.notEqual(refused.status, 0, 'the commit went through with an error');
    assert.match(refused.stdout + refused.stderr, /label\.sequence/);
    assert.equal(sh('reso fix dt.reso', repo).status, 0);
    git(repo, 'add', 'dt.reso');
    const accepted = git(repo, 'commit', '-q', '-m', 'draft');
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
  });
});
