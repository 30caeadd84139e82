#!/usr/bin/env bash
# Quick start, step 1: install everything (Node 22, npm packages; for the end-to-end tests in a real
# VS Code, Chromium, code-server and its Node 24), build, check the examples, and write the HTML report
# of the flagship example (the 576-accelerator CPO pod), printing its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run build
# The gallery's top level only: examples/bad/ holds a deliberately bad design (checked by the tests).
node packages/cli/bin/fabric.js check 'examples/*.fabric'
mkdir -p artifacts/report
node packages/cli/bin/fabric.js export examples/pod576-cpo.fabric --format html -o artifacts/report/pod576-cpo.html
echo "open artifacts/report/pod576-cpo.html in a browser for the whole report"
bash scripts/install-code-server.sh
