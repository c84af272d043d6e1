#!/usr/bin/env bash
# The README's Neovim setup against the built server: Debian's Neovim opens a file with a
# label out of sequence and must receive that diagnostic. The wait is Neovim's own
# publishDiagnostics handler, bounded by `timeout`.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
command -v nvim >/dev/null || { echo "neovim: nvim is not installed (test/e2e/setup.sh installs it)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf '*recalling*\n\na) one;\nc) two.\n' >"$work/check.reso"
cd "$work"
output="$(SERVER="$ROOT/server/out/server.js" timeout 30 nvim --headless --clean -u "$HERE/neovim.lua" check.reso 2>&1 || true)"
if grep -q '^DIAGNOSTIC 4:1 label.sequence$' <<<"$output"; then
  echo "neovim: the server published label.sequence at 4:1"
  echo "1 passed, 0 failed"
else
  printf 'neovim: expected label.sequence at 4:1, got:\n%s\n' "$output" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
