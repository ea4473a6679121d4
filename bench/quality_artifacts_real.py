"""Artifact repairs measured on real published text (``tests/data/artifacts_real``).

    python bench/quality_artifacts_real.py [--split dev|test|all] [--errors] [--calibration] [--prose]

Every artifact rule runs as in the default profile (the name checks do not: names have their own
bench). Figures:

- applied edits right: an applied edit is right when the edits in its place make the text the
  copy editor's label makes it (``apply`` labels); an edit where only a ``report`` label sits is
  right when it makes that label's change; an edit that makes part of one labelled change (a
  removal inside a labelled removal, ``dont`` -> ``don't`` inside ``i dont`` -> ``I don't``) is
  right, the label then not made. Per rule as well.
- repairs made: ``apply`` labels made by the applied edits, over the artifact categories and per
  category; labels of category ``other`` (typos, grammar, capitals: outside the artifact rules'
  remit, labelled so that edits are judged against the whole fixed text) are counted apart.
- clean look-alikes changed: correct records (``kind: clean``) that came out different.
- reported: ``report`` labels that some finding (applied or not) covers.
- calibration: every finding with a suggestion, by confidence, with the share that was right.
- ``--prose``: edits per 10,000 words in professionally edited news
  (``tests/data/names_real/collect/news_*.jsonl``), the house dash (a dash typed as a spaced
  hyphen or ``--`` made a real one) counted apart.

Split and protocol: ``tests/data/artifacts_real/README.md``; the test split is only measured.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality_names_real import _apply, _clusters, news_edits, print_calibration_and_errors, ratio  # noqa: E402
from quality_names_real import load as load_names_corpus  # noqa: E402

from transnorm.engine import Engine, Options  # noqa: E402
from transnorm.engine.registry import all_rules  # noqa: E402
from transnorm.glossary import load_bundled  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "artifacts_real"
# The same apostrophe, dash or space written two ways is the same repair.
_SAME = str.maketrans({"’": "'", "\u00a0": " "})


def artifact_rule_ids() -> tuple[str, ...]:
    return tuple(sorted(r.id for r in all_rules().values() if r.category != "names"))


OPTIONS = Options(rules=artifact_rule_ids())
# Edits that put the house dash where a dash is typed otherwise (counted apart on edited prose).
HOUSE_DASH_RULES = frozenset({"punct.dash", "punct.spaced_hyphen"})


def load(split: str = "dev", corpus: Path = CORPUS) -> list[dict]:
    """Labelled records of one split (``all`` for both), in file order; a text collected twice counts once."""
    return load_names_corpus(split, corpus)


def _same(a: str, b: str) -> bool:
    return a.translate(_SAME) == b.translate(_SAME)


def score_record(engine: Engine, row: dict, options: Options = OPTIONS) -> dict:
    text = row["text"]
    result = engine.normalize(text, options)
    labels = row["edits"]
    spans = [(e["at"], e["at"] + len(e["from"]), e["to"], "label", e) for e in labels]
    spans += [(f.start, f.end, f.replacements[0], "engine", f) for f in result.applied]
    out = {"made": Counter(), "needed": Counter(), "right": Counter(), "wrong": Counter(), "errors": []}
    for cluster in _clusters(spans):
        start, end = min(s[0] for s in cluster), max(s[1] for s in cluster)
        lab = [s for s in cluster if s[3] == "label"]
        eng = [s for s in cluster if s[3] == "engine"]
        applied_labels = [s for s in lab if s[4]["action"] == "apply"]
        want = _apply(text, start, end, [(s, e, r) for s, e, r, *_ in applied_labels])
        got = _apply(text, start, end, [(s, e, r) for s, e, r, *_ in eng])
        report_want = _apply(text, start, end, [(s, e, r) for s, e, r, *_ in lab])
        ok = _same(want, got) or (bool(eng) and len(applied_labels) < len(lab) and _same(report_want, got))
        for s in applied_labels:
            out["needed"][s[4]["category"]] += 1
            out["made"][s[4]["category"]] += ok
        for s in eng:
            # A removal inside a labelled removal is right even where the label removes more.
            inside = s[2] == "" and any(l[2] == "" and l[0] <= s[0] and s[1] <= l[1] for l in lab)
            out["right" if ok or inside or _on_the_way(text, s, lab) else "wrong"][s[4].rule_id] += 1
        if not ok:
            why = [f"{s[4].rule_id} ({s[4].confidence:.2f}): {s[4].message}" for s in eng] or [
                f"{f.rule_id} (reported): {f.message}" for f in result.unapplied if f.start < end and start < f.end]
            out["errors"].append((text[start:end], want, got, why))
    covered = [any(f.start < e["at"] + len(e["from"]) and e["at"] < f.end for f in result.findings)
               for e in labels if e["action"] == "report"]
    out["reported"], out["to_report"] = sum(covered), len(covered)
    out["changed"] = result.output != text
    out["calibration"] = [(f.confidence, _finding_right(text, labels, f), f) for f in result.findings if f.replacements]
    return out


def _on_the_way(text: str, edit, labels) -> bool:
    """Whether an edit inside one labelled change makes part of it: the label's replacement
    starts with the edited prefix or ends with the edited suffix ("dont" -> "don't" inside
    "i dont" -> "I don't")."""
    s, e, rep = edit[0], edit[1], edit[2]
    for ls, le, to, *_ in labels:
        if ls <= s and e <= le and (ls, le) != (s, e):
            head = (text[ls:s] + rep).translate(_SAME)
            tail = (rep + text[e:le]).translate(_SAME)
            target = to.translate(_SAME)
            if (head and target.startswith(head)) or (tail and target.endswith(tail)):
                return True
    return False


def _finding_right(text: str, labels: list[dict], f) -> bool:
    for e in labels:
        ls, le = e["at"], e["at"] + len(e["from"])
        if f.start < le and ls < f.end:
            lo, hi = min(ls, f.start), max(le, f.end)
            return _same(_apply(text, lo, hi, [(ls, le, e["to"])]), _apply(text, lo, hi, [(f.start, f.end, f.replacements[0])]))
    return False


def evaluate(engine: Engine, rows: list[dict], options: Options = OPTIONS) -> dict:
    total = {k: Counter() for k in ("made", "needed", "right", "wrong")}
    clean = clean_changed = reported = to_report = 0
    calibration, errors, changed_clean = [], [], []
    for row in rows:
        s = score_record(engine, row, options)
        for k in total:
            total[k].update(s[k])
        reported += s["reported"]
        to_report += s["to_report"]
        calibration += s["calibration"]
        errors += [(row["id"], row["category"], *e) for e in s["errors"]]
        if row["kind"] == "clean":
            clean += 1
            clean_changed += s["changed"]
            if s["changed"]:
                changed_clean.append(row["id"])
    return {**total, "clean": clean, "clean_changed": clean_changed, "reported": reported, "to_report": to_report,
            "calibration": calibration, "errors": errors, "records": len(rows), "changed_clean": changed_clean}


OUTSIDE = "other"  # the label category of copy-edits that are no artifact


def report(ev: dict, show_errors: bool, show_calibration: bool) -> None:
    right, wrong = sum(ev["right"].values()), sum(ev["wrong"].values())
    artifacts = [c for c in ev["needed"] if c != OUTSIDE]
    made, needed = sum(ev["made"][c] for c in artifacts), sum(ev["needed"][c] for c in artifacts)
    print(f"  applied edits right        {ratio(right, right + wrong)}")
    print(f"  repairs made               {ratio(made, needed)}")
    for cat in sorted(artifacts):
        print(f"      {cat:14s}           {ratio(ev['made'][cat], ev['needed'][cat])}")
    if ev["needed"][OUTSIDE]:
        print(f"  other copy-edits made      {ratio(ev['made'][OUTSIDE], ev['needed'][OUTSIDE])} (outside the rules' remit)")
    print(f"  clean look-alikes changed  {ev['clean_changed']} of {ev['clean']}")
    print(f"  report labels found        {ratio(ev['reported'], ev['to_report'])}")
    print("  per rule (applied edits):")
    for rid in sorted(set(ev["right"]) | set(ev["wrong"])):
        print(f"      {rid:26s} right {ratio(ev['right'][rid], ev['right'][rid] + ev['wrong'][rid])}")
    print_calibration_and_errors(ev, show_errors, show_calibration)


def prose(engine: Engine) -> None:
    rows, words, found = news_edits(engine, OPTIONS)
    edits = [(row["id"], f) for row, f in found]
    dash = [e for e in edits if e[1].rule_id in HOUSE_DASH_RULES]
    other = [e for e in edits if e[1].rule_id not in HOUSE_DASH_RULES]
    per = 10000 / words if words else 0.0
    print(f"== professionally edited news: {len(rows)} passages, {words} words; "
          f"{len(other)} edits outside the house dash ({len(other) * per:.1f} per 10,000 words), "
          f"{len(dash)} house-dash edits ({len(dash) * per:.1f} per 10,000 words)")
    for rid, f in other:
        print(f"  {rid}: {f.original!r} -> {f.replacements[0]!r} [{f.rule_id}]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--errors", action="store_true", help="list every wrong or missing repair")
    ap.add_argument("--calibration", action="store_true", help="print the reliability table")
    ap.add_argument("--prose", action="store_true", help="count edits on professionally edited news")
    args = ap.parse_args(argv)
    engine = Engine(load_bundled())
    if args.prose:
        prose(engine)
        return 0
    rows = load(args.split)
    cats = Counter(f"{r['kind']}:{r['category']}" for r in rows)
    print(f"split {args.split}: {len(rows)} records from {len({r['domain'] for r in rows})} domains; "
          + ", ".join(f"{k} {n}" for k, n in sorted(cats.items())))
    report(evaluate(engine, rows), args.errors, args.calibration)
    return 0


if __name__ == "__main__":
    sys.exit(main())
