"""Running the service: one gRPC server per process, health and reflection, graceful shutdown,
TLS and bearer tokens, glossary reloads on SIGHUP and through the admin RPC.

``serve`` is the entry point of ``python -m transnorm.server``; ``start`` runs a server inside the
calling process (for embedding and for tests).

With several workers, the parent and each worker share a pipe. Over it a worker says it is ready,
a worker that was asked for a reload (``AdminService.ReloadGlossary``) asks the parent for one, the
parent tells every worker to reload (for that request or for a SIGHUP), each worker answers with
its outcome, and the parent hands the outcomes to the worker that asked, which answers the call.
"""
from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from ..engine import Engine, Options
from ..engine.language import DETECTOR_LANGUAGES, common_words, detect
from ..engine.profiles import supported
from ..glossary import GlossaryError, bundled_paths
from . import admin
from .admin import ADMIN_SERVICE_NAME, AdminServicer, ReloadOutcome, ReloadUnavailable
from .log import configure, say
from .metrics import Metrics, exporting
from .security import LiveSecurity, Security, SecurityError
from .settings import DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_TEXT
from .service import SERVICE_NAME, NormalizerServicer, _log_internal, add_to_server

# Calls run on a thread pool; the engine is CPU-bound Python, so more cores need more processes
# (``workers``), while a few threads keep short calls from queueing behind a long one.
THREADS = 8
WATCHERS = 64  # health Watch streams served at once (more wait for a free thread)
_MESSAGE_SLACK = 1 << 20  # room for options and protobuf framing around the largest text


class HealthService(health.HealthServicer):
    """grpc's health service, but never sending to a watcher while holding its lock.

    The reference implementation sends every update under its lock; a ``Watch`` stream closing at
    the same moment waits for that lock in its close callback on the thread the send needs, and a
    SIGTERM with open watchers never drains. Here the lock guards only the table; updates are
    handed to the watchers after it is released, and a watcher that registered meanwhile is sent
    the latest status.
    """

    def Watch(self, request, context, send_response_callback=None):  # noqa: N802 (grpc's name)
        blocking_watcher = None
        if send_response_callback is None:  # a server without the non-blocking API
            blocking_watcher = health._Watcher()
            send_response_callback = health._watcher_to_send_response_callback_adapter(blocking_watcher)
        service = request.service
        unknown = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN
        with self._lock:
            status = self._server_status.get(service, unknown)
            self._send_response_callbacks.setdefault(service, set()).add(send_response_callback)
            context.add_callback(self._on_close_callback(send_response_callback, service))
        send_response_callback(health_pb2.HealthCheckResponse(status=status))
        with self._lock:
            latest = self._server_status.get(service, unknown)
        if latest != status:  # changed while the first answer was on its way
            send_response_callback(health_pb2.HealthCheckResponse(status=latest))
        return blocking_watcher

    def set(self, service, status):
        self._set(service, status, shutting_down=False)

    def _set(self, service, status, shutting_down: bool) -> None:
        with self._lock:
            if self._gracefully_shutting_down and not shutting_down:
                return
            self._server_status[service] = status
            callbacks = list(self._send_response_callbacks.get(service, ()))
        for callback in callbacks:
            callback(health_pb2.HealthCheckResponse(status=status))

    def enter_graceful_shutdown(self):
        """Every service NOT_SERVING for good: to watchers, and to ``Check`` from now on."""
        with self._lock:
            if self._gracefully_shutting_down:
                return
            self._gracefully_shutting_down = True
            services = list(self._server_status)
        for service in services:
            self._set(service, health_pb2.HealthCheckResponse.NOT_SERVING, shutting_down=True)


