#!/usr/bin/env bash
# Runs every test against real PostgreSQL and RabbitMQ (started from Debian's packages when missing, on loopback,
# from this checkout's own data folders). Prints "N passed, N failed" as its last line; fails when a test failed
# or when no test ran.
#   ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Outbox]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd -P)
CONFIGURATION=${MP_CONFIGURATION:-Release}

INFRA_WAS_UP=0
deploy/infra.sh status >/dev/null 2>&1 && INFRA_WAS_UP=1
deploy/infra.sh up
# shellcheck disable=SC1090
source "$(deploy/infra.sh env)"
export MP_STATE_DIR MP_PG_HOST MP_PG_PORT MP_PG_USER MP_PG_PASSWORD MP_RABBIT_HOST MP_RABBIT_PORT MP_RABBIT_MGMT_PORT \
       MP_RABBIT_USER MP_RABBIT_PASSWORD MP_RABBIT_NODE MP_RABBITMQCTL MP_RABBIT_CASES_PASSWORD MP_RABBIT_MEDIATORS_PASSWORD \
       MP_RABBIT_REPORTING_PASSWORD MP_PG_CASES_PASSWORD MP_PG_MEDIATORS_PASSWORD MP_PG_REPORTING_PASSWORD MP_PG_IDENTITY_PASSWORD \
       MP_RABBIT_TLS_PORT MP_RABBIT_CA

deploy/ensure-desk-tools.sh   # chromium and the CJK fonts of the report page (its tests render it headless)
dotnet tool restore >/dev/null
dotnet build "$ROOT/MediationPlatform.sln" -c "$CONFIGURATION" -v q -nologo

# One project at a time: the end-to-end tests stop and start the broker, which must not hit the others mid-run.
PROJECTS=(
  tests/BuildingBlocks.Tests
  tests/Cases.Tests
  tests/Mediators.Tests
  tests/Reporting.Tests
  tests/Gateway.Tests
  tests/EndToEnd.Tests
)
LOG_DIR="$ROOT/.local/test-logs"
mkdir -p "$LOG_DIR"
# npm_ready DIR LOG: the locked npm packages of a check folder, installed once (a second try for a flaky registry)
npm_ready() {
  [[ -d $1/node_modules ]] && return 0
  npm ci --prefix "$1" --no-audit --no-fund >"$2" 2>&1 || npm ci --prefix "$1" --no-audit --no-fund >"$2" 2>&1 ||
    { cat "$2"; echo "$1: npm ci failed"; }
}

# httpyac, which the end-to-end tests run over http/*.http (HttpFilesTests)
npm_ready tests/http "$LOG_DIR/http-npm.log"
passed=0 failed=0 status=0
for project in "${PROJECTS[@]}"; do
  [[ -d $project ]] || continue
  log="$LOG_DIR/$(basename "$project").log"
  echo "== $project"
  if ! dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo "$@" 2>&1 | tee "$log"; then status=1; fi
  # VSTest prints one summary line per assembly: "Passed!  - Failed: 0, Passed: 5, Skipped: 0, Total: 5, ..."
  line=$(grep -E '^(Passed|Failed)!? +- +Failed: +[0-9]+, +Passed: +[0-9]+' "$log" | tail -n 1 || true)
  if [[ -n $line ]]; then
    f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$line")
    p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f))
  fi
done

# The OpenAPI documents against Spectral's OpenAPI rules and the OWASP API Security ruleset: 0 errors each
# (tests/openapi/.spectral.yaml; not with a --filter run)
if [[ $# == 0 ]]; then
  echo "== tests/openapi"
  log="$LOG_DIR/openapi.log"
  npm_ready tests/openapi "$log"
  for doc in contracts/openapi/*.json; do
    if tests/openapi/node_modules/.bin/spectral lint --quiet -r tests/openapi/.spectral.yaml --fail-severity error -f text "$doc" >"$log" 2>&1; then
      passed=$((passed + 1)); echo "ok - spectral $doc: 0 errors"
    else
      failed=$((failed + 1)); echo "not ok - spectral $doc:"; grep -E ':[0-9]+:[0-9]+ +error ' "$log" | head -40 || head -40 "$log"
    fi
  done
fi

# The Kubernetes manifests against the Kubernetes API schemas and the compose topology (not with a --filter run)
if [[ $# == 0 ]]; then
  echo "== tests/k8s"
  log="$LOG_DIR/k8s.log"
  npm_ready tests/k8s "$log"
  node tests/k8s/validate.mjs 2>&1 | tee "$log" | grep -v '^ok ' || true
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 || true)
  if [[ -n $line ]]; then
    passed=$((passed + ${line%% *})); f=${line#*, }; failed=$((failed + ${f%% *}))
  else
    failed=$((failed + 1)); echo "tests/k8s: the manifest check did not run (node tests/k8s/validate.mjs)"
  fi
fi

if [[ $INFRA_WAS_UP == 0 && -z ${MP_KEEP_INFRA:-} ]]; then deploy/infra.sh down >/dev/null 2>&1 || true; fi
(( failed > 0 )) && status=1
(( passed + failed == 0 )) && { echo "no test ran" >&2; status=1; }
echo "$passed passed, $failed failed"
exit $status
