# PostgreSQL 15 from Debian's archive, started like the official image (deploy/images/postgres-entrypoint.sh):
# POSTGRES_PASSWORD for the superuser, /docker-entrypoint-initdb.d/*.sh and *.sql on an empty data volume, data in
# /var/lib/postgresql/data, `postgres -c …` as the command.
ARG BASE=mediation/debian:bookworm
FROM ${BASE}
RUN set -eux; \
    mkdir -p /etc/postgresql-common; echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf; \
    apt-get update; \
    apt-get install -y --no-install-recommends postgresql-15; \
    apt-get clean; rm -rf /var/lib/apt/lists/*; \
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql /docker-entrypoint-initdb.d
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