class RunningServer:
    """A started server: its port, its health service, and a graceful ``stop``."""

    def __init__(self, server: grpc.Server, health_servicer: health.HealthServicer, port: int,
                 watchers: futures.ThreadPoolExecutor | None = None,
                 servicer: NormalizerServicer | None = None, reload: "Reload | None" = None) -> None:
        self.server = server
        self.servicer = servicer
        self.reload = reload  # this process's glossary reloads
        self.health = health_servicer
        self.port = port
        self._watchers = watchers

    def stop(self, grace: float | None = 10.0) -> None:
        """Report NOT_SERVING, then let calls in flight finish for up to ``grace`` seconds."""
        self.health.enter_graceful_shutdown()
        self.server.stop(grace).wait()
        if self._watchers is not None:
            self._watchers.shutdown(wait=False)  # their streams were cancelled with the server


class Reload:
    """Reloading one process's glossary (on SIGHUP or for the admin RPC): the new glossary is
    loaded, validated and indexed off to the side while the old one keeps serving, then swapped in
    at once; one that fails to load is refused and the old one stays. Reloads in one process run
    one at a time. ``glossary`` None reloads the bundled glossary."""

    def __init__(self, glossary: Sequence[str | Path] | None, max_text: int,
                 requested: threading.Event | None = None) -> None:
        self.glossary, self.max_text = glossary, max_text
        self.requested = requested if requested is not None else threading.Event()  # set by SIGHUP
        self._lock = threading.Lock()
        self.security: LiveSecurity | None = None  # set by ``start``: read again at each reload

    def apply(self, servicer: NormalizerServicer) -> ReloadOutcome:
        with self._lock:
            if self.security is not None:
                self.security.reload()  # logs its outcome; a refused one leaves the old files serving
            old = servicer.engine.glossary.version
            try:
                engine = load_engine(self.glossary, self.max_text)
            except Exception as e:  # noqa: BLE001 - whatever goes wrong, the old glossary keeps serving
                if isinstance(e, GlossaryError):
                    error = str(e)
                else:  # a bug met while loading: the log gets its type and frames, never file text
                    _log_internal("glossary reload", e)
                    error = f"the glossary could not be loaded: internal error {type(e).__name__} (see the server log)"
                say(f"reload refused, still serving glossary {old}: {error}", level=logging.ERROR,
                    event="reload_refused", glossary_version=old)
                return ReloadOutcome(os.getpid(), old, old, error, self.sources(servicer))
            servicer.swap(engine)
            new = engine.glossary.version
            say(f"reloaded the glossary: {old} -> {new}", event="reload", old_version=old, glossary_version=new)
            return ReloadOutcome(os.getpid(), old, new, "", tuple(engine.glossary.sources))

    def sources(self, servicer: NormalizerServicer) -> tuple[str, ...]:
        return tuple(str(p) for p in self.glossary) if self.glossary else tuple(servicer.engine.glossary.sources)


