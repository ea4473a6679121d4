# transnorm's gRPC service in a container.
#
#   docker build -t transnorm .
#   docker run --rm -p 50051:50051 -p 9100:9100 transnorm
#   docker run --rm -p 50051:50051 -v "$PWD/house.yaml:/etc/transnorm/house.yaml:ro" transnorm \
#       python -m transnorm.server --host 0.0.0.0 --port 50051 --glossary /etc/transnorm/house.yaml
#
# The first stage builds wheels for transnorm (its one C extension needs gcc) and for every
# dependency; the second installs them into a slim image without a compiler and runs the
# service as an unprivileged user. Health is the standard gRPC health service.

FROM python:3.11-slim AS build
# The compiler is whatever the base image's Debian release ships; it only builds, it never runs.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY server ./server
COPY client ./client
COPY glossary ./glossary
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/transnorm-*.whl \
    && rm -rf /wheels \
    && groupadd --system --gid 10001 transnorm \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin transnorm
COPY docker/healthcheck.py /usr/local/bin/transnorm-healthcheck
USER 10001:10001
WORKDIR /tmp
EXPOSE 50051 9100
# The first start builds the glossary's indexes and loads the language data: give it time.
HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 \
    CMD ["python", "/usr/local/bin/transnorm-healthcheck", "127.0.0.1:50051"]
STOPSIGNAL SIGTERM
CMD ["python", "-m", "transnorm.server", "--host", "0.0.0.0", "--port", "50051", "--metrics-port", "9100", "--insecure"]
