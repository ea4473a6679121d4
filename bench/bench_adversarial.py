"""Adversarial texts at growing sizes, up to the server's --max-text: seconds and the ratio to
the size before (about 2 for linear work, 4 for quadratic); then, at the largest size, how long a
call runs on after its deadline passes (deadlines spread over the call's running time).

    python bench/bench_adversarial.py [--max 1048576] [--min 65536] [--case NAME ...] [--deadlines 6] [--explain] [--gaps]

``--min`` is the smallest size (``--min`` equal to ``--max``: the largest size alone); ``--case``
runs only the cases whose name contains it (given more than once: any of them). Each timing
prints the call's CPU seconds beside its wall seconds: on a shared machine the CPU figure moves
less.

How long a call runs on is measured twice: in wall time, from the deadline to the moment the call
returns, and in CPU time, as the CPU the calling thread used in that while (read by a small
process that wakes at the deadline, as the calling thread may hold the interpreter's lock then).
On a machine shared with other work the wall figure includes time the process waited for a
processor; the CPU figure does not.

``--gaps`` prints, for each case at the largest size, the longest stretches of CPU time between
two looks at the clock (``Document.tick`` when it reads the clock, ``Document.check_deadline``,
the pipeline's checks between checks and stages): a deadline that falls at the start of one is
noticed only at its end, wherever it falls.

``--explain`` prints, for each deadline, where the call noticed it and the longest pause of
Python's garbage collector during the call (a full collection cannot be interrupted).
"""
from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import threading
import time

from transnorm.engine import DeadlineExceeded, Engine, Options, document, pipeline
from transnorm.glossary import load_bundled

CASES = {
    "one ambiguous name": "Asad ",
    "two spellings alternating": "Asad Assad ",
    "unlisted spellings alternating": "Asaad Gadaffi ",
    "Arabic-script name": "بشار الأسد ",
    "Russian quotation in English": "Shoigu said: «Мы продолжим» at Хмеймим. ",
    "no sentence ends": "the talks went on and ",
}


# Sleeps until a time.monotonic() deadline, then prints the monotonic time and the CPU
# nanoseconds a thread has used (the first field of its /proc schedstat).
_SAMPLER = """import sys, time
deadline, path = float(sys.argv[1]), sys.argv[2]
time.sleep(max(0.0, deadline - time.monotonic()))
with open(path) as f:
    used = f.read().split()[0]
print(time.monotonic(), used)
"""


def _thread_cpu_ns(path: str) -> int:
    with open(path) as f:
        return int(f.read().split()[0])


def overrun(engine: Engine, text: str, options: Options, after: float,
            explain: bool = False) -> tuple[float, float | None]:
    """Seconds the call runs on after a deadline ``after`` seconds from its start, in wall time
    and in the calling thread's CPU time (None where /proc gives no thread CPU time). ``explain``:
    print where it stopped and the collector's longest pause meanwhile."""
    pauses: list[float] = []
    started = [0.0]

    def timing(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - started[0])

    if explain:
        gc.callbacks.append(timing)
    t0 = time.monotonic()
    deadline = t0 + after
    schedstat = f"/proc/{os.getpid()}/task/{threading.get_native_id()}/schedstat"
    sampler = subprocess.Popen([sys.executable, "-c", _SAMPLER, repr(deadline), schedstat],
                               stdout=subprocess.PIPE, text=True) if os.path.exists(schedstat) else None
    where = "it finished first"
    try:
        engine.normalize(text, options, deadline=deadline)
    except DeadlineExceeded as e:
        where = " <- ".join(e.where)
    ended = time.monotonic()
    late = max(0.0, ended - deadline)
    cpu_late, lag = None, 0.0
    if sampler is not None:
        used_at_end = _thread_cpu_ns(schedstat)
        if ended < deadline:
            sampler.kill()
            sampler.wait()
            cpu_late = 0.0
        else:
            woke, used_at_deadline = sampler.communicate()[0].split()
            lag = float(woke) - deadline  # the sampler's own delay: CPU used in it is not counted
            cpu_late = max(0.0, (used_at_end - int(used_at_deadline)) / 1e9)
    if explain:
        gc.callbacks.remove(timing)
        cpu = "" if cpu_late is None else f" ({cpu_late * 1000:.0f} ms CPU; sampled {lag * 1000:.0f} ms after the deadline)"
        print(f"    {late * 1000:5.0f} ms late{cpu}, stopped at {where}; longest collector pause "
              f"{max(pauses, default=0.0) * 1000:.0f} ms")
    return late, cpu_late


def _place(frame, depth: int = 3, between_checks: bool = False) -> str:
    """``function:line`` of ``frame`` and its callers (``between_checks``: the pipeline's look
    at the clock before a check, named beside it)."""
    out = []
    while frame is not None and len(out) < depth:
        name = frame.f_code.co_name
        check = frame.f_locals.get("check") if between_checks and name == "_pass" else None
        out.append(f"{name}:{frame.f_lineno}" + (f"[{check.name}]" if check is not None else ""))
        frame = frame.f_back
    return " <- ".join(out)


