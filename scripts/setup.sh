#!/usr/bin/env bash
# Quick start, step 1: install everything (Node 22, npm packages), build, and check the examples.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
npm ci --no-audit --no-fund
npm run build
node packages/cli/bin/fabric.js check examples/*.fabric
