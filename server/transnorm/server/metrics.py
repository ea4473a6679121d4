"""Prometheus metrics of the service, served over HTTP on ``--metrics-port``.

What is measured (the names as a scrape shows them):

- ``transnorm_rpc_calls_total{method, code}``: calls to ``transnorm.v1.NormalizerService`` by
  method and gRPC status code (``OK``, ``INVALID_ARGUMENT``, ``RESOURCE_EXHAUSTED``...);
- ``transnorm_rpc_duration_seconds{method}``: a histogram of how long each call took;
- ``transnorm_rpc_in_flight``: calls being served right now;
- ``transnorm_findings_total{rule}`` and ``transnorm_edits_total{rule}``: findings in the results
  sent (applied or only reported) and the applied ones among them, by rule id;
- ``transnorm_glossary_info{version}``: 1 for the glossary version being served, 0 for one that
  was served before a reload.

Calls are observed by a gRPC server interceptor, so the servicer knows nothing of metrics; the
per-rule counts are read from the response messages the interceptor sees. Health and reflection
calls are not counted (a load balancer's probes would drown the service's own traffic).

With one process the metrics live in its memory and the process serves them itself. With
``--workers N`` the workers are separate processes, so each writes its values to memory-mapped
files (prometheus-client's multiprocess mode) in a private temporary directory that the parent
creates before forking and removes when it stops; the parent, which serves no calls, serves the
metrics endpoint and adds the workers' files up at every scrape. Counters and histograms are
summed over workers, calls in flight are summed over the living workers, and a glossary version
counts as served when any living worker serves it.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections import Counter as Tally
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import grpc

from ..v1 import normalizer_pb2 as pb
from .log import say
from .service import SERVICE_NAME

if TYPE_CHECKING:
    from ..engine import Engine
    from .service import NormalizerServicer

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Seconds. A LookupTerm takes about a millisecond, a ~4 KB document tens of milliseconds, a
# 1 MiB adversarial text tens of seconds.
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_PREFIX = f"/{SERVICE_NAME}/"


class Metrics:
    """One serving process's metrics, registered in ``registry``."""

    def __init__(self, registry: Any) -> None:
        from prometheus_client import Counter, Gauge, Histogram

        self.calls = Counter("transnorm_rpc_calls", "Calls by method and gRPC status code.",
                             ("method", "code"), registry=registry)
        self.duration = Histogram("transnorm_rpc_duration_seconds", "How long calls took, by method.",
                                  ("method",), buckets=BUCKETS, registry=registry)
        self.in_flight = Gauge("transnorm_rpc_in_flight", "Calls being served now.",
                               multiprocess_mode="livesum", registry=registry)
        self.findings = Counter("transnorm_findings", "Findings in the results sent (applied or reported), by rule id.",
                                ("rule",), registry=registry)
        self.edits = Counter("transnorm_edits", "Edits applied in the results sent, by rule id.",
                             ("rule",), registry=registry)
        self.glossary = Gauge("transnorm_glossary_info", "1 for the glossary version being served, 0 for earlier ones.",
                              ("version",), multiprocess_mode="livemax", registry=registry)
        self._version: str | None = None
        self._lock = threading.Lock()
        self.interceptor = _Interceptor(self)

    def serving(self, version: str) -> None:
        """Say that glossary ``version`` is the one served from now on."""
        with self._lock:
            if self._version is not None and self._version != version:
                self.glossary.labels(self._version).set(0)
            self.glossary.labels(version).set(1)
            self._version = version

    def watch(self, servicer: "NormalizerServicer") -> None:
        """Follow the glossary ``servicer`` serves, through reloads."""
        self.serving(servicer.engine.glossary.version)

        def swapped(engine: "Engine") -> None:
            self.serving(engine.glossary.version)

        servicer.on_swap.append(swapped)

    def count(self, response: Any) -> None:
        """Count the findings and edits in a response, by rule id."""
        if isinstance(response, (pb.NormalizeResponse, pb.CheckResponse)):
            results = [response.result]
        elif isinstance(response, pb.NormalizeBatchResponse):
            results = [r.result for r in response.results if r.HasField("result")]
        else:
            return
        found, applied = Tally(), Tally()
        for result in results:
            applied.update(f.rule_id for f in result.applied)
            found.update(f.rule_id for f in result.unapplied)
        found.update(applied)  # an applied edit is a finding too
        for rule, n in found.items():
            self.findings.labels(rule).inc(n)
        for rule, n in applied.items():
            self.edits.labels(rule).inc(n)


