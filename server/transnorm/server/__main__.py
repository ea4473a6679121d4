"""``python -m transnorm.server``: serve the normalizer over gRPC until SIGTERM or SIGINT."""
from __future__ import annotations

import argparse
import sys

from .app import serve
from .settings import add_arguments


def run(args: argparse.Namespace) -> int:
    """Serve with the options ``add_arguments`` parsed."""
    return serve(args.host, args.port, args.glossary, args.workers, args.max_text, args.grace,
                 max_concurrent=args.max_concurrent, log_format=args.log_format,
                 metrics_port=args.metrics_port, metrics_host=args.metrics_host)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transnorm.server", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
