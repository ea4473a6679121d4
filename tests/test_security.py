"""TLS, mutual TLS, bearer tokens and the admin service, through real servers on loopback ports.

The certificates come from a throwaway CA made in the test (``pki.py``).
"""
from __future__ import annotations

import logging
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_status import rpc_status

import pki
from transnorm.client import Client, ClientConfigError, TransnormError
from transnorm.server import SERVICE_NAME, start
from transnorm.server.admin import ReloadOutcome, ReloadUnavailable
from transnorm.server.app import Reload, load_engine
from transnorm.server.security import Security, SecurityError, TokenAuth, is_loopback, read_tokens
from transnorm.v1 import admin_pb2, admin_pb2_grpc

GLOSSARY = """\
version: "s1"
entries:
  - id: khmeimim
    kind: place
    canonical: Khmeimim
    variants: [Hmeymim]
"""
TOKENS = ("first-token-0123456789abcdef", "second-token-0123456789abcdef")


@pytest.fixture(scope="module")
def certs(tmp_path_factory) -> pki.Pki:
    return pki.make(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def glossary_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "sec.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def engine(glossary_file):
    return load_engine([glossary_file], max_text=2000)


@pytest.fixture(scope="module")
def token_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tokens") / "tokens"
    path.write_text(f"# the tokens of the test\n{TOKENS[0]}\n\n  {TOKENS[1]}  \n", encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture()
def serving(engine):
    """Start a server with the given security; every server started is stopped after the test."""
    started = []

    def run(security: Security | None = None, **kw):
        started.append(start(engine, "127.0.0.1", 0, security=security, **kw))
        return started[-1]

    yield run
    for running in started:
        running.stop(None)


def security(**options) -> Security:
    settings, _ = Security.from_options(**options)
    return settings


def failure(fn, *args, **kw) -> TransnormError:
    with pytest.raises(TransnormError) as info:
        fn(*args, **kw)
    return info.value


# -- TLS -----------------------------------------------------------------------------------------
def test_a_tls_call_works_and_plaintext_does_not(serving, certs):
    running = serving(security(tls_cert=str(certs.server_cert), tls_key=str(certs.server_key)))
    address = f"127.0.0.1:{running.port}"
    with Client(address, ca_file=certs.ca, timeout=30) as client:
        assert client.normalize("Hmeymim").output == "Khmeimim"
    with Client(address, timeout=10, retries=0) as plain:
        assert failure(plain.normalize, "Hmeymim").code == grpc.StatusCode.UNAVAILABLE
    # TLS, but trusting another CA: the server's certificate does not verify.
    with Client(address, ca_file=certs.rogue_ca, timeout=10, retries=0) as wrong_ca:
        assert failure(wrong_ca.normalize, "Hmeymim").code == grpc.StatusCode.UNAVAILABLE


def test_mutual_tls_needs_a_client_certificate_from_the_ca(serving, certs):
    running = serving(security(tls_cert=str(certs.server_cert), tls_key=str(certs.server_key),
                               tls_client_ca=str(certs.ca)))
    address = f"127.0.0.1:{running.port}"
    with Client(address, ca_file=certs.ca, cert_file=certs.client_cert, key_file=certs.client_key,
                timeout=30) as client:
        assert client.normalize("Hmeymim").output == "Khmeimim"
    with Client(address, ca_file=certs.ca, timeout=10, retries=0) as anonymous:
        assert failure(anonymous.normalize, "Hmeymim").code == grpc.StatusCode.UNAVAILABLE
    with Client(address, ca_file=certs.ca, cert_file=certs.rogue_cert, key_file=certs.rogue_key, timeout=10,
                retries=0) as stranger:
        assert failure(stranger.normalize, "Hmeymim").code == grpc.StatusCode.UNAVAILABLE


# -- tokens --------------------------------------------------------------------------------------
def test_auth_all_needs_a_valid_token_but_health_and_reflection_stay_open(serving, token_file):
    running = serving(security(auth_token_file=str(token_file), auth_all=True))
    address = f"127.0.0.1:{running.port}"
    with Client(address, timeout=30) as anonymous:
        e = failure(anonymous.normalize, "Hmeymim")
        assert e.code == grpc.StatusCode.UNAUTHENTICATED and "bearer token" in e.message
        assert failure(anonymous.lookup, "Hmeymim").code == grpc.StatusCode.UNAUTHENTICATED
    with Client(address, token="not-" + TOKENS[0], timeout=30) as wrong:
        e = failure(wrong.glossary_info)
        assert e.code == grpc.StatusCode.UNAUTHENTICATED and "not accepted" in e.message
    for token in TOKENS:  # every token in the file is accepted
        with Client(address, token=token, timeout=30) as client:
            assert client.normalize("Hmeymim").output == "Khmeimim"
    with grpc.insecure_channel(address) as channel:
        reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME),
                                                          timeout=30)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
        services = ProtoReflectionDescriptorDatabase(channel).get_services()
        assert SERVICE_NAME in services and "transnorm.v1.AdminService" in services
        # A malformed authorization header is refused with a message saying what it should be.
        stub = admin_pb2_grpc.AdminServiceStub(channel)
        with pytest.raises(grpc.RpcError) as info:
            stub.ReloadGlossary(admin_pb2.ReloadGlossaryRequest(), metadata=(("authorization", TOKENS[0]),),
                                timeout=30)
        assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED and "Bearer TOKEN" in info.value.details()


