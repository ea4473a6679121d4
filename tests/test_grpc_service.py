"""The gRPC service through a real server on a free loopback port, called with the Python client."""
from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_status import rpc_status

from transnorm.client import Client, GlossaryInfo, TransnormError
from transnorm.engine import DeadlineExceeded, Engine, Options, Result
from transnorm.engine.lookup import LookupMatch
from transnorm.server import SERVICE_NAME, start
from transnorm.server.app import load_engine
from transnorm.v1 import normalizer_pb2 as pb
from transnorm.v1 import normalizer_pb2_grpc as pb_grpc

GLOSSARY = """\
version: "t1"
entries:
  - id: bashar-al-assad
    kind: person
    canonical: Bashar al-Assad
    variants: [Bashar Assad, Bashar Asad]
    particles: [al]
    short_forms:
      - canonical: Assad
        variants: [Asad]
        ambiguous: [Asad]
    titles: [President]
    context: [Syria, Damascus]
    protected: [Asad Umar]
    native: {ru: [Башар Асад]}
  - id: sergei-shoigu
    kind: person
    canonical: Sergei Shoigu
    variants: [Sergey Shoigu]
    short_forms: [{canonical: Shoigu}]
  - id: khmeimim
    kind: place
    canonical: Khmeimim
    variants: [Hmeymim]
    native: {ru: [Хмеймим]}
  - id: su-35s
    kind: term
    canonical: Su-35S
    variants: [SU-35S]
"""

# Names to repair, a lone ambiguous variant to report, and characters outside the BMP and ASCII
# so that UTF-16 and UTF-8 offsets differ from code points.
TEXT = ("🛩️ President Bashar Assad met Sergey Shoigu at Hmeymim, where SU-35S jets are based. "
        "Asad Umar was not there. Хмеймим is in Syria.")
MAX_TEXT = 2000


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    path = tmp_path_factory.mktemp("glossary") / "mini.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_engine([path], max_text=MAX_TEXT)


@pytest.fixture(scope="module")
def server(engine):
    running = start(engine, "127.0.0.1", 0)
    yield running
    running.stop(None)


@pytest.fixture()
def client(server):
    with Client(f"127.0.0.1:{server.port}", timeout=30) as c:
        yield c


def same(a: Result, b: Result) -> bool:
    """Results agree on everything but timings, which differ from run to run."""
    return (a.text, a.output, a.applied, a.unapplied, a.glossary_version) == (
        b.text, b.output, b.applied, b.unapplied, b.glossary_version)


def call_status(fn, *args, **kw) -> TransnormError:
    with pytest.raises(TransnormError) as info:
        fn(*args, **kw)
    return info.value


# -- each RPC ----------------------------------------------------------------------------------
def test_normalize_equals_the_in_process_engine(client, engine):
    remote = client.normalize(TEXT)
    local = engine.normalize(TEXT)
    assert same(remote, local)
    assert "Bashar al-Assad met Sergei Shoigu at Khmeimim" in remote.output
    assert "Su-35S" in remote.output and "Asad Umar" in remote.output
    assert {f.entry_id for f in remote.applied} >= {"bashar-al-assad", "sergei-shoigu", "khmeimim", "su-35s"}
    assert remote.timings["total"] >= 0


def test_normalize_honours_options(client, engine):
    options = Options(overrides=(("name.variant", "report"),), min_confidence=0.5)
    remote = client.normalize(TEXT, options)
    assert same(remote, engine.normalize(TEXT, options))
    assert not any(f.rule_id == "name.variant" for f in remote.applied)
    assert any(f.rule_id == "name.variant" for f in remote.unapplied)


def test_ignore_ranges_are_code_points(client):
    start = TEXT.index("Hmeymim")
    result = client.normalize(TEXT, Options(ignore_ranges=((start, start + len("Hmeymim")),)))
    assert "at Hmeymim," in result.output


def test_check_applies_nothing(client, engine):
    remote = client.check(TEXT)
    assert same(remote, engine.check(TEXT))
    assert remote.output == TEXT and not remote.applied
    assert any(f.entry_id == "khmeimim" for f in remote.unapplied)


