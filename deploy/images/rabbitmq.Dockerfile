# RabbitMQ from Debian's archive (3.10) with the management plugin, started like the official image for what
# docker-compose.yml relies on (deploy/images/rabbitmq-entrypoint.sh): RABBITMQ_DEFAULT_USER/PASS become the
# administrator instead of guest, AMQP on 5672, the management API on 15672, `rabbitmq-diagnostics -q ping` as health.
ARG BASE=mediation/debian:bookworm
FROM ${BASE}
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends rabbitmq-server; \
    apt-get clean; rm -rf /var/lib/apt/lists/*; \
    rabbitmq-plugins enable --offline rabbitmq_management
COPY rabbitmq-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
VOLUME /var/lib/rabbitmq
EXPOSE 5672 15672
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["rabbitmq-server"]
