#!/usr/bin/env bash
# Builds every image of the platform — without a public container registry by default (ADR 0025):
#
#   deploy/images/build.sh [--source debian|official] [--mirror URL] [--security-mirror URL|none] [--tag TAG]
#                          [--rebuild-base] [--save FILE]
#   deploy/images/build.sh --load FILE            # on the air-gapped host: docker load, nothing else
#
# --source debian (default; MP_IMAGE_SOURCE): the base is made from a Debian archive by debootstrap (--mirror,
#   MP_DEBIAN_MIRROR, default http://deb.debian.org/debian — a domestic or intranet mirror works, e.g.
#   https://mirrors.tuna.tsinghua.edu.cn/debian) and `docker import`ed as mediation/debian:bookworm; PostgreSQL 15 and
#   RabbitMQ come from the same archive (deploy/images/postgres.Dockerfile, rabbitmq.Dockerfile).
# --source official: where a registry is reachable, debian:bookworm-slim is the base and the official postgres:15 and
#   rabbitmq:3.13-management images are used (tagged with the same local names, so docker-compose.yml is unchanged).
# The .NET services are self-contained publishes (linux-x64) made on this host by the SDK that builds the solution, so
# no SDK image is needed either; the NuGet feed the solution restores from is the only other source.
#
# Images (all tagged TAG, default latest; MP_IMAGE_TAG): mediation/debian:bookworm (base), mediation/runtime,
# mediation/runtime-fonts (+ fontconfig and Noto CJK: the report page's charts), mediation/runtime-print (+ chromium:
# the case service's PDFs), mediation/cases, mediation/mediators,
# mediation/reporting, mediation/gateway, mediation/postgres:15, mediation/rabbitmq:3.
# --save FILE: `docker save` of all of them into one file (gzip when FILE ends in .gz), for `--load FILE` elsewhere.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$ROOT/deploy/images
SOURCE=${MP_IMAGE_SOURCE:-debian}
MIRROR=${MP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${MP_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
TAG=${MP_IMAGE_TAG:-latest}
SUITE=bookworm
REBUILD_BASE=0
SAVE=
LOAD=

die() { echo "images: $*" >&2; exit 1; }
log() { echo "images: $*"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --source) SOURCE=${2:?}; shift 2 ;;
    --mirror) MIRROR=${2:?}; shift 2 ;;
    --security-mirror) SECURITY=${2:?}; shift 2 ;;
    --tag) TAG=${2:?}; shift 2 ;;
    --rebuild-base) REBUILD_BASE=1; shift ;;
    --save) SAVE=${2:?}; shift 2 ;;
    --load) LOAD=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
