// The version `reso --version` prints and SARIF names; a test keeps it equal to package.json's.

export const VERSION = '0.1.0';
