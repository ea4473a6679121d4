"""The cyclic collector is paused while calls run and resumes after them (engine.collector)."""
from __future__ import annotations

import gc
import time
import traceback

import pytest

from transnorm.engine import DeadlineExceeded, Options, collector

ENGLISH = Options(target_language="en")


@pytest.fixture(autouse=True)
def _collector_on():
    assert gc.isenabled()
    yield
    gc.enable()


def test_the_collector_is_paused_inside_a_call_and_resumes_after_it():
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_calls_resume_it_when_the_last_one_returns():
    first, second = collector.paused(), collector.paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_calls_that_overlap_without_a_break_resume_it_after_the_pause_limit(monkeypatch):
    monkeypatch.setattr(collector, "PAUSE_LIMIT", 0.0)
    first, second, third = collector.paused(), collector.paused(), collector.paused()
    first.__enter__()
    second.__enter__()
    time.sleep(0.01)
    first.__exit__(None, None, None)
    assert gc.isenabled()  # paused too long: resumed while the second call still runs
    third.__enter__()
    assert gc.isenabled()  # a call that starts then leaves it running
    second.__exit__(None, None, None)
    third.__exit__(None, None, None)
    assert gc.isenabled()
    with collector.paused():  # idle again: the next call pauses it
        assert not gc.isenabled()


def test_a_collector_disabled_by_the_process_stays_disabled():
    gc.disable()
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_a_call_stopped_by_its_deadline_resumes_it_after_freeing_what_it_built(bundled):
    bundled.normalize("Asad " * 100, ENGLISH)
    with pytest.raises(DeadlineExceeded) as stopped:
        bundled.normalize("Asad " * 50_000, ENGLISH, deadline=time.monotonic() + 0.3)
    assert gc.isenabled()
    # The call's frames are not in the traceback (they would keep all it built alive while the
    # collector resumed); where it stopped is named instead.
    assert len(traceback.extract_tb(stopped.value.__traceback__)) <= 2
    assert stopped.value.where and ":" in stopped.value.where[0]


def test_a_call_leaves_no_cycles_for_the_collector(bundled):
    """Pausing the collector during calls holds no memory back: what a call allocates is freed by
    reference counting when it returns, also when its deadline stops it."""
    texts = ["President Asad met Sergey Lavrov in Moskow. Hezbolah said the Kiev talks failed.",
             "Shoigu said: «Мы продолжим» at Хмеймим. " * 50, "Asad Assad " * 1000,
             "the talks &amp;amp; went on\u00a0 and \u00c3\u00a9t\u00c3\u00a9 " * 100]
    for text in texts:
        bundled.normalize(text, ENGLISH)  # resources built on first use are no garbage
    gc.collect()
    gc.disable()
    for text in texts:
        bundled.normalize(text, ENGLISH)
        assert gc.collect() == 0
    for text in texts:
        try:
            bundled.normalize(text * 20, ENGLISH, deadline=time.monotonic() + 0.02)
        except DeadlineExceeded:
            pass
        assert gc.collect() == 0
