# One .NET service: its self-contained publish (deploy/images/build.sh publishes on the build host, so no SDK image and
# no registry is needed) on the runtime layer. Build context: the publish folder. APP: the executable's name.
ARG RUNTIME=mediation/runtime:latest
FROM ${RUNTIME}
ARG APP
WORKDIR /app
COPY . /app
RUN test -x "/app/${APP}" && ln -s "/app/${APP}" /app/entrypoint
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
USER 1654
ENTRYPOINT ["/app/entrypoint"]