def test_by_default_only_the_admin_service_needs_a_token(serving, token_file):
    running = serving(security(auth_token_file=str(token_file)))
    with Client(f"127.0.0.1:{running.port}", timeout=30) as anonymous:
        assert anonymous.normalize("Hmeymim").output == "Khmeimim"
        assert failure(anonymous.reload_glossary).code == grpc.StatusCode.UNAUTHENTICATED
    with Client(f"127.0.0.1:{running.port}", token=TOKENS[1], timeout=30) as admin:
        reload = admin.reload_glossary()
    assert reload.old_version == reload.new_version and reload.old_version.startswith("s1#") and reload.workers == 1


def test_without_a_token_file_the_admin_service_is_closed_to_everyone(serving):
    running = serving()  # no tokens at all
    with Client(f"127.0.0.1:{running.port}", token=TOKENS[0], timeout=30) as client:
        e = failure(client.reload_glossary)
        assert client.normalize("Hmeymim").output == "Khmeimim"
    assert e.code == grpc.StatusCode.PERMISSION_DENIED and "--auth-token-file" in e.message


def test_tokens_never_reach_the_log(serving, token_file, caplog):
    running = serving(security(auth_token_file=str(token_file), auth_all=True))
    caplog.set_level(logging.INFO, logger="transnorm.server")
    with Client(f"127.0.0.1:{running.port}", token="wrong-" + TOKENS[0], timeout=30) as wrong:
        failure(wrong.normalize, "Hmeymim")
    with Client(f"127.0.0.1:{running.port}", token=TOKENS[0], timeout=30) as admin:
        admin.reload_glossary()
    logged = caplog.text
    assert "refused a call to /transnorm.v1.NormalizerService/Normalize" in logged  # the refusal is logged...
    assert "glossary reload asked for" in logged
    assert TOKENS[0] not in logged and TOKENS[0][:8] not in logged  # ...without the token, whole or in part


def test_tokens_are_compared_whole():
    auth = TokenAuth(TOKENS, auth_all=True)
    assert auth.valid(TOKENS[0]) and auth.valid(TOKENS[1])
    for near in (TOKENS[0][:-1], TOKENS[0] + "x", TOKENS[0].upper(), "", "é" + TOKENS[0]):
        assert not auth.valid(near)
    assert auth.problem([("authorization", f"bearer {TOKENS[0]}")]) is None  # the scheme is case-insensitive
    assert "one authorization header" in auth.problem([("authorization", f"Bearer {TOKENS[0]}")] * 2)
    assert "Bearer TOKEN" in auth.problem([("authorization", f"Basic {TOKENS[0]}")])