[[ $SOURCE == debian || $SOURCE == official ]] || die "--source is debian or official, not $SOURCE"
[[ $TAG =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "--tag $TAG is not a valid image tag"
command -v docker >/dev/null || die "docker is required"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd, or see deploy/compose/up.sh)"

if [[ -n $LOAD ]]; then
  [[ -r $LOAD ]] || die "cannot read $LOAD"
  if [[ $LOAD == *.gz ]]; then gzip -dc "$LOAD" | docker load; else docker load -i "$LOAD"; fi
  exit 0
fi

SERVICE_IMAGES=(cases mediators reporting gateway)
ALL_IMAGES=(mediation/debian:$SUITE mediation/runtime:$TAG mediation/runtime-fonts:$TAG mediation/runtime-print:$TAG mediation/postgres:15
  mediation/rabbitmq:3)
for s in "${SERVICE_IMAGES[@]}"; do ALL_IMAGES+=("mediation/$s:$TAG"); done

started=$(date +%s)

# ---- the base ------------------------------------------------------------------------------------------------------
base_from_debootstrap() {
  command -v debootstrap >/dev/null || die "debootstrap is required (apt-get install debootstrap)"
  [[ $(id -u) == 0 ]] || die "debootstrap needs root"
  local root
  root=$(mktemp -d /tmp/mediation-base.XXXXXX)
  trap 'rm -rf "$root"' RETURN
  log "debootstrap $SUITE from $MIRROR (minbase)"
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 ||
    { tail -20 "$root.log" >&2; die "debootstrap failed (log above)"; }
  rm -f "$root.log"
  # apt inside the images reads the same mirror; no recommends, no caches; no service starts while packages install
  {
    echo "deb $MIRROR $SUITE main"
    echo "deb $MIRROR $SUITE-updates main"
    [[ $SECURITY == none ]] || echo "deb $SECURITY $SUITE-security main"
  } >"$root/etc/apt/sources.list"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90mediation"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/tmp/* "$root"/var/log/*.log
  tar --numeric-owner -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    --message "debootstrap --variant=minbase $SUITE $MIRROR" - "mediation/debian:$SUITE" >/dev/null
}

if [[ $SOURCE == official ]]; then
  docker pull debian:$SUITE-slim && docker tag debian:$SUITE-slim "mediation/debian:$SUITE"
  docker pull postgres:15 && docker tag postgres:15 mediation/postgres:15
  docker pull rabbitmq:3.13-management && docker tag rabbitmq:3.13-management mediation/rabbitmq:3
elif [[ $REBUILD_BASE == 1 ]] || ! docker image inspect "mediation/debian:$SUITE" >/dev/null 2>&1; then
  base_from_debootstrap
else
  log "mediation/debian:$SUITE exists (--rebuild-base to make it again)"
fi

build() { # IMAGE CONTEXT DOCKERFILE [--build-arg …]
  local image=$1 context=$2 file=$3
  shift 3
  log "building $image"
  local out
  out=$(mktemp)
  docker build -t "$image" -f "$file" "$@" "$context" >"$out" 2>&1 || { tail -30 "$out" >&2; rm -f "$out"; die "docker build of $image failed"; }
  rm -f "$out"
}

# ---- runtime layers, PostgreSQL and RabbitMQ from the archive ---------------------------------------------------------
build "mediation/runtime:$TAG" "$HERE" "$HERE/runtime.Dockerfile" --build-arg "BASE=mediation/debian:$SUITE"
build "mediation/runtime-fonts:$TAG" "$HERE" "$HERE/runtime.Dockerfile" --build-arg "BASE=mediation/runtime:$TAG" \
  --build-arg USER_SETUP=0 --build-arg "PACKAGES=fontconfig fonts-noto-cjk"
build "mediation/runtime-print:$TAG" "$HERE" "$HERE/runtime.Dockerfile" --build-arg "BASE=mediation/runtime-fonts:$TAG" \
  --build-arg USER_SETUP=0 --build-arg "PACKAGES=chromium"
if [[ $SOURCE == debian ]]; then
  build mediation/postgres:15 "$HERE" "$HERE/postgres.Dockerfile" --build-arg "BASE=mediation/debian:$SUITE"
  build mediation/rabbitmq:3 "$HERE" "$HERE/rabbitmq.Dockerfile" --build-arg "BASE=mediation/debian:$SUITE"
fi

# ---- the services: self-contained publishes on this host ------------------------------------------------------------
# from a copy of the working tree (tracked and new files, not ignored ones): a linux-x64 restore in the checkout itself
# would rewrite the obj/ folders the local build and tests use
SRC=$ROOT/.local/images/src
PUBLISH=$ROOT/.local/images/publish
mkdir -p "$SRC" "$PUBLISH"
find "$SRC" -type f -not -path '*/bin/*' -not -path '*/obj/*' -delete   # (the build output stays: incremental)
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | xargs -0 -r ls -d 2>/dev/null | tar -cf - -T -) |
  tar -C "$SRC" -xf - || die "could not copy the sources to $SRC"
declare -A PROJECT=(
  [cases]=services/Cases/MediationPlatform.Cases.csproj
  [mediators]=services/Mediators/MediationPlatform.Mediators.csproj
  [reporting]=services/Reporting/MediationPlatform.Reporting.csproj
  [gateway]=gateway/MediationPlatform.Gateway.csproj
)
declare -A APP=(
  [cases]=MediationPlatform.Cases [mediators]=MediationPlatform.Mediators
  [reporting]=MediationPlatform.Reporting [gateway]=MediationPlatform.Gateway
)
[[ ${MP_IMAGES_SKIP_SERVICES:-0} == 1 ]] && SERVICE_IMAGES=()   # (for a first run of the base layers alone)
for s in "${SERVICE_IMAGES[@]}"; do
  log "dotnet publish $s (self-contained, linux-x64)"
  rm -rf "${PUBLISH:?}/$s"
  dotnet publish "$SRC/${PROJECT[$s]}" -c Release -r linux-x64 --self-contained true -o "$PUBLISH/$s" --nologo \
    -v quiet -p:GenerateDocumentationFile=true >"$PUBLISH.$s.log" 2>&1 ||
    { tail -30 "$PUBLISH.$s.log" >&2; die "dotnet publish of $s failed"; }
  rm -f "$PUBLISH.$s.log" "$PUBLISH/$s"/*.pdb
  runtime=mediation/runtime:$TAG
  [[ $s == cases ]] && runtime=mediation/runtime-print:$TAG        # chromium + fonts: the PDFs
  [[ $s == reporting ]] && runtime=mediation/runtime-fonts:$TAG    # fonts: the charts of the report page
  build "mediation/$s:$TAG" "$PUBLISH/$s" "$HERE/service.Dockerfile" --build-arg "RUNTIME=$runtime" \
    --build-arg "APP=${APP[$s]}"
done

log "built in $(( $(date +%s) - started )) s:"
docker image ls --filter 'reference=mediation/*' --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' | sort

if [[ -n $SAVE ]]; then
  log "saving ${#ALL_IMAGES[@]} images to $SAVE"
  if [[ $SAVE == *.gz ]]; then docker save "${ALL_IMAGES[@]}" | gzip -1 >"$SAVE"; else docker save -o "$SAVE" "${ALL_IMAGES[@]}"; fi
  log "saved: $(du -h "$SAVE" | cut -f1) — on the other host: deploy/images/build.sh --load $(basename "$SAVE")"
fi
exit 0
