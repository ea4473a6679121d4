"""Who may reach the server and how: TLS credentials, bearer tokens and the loopback rule.

Everything the operator gives (certificate, key, client CA, token file) is read and checked at
start, before the glossary loads, so a mistake stops start-up at once with a message naming the
option and the file (exit code 2) instead of surfacing as a failed handshake later. A reload
(SIGHUP or the admin RPC) reads the same files again (``LiveSecurity``): a renewed certificate
serves every connection opened after it, new tokens every call after it; files that no longer
check out are refused and the old ones stay. Tokens are compared in constant time and never
logged, not even in part.
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import ssl
from collections.abc import Callable, Sequence
import threading
from dataclasses import dataclass, field
from pathlib import Path

import grpc

from .log import say

# Services a caller may always use, token or not: load balancers and orchestrators probe health
# without credentials, and reflection only describes the API (grpcurl, buf curl).
OPEN_SERVICES = frozenset({
    "grpc.health.v1.Health",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
})
ADMIN_SERVICE = "transnorm.v1.AdminService"
MIN_TOKEN = 16  # characters; shorter tokens are accepted with a warning (they can be guessed)


class SecurityError(ValueError):
    """A security option or file that cannot be used; the message names the option and the file."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on or reaches this machine (127.0.0.0/8, ::1, localhost)."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name other than localhost: it may resolve anywhere
        return False


def read_tokens(path: str | Path, option: str = "--auth-token-file") -> tuple[str, ...]:
    """The tokens in ``path``: one per line; blank lines and lines starting with ``#`` are skipped.

    Raises ``SecurityError`` when the file cannot be read, holds no token, or a line holds
    something that cannot travel in a gRPC header (printable ASCII without spaces). A message
    names the line number, never its content.
    """
    data = _read(path, option)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SecurityError(f"{option} {path}: not UTF-8 text") from None
    tokens = []
    for number, line in enumerate(text.splitlines(), 1):
        token = line.strip()
        if not token or token.startswith("#"):
            continue
        if not all("!" <= c <= "~" for c in token):
            raise SecurityError(f"{option} {path}: line {number} is not a valid token (printable ASCII "
                                "without spaces, as an HTTP header carries it)")
        tokens.append(token)
    if not tokens:
        raise SecurityError(f"{option} {path}: holds no token (one token per line; blank lines and # "
                            "comments are skipped)")
    return tuple(dict.fromkeys(tokens))


