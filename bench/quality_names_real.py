"""Name repairs measured on real published text (``tests/data/names_real``).

    python bench/quality_names_real.py [--split dev|test|all] [--errors] [--calibration]
    python bench/quality_names_real.py --news      # edits in professionally edited news

Every text in the corpus was copied verbatim from a public page (its URL is in the record); the
labels say what a copy editor applying the bundled glossary's house style would change. The
corpus is split by source domain (``split_of``): no site is in both halves. Tune on ``dev``; the
``test`` half is measured, never tuned against. Figures:

- needed rewrites made: labelled edits the name rules made exactly as labelled;
- applied name edits right: applied edits that make a labelled change as labelled;
- must-stay records changed: records with no labelled edit in which a name rule changed anything;
- passages: the same counts on multi-sentence passages only;
- calibration: every name finding with a suggestion (applied or only reported), grouped by its
  confidence, with the share that was right; ECE is the expected calibration error.

Glossaries: the bundled one (``bundled``), and the same with its variant lists removed
(``canonical-only``: canonical, short and native forms, titles and context only).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from transnorm.engine import Engine
from transnorm.engine.options import Options
from transnorm.glossary import load_bundled
from transnorm.glossary.fuzzy_index import canonical_only

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "names_real"
TEST_SHARE = 40  # per cent of domains (by hash) in the test split
OPTIONS = Options(categories=("names",))


def split_of(domain: str) -> str:
    """``dev`` or ``test`` for a source domain: a fixed hash, so a new record joins its site's half."""
    bucket = int(hashlib.sha1(domain.encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket < TEST_SHARE else "dev"


def load(split: str = "dev", corpus: Path = CORPUS) -> list[dict]:
    """Labelled records of one split (``all`` for both), in file order."""
    rows, seen = [], set()
    for path in sorted((corpus / "collect").glob("*.jsonl")):
        if path.name.startswith("news_"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["text"] in seen:
                    continue  # the same passage collected twice: counted once
                seen.add(row["text"])
                if split == "all" or split_of(row["domain"]) == split:
                    rows.append(row)
    return rows


def load_news(corpus: Path = CORPUS) -> list[dict]:
    rows = []
    for path in sorted((corpus / "collect").glob("news_*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def _clusters(spans: list[tuple[int, int, str, str, object]]) -> list[list[tuple[int, int, str, str, object]]]:
    """Group ``(start, end, replacement, source, payload)`` spans that overlap into clusters."""
    out: list[list] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        if out and span[0] < end:
            out[-1].append(span)
            end = max(end, span[1])
        else:
            out.append([span])
            end = span[1]
    return out


def _apply(text: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], start
    for s, e, rep in sorted(edits):
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:end])
    return "".join(out)


def finding_right(text: str, labels: list[dict], start: int, end: int, replacement: str) -> bool:
    """Whether a suggestion makes (part of) a labelled change as labelled, word for word."""
    for label in labels:
        ls, le = label["at"], label["at"] + len(label["from"])
        if ls <= start and end <= le:
            region = text[ls:start] + replacement + text[end:le]
            if region == label["to"]:
                return True
            before, after, want = text[ls:le].split(" "), region.split(" "), label["to"].split(" ")
            if len(after) == len(want) == len(before):
                changed = [i for i in range(len(after)) if after[i] != before[i]]
                return bool(changed) and all(after[i] == want[i] for i in changed)
            return False
    return False


def score_record(engine: Engine, row: dict) -> dict:
    text = row["text"]
    result = engine.normalize(text, OPTIONS)
    labels = row["edits"]
    spans = [(lab["at"], lab["at"] + len(lab["from"]), lab["to"], "label", lab) for lab in labels]
    spans += [(f.start, f.end, f.replacements[0], "engine", f) for f in result.applied]
    made = missed = right = wrong = 0
    errors = []
    for cluster in _clusters(spans):
        start, end = min(s[0] for s in cluster), max(s[1] for s in cluster)
        want = _apply(text, start, end, [(s, e, r) for s, e, r, src, _ in cluster if src == "label"])
        got = _apply(text, start, end, [(s, e, r) for s, e, r, src, _ in cluster if src == "engine"])
        n_label = sum(1 for c in cluster if c[3] == "label")
        n_engine = len(cluster) - n_label
        if want == got:
            made += n_label
            right += n_engine
        else:
            missed += n_label
            wrong += n_engine
            errors.append((text[start:end], want, got,
                           [f.rule_id + ": " + f.message for *_, src, f in cluster if src == "engine"]
                           or [f.rule_id + ": " + f.message for f in result.unapplied
                               if f.start < end and start < f.end]))
    calibration = [(f.confidence, finding_right(text, labels, f.start, f.end, f.replacements[0]), f)
                   for f in result.findings if f.replacements]
    return {"needed": len(labels), "made": made, "missed": missed, "right": right, "wrong": wrong,
            "changed": result.output != text, "errors": errors, "calibration": calibration}


def evaluate(engine: Engine, rows: list[dict]) -> dict:
    totals: Counter = Counter()
    passages: Counter = Counter()
    calibration = []
    errors = []
    for row in rows:
        s = score_record(engine, row)
        for key in ("needed", "made", "right", "wrong"):
            totals[key] += s[key]
            if row["kind"] == "passage":
                passages[key] += s[key]
        if not row["edits"]:
            totals["stay"] += 1
            totals["stay_changed"] += s["changed"]
        calibration += s["calibration"]
        errors += [(row["id"], row["kind"], *e) for e in s["errors"]]
    return {"totals": totals, "passages": passages, "calibration": calibration, "errors": errors,
            "records": len(rows)}


BANDS = (0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.0001)


def reliability(calibration: list[tuple[float, bool, object]]) -> tuple[list[tuple[str, int, float, float]], float]:
    """Rows ``(band, findings, mean confidence, share right)`` and the expected calibration error."""
    rows, ece = [], 0.0
    n = len(calibration) or 1
    for lo, hi in zip(BANDS, BANDS[1:]):
        inside = [(c, ok) for c, ok, _ in calibration if lo <= c < hi]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        share = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / n * abs(mean - share)
        rows.append((f"[{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'}", len(inside), mean, share))
    return rows, ece


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def print_calibration_and_errors(ev: dict, show_errors: bool, show_calibration: bool) -> None:
    """The ECE line, the reliability table and the error list of an evaluation (shared by the
    real-text benches: ``ev`` has ``calibration`` and ``errors`` as ``evaluate`` builds them)."""
    rows, ece = reliability(ev["calibration"])
    print(f"  calibration: {len(ev['calibration'])} findings, ECE {ece:.3f}")
    if show_calibration:
        for band, n, mean, share in rows:
            print(f"    {band:14s} n={n:4d}  mean confidence {mean:.3f}  right {share:.3f}")
    if show_errors:
        for rid, kind, span, want, got, why in ev["errors"]:
            print(f"  {rid} [{kind}] {span!r}: want {want!r}, got {got!r}")
            for w in why[:2]:
                print(f"      {w[:220]}")


def report(name: str, ev: dict, show_errors: bool, show_calibration: bool) -> None:
    t, p = ev["totals"], ev["passages"]
    print(f"== {name}: {ev['records']} records")
    print(f"  needed rewrites made       {ratio(t['made'], t['needed'])}")
    print(f"  applied name edits right   {ratio(t['right'], t['right'] + t['wrong'])}")
    print(f"  must-stay records changed  {t['stay_changed']} of {t['stay']}")
    print(f"  passages: rewrites made    {ratio(p['made'], p['needed'])}; edits right {ratio(p['right'], p['right'] + p['wrong'])}")
    print_calibration_and_errors(ev, show_errors, show_calibration)


def news_edits(engine: Engine, options: Options = OPTIONS) -> tuple[list[dict], int, list[tuple[dict, object]]]:
    """The professionally edited news passages, their word count, and each edit ``options``
    apply, with its passage."""
    rows = load_news()
    words = sum(len(r["text"].split()) for r in rows)
    edits = [(row, f) for row in rows for f in engine.normalize(row["text"], options).applied]
    return rows, words, edits


def news(engine: Engine) -> None:
    rows, words, found = news_edits(engine)
    edits = [(row["id"], row["domain"], f) for row, f in found]
    print(f"== professionally edited news: {len(rows)} passages, {words} words, {len(edits)} name edits "
          f"({len(edits) / words * 10000 if words else 0:.1f} per 10,000 words)")
    for rid, domain, f in edits:
        print(f"  {rid} {domain}: {f.original!r} -> {f.replacements[0]!r} [{f.rule_id}, {f.confidence:.2f}]")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--errors", action="store_true", help="list every wrong or missing rewrite")
    ap.add_argument("--calibration", action="store_true", help="print the reliability table")
    ap.add_argument("--news", action="store_true", help="list the name edits in professionally edited news")
    ap.add_argument("--only", choices=("bundled", "canonical-only"), help="one glossary only")
    args = ap.parse_args(argv)
    bundled = load_bundled()
    if args.news:
        news(Engine(bundled))
        return 0
    rows = load(args.split)
    kinds = Counter(r["kind"] for r in rows)
    domains = len({r["domain"] for r in rows})
    print(f"split {args.split}: {len(rows)} records from {domains} domains; "
          + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if args.only != "canonical-only":
        report("bundled glossary", evaluate(Engine(bundled), rows), args.errors, args.calibration)
    if args.only != "bundled":
        report("canonical + native forms only", evaluate(Engine(canonical_only(bundled)), rows), args.errors,
               args.calibration)
    return 0


if __name__ == "__main__":
    sys.exit(main())