# -- reloading through the admin RPC --------------------------------------------------------------
def test_the_admin_rpc_reloads_and_refuses_a_bad_glossary(serving, token_file, tmp_path):
    path = tmp_path / "live.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    running = serving(security(auth_token_file=str(token_file)), reload=Reload([path], 2000))
    with Client(f"127.0.0.1:{running.port}", token=TOKENS[0], timeout=60) as client:
        path.write_text(GLOSSARY.replace('"s1"', '"s2"').replace("[Hmeymim]", "[Hmeymim, Hmeimim]"), encoding="utf-8")
        reload = client.reload_glossary()
        assert reload.old_version.startswith("s1#") and reload.new_version.startswith("s2#") and reload.workers == 1
        result = client.normalize("Hmeimim")
        assert (result.output, result.glossary_version) == ("Khmeimim", reload.new_version)

        path.write_text('version: "s3"\nentries:\n  - id: x\n    kind: planet\n    canonical: Xa\n', encoding="utf-8")
        e = failure(client.reload_glossary)
        assert e.code == grpc.StatusCode.FAILED_PRECONDITION
        assert f"still serving {reload.new_version}" in e.message and "live.yaml" in e.message and "kind" in e.message
        assert e.violations and e.violations[0][0] == str(path) and "kind" in e.violations[0][1]
        assert client.normalize("Hmeimim").glossary_version == reload.new_version  # the old one serves on


def test_a_refused_reload_carries_a_precondition_failure(serving, token_file, tmp_path):
    path = tmp_path / "gone.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    running = serving(security(auth_token_file=str(token_file)), reload=Reload([path], 2000))
    path.unlink()
    with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
        with pytest.raises(grpc.RpcError) as info:
            admin_pb2_grpc.AdminServiceStub(channel).ReloadGlossary(
                admin_pb2.ReloadGlossaryRequest(), metadata=(("authorization", f"Bearer {TOKENS[0]}"),), timeout=60)
    status = rpc_status.from_call(info.value)
    assert status.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    (detail,) = status.details
    unmet = error_details_pb2.PreconditionFailure()
    assert detail.Unpack(unmet)
    (violation,) = unmet.violations
    assert (violation.type, violation.subject) == ("GLOSSARY", str(path))
    assert "cannot read" in violation.description


# -- options that cannot be used --------------------------------------------------------------------
@pytest.mark.parametrize("options, needle", [
    ({"tls_cert": "CERT"}, "--tls-cert needs --tls-key"),
    ({"tls_key": "KEY"}, "--tls-key needs --tls-cert"),
    ({"tls_client_ca": "CA"}, "--tls-client-ca needs --tls-cert"),
    ({"auth_all": True}, "--auth-all needs --auth-token-file"),
    ({"tls_cert": "CERT", "tls_key": "MISSING"}, "cannot read: No such file"),
    ({"tls_cert": "KEY", "tls_key": "KEY"}, "not a PEM certificate"),
    ({"tls_cert": "CERT", "tls_key": "CERT"}, "not a PEM private key"),
    ({"tls_cert": "CERT", "tls_key": "OTHER_KEY"}, "does not belong to the certificate"),
    ({"tls_cert": "CERT", "tls_key": "KEY", "tls_client_ca": "KEY"}, "--tls-client-ca"),
    ({"auth_token_file": "EMPTY"}, "holds no token"),
    ({"auth_token_file": "SPACED"}, "line 2 is not a valid token"),
    ({"auth_token_file": "MISSING"}, "cannot read"),
    ({"auth_token_file": "DIR"}, "is a directory"),
])
def test_unusable_options_are_refused_with_a_clear_message(certs, tmp_path, options, needle):
    (tmp_path / "empty").write_text("# nothing yet\n\n", encoding="utf-8")
    (tmp_path / "spaced").write_text("a-good-token-0123456789\na secret with spaces\n", encoding="utf-8")
    files = {"CERT": certs.server_cert, "KEY": certs.server_key, "OTHER_KEY": certs.client_key, "CA": certs.ca,
             "MISSING": tmp_path / "missing.pem", "EMPTY": tmp_path / "empty", "SPACED": tmp_path / "spaced",
             "DIR": tmp_path}
    given = {k: str(files[v]) if isinstance(v, str) else v for k, v in options.items()}
    with pytest.raises(SecurityError) as info:
        Security.from_options(**given)
    assert needle in str(info.value)
    assert "secret" not in str(info.value)  # a bad token line is named by number, never shown


