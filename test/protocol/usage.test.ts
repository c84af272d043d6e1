// The built server and command line started as a user would start them, without the editor.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SERVER_USAGE, serverArguments } from '../../server/src/lsp/serverArguments';
import { REPO_ROOT } from './client';

const SERVER = join(REPO_ROOT, 'server', 'out', 'server.js');
const CLI = join(REPO_ROOT, 'server', 'out', 'cli.js');

function node(script: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [script, ...args], { input, encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('starting the built server and command line', () => {
  it('server.js without a transport prints a one-line usage on stderr and exits 2', () => {
    const result = node(SERVER, []);
    assert.deepEqual(result, { status: 2, stdout: '', stderr: `${SERVER_USAGE}\n` });
    assert.match(SERVER_USAGE, /--stdio .*--node-ipc .*--socket=PORT/);
  });

  it('server.js --help prints the usage on stdout and exits 0', () => {
    assert.deepEqual(node(SERVER, ['--help']), { status: 0, stdout: `${SERVER_USAGE}\n`, stderr: '' });
  });

  it('the transports the protocol library accepts start the server', () => {
    for (const args of [['--stdio'], ['--node-ipc'], ['--socket=6009'], ['--socket', '6009'], ['--pipe=/tmp/x'], ['--stdio', '--clientProcessId=1']]) {
      assert.equal(serverArguments(args), 'start', args.join(' '));
    }
    for (const args of [[], ['--clientProcessId=1'], ['--socket'], ['--verbose']]) assert.equal(serverArguments(args), 'usage', args.join(' '));
  });

  it('cli.js reads standard input and writes colourless text through a pipe', () => {
    const result = node(CLI, ['check', '--stdin-filename', 'dt.reso', '-'], '*recalling*\n\na) one;\nc) two.\n');
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout, 'dt.reso\n  4:1  error  Label c) is out of sequence (gap); labels follow each other: expected b), found c).  label.sequence\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file\n');
  });
});
