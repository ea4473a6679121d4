"""``python -m transnorm.server``: serve the normalizer over gRPC until SIGTERM or SIGINT."""
from __future__ import annotations

import argparse
import logging
import sys

from .app import DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_TEXT, serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m transnorm.server", description=__doc__)
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
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="transnorm: %(levelname)s %(name)s: %(message)s")
    return serve(args.host, args.port, args.glossary, args.workers, args.max_text, args.grace,
                 max_concurrent=args.max_concurrent)


if __name__ == "__main__":
    sys.exit(main())