class _Interceptor(grpc.ServerInterceptor):
    """Times and counts every call of the normalizer service."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or handler.unary_unary is None or not method.startswith(_PREFIX):
            return handler
        return grpc.unary_unary_rpc_method_handler(
            self._observed(handler.unary_unary, method[len(_PREFIX):]),
            request_deserializer=handler.request_deserializer, response_serializer=handler.response_serializer)

    def _observed(self, behavior, method: str):
        m = self.metrics

        def observed(request, context: grpc.ServicerContext):
            m.in_flight.inc()
            t0 = time.perf_counter()
            code = "UNKNOWN"  # what gRPC answers for an exception that set no status
            try:
                response = behavior(request, context)
                code = "OK"
                m.count(response)
                return response
            finally:
                m.duration.labels(method).observe(time.perf_counter() - t0)
                status = context.code()  # set by an abort, or by set_code
                m.calls.labels(method, status.name if status is not None else code).inc()
                m.in_flight.dec()

        return observed


class Exporter:
    """The HTTP endpoint at ``http://host:port/metrics`` and the metrics of the serving processes."""

    def __init__(self, host: str, port: int, workers: int) -> None:
        from prometheus_client import CollectorRegistry, ProcessCollector, start_http_server

        self.workers = workers
        self._directory: str | None = None
        self._saved: tuple[str | None, Any] | None = None
        self.registry = CollectorRegistry()
        if workers > 1:
            self._directory = tempfile.mkdtemp(prefix="transnorm-metrics-")
            self._use_files(self._directory)
            from prometheus_client.multiprocess import MultiProcessCollector

            MultiProcessCollector(self.registry, path=self._directory)
        else:
            ProcessCollector(registry=self.registry)  # process_resident_memory_bytes and friends
        try:
            self._httpd, self._thread = start_http_server(port, addr=host.strip("[]"), registry=self.registry)
        except OSError as e:
            self._cleanup()
            raise OSError(f"cannot serve metrics on {_address(host, port)}: {e.strerror or e}") from None
        self.host, self.port = host, self._httpd.server_port
        self._made = False

    def metrics(self) -> Metrics:
        """This process's metrics: called once in each serving process (in each worker after the fork)."""
        if self.workers > 1:
            from prometheus_client import CollectorRegistry

            # The values go to this process's files; the parent's collector reads them.
            return Metrics(CollectorRegistry(auto_describe=False))
        if self._made:
            raise RuntimeError("one process serves one set of metrics")
        self._made = True
        return Metrics(self.registry)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5.0)
        self._cleanup()

    def _use_files(self, directory: str) -> None:
        """Make metrics created from now on in this process and its children write to ``directory``.

        prometheus-client picks its value class when it is first imported, from the environment;
        when it was imported before (by the program embedding the server) the class is replaced
        here, and put back by ``close``.
        """
        from prometheus_client import values

        self._saved = (os.environ.get(MULTIPROC_ENV), values.ValueClass)
        os.environ[MULTIPROC_ENV] = directory
        if not getattr(values.ValueClass, "_multiprocess", False):
            values.ValueClass = values.MultiProcessValue()

    def _cleanup(self) -> None:
        if self._saved is not None:
            from prometheus_client import values

            env, value_class = self._saved
            if env is None:
                os.environ.pop(MULTIPROC_ENV, None)
            else:
                os.environ[MULTIPROC_ENV] = env
            values.ValueClass = value_class
            self._saved = None
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None


@contextlib.contextmanager
def exporting(host: str, port: int | None, workers: int = 1) -> Iterator[Exporter | None]:
    """Serve metrics on ``host:port`` (0 picks a free port) while the block runs; ``None`` when
    ``port`` is None (metrics off). Logs where the endpoint listens."""
    if port is None:
        yield None
        return
    exporter = Exporter(host, port, workers)
    say(f"metrics on http://{_address(host, exporter.port)}/metrics", event="metrics", host=host, port=exporter.port)
    try:
        yield exporter
    finally:
        exporter.close()


def _address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"