def _read(path: str | Path, option: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise SecurityError(f"{option} {path}: is a directory") from None
    except OSError as e:
        raise SecurityError(f"{option} {path}: cannot read: {e.strerror or e}") from None


def _no_password() -> bytes:
    raise SecurityError("the key is encrypted")


def check_key_pair(cert: str | Path, key: str | Path, cert_option: str = "--tls-cert",
                   key_option: str = "--tls-key") -> tuple[bytes, bytes]:
    """Read a PEM certificate (chain) and its unencrypted private key, and check they belong
    together; return their bytes."""
    cert_pem, key_pem = _read(cert, cert_option), _read(key, key_option)
    check_certificates(cert_pem, f"{cert_option} {cert}")
    if b"PRIVATE KEY-----" not in key_pem:
        raise SecurityError(f"{key_option} {key}: not a PEM private key")
    if b"ENCRYPTED" in key_pem:
        raise SecurityError(f"{key_option} {key}: the key is encrypted; give an unencrypted key file "
                            "(readable by the server's user only)")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(str(cert), str(key), password=_no_password)
    except SecurityError:
        raise SecurityError(f"{key_option} {key}: the key is encrypted; give an unencrypted key file") from None
    except ssl.SSLError as e:
        if "KEY_VALUES_MISMATCH" in str(e):
            raise SecurityError(f"{key_option} {key}: the key does not belong to the certificate in "
                                f"{cert_option} {cert}") from None
        raise SecurityError(f"{cert_option} {cert} / {key_option} {key}: cannot be used as a certificate and "
                            f"key ({e.reason or e})") from None
    return cert_pem, key_pem


def check_certificates(pem: bytes, where: str) -> None:
    """Raise ``SecurityError`` unless ``pem`` holds at least one PEM certificate that parses."""
    if b"-----BEGIN CERTIFICATE-----" not in pem:
        raise SecurityError(f"{where}: not a PEM certificate (-----BEGIN CERTIFICATE-----)")
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cadata=pem.decode("ascii"))
    except (ssl.SSLError, UnicodeDecodeError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise SecurityError(f"{where}: a certificate in it does not parse ({reason})") from None


def read_certificates(path: str | Path, option: str) -> bytes:
    """Read a PEM file of one or more certificates (a CA bundle) and check it parses."""
    pem = _read(path, option)
    check_certificates(pem, f"{option} {path}")
    return pem


@dataclass(frozen=True)
class Security:
    """The server's transport security and call authentication.

    With ``cert``/``key`` the server speaks TLS only; with ``client_ca`` as well, every client must
    present a certificate that CA signed (mutual TLS). ``tokens`` are the bearer tokens accepted in
    ``authorization: Bearer TOKEN`` metadata: the admin service always needs one (and is refused
    outright when there are none), the normalizer service too when ``auth_all``. ``insecure``
    allows plaintext on an address other than loopback.
    """

    cert: bytes | None = None
    key: bytes | None = None
    client_ca: bytes | None = None
    tokens: tuple[str, ...] = ()
    auth_all: bool = False
    insecure: bool = False
    # The options these settings were read from (``from_options``): what a reload reads again.
    options: dict = field(default_factory=dict, compare=False)

    @property
    def tls(self) -> bool:
        return self.cert is not None

    @classmethod
    def from_options(cls, tls_cert: str | None = None, tls_key: str | None = None, tls_client_ca: str | None = None,
                     auth_token_file: str | None = None, auth_all: bool = False,
                     insecure: bool = False) -> tuple["Security", list[str]]:
        """Read and check the files the options name; return the settings and warnings for the log.

        Raises ``SecurityError`` for a combination that makes no sense or a file that cannot be used.
        """
        warnings: list[str] = []
        if bool(tls_cert) != bool(tls_key):
            given, missing = ("--tls-cert", "--tls-key") if tls_cert else ("--tls-key", "--tls-cert")
            raise SecurityError(f"{given} needs {missing} as well (the certificate and its private key)")
        if tls_client_ca and not tls_cert:
            raise SecurityError("--tls-client-ca needs --tls-cert and --tls-key (client certificates are checked "
                                "only over TLS)")
        if auth_all and not auth_token_file:
            raise SecurityError("--auth-all needs --auth-token-file (the tokens callers must present)")
        cert = key = client_ca = None
        if tls_cert:
            cert, key = check_key_pair(tls_cert, tls_key)
            if _readable_by_others(tls_key):
                warnings.append(f"--tls-key {tls_key} can be read by other users; chmod 600 it")
        if tls_client_ca:
            client_ca = read_certificates(tls_client_ca, "--tls-client-ca")
        tokens: tuple[str, ...] = ()
        if auth_token_file:
            tokens = read_tokens(auth_token_file)
            if _readable_by_others(auth_token_file):
                warnings.append(f"--auth-token-file {auth_token_file} can be read by other users; chmod 600 it")
            short = sum(1 for t in tokens if len(t) < MIN_TOKEN)
            if short:
                warnings.append(f"--auth-token-file {auth_token_file}: {short} token(s) shorter than {MIN_TOKEN} "
                                "characters; long random tokens cannot be guessed (e.g. openssl rand -hex 32)")
        options = dict(tls_cert=tls_cert, tls_key=tls_key, tls_client_ca=tls_client_ca,
                       auth_token_file=auth_token_file, auth_all=auth_all, insecure=insecure)
        return cls(cert, key, client_ca, tokens, auth_all, insecure, options), warnings

    def reread(self) -> tuple["Security", list[str]]:
        """The same options' files read and checked again. A reload cannot turn TLS or client
        certificates on or off (that changes how the port was bound): raises ``SecurityError``."""
        new, warnings = Security.from_options(**self.options)
        if new.tls != self.tls or (new.client_ca is None) != (self.client_ca is None):
            raise SecurityError("a reload cannot turn TLS or client certificates on or off; restart the server")
        return new, warnings

    def check_bind(self, host: str) -> None:
        """Refuse to serve plaintext beyond this machine unless the operator said ``--insecure``."""
        if not self.tls and not self.insecure and not is_loopback(host):
            raise SecurityError(
                f"refusing to listen on {host} without TLS: calls (and any bearer token) would cross the network "
                "in plain text; give --tls-cert and --tls-key, or --insecure to serve plaintext anyway "
                "(e.g. behind a proxy that terminates TLS)")

    def certificate_configuration(self) -> grpc.ServerCertificateConfiguration:
        return grpc.ssl_server_certificate_configuration([(self.key, self.cert)], root_certificates=self.client_ca)


class LiveSecurity:
    """One process's security while it serves: the settings it started with, and what a reload
    reads again from the same files.

    The TLS credentials are grpc's dynamic ones: grpc asks ``_fetch`` at each new handshake, and
    after a reload it answers once with the new certificate. The token interceptor's tokens are
    swapped in one assignment. Connections already open keep the certificate they shook hands
    with; calls after the reload need the new tokens.
    """

    def __init__(self, security: Security) -> None:
        self.current = security
        self.auth = TokenAuth(security.tokens, security.auth_all)
        self._next: grpc.ServerCertificateConfiguration | None = None
        self._lock = threading.Lock()

    @property
    def tls(self) -> bool:
        return self.current.tls

    def credentials(self) -> grpc.ServerCredentials:
        """The gRPC server credentials for TLS (``tls`` must be true)."""
        return grpc.dynamic_ssl_server_credentials(self.current.certificate_configuration(), self._fetch,
                                                   require_client_authentication=self.current.client_ca is not None)

    def interceptors(self) -> tuple[grpc.ServerInterceptor, ...]:
        return (self.auth,)

    def _fetch(self) -> grpc.ServerCertificateConfiguration | None:
        with self._lock:
            config, self._next = self._next, None
        return config

    def reload(self) -> str:
        """Read the certificate, key, client CA and token file again; ``""`` when they serve from
        now on (or there is nothing to read), else why they were refused (the old ones stay)."""
        if not any(self.current.options.get(k) for k in ("tls_cert", "auth_token_file")):
            return ""
        try:
            new, warnings = self.current.reread()
        except SecurityError as e:
            say(f"security reload refused, the old certificate and tokens stay: {e}", level=logging.ERROR,
                event="security_reload_refused")
            return str(e)
        for warning in warnings:
            say(warning, level=logging.WARNING, event="security_warning")
        with self._lock:
            if new.tls:
                self._next = new.certificate_configuration()
            self.current = new
        self.auth.update(new.tokens)
        say("reloaded the TLS certificate and tokens" if new.tls else "reloaded the tokens",
            event="security_reload", tokens=len(new.tokens))
        return ""


def _readable_by_others(path: str | Path) -> bool:
    try:
        return bool(os.stat(path).st_mode & 0o077)
    except OSError:
        return False


class TokenAuth(grpc.ServerInterceptor):
    """Lets a call through only with a valid bearer token where one is required.

    Health and reflection are always open. The admin service always needs a token, and with no
    tokens configured it is refused to everyone (PERMISSION_DENIED): it is never open. The
    normalizer service needs one when ``auth_all``. A call without a valid token fails with
    UNAUTHENTICATED before it reaches the service.
    """

    def __init__(self, tokens: Sequence[str], auth_all: bool) -> None:
        self._tokens = tuple(t.encode("ascii") for t in tokens)
        self.auth_all = auth_all

    def update(self, tokens: Sequence[str]) -> None:
        """Accept ``tokens`` from the next call on (one assignment: a call sees the old set or the new)."""
        self._tokens = tuple(t.encode("ascii") for t in tokens)

    def intercept_service(self, continuation: Callable, handler_call_details: grpc.HandlerCallDetails):
        method = handler_call_details.method
        service = method.lstrip("/").split("/", 1)[0]
        if service in OPEN_SERVICES or (service != ADMIN_SERVICE and not self.auth_all):
            return continuation(handler_call_details)
        handler = continuation(handler_call_details)
        if handler is None:  # no such method: grpc answers UNIMPLEMENTED
            return None
        if not self._tokens:
            return _refusal(handler, grpc.StatusCode.PERMISSION_DENIED, method,
                            "the admin service is disabled: the server was started without --auth-token-file")
        problem = self.problem(handler_call_details.invocation_metadata or ())
        if problem is None:
            return handler
        return _refusal(handler, grpc.StatusCode.UNAUTHENTICATED, method, problem)

    def problem(self, metadata: Sequence[tuple[str, str | bytes]]) -> str | None:
        """Why ``metadata`` does not authenticate the call, or None when it does."""
        values = [v for k, v in metadata if k.lower() == "authorization"]
        if not values:
            return "this call needs a bearer token: send the metadata 'authorization: Bearer TOKEN'"
        if len(values) > 1:
            return "send one authorization header, not several"
        value = values[0]
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        scheme, _, token = value.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return "the authorization metadata must read 'Bearer TOKEN'"
        return None if self.valid(token.strip()) else "the bearer token is not accepted by this server"

    def valid(self, token: str) -> bool:
        """Whether ``token`` is one of the configured tokens; every one is compared, in constant time."""
        given = token.encode("utf-8", "surrogateescape")
        matched = False
        for known in self._tokens:
            matched |= hmac.compare_digest(given, known)
        return matched


def _refusal(handler: grpc.RpcMethodHandler, code: grpc.StatusCode, method: str, message: str) -> grpc.RpcMethodHandler:
    """A handler of the same shape as ``handler`` that fails every call with ``code``."""

    def refuse(request_or_iterator, context: grpc.ServicerContext):
        # The method and the peer help an operator see who is knocking; the token never appears.
        say(f"refused a call to {method} from {context.peer()}: {code.name}", level=logging.WARNING,
            event="call_refused", method=method, peer=context.peer(), code=code.name)
        context.abort(code, message)

    kind = {
        (False, False): grpc.unary_unary_rpc_method_handler,
        (False, True): grpc.unary_stream_rpc_method_handler,
        (True, False): grpc.stream_unary_rpc_method_handler,
        (True, True): grpc.stream_stream_rpc_method_handler,
    }[(handler.request_streaming, handler.response_streaming)]
    return kind(refuse, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)
