"""Adversarial texts at growing sizes, up to the server's --max-text: seconds and the ratio to
the size before (about 2 for linear work, 4 for quadratic); then, at the largest size, how long a
call runs on after its deadline passes (deadlines spread over the call's running time).

    python bench/bench_adversarial.py [--max 1048576] [--min 65536] [--case NAME ...] [--deadlines 6] [--explain]

``--min`` is the smallest size (``--min`` equal to ``--max``: the largest size alone); ``--case``
runs only the cases whose name contains it (given more than once: any of them). Each timing
prints the call's CPU seconds beside its wall seconds: on a shared machine the CPU figure moves
less.

``--explain`` prints, for each deadline, where the call noticed it and the longest pause of
Python's garbage collector during the call (a full collection cannot be interrupted).
"""
from __future__ import annotations

import argparse
import gc
import sys
import time

from transnorm.engine import DeadlineExceeded, Engine, Options
from transnorm.glossary import load_bundled

CASES = {
    "one ambiguous name": "Asad ",
    "two spellings alternating": "Asad Assad ",
    "unlisted spellings alternating": "Asaad Gadaffi ",
    "Arabic-script name": "بشار الأسد ",
    "Russian quotation in English": "Shoigu said: «Мы продолжим» at Хмеймим. ",
    "no sentence ends": "the talks went on and ",
}


def overrun(engine: Engine, text: str, options: Options, after: float, explain: bool = False) -> float:
    """Seconds the call runs on after a deadline ``after`` seconds from its start (``explain``:
    print where it stopped and the collector's longest pause meanwhile)."""
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
    where = "it finished first"
    try:
        engine.normalize(text, options, deadline=deadline)
    except DeadlineExceeded as e:
        where = " <- ".join(e.where)
    late = max(0.0, time.monotonic() - deadline)
    if explain:
        gc.callbacks.remove(timing)
        print(f"    {late * 1000:5.0f} ms late, stopped at {where}; longest collector pause "
              f"{max(pauses, default=0.0) * 1000:.0f} ms")
    return late


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max", type=int, default=1 << 20, help="largest text, in characters")
    ap.add_argument("--min", type=int, default=1 << 16, help="smallest text, in characters")
    ap.add_argument("--case", action="append", default=[], help="only the cases whose name contains this")
    ap.add_argument("--deadlines", type=int, default=6, help="deadlines tried per case at the largest size")
    ap.add_argument("--explain", action="store_true", help="where each call stopped, and collector pauses")
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
    if args.deadlines:
        worst = 0.0
        for name, (text, seconds) in largest.items():
            # Deadlines at evenly spread points of the call's running time, the first one early.
            afters = [seconds * (k + 0.5) / args.deadlines for k in range(args.deadlines)]
            late = [overrun(engine, text, options, a, args.explain) for a in afters]
            worst = max(worst, *late)
            print(f"{name:32s} stops after its deadline: max {max(late) * 1000:5.0f} ms, "
                  f"median {sorted(late)[len(late) // 2] * 1000:5.0f} ms ({len(late)} deadlines)")
        print(f"stop after a deadline, worst over all cases: {worst * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