def test_warnings_for_loose_files_and_short_tokens(certs, tmp_path):
    tokens = tmp_path / "tokens"
    tokens.write_text("short\n", encoding="utf-8")
    tokens.chmod(0o644)
    _, warnings = Security.from_options(auth_token_file=str(tokens))
    assert any("can be read by other users" in w for w in warnings)
    assert any("shorter than 16" in w for w in warnings)
    assert all("short\n" not in w and " short " not in w for w in warnings)


def test_plaintext_beyond_loopback_is_refused_unless_insecure(certs):
    for host in ("127.0.0.1", "127.3.4.5", "localhost", "::1", "[::1]"):
        assert is_loopback(host)
        Security().check_bind(host)
    for host in ("0.0.0.0", "::", "192.0.2.1", "example.com"):
        assert not is_loopback(host)
        with pytest.raises(SecurityError, match=f"refusing to listen on {host} without TLS"):
            Security().check_bind(host)
        Security(insecure=True).check_bind(host)
        security(tls_cert=str(certs.server_cert), tls_key=str(certs.server_key)).check_bind(host)


def test_read_tokens_skips_comments_and_blank_lines(token_file):
    assert read_tokens(token_file) == TOKENS


# -- the client's own options ----------------------------------------------------------------------
def test_the_client_refuses_options_it_cannot_use(certs, tmp_path):
    with pytest.raises(ClientConfigError, match="needs its key"):
        Client("127.0.0.1:1", cert_file=certs.client_cert)
    with pytest.raises(ClientConfigError, match="CA file .*missing.pem: cannot read"):
        Client("127.0.0.1:1", ca_file=tmp_path / "missing.pem")
    with pytest.raises(ClientConfigError, match="not both"):
        Client("127.0.0.1:1", token="x" * 20, token_file=tmp_path / "t")
    with pytest.raises(ClientConfigError, match="in plain text to example.com:443"):
        Client("example.com:443", token="x" * 20)
    # Over TLS, to loopback, or when told the network is trusted, a token may go.
    for kw in ({"ca_file": certs.ca}, {"insecure": True}):
        Client("example.com:443", token="x" * 20, **kw).close()
    Client("localhost:1", token="x" * 20).close()


# -- how the admin RPC reports what the workers answered ---------------------------------------------
def _outcomes(*items):
    return lambda timeout: list(items)


def _raises(exc):
    def reload_all(timeout):
        raise exc
    return reload_all


@pytest.mark.parametrize("reload_all, code, needle", [
    # The files changed between two workers' reads: one refused, one reloaded.
    (_outcomes(ReloadOutcome(1, "g1", "g2", "", ("a.yaml",)), ReloadOutcome(2, "g1", "g1", "a.yaml: bad", ("a.yaml",))),
     grpc.StatusCode.FAILED_PRECONDITION, "1 of 2 workers refused the glossary"),
    (_outcomes(ReloadOutcome(1, "g1", "g2"), ReloadOutcome(2, "g1", "g3")), grpc.StatusCode.ABORTED,
     "the workers loaded different glossaries (g2, g3)"),
    (_raises(TimeoutError()), grpc.StatusCode.DEADLINE_EXCEEDED, "the reload goes on"),
    (_raises(ReloadUnavailable("the server is stopping")), grpc.StatusCode.UNAVAILABLE, "the server is stopping"),
])
def test_the_admin_rpc_reports_what_the_workers_answered(serving, token_file, reload_all, code, needle):
    running = serving(security(auth_token_file=str(token_file)), reload_all=reload_all)
    with Client(f"127.0.0.1:{running.port}", token=TOKENS[0], timeout=30, retries=0) as client:
        e = failure(client.reload_glossary)
    assert e.code == code and needle in e.message, e


def test_the_admin_rpc_answers_for_every_worker(serving, token_file):
    running = serving(security(auth_token_file=str(token_file)),
                      reload_all=_outcomes(*(ReloadOutcome(pid, "g1", "g2") for pid in (1, 2, 3))))
    with Client(f"127.0.0.1:{running.port}", token=TOKENS[0], timeout=30) as client:
        reload = client.reload_glossary()
    assert (reload.old_version, reload.new_version, reload.workers) == ("g1", "g2", 3)


