"""Soak: does the server's memory stay flat under a long stream of documents it has never seen?

    python bench/bench_soak.py [--minutes 10] [--threads 4] [--workers 1] [--glossary PATH ...]
    python bench/bench_soak.py --caches [--documents 2000]

The first form starts ``python -m transnorm.server --port 0 --metrics-port 0`` and has
``--threads`` client threads send it ``Normalize`` and ``Check`` calls, one document each, for
``--minutes``. It samples the resident memory (RSS) of the server's processes every
``--sample`` seconds and prints the RSS slope over the second half of the run (MiB per minute,
least squares), the call count, and p50/p99 latency over the first and the last minute.

Every document is new: records of the repository's real-text corpora (``tests/data/*/collect``:
English news articles and sentences, artifact-laden web text, German, Spanish, French and
Russian news) drawn at random to about ``--doc-kb`` kilobytes, with some capitalised words
respelled the way drafts respell names (bench_fuzzy's transliteration swaps and typos), invented
names of the same style and fresh numbers added, so that no spelling cache ever sees all of them.
About one document in eight is wholly German, Spanish, French or Russian.

The second form (``--caches``) runs the engine in this process on ``--documents`` such documents
under tracemalloc and prints, for every ``functools.lru_cache`` of transnorm (module-level and
per engine) and wordfreq's frequency memory, how full it is and the memory it holds (the drop in
traced memory when it is cleared): the measurement the cache bounds are chosen from.
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import grpc

from bench_fuzzy import CODAS, ENDINGS, ONSETS, VOWELS, perturb

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT / "tests" / "data").glob("*/collect/*.jsonl"))
FOREIGN_SHARE = 1 / 8
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Documents:
    """An endless supply of distinct, realistic documents (see the module's docstring)."""

    def __init__(self, seed: int, doc_kb: float = 3.5) -> None:
        self.rng = random.Random(seed)
        self.size = int(doc_kb * 1000)
        self.english: list[str] = []
        self.foreign: dict[str, list[str]] = {}
        for path in CORPORA:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    lang = record.get("lang", "en")
                    (self.english if lang == "en" else self.foreign.setdefault(lang, [])).append(record["text"])
        self.serial = 0

    def name(self) -> str:
        rng = self.rng

        def word(syllables: int, ending: bool) -> str:
            w = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
            return (w + (rng.choice(ENDINGS) if ending else "")).capitalize()

        return f"{word(rng.randint(2, 3), False)} {word(rng.randint(1, 3), True)}"

    def __next__(self) -> str:
        rng = self.rng
        self.serial += 1
        foreign = rng.random() < FOREIGN_SHARE
        pool = self.foreign[rng.choice(sorted(self.foreign))] if foreign else self.english
        parts: list[str] = []
        size = 0
        while size < self.size:
            text = rng.choice(pool)
            # Respell about one capitalised word in six, as a careless transliteration would.
            text = _CAPITALISED.sub(lambda m: perturb(m.group(0), rng) if rng.random() < 1 / 6 else m.group(0), text)
            parts.append(text)
            size += len(text)
        for _ in range(rng.randint(1, 3)):
            parts.insert(rng.randrange(len(parts) + 1),
                         f"{self.name()} told reporters in {self.name().split()[1]} on {rng.choice(_WEEKDAYS)} "
                         f"that {rng.randint(2, 99_999):,} people had left since {self.serial % 28 + 1} March.")
        return "\n\n".join(parts)

    def __iter__(self):
        return self


# -- the soak ------------------------------------------------------------------------------------
def rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and its children (the workers), MiB."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of ``(x, y)`` points."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def start_server(workers: int, glossary: list[str]) -> tuple[subprocess.Popen, int, int]:
    args = [sys.executable, "-m", "transnorm.server", "--port", "0", "--workers", str(workers), "--metrics-port", "0"]
    for g in glossary:
        args += ["--glossary", g]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    metrics = 0
    for line in proc.stderr:
        m = re.search(r"metrics on http://\S+:(\d+)/metrics", line)
        if m:
            metrics = int(m.group(1))
        m = re.search(r"serving on \S+:(\d+)", line)
        if m:
            # Keep reading its log so the pipe never fills.
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, int(m.group(1)), metrics
    raise SystemExit(f"the server did not start (exit code {proc.wait()})")


def soak(args: argparse.Namespace) -> int:
    from transnorm.v1 import normalizer_pb2 as pb
    from transnorm.v1 import normalizer_pb2_grpc as pb_grpc

    proc, port, metrics_port = start_server(args.workers, args.glossary)
    duration = args.minutes * 60
    done: list[tuple[float, float]] = []  # (seconds since start when the call ended, its latency)
    errors: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    t_start = time.monotonic()

    def client(index: int) -> None:
        docs = Documents(args.seed * 1000 + index, args.doc_kb)
        # Its own connection, so that the kernel spreads the threads over the workers.
        with grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)]) as ch:
            stub = pb_grpc.NormalizerServiceStub(ch)
            for n, doc in enumerate(docs):
                if stop.is_set():
                    return
                t0 = time.monotonic()
                try:
                    if n % 10 == 9:
                        stub.Check(pb.CheckRequest(text=doc), timeout=60)
                    else:
                        stub.Normalize(pb.NormalizeRequest(text=doc), timeout=60)
                except grpc.RpcError as e:
                    with lock:
                        errors.append(e.code().name)
                    continue
                t1 = time.monotonic()
                with lock:
                    done.append((t1 - t_start, t1 - t0))

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(args.threads)]
    for t in threads:
        t.start()
    samples: list[tuple[float, float]] = []
    print(f"soak: {args.minutes:g} min, {args.threads} client threads, {args.workers} worker(s), "
          f"documents of ~{args.doc_kb:g} KB, RSS sampled every {args.sample:g} s", flush=True)
    print(f"{'minute':>6} {'RSS MiB':>8} {'calls':>7}", flush=True)
    next_report = 0.0
    try:
        while (elapsed := time.monotonic() - t_start) < duration:
            samples.append((elapsed, rss_mib(proc.pid)))
            if elapsed >= next_report:
                print(f"{elapsed / 60:6.1f} {samples[-1][1]:8.1f} {len(done):7d}", flush=True)
                next_report += 60
            time.sleep(min(args.sample, max(0.0, duration - elapsed)))
        samples.append((time.monotonic() - t_start, rss_mib(proc.pid)))
    finally:
        stop.set()
        for t in threads:
            t.join(70)
        counted = _server_count(metrics_port)
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)

    second_half = [(t / 60, r) for t, r in samples if t >= duration / 2]
    first = [lat for t, lat in done if t <= 60]
    last = [lat for t, lat in done if t >= duration - 60]
    print(f"calls: {len(done)} answered ({len(done) / duration:.1f}/s), {len(errors)} failed"
          + (f" ({', '.join(sorted(set(errors)))})" if errors else "")
          + (f"; the server's metrics count {counted:.0f}" if counted is not None else ""))
    print(f"RSS: {samples[0][1]:.1f} MiB at start, {max(r for _, r in samples):.1f} MiB at most, "
          f"{samples[-1][1]:.1f} MiB at the end")
    print(f"RSS slope over the second half: {slope(second_half):+.3f} MiB/min "
          f"(least squares over {len(second_half)} samples)")
    for label, lat in (("first minute", first), ("last minute", last)):
        print(f"latency, {label}: p50 {percentile(lat, 0.5) * 1000:.1f} ms, p99 {percentile(lat, 0.99) * 1000:.1f} ms "
              f"({len(lat)} calls)")
    return 1 if errors else 0


