"""Memory held flat under new inputs: every cache of the engine has a bound and stays at it.

The bounds themselves are chosen from ``python bench/bench_soak.py --caches`` (memory per entry)
and checked over time by ``bench/bench_soak.py``; these tests keep a new cache from being added
without a bound and check that the per-engine caches honour theirs.
"""
from __future__ import annotations

import functools
import gc
import random

import wordfreq

from transnorm.engine import Engine, fuzzy
from transnorm.glossary import load

from conftest import TEST_GLOSSARY

LARGEST = 16384  # no cache may keep more entries than this (see the bounds' comments)


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice("bdgklmnrstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))).capitalize()

    return f"{word()} {word()}"


def _documents(count: int, seed: int = 5) -> list[str]:
    """Documents full of names never seen before, next to names of the test glossary."""
    rng = random.Random(seed)
    return [f"Sergey Shoigu met {_name(rng)} and {_name(rng)} in Damascus on Monday. "
            f"{_name(rng)} told {_name(rng)} that President Bashar Asad would visit {_name(rng)}."
            for _ in range(count)]


def test_every_cache_of_the_engine_has_a_bound(engine):
    for text in _documents(20):
        engine.normalize(text)
    engine.lookup("Khmeymim")
    gc.collect()
    caches = [o for o in gc.get_objects()
              if isinstance(o, functools._lru_cache_wrapper) and (o.__module__ or "").startswith("transnorm")]
    assert len(caches) > 10  # the scan sees the module-level and the per-engine caches
    unbounded = {f"{c.__module__}.{c.__qualname__}": c.cache_info().maxsize for c in caches
                 if c.cache_info().maxsize is None or c.cache_info().maxsize > LARGEST}
    assert unbounded == {}
    # wordfreq's own memory of (word, language) pairs, which the engine fills, is held down too.
    assert wordfreq.CACHE_SIZE <= LARGEST


def test_per_engine_caches_stay_at_their_bound_under_new_names(monkeypatch):
    monkeypatch.setattr(fuzzy, "SEARCH_CACHE", 40)
    monkeypatch.setattr(fuzzy, "RUN_CACHE", 30)
    engine = Engine(load([TEST_GLOSSARY]))  # its caches are made with the bounds above
    search = engine.resource("fuzzy.search", fuzzy._cached_search)
    runs = engine.resource("fuzzy.runs", fuzzy._cached_run_candidates)
    docs = _documents(60)
    first = [engine.normalize(t) for t in docs]
    for cache, bound in ((search, 40), (runs, 30)):
        info = cache.cache_info()
        assert info.maxsize == bound and info.currsize == bound and info.misses > 2 * bound, info
    # Forgetting changes no answer: the same documents again give the same results.
    again = [engine.normalize(t) for t in docs]
    assert [(r.output, r.applied, r.unapplied) for r in again] == [(r.output, r.applied, r.unapplied) for r in first]
    assert search.cache_info().currsize == 40 and runs.cache_info().currsize == 30
