// `npm install -g` of the packed project, into a temporary prefix, gives a `reso` on the PATH
// that works without the extension and without any node_modules (the bundle carries its
// libraries). Needs the build (`npm test` builds first).

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ROOT, SEED_2018 } from './helpers';

/** npm's own settings of the run that started the tests (npm_config_*) would change where it installs. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, ...extra };
}

describe('installing the command line with npm install -g', function () {
  this.timeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'reso-install-'));
  const prefix = join(work, 'prefix');
  let reso = '';

  before(() => {
    for (const bundle of ['cli.js', 'server.js']) assert.ok(existsSync(join(ROOT, 'server', 'out', bundle)), `server/out/${bundle} is not built`);
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const tarball = join(work, packed.trim().split('\n').pop() as string);
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
      cwd: work,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Nothing of node_modules may be needed: the bundle must run without it.
    rmSync(join(prefix, 'lib', 'node_modules', 'resolution-drafter', 'node_modules'), { recursive: true, force: true });
    reso = join(prefix, 'bin', 'reso');
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  const onPath = (args: string[], cwd: string) =>
    spawnSync('reso', args, { cwd, encoding: 'utf8', env: cleanEnv({ PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter) }) });

  it('puts reso on the PATH, which prints its version and help', () => {
    assert.ok(existsSync(reso), 'no bin/reso in the prefix');
    const version = onPath(['--version'], work);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(onPath(['check', '--help'], work).stdout, /^Usage: reso check /);
  });

  it('checks files with the shipped catalogue and writes SARIF', () => {
    const folder = mkdtempSync(join(work, 'docs-'));
    copyFileSync(join(ROOT, 'seeds', SEED_2018), join(folder, SEED_2018));
    const text = onPath(['check', '.'], folder);
    assert.equal(text.status, 0, text.stderr);
    // citation.superseded needs the catalogue packed beside the bundle.
    assert.match(text.stdout, /citation\.superseded/);
    const sarif = onPath(['check', '--format', 'sarif', '.'], folder);
    assert.equal(JSON.parse(sarif.stdout).runs[0].tool.driver.name, 'reso');
    writeFileSync(join(folder, 'broken.reso'), '*recalling*\n\na) one;\nc) two.\n');
    assert.equal(onPath(['check', 'broken.reso'], folder).status, 1);
    assert.equal(onPath(['check', 'none/*.reso'], folder).status, 2);
  });
});