def _server_count(port: int) -> float | None:
    """Calls the server's own metrics counted, or None when they cannot be read."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
            text = reply.read().decode("utf-8")
    except OSError:
        return None
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("transnorm_rpc_calls_total{"))


# -- the caches ----------------------------------------------------------------------------------
def caches(args: argparse.Namespace) -> int:
    import tracemalloc

    import wordfreq

    from transnorm.server.app import load_engine

    engine = load_engine(args.glossary or None)
    docs = Documents(args.seed, args.doc_kb)
    tracemalloc.start()
    t0 = time.perf_counter()
    for i in range(args.documents):
        engine.normalize(next(docs))
    elapsed = time.perf_counter() - t0
    gc.collect()
    found = [o for o in gc.get_objects()
             if isinstance(o, functools._lru_cache_wrapper) and (o.__module__ or "").startswith("transnorm")]
    rows = []
    for cache in found:
        info = cache.cache_info()
        if info.currsize == 0 or info.maxsize == 1:
            continue
        before = tracemalloc.get_traced_memory()[0]
        cache.cache_clear()
        gc.collect()
        held = before - tracemalloc.get_traced_memory()[0]
        rows.append((f"{cache.__module__}.{cache.__qualname__}", info, held))
    before = tracemalloc.get_traced_memory()[0]
    wf = len(wordfreq._wf_cache)
    wordfreq._wf_cache.clear()
    gc.collect()
    rows.append(("wordfreq._wf_cache", functools._CacheInfo(0, 0, wordfreq.CACHE_SIZE, wf),
                 before - tracemalloc.get_traced_memory()[0]))
    print(f"{args.documents} documents of ~{args.doc_kb:g} KB in {elapsed:.0f} s (under tracemalloc)")
    print(f"{'cache':58} {'entries':>8} {'bound':>7} {'hit rate':>8} {'held':>9} {'per entry':>10}")
    for name, info, held in sorted(rows, key=lambda r: -r[2]):
        calls = info.hits + info.misses
        rate = f"{info.hits / calls:.0%}" if calls else "-"
        print(f"{name:58} {info.currsize:8d} {info.maxsize or 0:7d} {rate:>8} {held / 2**20:7.1f} MiB "
              f"{held / max(1, info.currsize):8.0f} B")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    ap.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    ap.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    ap.add_argument("--sample", type=float, default=5.0, help="seconds between RSS samples (default 5)")
    ap.add_argument("--doc-kb", type=float, default=3.5, help="document size in kilobytes (default 3.5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--glossary", action="append", default=[], help="glossary files (default: the bundled one)")
    ap.add_argument("--caches", action="store_true", help="report the engine's caches instead of soaking")
    ap.add_argument("--documents", type=int, default=2000, help="documents for --caches (default 2000)")
    args = ap.parse_args(argv)
    if args.minutes <= 0 or args.threads < 1 or args.sample <= 0:
        ap.error("--minutes and --sample must be positive and --threads at least 1")
    return caches(args) if args.caches else soak(args)


if __name__ == "__main__":
    sys.exit(main())
