"""The pipeline with and without fuzzy matching, in instructions executed (valgrind's callgrind).

    python bench/instructions_fuzzy.py [--docs 200]

CPU times on a shared machine move by a factor of two between runs; instruction counts do not.
The same documents as ``bench_fuzzy.py`` (made of the fuzzy development set) are normalized by a
child process under ``valgrind --tool=callgrind`` in four variants: set-up only (engine, fuzzy
index, an exact-only pass that loads every word list and profile), and set-up followed by an
exact-only pass, by a first pass with fuzzy matching (every spelling new to the engine's lookup
caches), or by that first pass and then a second one (the steady state). Subtracting the set-up
leaves each pass's own count. Needs valgrind (Debian package ``valgrind``); takes some minutes.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

VARIANTS = ("setup", "exact", "cold", "warm")


def child(variant: str, docs: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_fuzzy import EXACT_ONLY, dev_documents, ready_engine  # the same documents and set-up

    from transnorm.glossary import load_bundled

    texts = dev_documents(docs)
    engine = ready_engine(load_bundled(), texts)
    if variant == "exact":
        for t in texts:
            engine.normalize(t, EXACT_ONLY)
    if variant in ("cold", "warm"):
        for t in texts:
            engine.normalize(t)
    if variant == "warm":
        for t in texts:
            engine.normalize(t)


def count(variant: str, docs: int, workdir: str) -> int:
    out = os.path.join(workdir, f"{variant}.callgrind")
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same set and dict orders in every run
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__,
                    "--child", variant, "--docs", str(docs)], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    m = re.search(r"^summary: (\d+)", Path(out).read_text(), re.MULTILINE)
    if m is None:
        raise SystemExit(f"no instruction count in {out}")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.docs)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as workdir, ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip(VARIANTS, pool.map(lambda v: count(v, args.docs, workdir), VARIANTS)))
    exact = counts["exact"] - counts["setup"]
    cold = counts["cold"] - counts["setup"]
    warm = counts["warm"] - counts["cold"]
    print(f"{args.docs} documents; instructions per pass, set-up subtracted:")
    print(f"  exact only        {exact / 1e6:10.0f} M")
    print(f"  with fuzzy, cold  {cold / 1e6:10.0f} M  ({cold / exact:.2f}x exact only)")
    print(f"  with fuzzy, warm  {warm / 1e6:10.0f} M  ({warm / exact:.2f}x exact only)")


if __name__ == "__main__":
    main()