# -- reloading the certificate and tokens -----------------------------------------------------------
def test_a_reload_serves_a_renewed_certificate_and_new_tokens(serving, tmp_path, glossary_file):
    import shutil

    first, second = pki.make(tmp_path / "first"), pki.make(tmp_path / "second")  # two CAs
    live = tmp_path / "live"
    live.mkdir()
    cert, key, tokens = live / "server.pem", live / "server.key", live / "tokens"
    shutil.copy(first.server_cert, cert)
    shutil.copy(first.server_key, key)
    key.chmod(0o600)
    tokens.write_text(TOKENS[0] + "\n", encoding="utf-8")
    tokens.chmod(0o600)
    running = serving(security(tls_cert=str(cert), tls_key=str(key), auth_token_file=str(tokens)),
                      reload=Reload([glossary_file], 2000))
    address = f"127.0.0.1:{running.port}"
    with Client(address, ca_file=first.ca, token=TOKENS[0], timeout=30) as client:
        assert client.normalize("Hmeymim").output == "Khmeimim"
        # Renewed by another CA, and the token rotated; files replaced in one rename each.
        shutil.copy(second.server_cert, live / "new.pem")
        shutil.copy(second.server_key, live / "new.key")
        (live / "new.key").chmod(0o600)
        (live / "new.tokens").write_text(TOKENS[1] + "\n", encoding="utf-8")
        (live / "new.tokens").chmod(0o600)
        for new, old in (("new.pem", cert), ("new.key", key), ("new.tokens", tokens)):
            (live / new).replace(old)
        client.reload_glossary()
        # The open connection keeps its handshake; the old token no longer opens the admin service.
        assert failure(client.reload_glossary).code == grpc.StatusCode.UNAUTHENTICATED
    with Client(address, ca_file=second.ca, token=TOKENS[1], timeout=30) as renewed:
        assert renewed.normalize("Hmeymim").output == "Khmeimim"
        assert renewed.reload_glossary().workers == 1
    with Client(address, ca_file=first.ca, timeout=10, retries=0) as stale:  # the old CA no longer verifies
        assert failure(stale.normalize, "Hmeymim").code == grpc.StatusCode.UNAVAILABLE


def test_a_reload_with_unusable_files_keeps_the_old_certificate_and_tokens(serving, certs, tmp_path, glossary_file,
                                                                           caplog):
    tokens = tmp_path / "tokens"
    tokens.write_text(TOKENS[0] + "\n", encoding="utf-8")
    tokens.chmod(0o600)
    running = serving(security(tls_cert=str(certs.server_cert), tls_key=str(certs.server_key),
                               auth_token_file=str(tokens)), reload=Reload([glossary_file], 2000))
    with Client(f"127.0.0.1:{running.port}", ca_file=certs.ca, token=TOKENS[0], timeout=30) as client:
        tokens.write_text("# nothing left\n", encoding="utf-8")  # a token file without a token
        with caplog.at_level(logging.ERROR, logger="transnorm"):
            client.reload_glossary()  # the glossary reloads; the security files are refused
        assert "security reload refused" in caplog.text and TOKENS[0] not in caplog.text
    with Client(f"127.0.0.1:{running.port}", ca_file=certs.ca, token=TOKENS[0], timeout=30) as again:
        assert again.reload_glossary().workers == 1  # the old token still opens the admin service


def test_a_reload_cannot_turn_tls_or_client_certificates_on_or_off(certs):
    tls = security(tls_cert=str(certs.server_cert), tls_key=str(certs.server_key))
    assert tls.reread()[0].cert == tls.cert  # the same files read again
    # Settings serving TLS whose options, read again, give none (and the reverse for client CAs).
    without_tls = Security(cert=tls.cert, key=tls.key, options=dict(tls.options, tls_cert=None, tls_key=None))
    with pytest.raises(SecurityError, match="cannot turn TLS"):
        without_tls.reread()
    with_ca = Security(cert=tls.cert, key=tls.key, options=dict(tls.options, tls_client_ca=str(certs.ca)))
    with pytest.raises(SecurityError, match="client certificates"):
        with_ca.reread()
