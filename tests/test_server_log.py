"""The server's log: whole lines from every worker, as text or JSON, and no request text."""
from __future__ import annotations

import json
import logging
import multiprocessing
import os

import pytest

from transnorm.server import log


@pytest.fixture()
def pipe_log():
    """Route the server log into a pipe for the test; yields a function reading what was written."""
    read_end, write_end = os.pipe()
    saved = logging.getLogger().handlers[:], logging.getLogger().level

    def configure(fmt: str) -> None:
        log.configure(fmt, fd=write_end)

    def lines() -> list[str]:
        os.close(write_end)
        with os.fdopen(read_end, encoding="utf-8") as f:
            return f.read().splitlines()

    yield configure, lines
    root = logging.getLogger()
    root.handlers[:], _ = saved[0], root.setLevel(saved[1])


def _write_many(fd: int, tag: str, n: int) -> None:
    log.configure("text", fd=fd)
    for i in range(n):
        log.say(f"{tag} line {i} " + "x" * 200)


def test_text_lines_read_as_before(pipe_log):
    configure, lines = pipe_log
    configure("text")
    log.say("serving on 127.0.0.1:5 (1 worker)", event="serving", port=5)
    logging.getLogger("grpc._server").warning("a library warning")
    assert lines() == ["transnorm: serving on 127.0.0.1:5 (1 worker)",
                       "transnorm: WARNING grpc._server: a library warning"]


def test_json_lines_carry_the_event_fields(pipe_log):
    configure, lines = pipe_log
    configure("json")
    log.say("reloaded the glossary: a -> b", event="reload", old_version="a", glossary_version="b")
    log.say("reload refused", level=logging.ERROR, event="reload_refused")
    first, second = (json.loads(line) for line in lines())
    assert first["message"] == "reloaded the glossary: a -> b"
    assert (first["event"], first["old_version"], first["glossary_version"]) == ("reload", "a", "b")
    assert first["level"] == "info" and first["pid"] == os.getpid() and first["time"].endswith("Z")
    assert second["level"] == "error" and second["event"] == "reload_refused"


def test_lines_from_several_processes_never_interleave():
    read_end, write_end = os.pipe()
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_write_many, args=(write_end, tag, 300)) for tag in "ab"]
    for p in procs:
        p.start()
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for p in procs:
        p.join()
    assert len(lines) == 600
    assert all(line.startswith(("transnorm: a line", "transnorm: b line")) and line.endswith("x" * 200)
               for line in lines)


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="text, json"):
        log.configure("xml")
