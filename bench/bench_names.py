"""Exact name matching: the Aho-Corasick index against a regex alternation, at glossary sizes up to 100k.

Prints index build time and memory, and scan throughput over a synthetic news text.
Run: python bench/bench_names.py [--sizes 1000 10000 100000] [--text-kb 1024]
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import time

from transnorm.engine import Engine, Options, all_rules
from transnorm.glossary import Glossary
from transnorm.glossary.model import Entry

SYLLABLES = ["ka", "ri", "mo", "sha", "dze", "lov", "ov", "in", "ski", "ya", "ne", "tor", "bek", "ha", "mi", "ra",
             "zu", "li", "an", "el", "ser", "gei", "va", "dim", "kh", "ay", "yu", "ba", "shar", "go"]


def synthetic_glossary(n: int, seed: int = 7) -> Glossary:
    rng = random.Random(seed)
    seen: set[str] = set()
    entries = []
    while len(entries) < n:
        first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        canonical = f"{first} {last}"
        variant = f"{first} {last.replace('a', 'o', 1)}" if "a" in last else f"{first} {last}e"
        if canonical in seen or variant in seen:
            continue
        seen |= {canonical, variant}
        entries.append(Entry(id=f"e{len(entries)}", kind="person", canonical=canonical, variants=(variant,)))
    return Glossary(tuple(entries), (), "synthetic", ("synthetic",))


def synthetic_text(g: Glossary, kb: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    words = "the minister said on Monday that talks in the region would continue after a long pause".split()
    out, size = [], 0
    while size < kb * 1024:
        if rng.random() < 0.05:
            e = rng.choice(g.entries)
            w = rng.choice([e.canonical, e.variants[0]])
        else:
            w = rng.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)


def rss_mib() -> float:
    """Resident memory now (not the peak), from /proc."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--text-kb", type=int, default=1024)
    ap.add_argument("--regex-kb", type=int, default=16, help="text size for the regex baseline (it is slow)")
    args = ap.parse_args()
    all_rules()  # import every check once, outside the build timings
    print(f"{'entries':>8} {'build s':>8} {'+RSS MiB':>9} {'scan MB/s':>9} {'names-only MB/s':>15} {'regex MB/s':>10}")
    for n in args.sizes:
        g = synthetic_glossary(n)
        before = rss_mib()
        t0 = time.perf_counter()
        engine = Engine(g, max_text=1 << 24)
        build = time.perf_counter() - t0
        mem = rss_mib() - before
        text = synthetic_text(g, args.text_kb)
        mb = len(text.encode()) / 1e6
        folded = text.lower()
        t0 = time.perf_counter()
        hits = sum(1 for _ in engine.names.scan(folded))
        scan = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = engine.normalize(text, Options(rules=("name.variant",)))
        full = time.perf_counter() - t0
        small = text[: args.regex_kb * 1024]
        names = sorted((f.surface for forms in engine.names.table.values() for f in forms), key=len, reverse=True)
        t0 = time.perf_counter()
        rx = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)
        rx_hits = sum(1 for _ in rx.finditer(small))
        rx_time = time.perf_counter() - t0
        print(f"{n:>8} {build:>8.2f} {mem:>9.1f} {mb / scan:>9.1f} {mb / full:>15.2f} "
              f"{len(small.encode()) / 1e6 / rx_time:>10.3f}   ({hits} hits, {len(r.applied)} edits, regex {rx_hits} hits)")
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