def gaps(engine: Engine, text: str, options: Options, show: int = 5) -> list[tuple[float, str, str]]:
    """The ``show`` longest stretches of CPU time between two looks at the clock during one call
    (with a deadline that never comes), as ``(seconds, from, to)``."""
    found: list[tuple[float, str, str]] = []
    last = [time.process_time(), "the call's start"]

    def look(frame, between_checks: bool = False) -> None:
        now, here = time.process_time(), _place(frame, between_checks=between_checks)
        found.append((now - last[0], last[1], here))
        last[0], last[1] = now, here

    def tick(doc) -> None:
        doc._ticks += 1
        if doc._ticks % document.TICKS_PER_CLOCK == 0:
            look(sys._getframe(1))

    class Clock:
        perf_counter = staticmethod(time.perf_counter)

        @staticmethod
        def monotonic() -> float:
            look(sys._getframe(1), between_checks=True)
            return time.monotonic()

    def normalize(*args, **kw):
        result = inner(*args, **kw)
        look(sys._getframe(0))  # the call's end: what follows (the collector resuming) is the caller's
        return result

    inner = pipeline.Engine._normalize
    saved = (document.Document.tick, document.Document.check_deadline, pipeline._check_deadline, pipeline.time)
    document.Document.tick = tick
    document.Document.check_deadline = lambda doc: look(sys._getframe(1))
    pipeline._check_deadline = lambda deadline, where: look(sys._getframe(1))
    pipeline.time = Clock
    pipeline.Engine._normalize = normalize
    try:
        last[0] = time.process_time()
        engine.normalize(text, options, deadline=time.monotonic() + 3600)
    finally:
        document.Document.tick, document.Document.check_deadline, pipeline._check_deadline, pipeline.time = saved
        pipeline.Engine._normalize = inner
    return sorted(found, reverse=True)[:show]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max", type=int, default=1 << 20, help="largest text, in characters")
    ap.add_argument("--min", type=int, default=1 << 16, help="smallest text, in characters")
    ap.add_argument("--case", action="append", default=[], help="only the cases whose name contains this")
    ap.add_argument("--deadlines", type=int, default=6, help="deadlines tried per case at the largest size")
    ap.add_argument("--explain", action="store_true", help="where each call stopped, and collector pauses")
    ap.add_argument("--gaps", action="store_true", help="the longest stretches between two looks at the clock")
    args = ap.parse_args(argv)
    engine = Engine(load_bundled(), max_text=args.max)
    options = Options(target_language="en")
    engine.normalize("warm-up text", options)
    engine.normalize("Asaad Gadaffi met officials at Hmejmim.", options)  # loads the word lists names read
    largest: dict[str, tuple[str, float]] = {}
    cases = {n: u for n, u in CASES.items() if not args.case or any(c in n for c in args.case)}
    for name, unit in cases.items():
        size, previous = min(args.min, args.max), None
        while True:
            text = (unit * (size // len(unit) + 1))[:size]
            t0, c0 = time.perf_counter(), time.process_time()
            engine.normalize(text, options)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            ratio = f"x{seconds / previous:.1f}" if previous else ""
            print(f"{name:32s} {size:>9,d} chars  {seconds:7.2f} s  (cpu {cpu:6.2f} s)  {ratio}")
            largest[name] = (text, seconds)
            if size >= args.max:
                break
            previous, size = seconds, min(size * 2, args.max)
    worst_time = max(s for _, s in largest.values())
    print(f"slowest case at {args.max:,d} chars: {worst_time:.2f} s")
    if args.gaps:
        longest = 0.0
        for name, (text, _) in largest.items():
            print(f"{name}: longest stretches between two looks at the clock (CPU)")
            for seconds, start, end in gaps(engine, text, options):
                print(f"    {seconds * 1000:5.0f} ms from {start}\n             to {end}")
                longest = max(longest, seconds)
        print(f"longest stretch without a look at the clock, over all cases: {longest * 1000:.0f} ms")
    if args.deadlines:
        worst, worst_cpu = 0.0, 0.0
        for name, (text, seconds) in largest.items():
            # Deadlines at evenly spread points of the call's running time, the first one early.
            afters = [seconds * (k + 0.5) / args.deadlines for k in range(args.deadlines)]
            runs = [overrun(engine, text, options, a, args.explain) for a in afters]
            late = [wall for wall, _ in runs]
            cpu = [c for _, c in runs if c is not None]
            worst = max(worst, *late)
            worst_cpu = max(worst_cpu, *cpu, 0.0)
            in_cpu = f"; CPU max {max(cpu) * 1000:5.0f} ms, median {sorted(cpu)[len(cpu) // 2] * 1000:5.0f} ms" if cpu else ""
            print(f"{name:32s} stops after its deadline: max {max(late) * 1000:5.0f} ms, "
                  f"median {sorted(late)[len(late) // 2] * 1000:5.0f} ms{in_cpu} ({len(late)} deadlines)")
        print(f"stop after a deadline, worst over all cases: {worst * 1000:.0f} ms"
              + (f" ({worst_cpu * 1000:.0f} ms of CPU)" if worst_cpu else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
