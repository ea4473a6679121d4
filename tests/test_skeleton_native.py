"""The skeleton rules in C (``transnorm.glossary._native``) give exactly the keys of the Python
reference in ``skeleton.py``, on the strings that exercise each rule's context and on real names."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transnorm.glossary import _native, load_bundled
from transnorm.glossary.fuzzy_index import FuzzyIndex
from transnorm.glossary.skeleton import _apply_rules, _python_keys, letters, skeleton_keys

# Letters the rules look at, in the combinations they look for, and digits and spaces that end words.
PIECES = ["a", "b", "d", "e", "h", "i", "j", "k", "l", "n", "o", "r", "s", "t", "u", "x", "y", "z", "g", "q", "c", "w",
          "p", "0", "abd", "al", "oul", "ibn", "bn", "ben", "ah", "eh", "ye", "jj", "tsch", "shch", "dzh", "kh", "ai",
          "ou", "ee", "ezz", "att", "ash", "adh", "ss", " "]
pieces = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def base_of(s: str) -> str:
    return " ".join(s.split())


@settings(max_examples=3000, deadline=None)
@given(pieces)
@example("abdal")
@example("abdoulrahman")
@example("abd1abdal")
@example("al al asad")
@example("deir ezzor")
@example("atthx uzzah")
@example("bn ibn ben")
@example("xye ye aye")
@example("jja ajj yj")
@example("aiai aie")
def test_keys_equal_the_python_reference(s):
    base = base_of(s)
    assert _native.keys(base) == _python_keys(base)


@settings(max_examples=3000, deadline=None)
@given(pieces)
def test_rules_equal_the_python_reference_word_by_word(s):
    # A word may hold a space: the first rule writes "abd " into it, and the later rules see it.
    word = s.strip()
    assert _native.apply_rules(word) == _apply_rules(word)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="AbdEhIjKXYaly0-_./'`, \t\n()", max_size=30))
@example("Abd-al Rahman")
@example("  Deir   Ez-Zor. ")
def test_ascii_names_read_as_letters_then_keys(name):
    assert _native.name_keys(name) == _python_keys(letters(name))


def test_names_that_are_not_ascii_are_read_by_letters():
    for name in ("Šojgu", "Хмеймим", "Ṣāliḥ al-ʿĀrūrī", "Naval’naya", "Zürich"):
        assert _native.name_keys(name) == skeleton_keys(name) == _python_keys(letters(name))
    assert skeleton_keys("Šojgu") == ("shoiku",)
    assert _native.keys("šojgu") is None  # not a letters() string: the caller falls back to Python
    assert _native.keys("Assad") is None
    with pytest.raises(TypeError):
        _native.keys(b"asad")
    with pytest.raises(TypeError):
        _native.name_keys(None)


def test_long_names_past_the_stack_buffer():
    name = " ".join(["Abdulrahman al-Khazzaqi"] * 40)
    assert len(name) > 600
    assert _native.name_keys(name) == _python_keys(letters(name))


def test_every_bundled_form_and_romanisation():
    forms = FuzzyIndex(load_bundled()).forms
    assert len(forms) > 1000
    for f in forms:
        base = letters(f.surface)
        assert _native.keys(base) == _python_keys(base), f.surface


# The candidate blocks in C (``_native.BlockIndex``) against the Python tables of ``FuzzyIndex``.

def _glossary(names):
    from transnorm.glossary.model import Entry, Glossary

    entries = tuple(Entry(id=f"e{i}", kind="person", canonical=n) for i, n in enumerate(names))
    return Glossary(entries, (), "test", ("test",))


SYLLABLES = ["ka", "kha", "mei", "mim", "as", "sad", "zel", "en", "sky", "iy", "sho", "igu", "ba", "shar", "al",
             "dei", "rez", "zor", "ab", "dul", "rah", "man", "yev", "gen", "iya", "ou", "ssa", "tt"]


@pytest.fixture(scope="module")
def twin_indexes():
    import random

    rng = random.Random(7)
    names = {" ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 5))).capitalize()
                      for _ in range(rng.randint(1, 3))) for _ in range(3000)}
    names |= {"Bashar al-Assad", "Hmeimim", "Deir ez-Zor", "Volodymyr Zelensky", "Muammar Gaddafi"}
    glossary = _glossary(sorted(names))
    native = FuzzyIndex(glossary, native=False)
    python = FuzzyIndex(glossary, native=False, native_blocks=False)
    assert native._blocks is not None and python._blocks is None
    return native, python


words = st.lists(st.sampled_from(SYLLABLES + list("aeiouhkmnrsz")), min_size=1, max_size=8).map("".join)


@settings(max_examples=1500, deadline=None)
@given(words, st.sampled_from([0, 1, 2]))
def test_blocks_equal_the_python_tables(twin_indexes, word, depth):
    native, python = twin_indexes
    size, keys, wids = native._blocks.block(word, depth)
    py_size, py_keys, py_wids = python._word_block(word, depth)
    assert size == py_size and set(wids) == py_wids
    assert (keys is None) == (py_keys is None)
    if keys is not None:
        assert keys == sorted(py_keys)


@settings(max_examples=600, deadline=None)
@given(st.lists(words, min_size=1, max_size=3).map(" ".join), st.booleans())
def test_search_equals_the_python_tables(twin_indexes, name, best):
    native, python = twin_indexes
    for limit in (0, 1):
        assert native.search(name, 80.0, limit=limit, best=best) == python.search(name, 80.0, limit=limit, best=best)


def test_known_variants_found_through_the_native_blocks(twin_indexes):
    native, _ = twin_indexes
    for query, canonical in (("Khmeymim", "Hmeimim"), ("Bashar Asad", "Bashar al-Assad"), ("Deir Ezzor", "Deir ez-Zor"),
                             ("Volodimir Zelenskiy", "Volodymyr Zelensky"), ("Moammar Gadhafi", "Muammar Gaddafi")):
        (top, *_) = native.search(query, 85.0, limit=1, best=True)
        assert top.form.surface == canonical


def test_block_index_rejects_bad_input():
    from transnorm.glossary._native import BlockIndex

    with pytest.raises(ValueError):
        BlockIndex(["asad"], [], ["asad"])
    with pytest.raises(ValueError):
        BlockIndex(["asad"], [(5,)], ["asad"])
    from rapidfuzz import fuzz, process

    index = BlockIndex(["asad"], [(0,)], ["asad"], extract=process.extract, scorer=fuzz.ratio)
    with pytest.raises(ValueError):
        index.block("asad", 3)
    assert index.block("asad", 0) == (1, [0], [0])
    choices, kids, scored = index.candidates("asat", 1)
    assert choices == ["asad"] and list(memoryview(kids).cast("I")) == [0] and scored == kids
    assert index.candidates("asat", 1, scored)[0] == []  # already scored
    assert index.best("Asad", 70.0) == 0  # an exact hit, with no exact candidates given
    assert index.best("Asat", 70.0) == [(0, "asat", 75.0)]
    assert index.best("Asat", 80.0) == index.best("Zzzz", 70.0) == []
    with pytest.raises(TypeError):  # extract must give a list
        BlockIndex(["asad"], [(0,)], ["asad"], extract=lambda *a, **k: None, scorer=fuzz.ratio).best("Asat", 70.0)
    with pytest.raises(RuntimeError):
        BlockIndex(["asad"], [(0,)], ["asad"]).best("Asat", 70.0)
