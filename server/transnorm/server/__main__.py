"""``python -m transnorm.server``: serve the normalizer over gRPC until SIGTERM or SIGINT."""
from __future__ import annotations

import argparse
import logging
import os
import sys

# grpc's C core writes its own notices (a client's failed TLS handshake...) straight to stderr,
# outside the server's log format; only its errors pass unless GRPC_VERBOSITY says otherwise.
# Set before grpc is first imported, which reads it then.
os.environ.setdefault("GRPC_VERBOSITY", "ERROR")

from .app import serve  # noqa: E402 (after the environment is set)
from .log import configure, say  # noqa: E402
from .security import Security, SecurityError  # noqa: E402
from .settings import add_arguments  # noqa: E402


def run(args: argparse.Namespace) -> int:
    """Serve with the options ``add_arguments`` parsed; a security option that cannot be used
    stops start-up with a message and exit code 2, before the glossary loads."""
    configure(args.log_format)
    try:
        security, warnings = Security.from_options(args.tls_cert, args.tls_key, args.tls_client_ca,
                                                   args.auth_token_file, args.auth_all, args.insecure)
    except SecurityError as e:
        say(f"{e}", level=logging.ERROR)
        return 2
    for warning in warnings:
        say(warning, level=logging.WARNING)
    return serve(args.host, args.port, args.glossary, args.workers, args.max_text, args.grace,
                 max_concurrent=args.max_concurrent, log_format=args.log_format, security=security,
                 metrics_port=args.metrics_port, metrics_host=args.metrics_host)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transnorm.server", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
