"""Rules on real French, German, Spanish and Russian text (``tests/data/multilingual_real``).

    python bench/quality_multilingual_real.py [--split dev|test|all] [--errors] [--target auto|en]
    python bench/quality_multilingual_real.py --prose [--split dev|test|all] [--errors]

Per language, with the default options (the document's language detected): correct sentences
changed (the target is none), the copy editor's repairs made (English spellings and typography
left by translation; typos and grammar, category ``other``, are outside the rules' remit and
counted apart as made/needed), applied edits right, and how often the document's language was
detected as the one the sentence is written in. ``--target en`` runs the English pipeline on everything,
as every rule did before rules declared their languages.

``--prose``: edits per 10,000 words on professionally edited news prose of each language
(``prose/``: passages from the languages' major press, unlabelled: every edit there is one a
copy editor did not ask for), name respellings into the bundled house style counted apart;
``--errors`` lists them.

Split as the other real-text corpora (by source domain); the test split is only measured.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality_artifacts_real import score_record  # noqa: E402
from quality_names_real import load as load_corpus  # noqa: E402
from quality_names_real import split_of  # noqa: E402

from transnorm.engine import Engine, Options  # noqa: E402
from transnorm.engine.profiles import detect  # noqa: E402
from transnorm.glossary import load_bundled  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "multilingual_real"


def load(split: str = "dev") -> list[dict]:
    return load_corpus(split, CORPUS)


def load_prose(split: str = "dev") -> list[dict]:
    """Passages of edited news prose of one split, in file order."""
    rows = []
    for path in sorted((CORPUS / "prose").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if split == "all" or split_of(row["domain"]) == split:
                    rows.append(row)
    return rows


def prose(engine: Engine, options: Options, split: str, show: bool) -> None:
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in load_prose(split):
        by_lang[r["lang"]].append(r)
    print(f"professionally edited prose, split {split}: edits per 10,000 words (none are asked for)")
    for lang in sorted(by_lang):
        rows = by_lang[lang]
        words = sum(len(r["text"].split()) for r in rows)
        edits = [(r["id"], f) for r in rows for f in engine.normalize(r["text"], options).applied]
        # A name respelled in the bundled house style is the glossary at work (another publisher's
        # house spelling of the same entity), counted apart as the English news bench does.
        names = [e for e in edits if e[1].rule_id.startswith("name.")]
        other = [e for e in edits if not e[1].rule_id.startswith("name.")]
        per = 10000 / words if words else 0.0
        print(f"{lang:5} {len(rows):4d} passages {words:7,d} words {len(other):4d} edits outside names "
              f"({len(other) * per:5.1f} per 10,000 words), {len(names):3d} name respellings")
        if show:
            for rid, f in other + names:
                print(f"    {rid}: {f.original!r} -> {f.replacements[0]!r} [{f.rule_id}]")


def score(engine: Engine, row: dict, options: Options) -> dict:
    """One record scored as the artifacts bench scores its records, its counters summed."""
    s = score_record(engine, row, options)
    out = {k: sum(s[k].values()) for k in ("right", "wrong")}
    # Typos and grammar (category ``other``) are outside the rules' remit: counted apart.
    for k in ("made", "needed"):
        out[k] = sum(n for cat, n in s[k].items() if cat != "other")
        out[f"other_{k}"] = s[k]["other"]
    return {**out, "errors": s["errors"], "changed": s["changed"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--target", choices=("auto", "en"), default="auto",
                    help="auto: the detected language (default); en: the English pipeline on everything")
    ap.add_argument("--prose", action="store_true", help="count edits on professionally edited news prose")
    args = ap.parse_args(argv)
    engine = Engine(load_bundled())
    options = Options(target_language="" if args.target == "auto" else "en")
    if args.prose:
        prose(engine, options, args.split, args.errors)
        return 0
    rows = load(args.split)
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_lang[r["lang"]].append(r)
    print(f"split {args.split}: {len(rows)} records from {len({r['domain'] for r in rows})} domains; target {args.target}")
    print(f"{'lang':5} {'clean':>6} {'changed':>8} {'artifact':>9} {'repairs made':>16} {'edits right':>14} {'detected':>10} {'other':>8}")
    for lang in sorted(by_lang):
        t = Counter()
        errors = []
        for r in by_lang[lang]:
            s = score(engine, r, options)
            t["clean"] += r["kind"] == "clean"
            t["changed"] += r["kind"] == "clean" and s["changed"]
            t["artifact"] += r["kind"] == "artifact"
            for k in ("made", "needed", "right", "wrong", "other_made", "other_needed"):
                t[k] += s[k]
            t["detected"] += detect(r["text"])[0] == lang
            errors += [(r["id"], *e) for e in s["errors"]]
            if r["kind"] == "clean" and s["changed"] and args.errors:
                errors.append((r["id"], "(clean record changed)", "", "", []))
        made = f"{t['made'] / t['needed']:.3f} ({t['made']}/{t['needed']})" if t["needed"] else "n/a"
        right = f"{t['right'] / (t['right'] + t['wrong']):.3f} ({t['right']}/{t['right'] + t['wrong']})" \
            if t["right"] + t["wrong"] else "n/a"
        n = len(by_lang[lang])
        print(f"{lang:5} {t['clean']:6d} {t['changed']:8d} {t['artifact']:9d} {made:>16} {right:>14} "
              f"{t['detected'] / n:10.3f} {t['other_made']:>3}/{t['other_needed']:<3}")
        if args.errors:
            for rid, span, want, got, rules in errors:
                print(f"    {rid}: {span!r}: want {want!r}, got {got!r} {rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
