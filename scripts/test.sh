#!/usr/bin/env bash
# `npm test`: every test of the portal, as CI runs it (.ci/run calls the README's line).
# Type check and lint, unit and integration tests (vitest, real PostgreSQL), the production
# build, end-to-end tests (Playwright in Debian's Chromium), the recovery drill and the kill
# test (their own npm scripts), and the dependency audit.
# Every step runs even when an earlier one failed; the last line sums up.
set -uo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
mkdir -p reports
failed_steps=()

step() {
  local name=$1; shift
  echo "== $name: $*"
  local t0=$SECONDS
  if "$@"; then echo "== $name: ok ($((SECONDS - t0)) s)"; else echo "== $name: FAILED ($((SECONDS - t0)) s)"; failed_steps+=("$name"); fi
}

ensure_chromium() {
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the end-to-end tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || return 1
  else
    echo "no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} and cannot install it (need root and apt-get)"; return 1
  fi
}

step chromium ensure_chromium
step typecheck npx --no-install tsc --noEmit -p .
step lint npx --no-install eslint . --max-warnings=0
step vitest npx --no-install vitest run --reporter=default --reporter=json --outputFile=reports/vitest.json
step build npx --no-install next build
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json step e2e npx --no-install playwright test --reporter=list,json
# Recovery: backup → destroy → restore → verify → start, and SIGKILL during submissions.
step drill npm run -s drill
step kill-test npm run -s test:kill
# Issue 10: 200 bidders in the last second before an auction closes.
step auction-storm npm run -s test:auction-storm
step audit node scripts/audit.mjs

node scripts/test-summary.mjs reports/vitest.json reports/playwright.json "${#failed_steps[@]}" "${failed_steps[*]:-}"
summary=$?
[ ${#failed_steps[@]} -eq 0 ] && [ $summary -eq 0 ]
