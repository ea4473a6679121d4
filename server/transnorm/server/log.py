"""The server's log: one line per event on stderr, as text or as JSON.

Each line goes out in a single ``write`` so lines from several worker processes sharing stderr
never interleave. Text lines read ``transnorm: message``; JSON lines carry ``time``, ``level``,
``logger``, ``message``, ``pid`` and the event's own fields. No request text is ever logged.
"""
from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from .settings import LOG_FORMATS

_LOGGER = logging.getLogger("transnorm.server")


class _LineHandler(logging.Handler):
    """Writes each record as one line with one system call."""

    def __init__(self, fmt: str, fd: int = 2) -> None:
        super().__init__()
        self.fmt, self.fd = fmt, fd

    def line(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if self.fmt == "json":
            entry: dict[str, Any] = {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": message,
                "pid": record.process,
            }
            entry.update(getattr(record, "fields", {}))
            return json.dumps(entry, ensure_ascii=False)
        if record.name != _LOGGER.name:  # grpc's and other libraries' warnings
            return f"transnorm: {record.levelname} {record.name}: {message}"
        return f"transnorm: {message}"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            data = (self.line(record) + "\n").encode("utf-8", "backslashreplace")
            while data:
                data = data[os.write(self.fd, data):]
        except Exception:  # a log line must never take a call down
            self.handleError(record)


def configure(fmt: str = "text", fd: int = 2) -> None:
    """Send the server's log (and grpc's warnings) to ``fd`` in ``fmt``; replaces an earlier set-up."""
    if fmt not in LOG_FORMATS:
        raise ValueError(f"unknown log format {fmt!r}; choose one of {', '.join(LOG_FORMATS)}")
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _LineHandler)]:
        root.removeHandler(handler)
    root.addHandler(_LineHandler(fmt, fd))
    root.setLevel(logging.WARNING)
    _LOGGER.setLevel(logging.INFO)


def say(message: str, *, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event: ``message`` for people, ``fields`` for machines (JSON only).

    Before ``configure`` is called (the server embedded in another program), events go through
    ``logging`` as usual and the embedding program decides where they land.
    """
    _LOGGER.log(level, message, extra={"fields": fields})