def address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def start(engine: Engine, host: str = "127.0.0.1", port: int = 0, *, reuse_port: bool = False,
          threads: int = THREADS, max_concurrent: int | None = None, security: Security | None = None,
          reload: Reload | None = None,
          reload_all: Callable[[float | None], list[ReloadOutcome]] | None = None,
          metrics: Metrics | None = None) -> RunningServer:
    """Start a server for ``engine`` on ``host:port`` (0 picks a free port) and return at once.

    ``security`` sets TLS and bearer tokens (default: plaintext, and the admin service refused).
    ``reload`` reloads this process's glossary (default: the files ``engine`` was loaded from);
    ``reload_all`` is how ``AdminService.ReloadGlossary`` reaches every process serving the port
    (default: this one only). The loopback rule (``Security.check_bind``) is ``serve``'s to apply.
    ``metrics`` (see ``transnorm.server.metrics``) observes its calls.
    """
    live = LiveSecurity(security or Security())
    # A text of max_text code points takes up to 4 bytes each in UTF-8. The message limit sits above
    # that so an over-long text reaches the engine, which answers with a clear RESOURCE_EXHAUSTED.
    limit = 4 * engine.max_text + _MESSAGE_SLACK
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=threads, thread_name_prefix="transnorm"),
        # Metrics first: a call refused for its token is counted too.
        interceptors=([metrics.interceptor] if metrics is not None else []) + list(live.interceptors()),
        options=[
            ("grpc.max_receive_message_length", limit),
            ("grpc.max_send_message_length", -1),
            ("grpc.so_reuseport", 1 if reuse_port else 0),
        ],
    )
    servicer = NormalizerServicer(engine, max_concurrent)
    if metrics is not None:
        metrics.watch(servicer)
    add_to_server(servicer, server)
    if reload is None:
        reload = Reload(list(engine.glossary.sources), engine.max_text)
    reload.security = live  # a reload reads the certificate and tokens again too
    if reload_all is None:
        reload_all = lambda timeout: [reload.apply(servicer)]  # noqa: E731
    admin.add_to_server(AdminServicer(reload_all), server)
    # Watch streams run as blocking generators on a pool of their own: grpc's non-blocking stream
    # API races when a client hangs up while an update is being sent (a KeyError in its serving
    # thread, and the server never stops), and on their own pool watchers cannot starve the calls.
    watchers = futures.ThreadPoolExecutor(max_workers=WATCHERS, thread_name_prefix="transnorm-health")
    health_servicer = HealthService(experimental_non_blocking=False, experimental_thread_pool=watchers)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    health_name = health_pb2.DESCRIPTOR.services_by_name["Health"].full_name
    reflection.enable_server_reflection((SERVICE_NAME, ADMIN_SERVICE_NAME, health_name, reflection.SERVICE_NAME),
                                        server)
    try:
        if live.tls:
            bound = server.add_secure_port(address(host, port), live.credentials())
        else:
            bound = server.add_insecure_port(address(host, port))
    except RuntimeError:  # grpc's way of saying the bind failed
        bound = 0
    if not bound:
        raise OSError(f"cannot listen on {address(host, port)}: the port is in use or the address is not local")
    server.start()
    for name in ("", SERVICE_NAME):
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, health_servicer, bound, watchers, servicer, reload)


def load_engine(glossary: Sequence[str | Path] | None, max_text: int = DEFAULT_MAX_TEXT) -> Engine:
    """Build the engine and its lazy resources, so the first call is as fast as the rest.

    Raises ``GlossaryError`` with a message for the operator when the glossary cannot be used.
    """
    if not glossary and not bundled_paths():
        raise GlossaryError("no bundled glossary is installed; pass --glossary PATH")
    engine = Engine.from_paths(list(glossary) if glossary else None, max_text=max_text)
    engine.normalize("Warm-up text for the checks."[:max_text], Options(allow_empty=True))
    for language in supported():  # each language's view of the glossary and its lazy resources
        engine.normalize("Warm-up text for the checks."[:max_text], Options(allow_empty=True, target_language=language))
        common_words(language)  # the word lists language detection weighs
    for script in DETECTOR_LANGUAGES:  # the language detectors, loaded once
        detect("warm-up", script)
    engine.lookup("warm-up")
    from ..engine import evidence, names

    evidence.common_words()  # the word lists the name evidence reads, loaded now, not in a first call
    evidence.standing("warmup")
    engine.resource("names.demonyms", names.demonyms)  # the words for the places' people
    _preload_models()
    return engine


def _preload_models() -> None:
    """Load installed translation models now, so the first retranslation pays no loading time."""
    try:
        from ..engine.retranslate import preload
    except ImportError:  # the [retranslate] extra is not installed
        return
    for line in preload():
        say(f"model {line}")


