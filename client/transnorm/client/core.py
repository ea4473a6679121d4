"""A blocking Python client for ``transnorm.v1.NormalizerService`` that returns the engine's own types,
and for ``transnorm.v1.AdminService``; it speaks TLS (optionally with a client certificate) and
sends a bearer token."""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from transnorm.engine import Options, Result
from transnorm.engine.lookup import LookupMatch
from transnorm.server import convert
from transnorm.server.convert import GlossaryInfo
from transnorm.server.security import SecurityError, check_key_pair, is_loopback, read_certificates, read_tokens
from transnorm.v1 import admin_pb2 as admin_pb
from transnorm.v1 import admin_pb2_grpc as admin_grpc
from transnorm.v1 import normalizer_pb2 as pb
from transnorm.v1 import normalizer_pb2_grpc as pb_grpc

T = TypeVar("T")
_CODES = {c.value[0]: c for c in grpc.StatusCode}


class TransnormError(Exception):
    """A call the server refused or could not complete.

    ``code`` is the gRPC status code; ``violations`` pairs a request field with what is wrong with
    it (for INVALID_ARGUMENT), e.g. ``("options.rules", "unknown rule id 'x' ...")``.
    """

    def __init__(self, code: grpc.StatusCode, message: str, violations: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.violations = list(violations)

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError) -> "TransnormError":
        code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
        message = error.details() if hasattr(error, "details") else str(error)
        violations: list[tuple[str, str]] = []
        try:
            status = rpc_status.from_call(error)
        except ValueError:  # details that contradict the status line: keep what the line says
            status = None
        if status is not None:
            for detail in status.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    bad = error_details_pb2.BadRequest()
                    detail.Unpack(bad)
                    violations += convert.violation_pairs(bad.field_violations)
                elif detail.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
                    unmet = error_details_pb2.PreconditionFailure()
                    detail.Unpack(unmet)
                    violations += [(v.subject, v.description) for v in unmet.violations]
        return cls(code, message or "", violations)


class ClientConfigError(ValueError):
    """A client option that cannot be used (a TLS file that cannot be read, a token without TLS
    to another machine...); the message says which and why."""


@dataclass(frozen=True)
class GlossaryReload:
    """What ``AdminService.ReloadGlossary`` changed."""

    old_version: str
    new_version: str
    workers: int


def _host(address: str) -> str:
    """The host part of a gRPC target such as ``host:port``, ``[::1]:port`` or ``dns:///host:port``."""
    if address.startswith(("unix:", "unix-abstract:")):
        return "localhost"
    target = address
    if "///" in target:  # dns:///host:port
        target = target.split("///", 1)[1]
    elif target.startswith(("ipv4:", "ipv6:")):
        target = target.split(":", 1)[1]
    if target.startswith("["):
        return target[1:].split("]", 1)[0]
    return target.rsplit(":", 1)[0] if target.count(":") == 1 else target


