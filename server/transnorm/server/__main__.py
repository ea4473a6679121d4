"""``python -m transnorm.server``: serve the normalizer over gRPC until SIGTERM or SIGINT."""
from __future__ import annotations

import argparse
import logging
import sys

from .app import serve
from .log import configure, say
from .security import Security, SecurityError
from .settings import add_arguments


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
                 max_concurrent=args.max_concurrent, log_format=args.log_format, security=security)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transnorm.server", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
