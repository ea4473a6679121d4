"""Which ordinary words and names fuzzy matching would rewrite where nothing supports a glossary name.

    python bench/lookalikes_fuzzy.py [--words 200000]

Every alphabetic word of four letters or more among wordfreq's most frequent English words is
capitalised and set in a sentence with no context ("They saw Grainne there."), forty sentences to
a document, and normalized with the name rules and the bundled glossary. Each rewrite is printed
with the word's Zipf frequency and the evidence given. Spellings of the glossary's own places
(``Lybia``, ``Rusia``) are fair rewrites; other words and names (``Emmen``, ``Grainne``) are
precision failures.
"""
from __future__ import annotations

import argparse
import time

from wordfreq import top_n_list, zipf_frequency

from transnorm.engine import Engine, Options
from transnorm.glossary import load_bundled

PER_DOCUMENT = 40


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=200_000, help="how many of wordfreq's English words to read")
    args = ap.parse_args()
    engine = Engine(load_bundled())
    names_only = Options(categories=("names",))
    words = [w.capitalize() for w in top_n_list("en", args.words) if w.isalpha() and w.isascii() and len(w) >= 4]
    c0 = time.process_time()
    rewrites: dict[str, list[tuple[str, str, str]]] = {}
    for i in range(0, len(words), PER_DOCUMENT):
        text = " ".join(f"They saw {w} there." for w in words[i:i + PER_DOCUMENT])
        for f in engine.normalize(text, names_only).applied:
            rewrites.setdefault(f.rule_id, []).append(
                (f.original, f.replacement, dict(f.details).get("context", "")))
    print(f"{len(words)} capitalised English words (wordfreq, 4 letters or more) in a sentence without context, "
          f"{time.process_time() - c0:.0f} s CPU")
    for rule, found in sorted(rewrites.items()):
        print(f"{rule}: {len(found)} rewritten")
        for original, replacement, why in found:
            print(f"  {original:<16} -> {replacement:<16} Zipf {zipf_frequency(original, 'en'):4.2f}  {why}")


if __name__ == "__main__":
    main()