class Client:
    """Calls a transnorm server; use it as a context manager, or call ``close``.

    ``timeout`` is the default deadline of a call in seconds (None for none). A call that finds the
    server UNAVAILABLE is retried up to ``retries`` times, waiting ``backoff`` seconds, then twice
    that, and so on, all within the call's deadline. ``glossary`` names the glossary every call
    expects (see ``Options.glossary`` in the proto); empty accepts whatever the server loaded.

    TLS: ``tls=True`` trusts the system's CA certificates; ``ca_file`` trusts the CA certificates in
    that PEM file instead (and implies TLS); ``cert_file`` and ``key_file`` present a client
    certificate (mutual TLS). ``token`` (or the first token in ``token_file``) is sent as
    ``authorization: Bearer TOKEN`` with every call. A token is never sent in plain text to a host
    other than loopback unless ``insecure`` says so. Options that cannot be used raise
    ``ClientConfigError``.
    """

    def __init__(self, address: str, *, timeout: float | None = 30.0, retries: int = 3, backoff: float = 0.1,
                 glossary: str = "", channel: grpc.Channel | None = None, tls: bool = False,
                 ca_file: str | Path | None = None, cert_file: str | Path | None = None,
                 key_file: str | Path | None = None, token: str | None = None, token_file: str | Path | None = None,
                 insecure: bool = False) -> None:
        if retries < 0 or backoff < 0:
            raise ValueError("retries and backoff must not be negative")
        self.address = address
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.glossary = glossary
        credentials = _credentials(tls, ca_file, cert_file, key_file)
        token = _token(token, token_file)
        if token and credentials is None and channel is None and not insecure and not is_loopback(_host(address)):
            raise ClientConfigError(f"refusing to send a token in plain text to {address}: use TLS (a CA file, or "
                                    "tls=True), or insecure=True if the network is trusted")
        self.tls = credentials is not None
        self._metadata = (("authorization", f"Bearer {token}"),) if token else ()
        # Results can be larger than the text (findings, offsets); the server bounds the text.
        options = [("grpc.max_receive_message_length", -1), ("grpc.max_send_message_length", -1)]
        if channel is None:
            channel = grpc.secure_channel(address, credentials, options=options) if credentials is not None \
                else grpc.insecure_channel(address, options=options)
        self._channel = channel
        self._stub = pb_grpc.NormalizerServiceStub(self._channel)
        self._admin = admin_grpc.AdminServiceStub(self._channel)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    # -- calls -----------------------------------------------------------------------------------
    def normalize(self, text: str, options: Options | None = None, *, timeout: float | None = None) -> Result:
        """Normalize ``text``; the result equals ``Engine.normalize`` on the server's glossary."""
        request = pb.NormalizeRequest(text=text, options=self._options(options))
        response = self._call(self._stub.Normalize, request, timeout)
        return convert.result_from_proto(text, response.result)

    def check(self, text: str, options: Options | None = None, *, timeout: float | None = None) -> Result:
        """Findings for ``text`` with nothing applied."""
        request = pb.CheckRequest(text=text, options=self._options(options))
        response = self._call(self._stub.Check, request, timeout)
        return convert.result_from_proto(text, response.result)

    def normalize_batch(self, texts: Sequence[str], options: Options | None = None, *,
                        timeout: float | None = None) -> list[Result | TransnormError]:
        """Normalize many texts in one call: a ``Result`` per text, or the error for that text."""
        texts = list(texts)
        request = pb.NormalizeBatchRequest(documents=[pb.BatchDocument(text=t) for t in texts],
                                           options=self._options(options))
        response = self._call(self._stub.NormalizeBatch, request, timeout)
        if len(response.results) != len(texts):
            raise TransnormError(grpc.StatusCode.INTERNAL,
                                 f"the server returned {len(response.results)} results for {len(texts)} texts")
        out: list[Result | TransnormError] = []
        for text, item in zip(texts, response.results):
            if item.HasField("error"):
                e = item.error
                out.append(TransnormError(_CODES.get(e.code, grpc.StatusCode.UNKNOWN), e.message,
                                          convert.violation_pairs(e.field_violations)))
            else:
                out.append(convert.result_from_proto(text, item.result))
        return out

    def lookup(self, name: str, limit: int = 10, *, min_score: float | None = None,
               timeout: float | None = None) -> list[LookupMatch]:
        """Glossary entries ``name`` may denote, best first."""
        request = pb.LookupTermRequest(name=name, limit=limit)
        if min_score is not None:
            request.min_score = min_score
        response = self._call(self._stub.LookupTerm, request, timeout)
        return [convert.match_from_proto(m) for m in response.matches]

    def glossary_info(self, *, timeout: float | None = None) -> GlossaryInfo:
        """The server's glossary and rule catalogue."""
        response = self._call(self._stub.GetGlossaryInfo, pb.GetGlossaryInfoRequest(), timeout)
        return convert.info_from_proto(response)

    def reload_glossary(self, *, timeout: float | None = None) -> GlossaryReload:
        """Have every worker of the server reload its glossary files (needs a token).

        A glossary the server refuses raises ``TransnormError`` with FAILED_PRECONDITION, and
        ``violations`` pairs the files with the problem; the old glossary keeps serving.
        """
        response = self._call(self._admin.ReloadGlossary, admin_pb.ReloadGlossaryRequest(), timeout)
        return GlossaryReload(response.old_version, response.new_version, response.workers)

    # -- plumbing --------------------------------------------------------------------------------
    def _options(self, options: Options | None) -> pb.Options:
        return convert.options_to_proto(options, self.glossary)

    def _call(self, method: Callable[..., T], request, timeout: float | None) -> T:
        timeout = self.timeout if timeout is None else timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        attempt = 0
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise TransnormError(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline passed while retrying")
            try:
                return method(request, timeout=remaining, metadata=self._metadata)
            except grpc.RpcError as e:
                error = TransnormError.from_rpc_error(e)
            if error.code != grpc.StatusCode.UNAVAILABLE or attempt >= self.retries:
                raise error
            pause = self.backoff * (2 ** attempt)
            if deadline is not None and time.monotonic() + pause >= deadline:
                raise error
            time.sleep(pause)
            attempt += 1


def _credentials(tls: bool, ca_file: str | Path | None, cert_file: str | Path | None,
                 key_file: str | Path | None) -> grpc.ChannelCredentials | None:
    """TLS channel credentials from the files given, or None for plaintext."""
    if bool(cert_file) != bool(key_file):
        raise ClientConfigError("a client certificate needs its key, and a key its certificate "
                                "(cert_file and key_file)")
    if not (tls or ca_file or cert_file):
        return None
    try:
        ca = read_certificates(ca_file, "CA file") if ca_file else None
        cert, key = check_key_pair(cert_file, key_file, "client certificate", "client key") if cert_file \
            else (None, None)
    except SecurityError as e:
        raise ClientConfigError(str(e)) from None
    return grpc.ssl_channel_credentials(root_certificates=ca, private_key=key, certificate_chain=cert)


def _token(token: str | None, token_file: str | Path | None) -> str | None:
    """The token to send: ``token``, or the first one in ``token_file``."""
    if token and token_file:
        raise ClientConfigError("give a token or a token file, not both")
    if token_file:
        try:
            return read_tokens(token_file, "token file")[0]
        except SecurityError as e:
            raise ClientConfigError(str(e)) from None
    if token is None:
        return None
    if not token or not all("!" <= c <= "~" for c in token):
        raise ClientConfigError("the token is empty or not printable ASCII without spaces")
    return token
