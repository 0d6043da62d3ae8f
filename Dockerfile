# ai-act-monitor as a container: `monitor run` as a non-root user, the store on /data.
#
#   docker build -t ai-act-monitor .
#   docker run -d --name monitor -v monitor-data:/data ai-act-monitor
#
# BASE is a build argument so that a machine without a registry can build on a
# local image of the same kind (scripts/container-check does that with podman).
ARG BASE=python:3.11-slim

FROM ${BASE} AS build
# Labelled too, so that a builder cleaning up after itself can find this stage's image.
LABEL org.opencontainers.image.title="ai-act-monitor"
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
COPY events ./events
COPY monitor ./monitor
COPY config ./config
# The virtual environment is copied whole into the final stage: no compiler, no
# pip cache and no source tree end up in the image. constraints.txt pins every
# package to the version tested (scripts/pin-image-deps writes it).
RUN python3 -m venv /opt/monitor \
    && /opt/monitor/bin/pip install --no-compile -c constraints.txt ".[notify]" \
    && /opt/monitor/bin/python -m compileall -q /opt/monitor/lib

FROM ${BASE}
# Set by the build (scripts/container-check does): the version, the commit, the time.
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="ai-act-monitor" \
      org.opencontainers.image.description="Event-sourced news monitor that flags updates on the EU AI Act" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/ai-act-monitor/ai-act-monitor" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}"
COPY --from=build /opt/monitor /opt/monitor
RUN useradd --no-log-init --uid 10001 --user-group --home-dir /data --no-create-home monitor \
    && mkdir -p /data /config \
    && chown monitor:monitor /data
# The store and its digests live on the volume; logs are JSON lines on stderr.
# Settings: mount a folder on /config; its monitor.toml is read when there is one
# (a folder, not a file: a missing file mounted would turn into an empty folder).
#   -v ./monitor-config:/config:ro
# Run with --init (tini as PID 1) and --stop-timeout 45 (longer than
# daemon.shutdown_timeout, 30 s), as compose.yaml does.
ENV PATH=/opt/monitor/bin:$PATH \
    MONITOR_DB=/data/monitor.db \
    MONITOR_LOG_JSON=true \
    MONITOR_CONFIG=/config \
    PYTHONUNBUFFERED=1 \
    HOME=/data
VOLUME ["/data"]
# `monitor serve --host 0.0.0.0` (the web app and API) listens here; it needs
# MONITOR_WEB__TOKEN to listen beyond loopback.
EXPOSE 8080
WORKDIR /data
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["monitor", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["monitor"]
CMD ["run"]
