#!/usr/bin/env bash
# Documents benchmark (issue 21, ADR 0019): the whole 卷宗 (case_file) of a dispute with 5 sessions and 3 follow-ups,
# printed as PDF through the gateway; the goal is under 2 s on this machine. Not a test: the number depends on the machine.
#   bench/documents.sh [--url http://127.0.0.1:5080] [--prints 10]
# Needs a running platform with the demo town (./run.sh --seed-demo) and its admin's password (BENCH_ADMIN_PASSWORD, else
# .local/secrets/admin-password). Builds the case through the API (admin: register, sessions, resolve, follow-ups; the
# mediator the ladder assigns), prints the 卷宗 once to start the browser, then --prints times and reports min / median / max.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
URL=http://127.0.0.1:${MP_GATEWAY_PORT:-5080} PRINTS=10
while (($#)); do
  case $1 in
    --url) URL=$2; shift ;;
    --prints) PRINTS=$2; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PASSWORD=${BENCH_ADMIN_PASSWORD:-$(cat .local/secrets/admin-password)}
TOKEN=$(curl -sf "$URL/connect/token" -d grant_type=password -d username=admin --data-urlencode "password=$PASSWORD" | jq -r .access_token)
J=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
post() { curl -sf -X POST "$URL$1" "${J[@]}" -d "$2"; }
ago() { date -u -d "-$1 hours" +%Y-%m-%dT%H:%M:%SZ; }

ID=$(post /api/cases "{\"kind\":\"dispute\",\"title\":\"文书基准：宅基地边界纠纷\",\"description\":\"两户因宅基地边界发生争执\",
  \"category\":\"housing_homestead\",\"regionCode\":\"muer-v01\",\"source\":\"application\",\"channel\":\"walk_in\",\"riskLevel\":\"low\",
  \"receivedAt\":\"$(ago 30)\",\"parties\":[{\"role\":\"applicant\",\"kind\":\"person\",\"name\":\"张某\",\"idNumber\":\"500112198001011234\"},
  {\"role\":\"respondent\",\"kind\":\"person\",\"name\":\"李某\"}]}" | jq -r .id)
for _ in $(seq 1 100); do
  MEDIATOR=$(curl -sf "$URL/api/cases/$ID" "${J[@]}" | jq -r '.assignedMediatorId // empty')
  [[ -n $MEDIATOR ]] && break
  sleep 0.2
done
[[ -n ${MEDIATOR:-} ]] || { echo "documents-bench: the case $ID was not assigned" >&2; exit 1; }
post "/api/cases/$ID/start-mediation" "{\"occurredAt\":\"$(ago 29)\"}" >/dev/null
for n in 1 2 3 4 5; do
  SESSION=$(post /api/sessions "{\"caseId\":\"$ID\",\"mediatorIds\":[\"$MEDIATOR\"],\"startsAt\":\"$(ago $((28 - 2 * n)))\",
    \"endsAt\":\"$(ago $((27 - 2 * n)))\",\"location\":\"金刚村调解室\"}" | jq -r .id)
  post "/api/sessions/$SESSION/record" "{\"held\":true,\"attendeeCount\":4,\"summary\":\"第${n}次调解：双方陈述意见，调解员释法说理\"}" >/dev/null
done
for _ in $(seq 1 100); do
  [[ $(curl -sf "$URL/api/cases/$ID/documents" "${J[@]}" | jq -r '.[] | select(.kind=="session_record") | .available') == true ]] && break
  sleep 0.2
done
post "/api/cases/$ID/resolve" '{"agreementType":"written","agreementSummary":"李某退让边界并赔偿","amountAgreed":3000,
  "obligations":[{"party":1,"what":"退让宅基地边界0.5米","dueAt":"2099-01-01T00:00:00+08:00"},{"party":1,"what":"赔偿张某损失","amount":3000}]}' >/dev/null
for n in 1 2 3; do
  post "/api/cases/$ID/follow-ups" "{\"performed\":true,\"satisfied\":true,\"note\":\"第${n}次回访\",\"performedObligations\":[$((n % 2))]}" >/dev/null
done

curl -sf "$URL/api/cases/$ID/documents/case_file" -H "Authorization: Bearer $TOKEN" -o /dev/null   # starts the browser
times=()
for _ in $(seq 1 "$PRINTS"); do
  times+=("$(curl -sf "$URL/api/cases/$ID/documents/case_file" -H "Authorization: Bearer $TOKEN" -o /tmp/mp-case-file.pdf -w '%{time_total}')")
done
pages=$(pdfinfo /tmp/mp-case-file.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$PRINTS" -v pages="${pages:-?}" -v id="$ID" '
  { t[NR] = $1 } END { printf "case_file of %s (5 sessions, 3 follow-ups, %s pages): min %.3f s, median %.3f s, max %.3f s over %d prints (goal < 2 s)\n",
    id, pages, t[1], t[int((n + 1) / 2)], t[n], n }'