def test_offsets_in_three_units(server):
    # The client drops the UTF-16 and UTF-8 offsets (Python slices by code point); check them raw.
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        result = pb_grpc.NormalizerServiceStub(channel).Normalize(pb.NormalizeRequest(text=TEXT), timeout=30).result
    utf16 = TEXT.encode("utf-16-le")
    utf8 = TEXT.encode("utf-8")
    assert result.applied
    for f in list(result.applied) + list(result.unapplied):
        assert TEXT[f.start:f.end] == f.original
        assert utf16[2 * f.start_utf16:2 * f.end_utf16].decode("utf-16-le") == f.original
        assert utf8[f.start_utf8:f.end_utf8].decode("utf-8") == f.original
    first = result.applied[0]
    assert first.start_utf16 == first.start + 1  # the emoji is one code point, two UTF-16 units
    assert first.start_utf8 > first.start_utf16


def test_normalize_batch_isolates_a_bad_document(client, engine):
    texts = [TEXT, "", "x" * (MAX_TEXT + 1), "Sergey Shoigu arrived."]
    results = client.normalize_batch(texts)
    assert len(results) == 4
    assert same(results[0], engine.normalize(TEXT))
    assert isinstance(results[1], TransnormError) and results[1].code == grpc.StatusCode.INVALID_ARGUMENT
    assert results[1].violations == [("documents[1].text", results[1].violations[0][1])]
    assert isinstance(results[2], TransnormError) and results[2].code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert str(MAX_TEXT) in results[2].message
    assert isinstance(results[3], Result) and results[3].output == "Sergei Shoigu arrived."


def test_normalize_batch_per_document_options(server):
    request = pb.NormalizeBatchRequest(documents=[
        pb.BatchDocument(text="Hmeymim and Hmeymim", options=pb.Options(ignore_ranges=[pb.Range(start=0, end=7)])),
        pb.BatchDocument(text="Hmeymim", options=pb.Options(ignore_ranges=[pb.Range(start=0, end=99)])),
        pb.BatchDocument(text="Hmeymim"),
    ])
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        response = pb_grpc.NormalizerServiceStub(channel).NormalizeBatch(request, timeout=30)
    first, second, third = response.results
    assert first.result.output == "Hmeymim and Khmeimim"
    assert second.WhichOneof("outcome") == "error" and second.error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert [v.field for v in second.error.field_violations] == ["documents[1].options.ignore_ranges"]
    assert third.result.output == "Khmeimim"


def test_normalize_batch_fails_the_call_for_options_wrong_everywhere(client):
    error = call_status(client.normalize_batch, ["a", "b"], Options(rules=("no.such.rule",)))
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.violations[0][0] == "options.rules" and "no.such.rule" in error.violations[0][1]


def test_normalize_batch_of_nothing(client):
    assert client.normalize_batch([]) == []


def test_lookup_term(client, engine):
    exact = client.lookup("asad")
    assert exact[0] == LookupMatch("bashar-al-assad", "Bashar al-Assad", "person", "Asad", "variant", 100.0, "exact")
    skeleton = client.lookup("Hmeimim", limit=3)
    assert skeleton == engine.lookup("Hmeimim", 3)
    assert (skeleton[0].entry_id, skeleton[0].method, skeleton[0].score) == ("khmeimim", "skeleton", 99.0)
    assert skeleton[0].skeleton
    fuzzy = client.lookup("Hmeymin", min_score=50)
    assert fuzzy == engine.lookup("Hmeymin", 10, 50)
    assert fuzzy[0].entry_id == "khmeimim" and fuzzy[0].method == "fuzzy" and 50 <= fuzzy[0].score < 99
    assert client.lookup("Qwxzv Plorb") == []


@pytest.mark.parametrize("name, limit, min_score, field", [
    ("  ", 10, None, "name"),
    ("Asad" * 200, 10, None, "name"),
    ("Asad", -1, None, "limit"),
    ("Asad", 10, 101.0, "min_score"),
])
def test_lookup_term_rejects_bad_arguments(client, name, limit, min_score, field):
    error = call_status(client.lookup, name, limit, min_score=min_score)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT and [f for f, _ in error.violations] == [field]