def serve(host: str = "127.0.0.1", port: int = 50051, glossary: list[str] | None = None, workers: int = 1,
          max_text: int = DEFAULT_MAX_TEXT, grace: float = 10.0,
          ready: Callable[[int], None] | None = None, max_concurrent: int = DEFAULT_MAX_CONCURRENT,
          log_format: str = "text", security: Security | None = None, metrics_port: int | None = None,
          metrics_host: str | None = None) -> int:
    """Serve until SIGTERM or SIGINT, then drain calls in flight and return the exit code.

    With ``workers`` > 1, that many processes share the port (``SO_REUSEPORT``), each with its own
    server over a copy of one engine built before they start. ``port`` 0 picks a free port; the
    line ``transnorm: serving on HOST:PORT (N workers)`` on stderr, and ``ready(port)``, say when
    every worker accepts calls. Plaintext on an address other than loopback is refused (exit 2)
    unless ``security`` has TLS or ``insecure``. With ``metrics_port``, Prometheus metrics are
    served on ``metrics_host`` (``host`` by default) at that port. Must run in the main thread (it
    installs signal handlers).
    """
    configure(log_format)
    security = security or Security()
    if workers < 1:
        say(f"--workers must be at least 1, not {workers}", level=logging.ERROR)
        return 2
    if max_text < 1:
        say(f"--max-text must be at least 1, not {max_text}", level=logging.ERROR)
        return 2
    if max_concurrent < 1:
        say(f"--max-concurrent must be at least 1, not {max_concurrent}", level=logging.ERROR)
        return 2
    if metrics_port is not None and not 0 <= metrics_port <= 65535:
        say(f"--metrics-port must be a port number from 0 to 65535, not {metrics_port}", level=logging.ERROR)
        return 2
    try:
        security.check_bind(host)
    except SecurityError as e:
        say(f"{e}", level=logging.ERROR)
        return 2
    try:
        engine = load_engine(glossary, max_text)
    except GlossaryError as e:
        say(f"{e}", level=logging.ERROR)
        return 2

    def announce(bound: int) -> None:
        plural = "worker" if workers == 1 else "workers"
        say(f"serving on {address(host, bound)} ({workers} {plural})", event="serving", host=host, port=bound,
            workers=workers, tls=security.tls, mtls=security.client_ca is not None, tokens=len(security.tokens),
            auth_all=security.auth_all)
        if ready is not None:
            ready(bound)

    stop, reload = threading.Event(), threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, lambda *_: reload.set())
    source = Reload(glossary, max_text, reload)
    try:
        with exporting(metrics_host or host, metrics_port, workers) as exporter:
            metrics = exporter.metrics if exporter is not None else None
            if workers == 1:
                return _serve_one(engine, host, port, grace, stop, lambda running: announce(running.port),
                                  max_concurrent=max_concurrent, source=source, security=security, metrics=metrics)
            return _serve_many(engine, host, port, grace, workers, stop, announce, max_concurrent, source, security,
                               metrics)
    except OSError as e:
        say(f"{e}", level=logging.ERROR)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve_one(engine: Engine, host: str, port: int, grace: float, stop: threading.Event,
               on_ready: Callable[[RunningServer], None], reuse_port: bool = False, parent: int | None = None,
               max_concurrent: int | None = None, source: Reload | None = None, security: Security | None = None,
               reload_all: Callable[[float | None], list[ReloadOutcome]] | None = None,
               metrics: Callable[[], Metrics] | None = None) -> int:
    running = start(engine, host, port, reuse_port=reuse_port, max_concurrent=max_concurrent, security=security,
                    reload=source, reload_all=reload_all, metrics=metrics() if metrics is not None else None)
    try:
        on_ready(running)
        # A timed wait: the signal handler runs between the waits at the latest. A worker whose
        # parent died (killed outright, so it could not stop its workers) drains and exits too.
        while not stop.wait(0.5):
            if parent is not None and os.getppid() != parent:
                break
            if source is not None and source.requested.is_set():
                source.requested.clear()
                source.apply(running.servicer)
    finally:
        running.stop(grace)
    return 0


