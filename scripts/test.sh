#!/usr/bin/env bash
# Quick start, step 2: run the whole test suite (sets up first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
[ -d node_modules/langium ] || npm ci --no-audit --no-fund
npm test