def test_glossary_info(client, engine):
    info = client.glossary_info()
    assert isinstance(info, GlossaryInfo)
    assert info.version == engine.glossary.version and info.version.startswith("t1#")
    assert info.sources == engine.glossary.sources
    assert info.entry_count == 4 and info.phrase_count == 0
    assert info.kind_counts == {"person": 2, "place": 1, "term": 1}
    assert "mini" in info.names and "t1" in info.names
    assert info.rules == tuple(engine.rules[r] for r in sorted(engine.rules))
    assert any(r.id == "name.variant" and r.wrong and r.fixed for r in info.rules)


def test_glossary_selection(client):
    assert client.normalize("Hmeymim", Options()).output == "Khmeimim"
    for name in ("mini", "t1"):
        with Client(client.address, glossary=name) as named:
            assert named.normalize("Hmeymim").output == "Khmeimim"
    with Client(client.address, glossary="news") as wrong:
        error = call_status(wrong.normalize, "Hmeymim")
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.violations[0][0] == "options.glossary" and "'news'" in error.violations[0][1]


# -- errors ------------------------------------------------------------------------------------
def test_invalid_argument_carries_bad_request_details(server):
    request = pb.NormalizeRequest(text="", options=pb.Options(
        rules=["no.such.rule"], min_confidence=1.5, overrides=[pb.RuleOverride(rule_id="name.variant")]))
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        with pytest.raises(grpc.RpcError) as info:
            pb_grpc.NormalizerServiceStub(channel).Normalize(request, timeout=30)
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    status = rpc_status.from_call(info.value)
    bad = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(bad)
    fields = sorted(v.field for v in bad.field_violations)
    assert fields == ["options.min_confidence", "options.overrides", "options.rules"]


@pytest.mark.parametrize("text, options, field, needle", [
    ("", Options(), "text", "empty"),
    ("Hmeymim", Options(rules=("no.such.rule",)), "options.rules", "no.such.rule"),
    ("Hmeymim", Options(disabled_rules=("nope",)), "options.disabled_rules", "nope"),
    ("Hmeymim", Options(categories=("nope",)), "options.categories", "nope"),
    ("Hmeymim", Options(min_confidence=1.5), "options.min_confidence", "1.5"),
    ("Hmeymim", Options(ignore_ranges=((3, 50),)), "options.ignore_ranges", "[3, 50)"),
    ("Hmeymim", Options(target_language="English"), "options.target_language", "English"),
])
def test_each_bad_argument_names_its_field(client, text, options, field, needle):
    error = call_status(client.normalize, text, options)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in error.violations] == [field]
    assert needle in error.violations[0][1] and needle in error.message


def test_every_problem_is_reported_at_once(client):
    error = call_status(client.check, "Hmeymim", Options(rules=("a.b",), min_confidence=-1.0))
    assert {f for f, _ in error.violations} == {"options.rules", "options.min_confidence"}


def test_empty_text_is_accepted_when_allowed(client):
    result = client.normalize("", Options(allow_empty=True))
    assert result.output == "" and not result.applied


def test_text_over_the_limit_is_resource_exhausted(client):
    error = call_status(client.normalize, "a" * (MAX_TEXT + 1))
    assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert f"{MAX_TEXT + 1} characters" in error.message and str(MAX_TEXT) in error.message
    assert client.normalize("a" * MAX_TEXT).output == "a" * MAX_TEXT


def test_a_deadline_too_short(client):
    error = call_status(client.normalize, TEXT * 10, timeout=1e-6)
    assert error.code == grpc.StatusCode.DEADLINE_EXCEEDED


class _FakeEngine:
    """Stands in for the engine to drive the servicer into its failure paths."""

    def __init__(self, engine: Engine, fail: Exception | None) -> None:
        self._engine, self.fail, self.deadlines = engine, fail, []

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def normalize(self, text, options=Options(), deadline=None, apply=True):
        self.deadlines.append(deadline)
        if self.fail is not None:
            raise self.fail
        return self._engine.normalize(text, options, deadline, apply)


@pytest.fixture()
def fake(engine):
    fake = _FakeEngine(engine, None)
    running = start(fake, "127.0.0.1", 0)  # type: ignore[arg-type]
    with Client(f"127.0.0.1:{running.port}", retries=0, timeout=None) as c:
        yield fake, c
    running.stop(None)


