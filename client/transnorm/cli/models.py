"""``transnorm models``: list and install the offline translation models used by ``--retranslate``."""
from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("models", help="offline translation models for --retranslate")
    sub = p.add_subparsers(dest="models_command", required=True, metavar="SUBCOMMAND")

    lp = sub.add_parser("list", help="installed language pairs")
    lp.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    lp.set_defaults(func=cmd_list)

    ip = sub.add_parser("install", help="install a model: a FILE.argosmodel, or --from LANG --to LANG from the Argos index",
                        description="Install an Argos Translate package. A file works offline; --from/--to "
                                    "downloads from the Argos package index and needs network access.")
    ip.add_argument("file", nargs="?", metavar="FILE.argosmodel", help="a package file to install")
    ip.add_argument("--from", dest="from_code", metavar="LANG", help="source language (ISO 639-1) to download")
    ip.add_argument("--to", dest="to_code", metavar="LANG", help="target language (default en)")
    ip.set_defaults(func=cmd_install)


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(f"transnorm: {message}", file=sys.stderr)
    return code


def cmd_list(args: argparse.Namespace) -> int:
    from .. import models

    root = models.models_dir()
    try:
        found = models.installed()
    except OSError as e:
        return _fail(f"{root}: {e.strerror or e}")
    if args.format == "json":
        print(json.dumps({"models_dir": str(root), "models": [
            {"from": m.from_code, "to": m.to_code, "version": m.version, "path": str(m.path)} for m in found]}, indent=2))
        return EXIT_OK
    if not found:
        print(f"no models installed in {root}; add one with `transnorm models install FILE.argosmodel` "
              "or `transnorm models install --from ru --to en`")
        return EXIT_OK
    print(f"models in {root}:")
    for m in found:
        print(f"  {m.from_code} -> {m.to_code}  version {m.version or '?'}  ({m.path.name})")
    return EXIT_OK


def cmd_install(args: argparse.Namespace) -> int:
    from .. import models

    if args.file and (args.from_code or args.to_code):
        return _fail("give either FILE.argosmodel or --from/--to, not both", EXIT_USAGE)
    if not args.file and not args.from_code:
        return _fail("give FILE.argosmodel, or --from LANG (and --to LANG, default en)", EXIT_USAGE)
    for code in (args.from_code, args.to_code):
        if code is not None and not (2 <= len(code) <= 3 and code.isalpha() and code.islower()):
            return _fail(f"{code!r} is not an ISO 639-1 language code (for example ru, fr, en)", EXIT_USAGE)
    try:
        if args.file:
            info = models.install_file(args.file)
        else:
            info = models.install_pair(args.from_code, args.to_code or "en")
    except models.ModelError as e:
        return _fail(str(e))
    except OSError as e:
        return _fail(f"{models.models_dir()}: {e.strerror or e}")
    print(f"installed {info.from_code} -> {info.to_code} (version {info.version or '?'}) in {info.path.parent}")
    if info.own_splitter:
        print("note: the package ships a sentence splitter; transnorm splits sentences itself and does not use it")
    else:
        print("note: the package has no sentence splitter; transnorm splits sentences itself, "
              "so none is ever downloaded")
    return EXIT_OK
