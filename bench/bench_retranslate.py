"""Retranslation latency per segment with the tiny offline test model, and what transnorm adds around Argos.

Builds the tiny package from tests/tiny_argos.py into a temporary models directory (no network),
then prints the one-time model load, the Argos call alone, transnorm's retranslation of one
segment (placeholders, sentence split, checks) and a whole normalize call with and without it.
Run: python bench/bench_retranslate.py [--repeat 50]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

GLOSSARY = """\
version: "bench"
entries:
  - id: khmeimim
    kind: place
    canonical: Khmeimim
    native:
      ru: [Хмеймим]
  - id: sergei-shoigu
    kind: person
    canonical: Sergei Shoigu
    native:
      ru: [Шойгу]
"""
SEGMENTS = {
    "no names, 6 words": "Shoigu said: «Мы продолжим сотрудничество с Сирией». The talks went on.",
    "2 names, 10 words": "Он сказал, что Шойгу прибыл на базу Хмеймим в понедельник.",
}


def best_ms(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs: on a shared machine the others measure the neighbours."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return min(runs) * 1e3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="transnorm-bench-"))
    os.environ["TRANSNORM_MODELS_DIR"] = str(work / "models")

    import tiny_argos
    from transnorm import models
    from transnorm.engine import Engine, Options
    from transnorm.engine import language, retranslate as rt
    from transnorm.engine.document import Document

    t0 = time.perf_counter()
    pkg = tiny_argos.build_package(work)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    info = models.install_file(pkg)
    install = time.perf_counter() - t0
    (work / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    engine = Engine.from_paths([work / "g.yaml"])
    rt._backends.clear()
    t0 = time.perf_counter()
    backend = rt.load_backend(info)
    load = time.perf_counter() - t0
    print(f"tiny package: built in {build:.2f} s, installed (and test-loaded) in {install:.2f} s, "
          f"loaded in {load * 1e3:.1f} ms (once per process)")
    print(f"{'segment':<20}{'Argos call':>12}{'retranslate':>13}{'overhead':>10}"
          f"{'normalize off':>15}{'normalize on':>14}")
    on, off = Options(retranslate=True), Options()
    for name, text in SEGMENTS.items():
        doc = Document(engine, text, on)
        [seg] = language.find_segments(doc)
        masked, _ = rt.protect(doc, seg.start, seg.end)
        sentences = [s.strip() for s, _ in rt.split_sentences(masked)]
        count = language._count_script(seg.script)

        def argos_only():
            for s in sentences:
                backend.translate_sentence(s)

        def whole():
            out = rt.retranslate(doc, seg.start, seg.end, seg.language, "en", seg.script, None, count)
            assert out.text is not None, out.reason

        engine.normalize(text, on)
        argos_ms = best_ms(argos_only, args.repeat)
        rt_ms = best_ms(whole, args.repeat)
        off_ms = best_ms(lambda: engine.normalize(text, off), args.repeat)
        on_ms = best_ms(lambda: engine.normalize(text, on), args.repeat)
        print(f"{name:<20}{argos_ms:>10.2f}ms{rt_ms:>11.2f}ms{rt_ms - argos_ms:>8.2f}ms"
              f"{off_ms:>13.2f}ms{on_ms:>12.2f}ms")
    print(f"Argos call = apply_packaged_translation per sentence; overhead = model lookup, placeholders, "
          f"sentence split, output checks (threads: {os.environ.get('TRANSNORM_MT_THREADS', '1')})")


if __name__ == "__main__":
    main()