def test_the_call_deadline_reaches_the_engine(fake):
    engine, client = fake
    client.normalize("Hmeymim", timeout=30)
    client.normalize("Hmeymim")  # this client sets no default deadline
    assert engine.deadlines[0] is not None
    # About 30 s away. Not exactly: gRPC rounds deadlines up to whole milliseconds and carries
    # them on the wall clock, which the server reads back against its monotonic clock, so
    # clock slew between the two can put the remainder a little past 30 s.
    left = engine.deadlines[0] - time.monotonic()
    assert 20 < left < 31, left
    assert engine.deadlines[1] is None


def test_engine_deadline_is_deadline_exceeded(fake):
    engine, client = fake
    engine.fail = DeadlineExceeded("deadline passed before check names")
    error = call_status(client.normalize, "Hmeymim", timeout=30)
    assert error.code == grpc.StatusCode.DEADLINE_EXCEEDED and "nothing was changed" in error.message


def test_internal_errors_do_not_leak(fake, caplog):
    engine, client = fake
    engine.fail = RuntimeError("secret path /etc/transnorm/key")
    with caplog.at_level("ERROR", logger="transnorm.server"):
        error = call_status(client.normalize, "Hmeymim")
    assert error.code == grpc.StatusCode.INTERNAL
    assert "secret" not in error.message and "Traceback" not in error.message
    # The operator gets the type and where it was raised, frame by frame; never the message,
    # which may quote the caller's text.
    assert "RuntimeError at " in caplog.text and ".py:" in caplog.text
    assert "secret" not in caplog.text
    # In a batch, the document that trips the bug gets the error and the call itself succeeds.
    (batch_error,) = client.normalize_batch(["Hmeymim"])
    assert isinstance(batch_error, TransnormError)
    assert batch_error.code == grpc.StatusCode.INTERNAL and "secret" not in batch_error.message


def test_unavailable_is_retried_with_exponential_backoff(monkeypatch):
    import transnorm.client.core as core

    pauses: list[float] = []
    monkeypatch.setattr(core.time, "sleep", pauses.append)
    with Client("127.0.0.1:1", retries=3, backoff=0.01, timeout=30) as c:
        error = call_status(c.normalize, "Hmeymim")
    assert error.code == grpc.StatusCode.UNAVAILABLE
    assert pauses == [0.01, 0.02, 0.04]


def test_errors_other_than_unavailable_are_not_retried(client, monkeypatch):
    import transnorm.client.core as core

    pauses: list[float] = []
    monkeypatch.setattr(core.time, "sleep", pauses.append)
    call_status(client.normalize, "")
    assert pauses == []


# -- health and reflection ---------------------------------------------------------------------
def test_health_is_serving(server):
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        for service in ("", SERVICE_NAME):
            reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_health_turns_not_serving_when_draining(engine):
    running = start(engine, "127.0.0.1", 0)
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    try:
        watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
        stopper = threading.Thread(target=running.stop, args=(30.0,))
        stopper.start()
        assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
        watch.cancel()  # the watch is itself a call in flight; the drain waits for it
        stopper.join()
    finally:
        channel.close()


def test_reflection_lists_the_service(server):
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
        db = ProtoReflectionDescriptorDatabase(channel)
        services = set(db.get_services())
        assert {SERVICE_NAME, "grpc.health.v1.Health"} <= services
        assert SERVICE_NAME == "transnorm.v1.NormalizerService"
        desc = db.FindFileContainingSymbol(SERVICE_NAME)
        assert desc.name == "transnorm/v1/normalizer.proto"


