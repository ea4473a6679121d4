"""Adversarial texts at growing sizes, up to the server's --max-text: seconds and the ratio to
the size before (about 2 for linear work, 4 for quadratic).

    python bench/bench_adversarial.py [--max 1048576]
"""
from __future__ import annotations

import argparse
import sys
import time

from transnorm.engine import Engine, Options
from transnorm.glossary import load_bundled

CASES = {
    "one ambiguous name": "Asad ",
    "two spellings alternating": "Asad Assad ",
    "unlisted spellings alternating": "Asaad Gadaffi ",
    "Arabic-script name": "بشار الأسد ",
    "Russian quotation in English": "Shoigu said: «Мы продолжим» at Хмеймим. ",
    "no sentence ends": "the talks went on and ",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max", type=int, default=1 << 20, help="largest text, in characters")
    args = ap.parse_args(argv)
    engine = Engine(load_bundled(), max_text=args.max)
    options = Options(target_language="en")
    engine.normalize("warm-up text", options)
    for name, unit in CASES.items():
        size, previous = 1 << 16, None
        while size <= args.max:
            text = (unit * (size // len(unit) + 1))[:size]
            t0 = time.perf_counter()
            engine.normalize(text, options)
            seconds = time.perf_counter() - t0
            ratio = f"x{seconds / previous:.1f}" if previous else ""
            print(f"{name:32s} {size:>9,d} chars  {seconds:7.2f} s  {ratio}")
            previous, size = seconds, size * 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
