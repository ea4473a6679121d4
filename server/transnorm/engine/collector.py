"""Python's cyclic garbage collector held off while calls run.

A call on a long text keeps hundreds of thousands of small objects alive at once (matches,
facts, findings) and frees them all by reference counting when it returns: it makes no cycles.
The generational collector would still scan them again and again while they live, and a full
collection is one pause that nothing can interrupt (about 150-300 ms at ``--max-text``), so a
call past its deadline could not stop in time. While one or more calls run the collector is
paused; it resumes when the last running call returns, or when it has been paused for
``PAUSE_LIMIT`` seconds while calls kept overlapping (new calls then leave it running until the
process is idle again), so cycles made elsewhere in the process are still collected.

A process that disabled the collector itself keeps it disabled: only a pause made here is undone.
"""
from __future__ import annotations

import gc
import threading
import time
from contextlib import contextmanager
from typing import Iterator

PAUSE_LIMIT = 10.0  # seconds the collector stays paused while calls overlap without a break

_lock = threading.Lock()
_running = 0  # calls inside ``paused()``
_paused_at: float | None = None  # when ``paused()`` disabled the collector; None: it did not


@contextmanager
def paused() -> Iterator[None]:
    """Run the body with the cyclic collector paused (see the module's docstring)."""
    global _running, _paused_at
    with _lock:
        if _running == 0 and _paused_at is None and gc.isenabled():
            gc.disable()
            _paused_at = time.monotonic()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _paused_at is not None and (_running == 0 or time.monotonic() - _paused_at > PAUSE_LIMIT):
                gc.enable()
                _paused_at = None
