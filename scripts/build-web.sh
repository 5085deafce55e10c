#!/usr/bin/env bash
# Builds the web app (web/ → web/dist) that `tollbook serve` serves at / and /portal. Installs its
# packages when missing and rebuilds only when its sources or the API's typed client changed.
set -euo pipefail
cd "$(dirname "$0")/../web"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the web app's npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

stale=yes
if [ -f dist/index.html ] && [ "${1:-}" != "--force" ]; then
  [ -z "$(find src index.html vite.config.ts tsconfig.json package-lock.json ../src/http/client/openapi.d.ts \
    -newer dist/index.html -print -quit)" ] && stale=no
fi
if [ "$stale" = yes ]; then
  echo "setup: building the web app" >&2
  npm run --silent build >/dev/null
fi
