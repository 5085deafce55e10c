#!/usr/bin/env bash
# Installs what Tollbook needs on a fresh Debian machine: the browser that renders PDFs, pdftotext
# for the PDF checks, fonts with Cyrillic, LibreOffice Calc for the XLSX checks, xmllint for the
# e-invoice schema checks, the npm packages, builds the web app (web/dist) and bundles the CLI.
# Safe to run again: it only installs and builds what is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# The XLSX tests read filled operator templates back with LibreOffice, as an accountant's tool would.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
# The e-invoice tests validate the UBL output against XML Schemas with libxml2's xmllint.
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

bash scripts/build-web.sh

# The CLI bundle that bin/tollbook.js starts from while it is newer than src/ (ADR 0001).
node scripts/bundle-cli.mjs
