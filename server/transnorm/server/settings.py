"""The server's command-line options, shared by ``python -m transnorm.server`` and ``transnorm serve``.

Kept free of grpc imports so the CLI's start-up does not pay for the server it may not run.
"""
from __future__ import annotations

import argparse

DEFAULT_MAX_TEXT = 1 << 20
DEFAULT_MAX_CONCURRENT = 16  # calls at work at once per process; more are refused with a retry hint
LOG_FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the server's options to ``parser``."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)")
    parser.add_argument("--port", type=int, default=50051, help="port to listen on; 0 picks a free one (default 50051)")
    parser.add_argument("--glossary", action="append", metavar="PATH",
                        help="a glossary file; repeat for several (default: the bundled glossary)")
    parser.add_argument("--workers", type=int, default=1, help="processes sharing the port (default 1)")
    parser.add_argument("--max-text", type=int, default=DEFAULT_MAX_TEXT, metavar="CHARS",
                        help=f"the longest text accepted, in characters (default {DEFAULT_MAX_TEXT})")
    parser.add_argument("--grace", type=float, default=10.0, metavar="SECONDS",
                        help="how long calls in flight may run on after SIGTERM (default 10)")
    parser.add_argument("--max-concurrent", type=int, default=DEFAULT_MAX_CONCURRENT, metavar="N",
                        help="calls at work at once per process; more are refused with RESOURCE_EXHAUSTED "
                             f"and a retry hint (default {DEFAULT_MAX_CONCURRENT})")
    parser.add_argument("--metrics-port", type=int, metavar="PORT",
                        help="serve Prometheus metrics over HTTP on this port; 0 picks a free one (default: off)")
    parser.add_argument("--metrics-host", metavar="HOST",
                        help="address the metrics endpoint listens on (default: the same as --host)")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                        help="stderr log lines as plain text or as one JSON object each (default text)")
    security = parser.add_argument_group(
        "security", "TLS and bearer tokens. Health checks and reflection stay open to everyone; the admin "
        "service (glossary reloads) always needs a token and is refused without --auth-token-file.")
    security.add_argument("--tls-cert", metavar="PEM", help="serve TLS with this certificate (chain); needs --tls-key")
    security.add_argument("--tls-key", metavar="PEM", help="the private key of --tls-cert (unencrypted PEM)")
    security.add_argument("--tls-client-ca", metavar="PEM",
                          help="require client certificates signed by these CA certificates (mutual TLS)")
    security.add_argument("--auth-token-file", metavar="PATH",
                          help="bearer tokens callers may present, one per line (blank lines and # comments "
                               "skipped); required for the admin service")
    security.add_argument("--auth-all", action="store_true",
                          help="require a token for the normalizer service too, not only for admin calls")
    security.add_argument("--insecure", action="store_true",
                          help="allow plaintext on an address other than loopback (e.g. behind a proxy that "
                               "terminates TLS); without it such a --host needs --tls-cert")
