#!/usr/bin/env bash
# Runs a command with Node >= 22 first on PATH (see node-env.sh), so npm scripts work from any shell.
source "$(dirname "${BASH_SOURCE[0]}")/node-env.sh"
exec "$@"