@contextlib.contextmanager
def _reserve_port(host: str, port: int) -> Iterator[int]:
    """Hold ``host:port`` (a free port when 0) with SO_REUSEPORT so the workers can all bind it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        try:
            sock.bind((host.strip("[]"), port))
        except OSError as e:
            raise OSError(f"cannot listen on {address(host, port)}: {e.strerror or e}") from None
        yield sock.getsockname()[1]
    finally:
        sock.close()


class _ParentLink:
    """A worker's end of its pipe to the parent (see the module's docstring).

    A thread reads the parent's messages: ``("reload", id)`` reloads this worker's glossary and
    answers ``("outcome", id, ReloadOutcome)``; ``("result", request, outcomes)`` completes a
    reload this worker asked for with ``reload_all``. Sends from several threads take turns.
    """

    def __init__(self, conn: multiprocessing.connection.Connection, reload: Reload) -> None:
        self.conn, self.reload = conn, reload
        self.servicer: NormalizerServicer | None = None
        self._send_lock = threading.Lock()
        self._waiting: dict[tuple[int, int], queue.Queue] = {}
        self._ids = itertools.count()
        self._closed = threading.Event()

    def send(self, message: tuple) -> None:
        with self._send_lock:
            self.conn.send(message)

    def attach(self, servicer: NormalizerServicer) -> None:
        """Start answering the parent, now that ``servicer`` serves."""
        self.servicer = servicer
        threading.Thread(target=self._listen, name="transnorm-parent-link", daemon=True).start()

    def _listen(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):  # the parent is gone; the serving loop notices and stops
                break
            if message[0] == "reload":
                outcome = self.reload.apply(self.servicer)
                try:
                    self.send(("outcome", message[1], outcome))
                except OSError:
                    break
            elif message[0] == "result":
                waiter = self._waiting.get(message[1])
                if waiter is not None:
                    waiter.put(message[2])
        self._closed.set()
        for waiter in list(self._waiting.values()):
            waiter.put(None)

    def reload_all(self, timeout: float | None) -> list[ReloadOutcome]:
        """Have every worker reload (through the parent) and return their outcomes."""
        request = (os.getpid(), next(self._ids))
        waiter: queue.Queue = queue.Queue(maxsize=1)
        self._waiting[request] = waiter
        try:
            if self._closed.is_set():
                raise ReloadUnavailable("the server is stopping")
            try:
                self.send(("reload", request))
            except OSError:
                raise ReloadUnavailable("the server is stopping") from None
            try:
                outcomes = waiter.get(timeout=timeout)
            except queue.Empty:
                raise TimeoutError from None
            if outcomes is None:
                raise ReloadUnavailable("the server is stopping")
            return outcomes
        finally:
            self._waiting.pop(request, None)


def _worker(engine: Engine, host: str, port: int, grace: float, conn: multiprocessing.connection.Connection,
            parent: int, max_concurrent: int | None = None, source: Reload | None = None,
            security: Security | None = None, metrics: Callable[[], Metrics] | None = None) -> None:
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    # This process's own reloader: the parent's SIGHUP and admin reloads arrive over the pipe, a
    # SIGHUP sent to this worker alone reloads it alone.
    source = Reload(source.glossary if source else None, source.max_text if source else engine.max_text)
    signal.signal(signal.SIGHUP, lambda *_: source.requested.set())
    link = _ParentLink(conn, source)

    def ready(running: RunningServer) -> None:
        link.attach(running.servicer)
        link.send(("ready", running.port))

    try:
        code = _serve_one(engine, host, port, grace, stop, ready, reuse_port=True, parent=parent,
                          max_concurrent=max_concurrent, source=source, security=security,
                          reload_all=link.reload_all, metrics=metrics)
    except OSError as e:
        link.send(("error", str(e)))
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # a forked child must not run the parent's exit handlers


class _Broadcast:
    """One reload the parent asked of every worker, and the workers that wait for its outcomes."""

    def __init__(self, number: int, requesters: list[tuple[multiprocessing.connection.Connection, tuple]]) -> None:
        self.number, self.requesters = number, requesters
        self.outcomes: dict[multiprocessing.connection.Connection, ReloadOutcome] = {}


def _serve_many(engine: Engine, host: str, port: int, grace: float, workers: int, stop: threading.Event,
                on_ready: Callable[[int], None], max_concurrent: int | None = None,
                source: Reload | None = None, security: Security | None = None,
                metrics: Callable[[], Metrics] | None = None) -> int:
    # Forked, not spawned: the children share the engine built above instead of loading it again.
    # No gRPC object exists in this process, which keeps the fork safe.
    ctx = multiprocessing.get_context("fork")
    with _reserve_port(host, port) as bound:
        procs, conns = [], []
        for _ in range(workers):
            parent_end, child_end = ctx.Pipe(duplex=True)
            p = ctx.Process(target=_worker, args=(engine, host, bound, grace, child_end, os.getpid(), max_concurrent,
                                                  source, security, metrics), daemon=False)
            p.start()
            child_end.close()
            procs.append(p)
            conns.append(parent_end)
        try:
            failure = _wait_ready(procs, conns, stop)
            if failure:
                say(f"a worker failed to start: {failure}", level=logging.ERROR)
                return 1
            if not stop.is_set():
                on_ready(bound)
            by_sentinel = {p.sentinel: p for p in procs}
            listening = list(conns)
            asked: list[tuple[multiprocessing.connection.Connection, tuple]] = []  # reloads not yet broadcast
            hup = False
            current: _Broadcast | None = None
            numbers = itertools.count()
            while not stop.is_set():
                if source is not None and source.requested.is_set():
                    source.requested.clear()
                    hup = True
                if current is None and (hup or asked):
                    # Every reload asked for so far is served by one round: each worker reads the
                    # files after every one of those requests arrived.
                    current, asked, hup = _Broadcast(next(numbers), asked), [], False
                    for conn in conns:
                        with contextlib.suppress(OSError):  # a dead worker: its sentinel says so below
                            conn.send(("reload", current.number))
                ready = multiprocessing.connection.wait(list(by_sentinel) + listening, timeout=0.5)
                ended = [r for r in ready if r in by_sentinel]
                if ended and not stop.is_set():
                    # The sentinel closes as the process ends, a moment before it can be reaped.
                    gone = by_sentinel[ended[0]]
                    gone.join()
                    say(f"worker {gone.pid} exited with code {gone.exitcode}; stopping", level=logging.ERROR)
                    return 1
                for conn in (r for r in ready if r not in by_sentinel):
                    try:
                        message = conn.recv()
                    except (EOFError, OSError):
                        listening.remove(conn)  # its worker is ending; the sentinel follows
                        continue
                    if message[0] == "reload":
                        asked.append((conn, message[1]))
                    elif message[0] == "outcome" and current is not None and message[1] == current.number:
                        current.outcomes[conn] = message[2]
                        if len(current.outcomes) == len(conns):
                            outcomes = [current.outcomes[c] for c in conns]
                            for requester, request in current.requesters:
                                with contextlib.suppress(OSError):
                                    requester.send(("result", request, outcomes))
                            current = None
        finally:
            _stop_workers(procs, grace)
    codes = [p.exitcode for p in procs]
    if any(c != 0 for c in codes):
        say(f"workers exited with codes {codes}", level=logging.ERROR)
        return 1
    return 0


def _wait_ready(procs: list, conns: list, stop: threading.Event) -> str:
    """Wait until every worker serves; return why one could not, or "" when all do."""
    waiting = dict(zip(conns, procs))
    while waiting and not stop.is_set():
        for conn in multiprocessing.connection.wait(list(waiting), timeout=0.5):
            proc = waiting.pop(conn)
            try:
                kind, value = conn.recv()
            except EOFError:
                proc.join(1)
                return f"worker {proc.pid} exited with code {proc.exitcode}"
            if kind != "ready":
                return value
    return ""


def _stop_workers(procs: list, grace: float) -> None:
    for p in procs:
        if p.is_alive():
            os.kill(p.pid, signal.SIGTERM)
    for p in procs:
        p.join(grace + 5.0)
        if p.is_alive():
            p.kill()
            p.join()
