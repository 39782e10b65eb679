# The .NET services' runtime layer: what a self-contained .NET publish needs from the system (ICU, OpenSSL, CA
# certificates, time zones), curl for the health checks, and the user app (uid 1654, as Microsoft's images). Built by
# deploy/images/build.sh from the base it names (BASE: the debootstrap image, or debian:bookworm-slim where a registry
# is reachable). With PACKAGES, more of Debian's packages on top (build.sh: runtime-fonts adds fontconfig and the Noto
# CJK fonts for the reporting service's charts; runtime-print adds chromium for the case service's PDFs).
ARG BASE=mediation/debian:bookworm
FROM ${BASE}
ARG PACKAGES="ca-certificates curl libicu72 libssl3 tzdata zlib1g"
ARG USER_SETUP=1
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ${PACKAGES}; \
    apt-get clean; rm -rf /var/lib/apt/lists/*; \
    if [ "$USER_SETUP" = 1 ]; then \
      groupadd --gid 1654 app; useradd --uid 1654 --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app; \
    fi
ENV APP_UID=1654 DOTNET_RUNNING_IN_CONTAINER=true
