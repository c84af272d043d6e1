#!/usr/bin/env bash
# Installs what the end-to-end tests need to run the packaged extension in a real VS Code:
#   - Debian's chromium (the browser the tests drive through playwright-core),
#   - code-server (VS Code in the browser) into test/e2e/.cache/, on the machine's Node 20.
#   - Debian's neovim, to check the README's Neovim setup against the server.
#   - the independent readers of what the tools write: LibreOffice Writer (Word files, with
#     python3-uno to accept or reject their tracked changes), poppler's pdftoppm (pages as
#     pictures) and libxml2's xmllint (XML against its schema).
# Idempotent: a second run checks and returns in about a second.
# Writes nothing outside test/e2e/.cache/ except Debian packages.
#
# code-server 4.100.3 is the last release that runs on Node 20. Its install builds a few native
# modules (node-gyp) and runs a postinstall of @vscode/ripgrep that would download ripgrep; the
# download cache is pre-filled here with Debian's `rg`, so nothing outside the npm registry and
# Debian is needed.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11       # @vscode/ripgrep pinned by code-server 4.100.3
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
PREFIX="$CACHE/code-server-$CODE_SERVER_VERSION"
MARKER="$PREFIX/.installed"
LAUNCHER="$CACHE/bin/code-server"
LOG="$CACHE/setup.log"

say() { printf 'e2e setup: %s\n' "$*"; }
fail() {
  printf 'e2e setup: FAILED: %s\n' "$*" >&2
  exit 1
}

t0=$(date +%s)
mkdir -p "$CACHE/bin"

# ---------------------------------------------------------------- Debian packages
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

apt_install() {
  local missing=() p
  for p in "$@"; do have_pkg "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "apt-get not found; install ${missing[*]} by hand"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "not root and no sudo: install ${missing[*]} by hand"
    sudo=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Only refresh the package lists when the install cannot find what it needs.
  if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}" >>"$LOG" 2>&1; then
    say "apt-get update (package lists missing or stale)"
    "${sudo[@]}" apt-get update -q >>"$LOG" 2>&1 || fail "apt-get update failed (see $LOG)"
    "${sudo[@]}" apt-get install -y -q "${missing[@]}" >>"$LOG" 2>&1 \
      || fail "apt-get install ${missing[*]} failed (see $LOG)"
  fi
}

: >"$LOG"
pkgs=(chromium fonts-liberation neovim libreoffice-writer-nogui python3-uno poppler-utils libxml2-utils)
if [ ! -f "$MARKER" ]; then
  # Only needed to build code-server: kerberos has no prebuilt binary reachable from here, the
  # other native modules build with node-gyp; `rg` fills the ripgrep download cache.
  pkgs+=(ripgrep libkrb5-dev g++ make python3)
fi
apt_install "${pkgs[@]}"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after installing the chromium package"

# ---------------------------------------------------------------- code-server
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || fail "node not found"
[ "$node_major" = 20 ] || fail "code-server $CODE_SERVER_VERSION needs Node 20, found $(node --version)"

if [ ! -f "$MARKER" ]; then
  say "installing code-server $CODE_SERVER_VERSION into ${PREFIX#"$HERE"/} (about a minute)"
  rm -rf "$PREFIX" "$CACHE/tmp"
  mkdir -p "$PREFIX" "$CACHE/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION" "$CACHE/tmp/rg"
  cp "$(command -v rg)" "$CACHE/tmp/rg/rg"
  tar czf "$CACHE/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/$RIPGREP_ASSET" -C "$CACHE/tmp/rg" rg
  echo '{"private": true}' >"$PREFIX/package.json"
  node_root=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  gyp_env=()
  # Build against the local Node's headers when it ships them; otherwise node-gyp fetches them
  # from the registry mirror it knows into a folder inside the cache.
  if [ -f "$node_root/include/node/node.h" ]; then gyp_env+=("npm_config_nodedir=$node_root"); fi
  if ! (
    cd "$PREFIX" &&
      env TMPDIR="$CACHE/tmp" \
        npm_config_cache="$CACHE/npm-cache" \
        npm_config_devdir="$CACHE/node-gyp" \
        npm_config_unsafe_perm=true \
        npm_config_yes=true \
        npm_config_update_notifier=false \
        npm_config_audit=false \
        npm_config_fund=false \
        "${gyp_env[@]}" \
        npm install --no-save --no-package-lock --foreground-scripts \
        "code-server@$CODE_SERVER_VERSION"
  ) >>"$LOG" 2>&1; then
    tail -n 30 "$LOG" >&2
    fail "npm install code-server@$CODE_SERVER_VERSION failed (full log: $LOG)"
  fi
  entry="$PREFIX/node_modules/code-server/out/node/entry.js"
  [ -f "$entry" ] || fail "code-server entry point missing: $entry"
  [ -x "$PREFIX/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || fail "ripgrep missing in code-server (see $LOG)"
  rm -rf "$CACHE/tmp"
  touch "$MARKER"
fi

cat >"$LAUNCHER.tmp" <<EOF
#!/bin/sh
exec node "$PREFIX/node_modules/code-server/out/node/entry.js" "\$@"
EOF
chmod +x "$LAUNCHER.tmp"
mv "$LAUNCHER.tmp" "$LAUNCHER"
# code-server writes a default config and its logs under the XDG folders: keep them in the cache.
version=$(XDG_CONFIG_HOME="$CACHE/xdg/config" XDG_DATA_HOME="$CACHE/xdg/data" \
  "$LAUNCHER" --config "$CACHE/xdg/config.yaml" --version 2>/dev/null | tail -n 1) || fail "code-server does not start (try: rm -rf $PREFIX)"
case "$version" in "$CODE_SERVER_VERSION"*) ;; *) fail "unexpected code-server version: $version" ;; esac

[ -f "$HERE/../../node_modules/playwright-core/package.json" ] \
  || say "warning: playwright-core is not installed; run npm ci at the repository root"

say "ready in $(($(date +%s) - t0)) s: code-server $version, $(/usr/bin/chromium --version 2>/dev/null)"
