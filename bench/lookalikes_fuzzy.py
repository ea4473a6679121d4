"""Which ordinary words and names fuzzy matching would rewrite where nothing supports a glossary name.

    python bench/lookalikes_fuzzy.py [--words 200000] [--region] [--start]

Every alphabetic word of four letters or more among wordfreq's most frequent English words that
is no glossary spelling nor a people's name (``Syrians``) is capitalised and set in a sentence
with no context ("They saw Grainne there."), forty sentences to a document, and normalized with
the name rules and the bundled glossary. Each rewrite is printed with the word's Zipf frequency
and the evidence given. Spellings of the glossary's own places (``Lybia``, ``Rusia``) are fair
rewrites; other words and names (``Emmen``, ``Grainne``) are precision failures.

``--start`` sets each word at the start of its sentence ("Grainne was there."), where a capital
says nothing.

``--region`` opens each document with a sentence naming Syria, Iraq, Lebanon, Yemen and Ukraine,
as a news story about the region would: what the region alone makes of words that merely share a
skeleton or consonants with a name there (``Gazza``, ``Musial``). These are the engine's known
risk in such stories.
"""
from __future__ import annotations

import argparse
import time

from wordfreq import top_n_list, zipf_frequency

from transnorm.engine import Engine, Options
from transnorm.engine.names import demonyms
from transnorm.glossary import load_bundled

PER_DOCUMENT = 40
REGION = "Fighting went on in Syria, Iraq, Lebanon, Yemen and Ukraine. "


def lookalike_words(engine: Engine, count: int = 200_000) -> list[str]:
    """wordfreq's ``count`` commonest English words of four letters or more, capitalised, without
    the glossary's spellings and peoples' names (which would support the names around them)."""
    _, people = demonyms(engine)
    return [w.capitalize() for w in top_n_list("en", count) if w.isalpha() and w.isascii() and len(w) >= 4
            and not engine.names.forms(w) and not people.fullmatch(w.capitalize())]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000, help="how many of wordfreq's English words to read")
    ap.add_argument("--region", action="store_true", help="open each document with a sentence naming the region")
    ap.add_argument("--start", action="store_true", help="set each word at the start of its sentence")
    args = ap.parse_args()
    engine = Engine(load_bundled())
    names_only = Options(categories=("names",))
    words = lookalike_words(engine, args.words)
    opening = REGION if args.region else ""
    c0 = time.process_time()
    rewrites: dict[str, list[tuple[str, str, str]]] = {}
    for i in range(0, len(words), PER_DOCUMENT):
        text = opening + " ".join((f"{w} was there." if args.start else f"They saw {w} there.")
                                  for w in words[i:i + PER_DOCUMENT])
        for f in engine.normalize(text, names_only).applied:
            if f.start >= len(opening):
                rewrites.setdefault(f.rule_id, []).append(
                    (f.original, f.replacement, dict(f.details).get("evidence", "")))
    where = "after a sentence naming the region" if args.region else "in a sentence without context"
    if args.start:
        where += ", each opening its sentence"
    print(f"{len(words)} capitalised English words (wordfreq, 4 letters or more, no glossary spelling) {where}, "
          f"{time.process_time() - c0:.0f} s CPU")
    for rule, found in sorted(rewrites.items()):
        print(f"{rule}: {len(found)} rewritten")
        for original, replacement, why in found:
            print(f"  {original:<16} -> {replacement:<16} Zipf {zipf_frequency(original, 'en'):4.2f}  {why}")


if __name__ == "__main__":
    main()
