#!/usr/bin/env bash
# Quick start, step 1: install everything (Node 22, npm packages; for the end-to-end tests in a real
# VS Code, Chromium, code-server and its Node 24), build, and check the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run build
node packages/cli/bin/fabric.js check examples/*.fabric
bash scripts/install-code-server.sh
