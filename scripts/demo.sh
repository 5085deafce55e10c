#!/usr/bin/env bash
# The quick start: sets up what is missing, loads the demo operator into the embedded database
# (./data) and serves Tollbook at http://127.0.0.1:3000 with an API key printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node bin/tollbook.js demo --serve "$@"
