"""The ``transnorm`` command line: fix, check, lookup, rules, glossary lint, serve, admin, models."""
from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from ..engine import Finding, OffsetMap, Options, Result, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem the user can fix; printed as ``transnorm: message`` with exit code 2."""


# -- input and output --------------------------------------------------------------------------

@dataclass
class Source:
    name: str  # as shown in messages: the path, or <stdin>
    path: Path | None
    text: str


def read_sources(files: Sequence[str]) -> list[Source]:
    """Read every input strictly as UTF-8; a file that is not is an error, never a guess."""
    out = []
    for f in files or ["-"]:
        if f == "-":
            data, name, path = sys.stdin.buffer.read(), "<stdin>", None
        else:
            path = Path(f)
            try:
                data = path.read_bytes()
            except IsADirectoryError:
                raise CliError(f"{f}: is a directory") from None
            except OSError as e:
                raise CliError(f"{f}: {e.strerror or e}") from None
            name = f
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise CliError(f"{name}: not valid UTF-8 (byte {e.start}); convert it to UTF-8 first") from None
        out.append(Source(name, path, text))
    return out


def write_stdout(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` by a file with ``text``, so a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def line_col(text: str, pos: int) -> tuple[int, int]:
    """One-based line and column (in code points) of ``pos``."""
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


def finding_json(f: Finding, text: str, offsets: OffsetMap) -> dict:
    line, col = line_col(text, f.start)
    s16, s8 = offsets.units(f.start)
    e16, e8 = offsets.units(f.end)
    return {
        "start": f.start, "end": f.end, "start_utf16": s16, "end_utf16": e16, "start_utf8": s8, "end_utf8": e8,
        "line": line, "column": col, "original": f.original, "replacements": list(f.replacements),
        "rule_id": f.rule_id, "category": f.category, "severity": f.severity.name.lower(),
        "message": f.message, "confidence": f.confidence, "entry_id": f.entry_id, "applied": f.applied,
        "details": dict(f.details),
    }


def result_json(name: str, r: Result, with_output: bool) -> dict:
    offsets = OffsetMap(r.text)
    d = {"file": name, "glossary_version": r.glossary_version}
    if with_output:
        d["output"] = r.output
        d["changed"] = r.output != r.text
    d["applied"] = [finding_json(f, r.text, offsets) for f in r.applied]
    d["unapplied"] = [finding_json(f, r.text, offsets) for f in r.unapplied]
    return d


def colour_diff(a: str, b: str, name: str, colour: bool) -> str:
    lines = difflib.unified_diff(a.splitlines(keepends=True), b.splitlines(keepends=True),
                                 fromfile=f"a/{name.lstrip('/')}", tofile=f"b/{name.lstrip('/')}")
    out = []
    for ln in lines:
        if not ln.endswith("\n"):
            ln += "\n\\ No newline at end of file\n"
        if colour:
            if ln.startswith(("+++", "---")):
                ln = f"\033[1m{ln}\033[0m"
            elif ln.startswith("+"):
                ln = f"\033[32m{ln}\033[0m"
            elif ln.startswith("-"):
                ln = f"\033[31m{ln}\033[0m"
            elif ln.startswith("@@"):
                ln = f"\033[36m{ln}\033[0m"
        out.append(ln)
    return "".join(out)


# -- the engine, local or remote ---------------------------------------------------------------

# The connection options of --server and the environment variables that stand in for them.
CONNECTION_ENV = {"tls_ca": "TRANSNORM_TLS_CA", "tls_cert": "TRANSNORM_TLS_CERT", "tls_key": "TRANSNORM_TLS_KEY",
                  "token_file": "TRANSNORM_TOKEN_FILE"}


def connect(server: str, args):
    """A client for ``server`` with the TLS files and token the options (or their environment
    variables) name."""
    from ..client import Client, ClientConfigError

    given = {name: getattr(args, name, None) or os.environ.get(env) or None for name, env in CONNECTION_ENV.items()}
    try:
        return Client(server, tls=getattr(args, "tls", False), ca_file=given["tls_ca"], cert_file=given["tls_cert"],
                      key_file=given["tls_key"], token_file=given["token_file"],
                      insecure=getattr(args, "insecure", False))
    except ClientConfigError as e:
        raise CliError(f"server {server}: {e}") from None


def remote_error(server: str, e, tls: bool) -> str:
    """A message for a failed call, with a hint where the status has an obvious cause."""
    import grpc

    detail = "; ".join(f"{f}: {d}" for f, d in e.violations)
    message = f"server {server}: {e.code.name}: {e.message}" + (f" ({detail})" if detail else "")
    text = e.message.lower()
    if e.code == grpc.StatusCode.UNAUTHENTICATED:
        message += " (give the token with --token-file or TRANSNORM_TOKEN_FILE)"
    elif e.code == grpc.StatusCode.UNAVAILABLE and tls and ("ssl" in text or "handshake" in text):
        message += " (a TLS problem: check --tls-ca, --tls-cert and --tls-key against the server's certificates)"
    elif e.code == grpc.StatusCode.UNAVAILABLE and tls and "socket closed" in text:
        message += " (the server closed the connection: does it want a client certificate, --tls-cert and --tls-key?)"
    elif e.code == grpc.StatusCode.UNAVAILABLE and not tls and "socket closed" in text:
        message += " (if the server speaks TLS, give --tls-ca or --tls)"
    return message


class Backend:
    """Runs requests in this process, or on a server when ``--server``/``TRANSNORM_SERVER`` is set."""

    def __init__(self, args) -> None:
        self.args = args
        self.server = getattr(args, "server", None) or os.environ.get("TRANSNORM_SERVER") or None
        self.glossary = getattr(args, "glossary", None) or None
        self._engine = None
        self._client = None
        if self.server and self.glossary:
            raise CliError("--glossary applies to the in-process engine; a server uses the glossary it was started with")
        given = [f"--{n.replace('_', '-')}" for n in (*CONNECTION_ENV, "tls", "insecure") if getattr(args, n, None)]
        if given and not self.server:
            raise CliError(f"{', '.join(given)} apply only to a server (--server ADDR or TRANSNORM_SERVER)")

    @property
    def engine(self):
        if self._engine is None:
            from ..engine import Engine
            from ..glossary import GlossaryError

            try:
                self._engine = Engine.from_paths(self.glossary)
            except GlossaryError as e:
                raise CliError(str(e)) from None
        return self._engine

    @property
    def client(self):
        if self._client is None:
            self._client = connect(self.server, self.args)
        return self._client

    def run(self, text: str, options: Options, apply: bool) -> Result:
        from ..engine import OptionsError, TextTooLarge

        if self.server:
            from ..client import TransnormError

            try:
                return self.client.normalize(text, options) if apply else self.client.check(text, options)
            except TransnormError as e:
                raise CliError(remote_error(self.server, e, self.client.tls)) from None
        try:
            return self.engine.normalize(text, options) if apply else self.engine.check(text, options)
        except (OptionsError, TextTooLarge) as e:
            raise CliError(str(e)) from None

    def lookup(self, name: str, limit: int):
        if self.server:
            from ..client import TransnormError

            try:
                return self.client.lookup(name, limit)
            except TransnormError as e:
                raise CliError(remote_error(self.server, e, self.client.tls)) from None
        return self.engine.lookup(name, limit)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def options_from_args(args) -> Options:
    overrides = []
    for item in args.set or ():
        rid, sep, mode = item.partition("=")
        if not sep:
            raise CliError(f"--set {item!r}: expected RULE=MODE, e.g. --set punct.dash=report")
        overrides.append((rid.strip(), mode.strip()))
    return Options(
        profile=args.profile,
        rules=tuple(args.rule or ()),
        categories=tuple(args.category or ()),
        disabled_rules=tuple(args.disable or ()),
        overrides=tuple(overrides),
        min_confidence=args.min_confidence if args.min_confidence is not None else Options().min_confidence,
        target_language=args.target_language,
        dash_style=args.dash_style,
        retranslate=args.retranslate,
        allow_empty=True,
    )


# -- commands ----------------------------------------------------------------------------------

def cmd_fix(args) -> int:
    if args.in_place and any(f == "-" for f in args.files or ["-"]):
        raise CliError("--in-place needs file names, not standard input")
    options = options_from_args(args)
    sources = read_sources(args.files)
    backend = Backend(args)
    try:
        results = [(s, backend.run(s.text, options, apply=True)) for s in sources]
    finally:
        backend.close()
    if args.format == "json":
        doc = [result_json(s.name, r, with_output=not args.in_place) for s, r in results]
        write_stdout(json.dumps(doc if len(doc) > 1 else doc[0], ensure_ascii=False, indent=2) + "\n")
    for s, r in results:
        if args.in_place:
            if r.output != s.text:
                write_atomic(s.path, r.output)
            if args.format == "text":
                print(f"{s.name}: {len(r.applied)} edit(s) applied, {len(r.unapplied)} finding(s) reported", file=sys.stderr)
        elif args.diff and args.format == "text":
            colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
            write_stdout(colour_diff(s.text, r.output, s.name, colour))
        elif args.format == "text":
            write_stdout(r.output)
    return EXIT_OK


def cmd_check(args) -> int:
    options = options_from_args(args)
    fail_on = Severity.parse(args.fail_on)
    sources = read_sources(args.files)
    backend = Backend(args)
    try:
        results = [(s, backend.run(s.text, options, apply=False)) for s in sources]
    finally:
        backend.close()
    worst = 0
    if args.format == "json":
        doc = [result_json(s.name, r, with_output=False) for s, r in results]
        write_stdout(json.dumps(doc if len(doc) > 1 else doc[0], ensure_ascii=False, indent=2) + "\n")
    for s, r in results:
        for f in r.findings:
            worst = max(worst, int(f.severity))
            if args.format == "text":
                line, col = line_col(s.text, f.start)
                fix = f" -> {f.replacement!r}" if f.replacements and f.replacement != f.original else ""
                print(f"{s.name}:{line}:{col}: {f.rule_id} [{f.severity.name.lower()}] {f.message}{fix}")
    return EXIT_FINDINGS if worst and worst >= fail_on else EXIT_OK


def cmd_lookup(args) -> int:
    backend = Backend(args)
    try:
        matches = backend.lookup(" ".join(args.name), args.limit)
    finally:
        backend.close()
    if args.format == "json":
        write_stdout(json.dumps([asdict(m) for m in matches], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK if matches else EXIT_FINDINGS
    if not matches:
        print(f"no glossary entry matches {' '.join(args.name)!r}", file=sys.stderr)
        return EXIT_FINDINGS
    for m in matches:
        print(f"{m.score:6.1f}  {m.canonical}  [{m.entry_id}, {m.kind}]  via {m.form_kind} {m.form!r} ({m.method})")
    return EXIT_OK


def cmd_rules(args) -> int:
    from ..engine import all_rules

    rules = sorted(all_rules().values(), key=lambda r: (r.category, r.id))
    if args.format == "json":
        write_stdout(json.dumps([{
            "id": r.id, "category": r.category, "default": r.default, "strict": r.strict,
            "severity": r.severity.name.lower(), "description": r.description, "wrong": r.wrong, "fixed": r.fixed,
            "languages": list(r.languages),
        } for r in rules], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in rules:
        langs = "all" if r.languages == ("*",) else ",".join(r.languages)
        print(f"{r.id:28} {r.category:10} default={r.default:6} strict={r.strict:6} lang={langs:11} {r.description}")
        print(f"{'':28} e.g. {r.wrong!r} -> {r.fixed!r}")
    return EXIT_OK


def cmd_glossary_lint(args) -> int:
    from ..glossary import lint

    issues = lint(args.paths)
    for i in issues:
        print(str(i))
    errors = sum(1 for i in issues if i.level == "error")
    warnings = len(issues) - errors
    print(f"{len(args.paths)} file(s): {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_serve(args) -> int:
    from ..server.__main__ import run

    return run(args)


def cmd_admin_reload(args) -> int:
    """Reload the server's glossary in every worker: exit 0 and ``OLD -> NEW``, or 1 when the
    server refused the new glossary (the old one keeps serving), or 2 for any other failure."""
    import grpc

    from ..client import TransnormError

    server = args.server or os.environ.get("TRANSNORM_SERVER")
    if not server:
        raise CliError("admin reload needs --server ADDR (or TRANSNORM_SERVER)")
    client = connect(server, args)
    try:
        reload = client.reload_glossary(timeout=args.timeout)
    except TransnormError as e:
        if e.code == grpc.StatusCode.FAILED_PRECONDITION:
            print(f"transnorm: {remote_error(server, e, client.tls)}", file=sys.stderr)
            return EXIT_FINDINGS
        raise CliError(remote_error(server, e, client.tls)) from None
    finally:
        client.close()
    workers = "worker" if reload.workers == 1 else "workers"
    print(f"{reload.old_version} -> {reload.new_version} ({reload.workers} {workers})")
    return EXIT_OK


# -- argument parsing --------------------------------------------------------------------------

def _engine_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("engine")
    g.add_argument("--glossary", action="append", metavar="PATH",
                   help="glossary YAML file (repeatable); replaces the bundled glossary")
    g.add_argument("--server", metavar="ADDR", help="call a transnorm server at ADDR (host:port) "
                   "instead of running in-process (default: $TRANSNORM_SERVER)")
    _connection_args(p)
    g.add_argument("--profile", choices=("default", "strict", "report"), default="default",
                   help="default applies only high-precision rules; strict applies more; report applies nothing")
    g.add_argument("--rule", action="append", metavar="ID", help="run only this rule (repeatable)")
    g.add_argument("--category", action="append", metavar="NAME", help="run only rules of this category (repeatable)")
    g.add_argument("--disable", action="append", metavar="ID", help="do not run this rule (repeatable)")
    g.add_argument("--set", action="append", metavar="RULE=MODE", help="override a rule's mode: apply, report or off")
    g.add_argument("--min-confidence", type=float, metavar="X", help="apply only findings at or above X (default 0.85)")
    g.add_argument("--target-language", default="", metavar="LANG",
                   help="language the text should be in: de, en, es, fr or ru (default: the language each "
                        "text is written in, detected; English when unsure)")
    g.add_argument("--dash-style", default="document", choices=("document", "em_spaced", "em_closed", "en_spaced"),
                   help="house dash (default document: correct dashes stay as written, a spaced hyphen "
                        "typed for a dash takes the document's own dash or ' — '; a style name makes "
                        "every dash between words that style)")
    g.add_argument("--retranslate", action="store_true", help="retranslate foreign segments with an installed model")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _connection_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("server connection", "how --server is reached; each file option defaults to an "
                             "environment variable")
    g.add_argument("--tls", action="store_true",
                   help="speak TLS, trusting the system's CA certificates (implied by --tls-ca and --tls-cert)")
    g.add_argument("--tls-ca", metavar="PEM", help="trust the CA certificates in this file ($TRANSNORM_TLS_CA)")
    g.add_argument("--tls-cert", metavar="PEM",
                   help="present this client certificate, for mutual TLS ($TRANSNORM_TLS_CERT)")
    g.add_argument("--tls-key", metavar="PEM", help="the private key of --tls-cert ($TRANSNORM_TLS_KEY)")
    g.add_argument("--token-file", metavar="PATH",
                   help="send the first token in this file as a bearer token ($TRANSNORM_TOKEN_FILE)")
    g.add_argument("--insecure", action="store_true",
                   help="allow sending the token in plain text to a host other than loopback")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(prog="transnorm", description="Find and repair translation artifacts "
                                     "and name variants in text.")
    parser.add_argument("--version", action="version", version=f"transnorm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("fix", help="print the repaired text")
    p.add_argument("files", nargs="*", metavar="FILE", help="files to repair ('-' or none: standard input)")
    p.add_argument("--in-place", "-i", action="store_true", help="rewrite the files (atomically)")
    p.add_argument("--diff", action="store_true", help="show a unified diff instead of the text")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the diff")
    _engine_args(p)
    p.set_defaults(func=cmd_fix)

    p = sub.add_parser("check", help="report findings like a linter: FILE:LINE:COL: RULE message")
    p.add_argument("files", nargs="*", metavar="FILE", help="files to check ('-' or none: standard input)")
    p.add_argument("--fail-on", choices=("info", "warning", "error"), default="warning",
                   help="exit 1 when a finding has at least this severity (default warning)")
    _engine_args(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("lookup", help="which glossary entries a name may denote, with scores")
    p.add_argument("name", nargs="+")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--glossary", action="append", metavar="PATH")
    p.add_argument("--server", metavar="ADDR")
    _connection_args(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("rules", help="list every rule with its defaults and an example")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("glossary", help="glossary tools")
    gsub = p.add_subparsers(dest="glossary_command", required=True, metavar="SUBCOMMAND")
    lp = gsub.add_parser("lint", help="validate glossary files and report conflicts; exit 1 on errors")
    lp.add_argument("paths", nargs="+", metavar="PATH")
    lp.set_defaults(func=cmd_glossary_lint)

    p = sub.add_parser("serve", help="run the gRPC service (the options of python -m transnorm.server)")
    from ..server.settings import add_arguments

    add_arguments(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("admin", help="operate a running server (needs a bearer token)")
    asub = p.add_subparsers(dest="admin_command", required=True, metavar="SUBCOMMAND")
    rp = asub.add_parser("reload", help="reload the server's glossary files in every worker and print OLD -> NEW; "
                         "exit 1 when the server refuses the new glossary (the old one keeps serving)")
    rp.add_argument("--server", metavar="ADDR", help="the server's address (default: $TRANSNORM_SERVER)")
    rp.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                    help="how long to wait for every worker to reload (default 300)")
    _connection_args(rp)
    rp.set_defaults(func=cmd_admin_reload)

    try:
        from . import models
    except ImportError:
        models = None
    if models is not None:
        models.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # grpc's C core writes its own notices (a failed TLS handshake...) straight to stderr; the
    # command's messages say what failed, so only grpc's errors are let through unless asked.
    os.environ.setdefault("GRPC_VERBOSITY", "ERROR")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CliError as e:
        print(f"transnorm: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