def _traffic_class():
    """``Traffic`` of ``bench/bench_drain.py``: the watchers, pollers and callers a stop meets."""
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("bench_drain", root / "bench" / "bench_drain.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Traffic


Traffic = _traffic_class()


def _drain_under_load(engine, watchers: int, grace: float) -> dict:
    """Start a server, open health watchers, poll Check and send Normalize calls; stop it and
    report how it went."""
    running = start(engine, "127.0.0.1", 0)
    traffic = Traffic(running.port, watchers, document="Hmeymim said. " * 50)
    traffic.wait_until_busy(timeout=10)
    stopper = threading.Thread(target=running.stop, args=(grace,), daemon=True)
    traffic.stop_at = time.monotonic()
    stopper.start()
    stopper.join(grace + 15)
    stopped = not stopper.is_alive()
    traffic.finish()  # every call answered (or refused) before the channels close
    return {"stopped": stopped, "failed": traffic.failed, "watch": traffic.watch}


def test_drain_completes_with_watchers_pollers_and_load_20_times(engine):
    for run in range(20):
        seen = _drain_under_load(engine, watchers=6, grace=5.0)
        assert seen["stopped"], f"run {run}: the drain did not complete"
        assert seen["failed"] == [], f"run {run}: accepted calls failed: {seen['failed']}"
        assert health_pb2.HealthCheckResponse.NOT_SERVING in seen["watch"], f"run {run}: watchers never saw NOT_SERVING"
        assert seen["watch"].count(health_pb2.HealthCheckResponse.SERVING) >= 6


def test_an_error_listing_many_violations_stays_small(server):
    bad_rules = [f"no.such.rule{i}" for i in range(20_000)]
    with grpc.insecure_channel(f"127.0.0.1:{server.port}", options=[("grpc.max_send_message_length", -1)]) as ch:
        stub = pb_grpc.NormalizerServiceStub(ch)
        with pytest.raises(grpc.RpcError) as raised:
            stub.Normalize(pb.NormalizeRequest(text="Hmeymim", options=pb.Options(rules=bad_rules)), timeout=60)
    error = raised.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert len(error.details()) < 8000 and "and 19980 more" in error.details()
    status = rpc_status.from_call(error)
    bad = error_details_pb2.BadRequest()
    status.details[0].Unpack(bad)
    assert len(bad.field_violations) == 21 and bad.field_violations[-1].description == "and 19980 more"


@pytest.mark.parametrize("payload", [
    b"\xff\xff\xff",                      # not protobuf at all
    b"\x0a\x05ab",                        # a text field that claims more bytes than follow
    b"\x12\x03\x08\xff\xff",              # options holding a truncated varint
    b"\x0a\x02\xc3\x28",                  # a text field that is not UTF-8
])
def test_a_malformed_request_is_invalid_argument(server, payload):
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as ch:
        raw = ch.unary_unary(f"/{SERVICE_NAME}/Normalize", request_serializer=None, response_deserializer=None)
        with pytest.raises(grpc.RpcError) as raised:
            raw(payload, timeout=10)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "NormalizeRequest" in raised.value.details()


def test_calls_past_the_cap_are_refused_at_once_with_a_retry_hint(engine):
    gate = threading.Event()

    class Slow(_FakeEngine):
        def normalize(self, text, options=Options(), deadline=None, apply=True):
            gate.wait(10)
            return self._engine.normalize(text, options, deadline, apply)

    running = start(Slow(engine, None), "127.0.0.1", 0, max_concurrent=2)  # type: ignore[arg-type]
    try:
        with grpc.insecure_channel(f"127.0.0.1:{running.port}") as ch:
            stub = pb_grpc.NormalizerServiceStub(ch)
            busy = [stub.Normalize.future(pb.NormalizeRequest(text="Hmeymim"), timeout=20) for _ in range(2)]
            time.sleep(0.3)  # both taken
            t0 = time.monotonic()
            with pytest.raises(grpc.RpcError) as raised:
                stub.Normalize(pb.NormalizeRequest(text="Hmeymim"), timeout=20)
            assert time.monotonic() - t0 < 2  # refused at once, not queued
            assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            status = rpc_status.from_call(raised.value)
            retry = error_details_pb2.RetryInfo()
            assert any(d.Unpack(retry) for d in status.details) and retry.retry_delay.ToNanoseconds() > 0
            gate.set()
            assert all(f.result().result.output == "Khmeimim" for f in busy)
            assert stub.Normalize(pb.NormalizeRequest(text="Hmeymim"), timeout=20).result.output == "Khmeimim"
    finally:
        gate.set()
        running.stop(None)
