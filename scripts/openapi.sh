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
    npx redocly lint "$doc" --config redocly.yaml --max-problems 500 --format stylish
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
