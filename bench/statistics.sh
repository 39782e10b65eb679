#!/usr/bin/env bash
# Statistics benchmark (issue 24, ADR 0021): the statistics form of a district of 10 towns (16 villages each) for a whole
# year through the gateway; the goal is ≤ 100 ms. Not a test: the number depends on the machine.
#   bench/statistics.sh [--url https://localhost:5080] [--cases 100000] [--repeat 20] [--keep]
# Needs a platform started by ./run.sh (its reporting database and admin password under .local/). Writes a generated year
# of dispute facts for district "benchd" (towns benchd-t01…t10) straight into the reporting projection — as bench/run.sh
# does for the annual figures — recounts the counters with the service's own --recount-figures, then times the form.
# The generated rows are removed afterwards (and the counters recounted).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd -P)
URL=https://localhost:${MP_GATEWAY_PORT:-5080} CASES=100000 REPEAT=20 YEAR=2018 KEEP=0
while (($#)); do
  case $1 in
    --url) URL=$2; shift ;;
    --cases) CASES=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
# shellcheck disable=SC1090
source "$(deploy/infra.sh env)"
# shellcheck source=deploy/lib.sh
source deploy/lib.sh
ensure_secrets "$ROOT/.local/secrets"
export PGHOST=$MP_PG_HOST PGPORT=$MP_PG_PORT PGUSER=$MP_PG_USER PGPASSWORD=$MP_PG_PASSWORD PGOPTIONS='-c client_min_messages=warning'
export CURL_CA_BUNDLE="$ROOT/.local/tls/gateway.crt"
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At -d reporting "$@"; }
recount() {
  ConnectionStrings__Reporting="$(_pg reporting)" RabbitMq__Host="$MP_RABBIT_HOST" RabbitMq__Port="$MP_RABBIT_PORT" \
    RabbitMq__Username=reporting RabbitMq__Password="$MP_RABBIT_REPORTING_PASSWORD" Transport__Mode=internal Logging__Format=text \
    Auth__SigningKeyPath="$ROOT/.local/keys/signing-key.pub.pem" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$ROOT/services/Reporting/bin/Release/net10.0/MediationPlatform.Reporting.dll" --contentRoot "$ROOT/services/Reporting" \
    --recount-figures | tail -n 1
}
cleanup() {
  psql_q -c "DELETE FROM case_facts WHERE district_code = 'benchd'; DELETE FROM regions WHERE district_code = 'benchd'" >/dev/null
  recount >/dev/null
}
[[ $KEEP == 1 ]] || trap cleanup EXIT

echo "statistics-bench: generating $CASES disputes of $YEAR in 10 towns × 16 villages"
psql_q >/dev/null <<SQL
DELETE FROM case_facts WHERE district_code = 'benchd'; DELETE FROM regions WHERE district_code = 'benchd';
INSERT INTO regions (code, name, kind, town_code, district_code) VALUES ('benchd', '基准区', 0, NULL, 'benchd');
INSERT INTO regions (code, name, kind, town_code, district_code)
  SELECT 'benchd-t' || lpad(t::text, 2, '0'), '基准' || t || '镇', 1, 'benchd-t' || lpad(t::text, 2, '0'), 'benchd' FROM generate_series(1, 10) t;
INSERT INTO regions (code, name, kind, town_code, district_code)
  SELECT 'benchd-t' || lpad(t::text, 2, '0') || '-v' || lpad(v::text, 2, '0'), '基准' || t || '镇' || v || '村', 2,
         'benchd-t' || lpad(t::text, 2, '0'), 'benchd' FROM generate_series(1, 10) t, generate_series(1, 16) v;
SELECT setseed(0.24);
INSERT INTO case_facts (case_id, registered, kind, category, source, channel, region_code, town_code, district_code, received_at,
  received_year, party_count, amount_involved, status, risk_level, version, resolved_at, unresolved_at, agreement_type,
  escalation_prevented, amount_agreed, performed_at, judicial_confirmation_applied_at, prevented_group_petition,
  concluded_on_time, party_count_version, repeat_of)
SELECT gen_random_uuid(), true, 0, g % 15, g % 6, g % 6,
  'benchd-t' || lpad((g % 10 + 1)::text, 2, '0') || '-v' || lpad((g / 10 % 16 + 1)::text, 2, '0'), 'benchd-t' || lpad((g % 10 + 1)::text, 2, '0'),
  'benchd', r, $YEAR, 2 + g % 3, g % 100000, CASE WHEN o < 0.8 THEN 3 WHEN o < 0.9 THEN 4 ELSE 2 END, g % 4, 3,
  CASE WHEN o < 0.8 THEN r + interval '9 days' END, CASE WHEN o >= 0.8 AND o < 0.9 THEN r + interval '20 days' END,
  CASE WHEN o < 0.8 THEN g % 2 END, o < 0.05, CASE WHEN o < 0.8 THEN (g % 5000) END,
  CASE WHEN o < 0.5 THEN r + interval '30 days' END, CASE WHEN o < 0.1 THEN r + interval '15 days' END,
  CASE WHEN o < 0.02 THEN 10 + g % 20 END, false, 1, false
FROM (SELECT g, random() AS o, timestamptz '$YEAR-01-01 00:00:00+08' + (random() * interval '330 days') AS r FROM generate_series(1, $CASES) g) x;
ANALYZE case_facts;
SQL
echo "statistics-bench: recounting the counters (--recount-figures): $(recount)"
psql_q -c "ANALYZE case_counters"
rows=$(psql_q -c "SELECT count(*) FROM case_counters WHERE district_code = 'benchd' AND metric = 'Statistics'")
echo "statistics-bench: $rows statistics counter rows for the district-year"

TOKEN=$(curl -sf "$URL/connect/token" -d grant_type=password -d username=admin --data-urlencode "password=$(cat .local/secrets/admin-password)" | jq -r .access_token)
Q="$URL/api/reports/statistics?regionCode=benchd&from=$YEAR-01-01&to=$((YEAR + 1))-01-01"
curl -sf "$Q" -H "Authorization: Bearer $TOKEN" | jq -c '{rows: (.rows | length), registered: .total.columns.total.registered, resolved: .total.columns.total.resolved}'
times=()
for _ in $(seq 1 "$REPEAT"); do times+=("$(curl -sf "$Q" -H "Authorization: Bearer $TOKEN" -o /dev/null -w '%{time_total}')"); done
psql_q -c "EXPLAIN (ANALYZE, BUFFERS) SELECT coalesce(town_code, region_code), year, key, sum(value)
  FROM case_counters WHERE metric = 'Statistics' AND year BETWEEN $YEAR AND $YEAR AND district_code = 'benchd' GROUP BY 1, 2, 3" | grep -E "Execution Time|Aggregate|Scan" | sed 's/^/statistics-bench: sql: /'
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$REPEAT" -v cases="$CASES" '{ t[NR] = $1 } END {
  printf "statistics of a district (10 towns, %d disputes, one year) through the gateway: min %.1f ms, median %.1f ms, p95 %.1f ms, max %.1f ms over %d requests (goal <= 100 ms)\n",
    cases, t[1] * 1000, t[int((n + 1) / 2)] * 1000, t[int(n * 0.95 + 0.5)] * 1000, t[n] * 1000, n }'
