#!/usr/bin/env bash
# The API contract, built from the routes' zod schemas without a server or a database:
#   bash scripts/openapi.sh lint     write .ci/out/openapi.json and lint it with Redocly (fails on errors or warnings)
#   bash scripts/openapi.sh client   regenerate the typed client's types, src/http/client/openapi.d.ts
#   bash scripts/openapi.sh check    fail when the checked-in types differ from what the document generates
set -euo pipefail
cd "$(dirname "$0")/.."
doc=.ci/out/openapi.json
types=src/http/client/openapi.d.ts
npx tsx scripts/openapi.ts "$doc"
case "${1:-lint}" in
  lint)
    # Redocly fails only on errors; warnings fail here too (fix them or turn the rule off in redocly.yaml).
    npx redocly lint "$doc" --config redocly.yaml --max-problems 500 --format json >.ci/out/redocly.json || true
    node -e '
      const { totals, problems } = JSON.parse(require("fs").readFileSync(".ci/out/redocly.json", "utf8"));
      for (const p of problems) console.error(`${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? ""}`);
      console.error(`Redocly: ${totals.errors} errors, ${totals.warnings} warnings`);
      process.exit(totals.errors + totals.warnings === 0 ? 0 : 1);
    '
    ;;
  client)
    npx openapi-typescript "$doc" --output "$types" --alphabetize
    ;;
  check)
    npx openapi-typescript "$doc" --output .ci/out/openapi.d.ts --alphabetize
    if ! diff -q "$types" .ci/out/openapi.d.ts >/dev/null; then
      echo "$types is out of date: run bash scripts/openapi.sh client and commit it" >&2
      diff "$types" .ci/out/openapi.d.ts | head -40 >&2
      exit 1
    fi
    echo "$types matches the OpenAPI document" >&2
    ;;
  *)
    echo "usage: scripts/openapi.sh lint|client|check" >&2
    exit 2
    ;;
esac
