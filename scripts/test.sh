#!/usr/bin/env bash
# The test command: sets up what is missing, runs the whole suite and ends with "N passed, N failed".
# Runs on the embedded PGlite database unless TEST_DATABASE_URL names a PostgreSQL server.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1

label=${TEST_LABEL:-$([ -n "${TEST_DATABASE_URL:-}" ] && echo postgres || echo pglite)}
report=".ci/out/vitest-${label}.json"
mkdir -p .ci/out
rm -f "$report"
echo "== tests on ${label} ==" >&2
npx vitest run --outputFile.json="$report" "$@"
status=$?
node scripts/count-results.mjs "$report" "$status"
