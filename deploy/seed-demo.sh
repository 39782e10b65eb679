#!/usr/bin/env bash
# Seeds the demo directory through the public API (so it exercises the same rules as any client):
# 渝北区 → 木耳镇 with 18 villages/communities (SAMPLE NAMES, not the official list), the town mediation committee,
# the 善和调解室 mediation room, 3 full-time mediators and one village mediator per village, the police station (警调),
# the township judge's court (一镇街一法官), the petition, judicial and safety offices, one login per role and a
# client-credentials client for the police station's own system. Running it twice is harmless (existing items → 409).
#   MP_GATEWAY=http://127.0.0.1:5080 deploy/seed-demo.sh
set -euo pipefail
GW=${MP_GATEWAY:-http://127.0.0.1:5080}
ADMIN_USER=${Bootstrap__AdminUser:-admin}
ADMIN_PASSWORD=${Bootstrap__AdminPassword:-Admin-dev-2026!}
DEMO_PASSWORD=${MP_DEMO_PASSWORD:-Demo-pass-2026!}

field() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" | head -n 1; }
TOKEN=$(curl -fsS "$GW/connect/token" -d grant_type=password --data-urlencode "username=$ADMIN_USER" \
  --data-urlencode "password=$ADMIN_PASSWORD" | field access_token)
[[ -n $TOKEN ]] || { echo "seed: could not get an admin token" >&2; exit 1; }

# post PATH JSON → prints the body; tolerates 409 (already seeded)
post() {
  local out code
  out=$(curl -sS -w '\n%{http_code}' -X POST "$GW$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2")
  code=${out##*$'\n'}; out=${out%$'\n'*}
  case $code in
    2*) echo "$out" ;;
    409) echo "" ;;
    *) echo "seed: POST $1 → $code $out" >&2; exit 1 ;;
  esac
}
get_id() { curl -fsS "$GW$1" -H "Authorization: Bearer $TOKEN" | field id; }

post /api/regions '{"code":"yubei","name":"渝北区","kind":"district"}' >/dev/null
post /api/regions '{"code":"muer","name":"木耳镇","kind":"town","parentCode":"yubei"}' >/dev/null
VILLAGES=(
  "muer-c01:木耳社区:community" "muer-c02:新街社区:community" "muer-v01:金刚村:village" "muer-v02:白云村:village"
  "muer-v03:石庙村:village" "muer-v04:大湾村:village" "muer-v05:新华村:village" "muer-v06:高堡村:village"
  "muer-v07:太平村:village" "muer-v08:双柏村:village" "muer-v09:龙井村:village" "muer-v10:花园村:village"
  "muer-v11:石院村:village" "muer-v12:黄桷村:village" "muer-v13:长岭村:village" "muer-v14:观音村:village"
  "muer-v15:青杠村:village" "muer-v16:土地村:village"
)
for v in "${VILLAGES[@]}"; do
  IFS=: read -r code name kind <<<"$v"
  post /api/regions "{\"code\":\"$code\",\"name\":\"$name（样例）\",\"kind\":\"$kind\",\"parentCode\":\"muer\"}" >/dev/null
done

org() { # name kind → id (creates when missing)
  local id
  id=$(curl -fsS "$GW/api/organizations?kind=$2&regionCode=muer" -H "Authorization: Bearer $TOKEN" | field id)
  if [[ -z $id ]]; then
    id=$(post /api/organizations "{\"name\":\"$1\",\"kind\":\"$2\",\"regionCode\":\"muer\",\"servesRegionCodes\":[\"muer\"]}" | field id)
  fi
  echo "$id"
}
COMMITTEE=$(org "木耳镇人民调解委员会" mediation_committee)
ROOM=$(org "善和调解室" mediation_room)
POLICE=$(org "木耳派出所（警调）" police_station)
COURT=$(org "渝北区人民法院木耳镇联络法官（一镇街一法官）" court)
PETITION=$(org "木耳镇信访办" petition_office)
JUDICIAL=$(org "木耳司法所" judicial_office)
SAFETY=$(org "木耳镇平安办" safety_office)

FIRST_MEDIATOR=""
if [[ -z $(get_id "/api/mediators?regionCode=muer") ]]; then
  for i in 1 2 3; do
    id=$(post /api/mediators "{\"name\":\"专职调解员$i（样例）\",\"phone\":\"1380000000$i\",\"kind\":\"full_time\",\"organizationId\":\"$COMMITTEE\",\"regionCodes\":[\"muer\"],\"specialties\":[\"marriage_family\",\"neighbourhood\",\"land_forest\"],\"maxActiveCases\":40}" | field id)
    [[ -z $FIRST_MEDIATOR ]] && FIRST_MEDIATOR=$id
  done
  n=0
  for v in "${VILLAGES[@]}"; do
    IFS=: read -r code name kind <<<"$v"; n=$((n + 1))
    post /api/mediators "{\"name\":\"${name}调解员（样例）\",\"phone\":\"139000000$(printf %02d $n)\",\"kind\":\"village\",\"organizationId\":\"$COMMITTEE\",\"regionCodes\":[\"$code\"],\"specialties\":[\"neighbourhood\",\"marriage_family\"],\"maxActiveCases\":15}" >/dev/null
  done
else
  FIRST_MEDIATOR=$(get_id "/api/mediators?regionCode=muer")
fi

user() { # userName displayName role extra-json
  post /api/users "{\"userName\":\"$1\",\"password\":\"$DEMO_PASSWORD\",\"displayName\":\"$2\",\"roles\":[\"$3\"],\"regionCodes\":[\"muer\"]$4}" >/dev/null
}
user supervisor "镇领导（样例）" supervisor ""
user mediator "专职调解员1（样例）" mediator ",\"mediatorId\":\"$FIRST_MEDIATOR\",\"organizationId\":\"$COMMITTEE\""
user petition "信访干部（样例）" petition_officer ",\"organizationId\":\"$PETITION\""
user police "派出所联络员（样例）" police_liaison ",\"organizationId\":\"$POLICE\""
user judge "联络法官（样例）" court_liaison ",\"organizationId\":\"$COURT\""
user statistician "统计员（样例）" statistician ""
post /api/clients "{\"clientId\":\"muer-police-system\",\"clientSecret\":\"police-system-secret-dev\",\"displayName\":\"木耳派出所警务系统\",\"roles\":[\"police_liaison\"],\"regionCodes\":[\"muer\"],\"organizationId\":\"$POLICE\"}" >/dev/null

cat <<INFO
Demo directory seeded (木耳镇, 18 sample villages/communities; mediation room $ROOM, judicial office $JUDICIAL, safety office $SAFETY).
Logins (password $DEMO_PASSWORD): supervisor, mediator, petition, police, judge, statistician.
System client: muer-police-system / police-system-secret-dev (client_credentials).
INFO
