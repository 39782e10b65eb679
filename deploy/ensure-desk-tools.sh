#!/usr/bin/env bash
# What the report page needs on this machine, from Debian's packages, installed only when missing (idempotent):
#   chromium        headless browser the report-page tests render the page in (and docs/images/annual-report.png)
#   fonts-noto-cjk  "Noto Sans CJK SC": the Chinese glyphs of the charts (SkiaSharp finds it through fontconfig) and the
#                   "Noto Serif CJK SC" of the case documents (chromium embeds both in the PDFs)
#   poppler-utils   pdftotext / pdffonts: the document tests read the PDFs' text and check every font is embedded
# Run as root (test.sh does); prints nothing when everything is there.
#   deploy/ensure-desk-tools.sh
set -euo pipefail
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH"

log() { echo "desk-tools: $*" >&2; }
die() { echo "desk-tools: error: $*" >&2; exit 1; }

installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

pkgs=()
installed chromium || pkgs+=(chromium)
installed fonts-noto-cjk || pkgs+=(fonts-noto-cjk)
installed poppler-utils || pkgs+=(poppler-utils)
(( ${#pkgs[@]} )) || exit 0

[[ $(id -u) == 0 ]] || die "${pkgs[*]} missing; run as root to install them with apt-get"
log "installing ${pkgs[*]} with apt-get ..."
rc=0
{ DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -q &&
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${pkgs[@]}"; } >&2 || rc=$?
(( rc == 0 )) || die "apt-get install ${pkgs[*]} failed (exit $rc)"
command -v chromium >/dev/null || die "chromium is not on PATH after the install"
command -v pdftotext >/dev/null || die "pdftotext is not on PATH after the install"
fc-list ':lang=zh-cn' family | grep -q 'Noto Sans CJK SC' || die "fontconfig does not list Noto Sans CJK SC after the install"
