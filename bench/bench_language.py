"""Language identification cost: the common-word gate against langdetect on every sentence.

Builds 4 KB documents from the English seed articles, plain and with foreign sentences and
quotations mixed in, and prints the time per document for the gated detector and for a detector
that asks langdetect about every sentence, and whether both find the same foreign segments. Then
the same on a mixed test set: ``--mixed`` documents, each with up to six passages drawn from
``POOL`` (fourteen languages) at random places.
Run: python bench/bench_language.py [--repeat 20] [--mixed 40]
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from transnorm.engine import Engine, Options, language
from transnorm.engine.document import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"
GLOSSARY = ROOT / "tests" / "data" / "test_glossary.yaml"

FOREIGN = [
    "Le président a déclaré que la situation reste difficile dans la région.",
    "Die Regierung hat am Montag neue Maßnahmen gegen den Terrorismus beschlossen.",
    "El ministro de Defensa ruso llegó a Damasco el lunes por la mañana.",
    "Il ministro della Difesa ha detto che la situazione resta molto difficile.",
    "O ministro disse que a situação na região continua muito difícil.",
    "De minister zei dat de situatie in het land moeilijk blijft.",
    "Shoigu said: «Мы продолжим сотрудничество с Сирией в следующем году».",
    "The sign read: شكرا جزيلا لكم على المساعدة في هذا الوقت.",
]


# More passages for the mixed test set: news sentences in the languages drafts most often keep.
POOL = FOREIGN + [
    "Les forces gouvernementales ont repris le contrôle de la ville après trois jours de combats.",
    "Nach Angaben des Ministeriums wurden bei dem Angriff mehrere Zivilisten verletzt.",
    "Las negociaciones continuarán la próxima semana en Ginebra, según fuentes diplomáticas.",
    "Secondo il portavoce, i colloqui sono stati costruttivi ma non hanno portato a un accordo.",
    "Het leger heeft de controle over de luchthaven overgenomen, meldt het persbureau.",
    "Minister obrony zapowiedział wysłanie dodatkowych żołnierzy na granicę z Białorusią.",
    "Dışişleri Bakanlığı, saldırıyı en güçlü şekilde kınadığını açıkladı.",
    "Regeringen meddelade att sanktionerna förlängs med ytterligare sex månader.",
    "Ministr zahraničí uvedl, že situace na hranicích zůstává velmi napjatá.",
    "«Российские военные продолжат выполнять поставленные задачи», — заявил представитель ведомства.",
    "Він наголосив, що переговори можливі лише після виведення військ.",
    "وقالت الوزارة في بيان إن الهجوم أسفر عن سقوط عدد من الضحايا المدنيين.",
    "Ο υπουργός δήλωσε ότι η κατάσταση στα σύνορα παραμένει σταθερή.",
    "O porta-voz afirmou que as tropas permanecerão na região até o fim do ano.",
]


def english_document(size: int = 4096) -> str:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    while len(text) < size:
        text += "\n\n" + text
    cut = text.rfind(". ", 0, size)
    return text[: cut + 1]


def mixed_document(foreign: list[str], size: int = 4096) -> str:
    english = english_document(size).split(". ")
    step = max(1, len(english) // (len(foreign) + 1))
    for i, f in enumerate(foreign):
        english.insert((i + 1) * step + i, f.rstrip("."))
    return ". ".join(english)


def segments(engine: Engine, text: str) -> list[tuple[int, int, str]]:
    doc = Document(engine, text, Options())
    return [(s.start, s.end, s.language) for s in language.find_segments(doc)]


def timed(engine: Engine, text: str, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        segments(engine, text)
        runs.append(time.perf_counter() - t0)
    return min(runs)  # the fastest run: on a shared machine the others measure the neighbours


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--mixed", type=int, default=40, help="documents in the mixed test set (0: none)")
    args = ap.parse_args()
    engine = Engine.from_paths([GLOSSARY])
    t0 = time.perf_counter()
    language.detect("warm up the profiles")
    language.common_words("en")
    print(f"first use (langdetect profiles + wordfreq lexicon): {time.perf_counter() - t0:.2f} s, once per process")

    gates = language.TARGET_SHARE, language.KNOWN_SHARE
    rows = []
    documents = (("English", english_document()),
                 ("mixed, 2 foreign", mixed_document([FOREIGN[0], FOREIGN[6]])),
                 ("mixed, 8 foreign", mixed_document(FOREIGN)))
    for name, text in documents:
        gated_found = segments(engine, text)
        gated = timed(engine, text, args.repeat)
        # No sentence passes either gate: langdetect sees every sentence.
        language.TARGET_SHARE = language.KNOWN_SHARE = 2.0
        try:
            every_found = segments(engine, text)
            every = timed(engine, text, args.repeat)
        finally:
            language.TARGET_SHARE, language.KNOWN_SHARE = gates
        rows.append((name, len(text), gated, every, gated_found, every_found))

    print(f"{'document':<18}{'chars':>7}{'gated ms':>11}{'every ms':>11}{'speed-up':>10}  foreign segments (gated / every)")
    for name, size, gated, every, gf, ef in rows:
        same = "same" if gf == ef else "DIFFERENT"
        print(f"{name:<18}{size:>7}{gated * 1e3:>11.2f}{every * 1e3:>11.2f}{every / gated:>9.1f}x  "
              f"{len(gf)} / {len(ef)} ({same})")
    for name, *_, gf, ef in rows:
        for s in sorted(set(gf) ^ set(ef)):
            print(f"  {name}: only {'gated' if s in gf else 'every'}: {s}")
    if args.mixed:
        mixed_set(engine, args.mixed, max(1, args.repeat // 10))


def mixed_set(engine: Engine, count: int, repeat: int) -> None:
    """The gate against langdetect on every sentence over ``count`` random mixed documents."""
    rng = random.Random(5)
    docs = [mixed_document(rng.sample(POOL, rng.randint(0, 6))) for _ in range(count)]
    gates = language.TARGET_SHARE, language.KNOWN_SHARE
    gated_found = [segments(engine, d) for d in docs]
    gated = sum(timed(engine, d, repeat) for d in docs)
    language.TARGET_SHARE = language.KNOWN_SHARE = 2.0
    try:
        every_found = [segments(engine, d) for d in docs]
        every = sum(timed(engine, d, repeat) for d in docs)
    finally:
        language.TARGET_SHARE, language.KNOWN_SHARE = gates
    differ = [i for i, (g, e) in enumerate(zip(gated_found, every_found)) if g != e]
    print(f"mixed test set: {count} documents, {sum(map(len, every_found))} foreign segments found by langdetect "
          f"on every sentence, {sum(map(len, gated_found))} with the gate; documents whose segments differ: "
          f"{len(differ)}; {gated / count * 1e3:.2f} ms against {every / count * 1e3:.2f} ms per document "
          f"({every / gated:.1f}x)")
    for i in differ:
        for seg in sorted(set(gated_found[i]) ^ set(every_found[i])):
            found_by = "gated" if seg in gated_found[i] else "every"
            print(f"  document {i}: only {found_by}: {seg} {docs[i][seg[0]:seg[1]][:70]!r}")


if __name__ == "__main__":
    main()
