// Entry point loaded by VS Code's extension host: sets up mocha's BDD globals, loads the
// tests (bundled with this file) and runs them.

import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: true });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  // Loaded only now, so that `describe` and `it` exist when its top level runs.
  require('./extension.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
