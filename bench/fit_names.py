"""Estimate the weights of the name evidence (``transnorm/engine/name_weights.json``) from the
development split of the real-text corpus.

    python bench/fit_names.py [--write] [--l2 0.5] [--cv]

Every fuzzy name finding (a spelling the glossary does not list) with a suggestion that the engine
makes on a dev record, with the bundled
glossary and with its variant lists removed, is one example: its facts (the ``evidence`` detail)
and whether its suggestion is what the copy editor's label says. A logistic model (L2-penalised,
fitted by Newton's method) turns the facts into log-odds; its intercept is the prior. The test
split is never read here.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality_names_real import OPTIONS, finding_right, load  # noqa: E402

from transnorm.engine import Engine  # noqa: E402
from transnorm.engine.evidence import APPLY_AT, FACTS, LISTED_CONTRACT  # noqa: E402
from transnorm.glossary import load_bundled  # noqa: E402
from transnorm.glossary.fuzzy_index import canonical_only  # noqa: E402

FUZZY_RULES = ("name.fuzzy_variant", "name.possible_variant")  # the decisions the weights make
WEIGHTS = Path(__file__).resolve().parent.parent / "server" / "transnorm" / "engine" / "name_weights.json"


def examples(rows: list[dict]) -> list[tuple[frozenset[str], bool]]:
    return [(facts, ok) for _, facts, ok in examples_by_domain(rows)]


def examples_by_domain(rows: list[dict]) -> list[tuple[str, frozenset[str], bool]]:
    """``examples`` with the source domain of each, for cross-validation grouped by domain."""
    bundled = load_bundled()
    out = []
    for glossary in (bundled, canonical_only(bundled)):
        engine = Engine(glossary)
        for row in rows:
            result = engine.check(row["text"], OPTIONS)
            for f in result.findings:
                facts = dict(f.details).get("evidence")
                if not facts or facts == "alias_mention" or not f.replacements or f.rule_id not in FUZZY_RULES:
                    continue
                out.append((row["domain"], frozenset(facts.split(",")),
                            finding_right(row["text"], row["edits"], f.start, f.end, f.replacements[0])))
    return out


def listed_kind(f) -> str | None:
    """Which kind of listed-spelling decision a finding is (``evidence.LISTED_CONTRACT``), or None."""
    details = dict(f.details)
    facts = set((details.get("evidence") or "").split(","))
    if f.rule_id == "name.variant":
        return "listed_supported" if "listed_ambiguous" in facts else "listed"
    if f.rule_id == "name.ambiguous_variant":
        if "alias_mention" in facts:
            return None
        return "held" if "entry" in details else "several"
    return {"name.particle_case": "particle_case", "name.case": "case", "name.native_script": "native"}.get(f.rule_id)


def listed_examples(rows: list[dict]) -> Counter:
    """``(kind, right)`` counts of the listed-spelling findings with the bundled glossary."""
    engine = Engine(load_bundled())
    out: Counter = Counter()
    for row in rows:
        for f in engine.check(row["text"], OPTIONS).findings:
            kind = listed_kind(f)
            if kind and f.replacements:
                out[kind, finding_right(row["text"], row["edits"], f.start, f.end, f.replacements[0])] += 1
    return out


PSEUDO = 10.0  # findings' worth of the contract value in each listed kind's estimate (a kind seen a few times stays near it)


def listed_rates(counts: Counter) -> dict[str, float]:
    """Each kind's share of right findings, shrunk towards the contract by ``PSEUDO`` findings."""
    rates = {}
    for kind, contract in LISTED_CONTRACT.items():
        n = counts[kind, True] + counts[kind, False]
        if n:
            rates[kind] = round((counts[kind, True] + PSEUDO * contract) / (n + PSEUDO), 3)
    return rates


# Facts that can only speak for the entity, or only against it: a fit that gives them the other
# sign has learned a quirk of the corpus (look-alike passages name the entity too), not evidence.
# The kinds of string evidence (listed, particle, generated, skeleton, close, far) exclude each other:
# each acts as the intercept of its own kind, free of sign.
FOR = {"whole_name", "title", "context", "named"}
AGAINST = {"dictionary", "frequent", "seen", "foreign_place", "capital_follows", "capital_precedes", "short",
           "single_person", "short_person", "rival", "quoted"}


def fit_signed(data, names: list[str], l2: float) -> tuple[float, dict[str, float]]:
    """``fit`` with the signs of ``FOR`` and ``AGAINST`` kept: a fact fitted with the wrong sign is
    fixed at zero and the rest refitted, until every sign holds."""
    free = list(names)
    while True:
        prior, w = fit(data, free, l2)
        wrong = [n for n, v in zip(free, w) if (n in FOR and v < 0) or (n in AGAINST and v > 0)]
        if not wrong:
            return prior, dict(zip(free, (float(v) for v in w)))
        free = [n for n in free if n not in wrong]


# Where the weights are shrunk to: the glossary's documented contract (README, "When an ambiguous
# variant is rewritten") in log-odds, so that a fact the dev split says little about keeps the
# meaning the glossary's editors rely on, and the data moves what it has evidence for.
CONTRACT = {"listed": 3.0, "particle": 3.0, "generated": 1.5, "skeleton": 1.0, "title": 2.5, "context": 2.0,
            "named": 2.0, "whole_name": 1.5, "listed_ambiguous": -1.0, "far": -1.5}


def fit(data: list[tuple[frozenset[str], bool]], names: list[str], l2: float) -> tuple[float, np.ndarray]:
    x = np.array([[1.0] + [1.0 if n in facts else 0.0 for n in names] for facts, _ in data])
    y = np.array([1.0 if ok else 0.0 for _, ok in data])
    centre = np.array([0.0] + [CONTRACT.get(n, 0.0) for n in names])
    w = centre.copy()
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0  # the prior is not penalised
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * (w - centre)
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return float(w[0]), w[1:]


def log_loss(data, prior: float, weights: dict[str, float]) -> float:
    total = 0.0
    for facts, ok in data:
        p = 1.0 / (1.0 + math.exp(-(prior + sum(weights.get(f, 0.0) for f in facts))))
        p = min(max(p, 1e-9), 1 - 1e-9)
        total -= math.log(p if ok else 1 - p)
    return total / max(1, len(data))


def cross_validate(data: list[tuple[str, frozenset[str], bool]], l2: float, folds: int = 5,
                   repeats: int = 3) -> tuple[float, float, float]:
    """Log loss, and the share right and the share of right suggestions made among findings at
    ``APPLY_AT`` or above, of models fitted without the held-out domains' findings (``folds``
    folds of domains, each split drawn ``repeats`` times with a fixed seed)."""
    names = sorted(FACTS)
    domains = sorted({d for d, _, _ in data})
    loss, n, made, wrong, right_total = 0.0, 0, 0, 0, 0
    for rep in range(repeats):
        order = domains[:]
        random.Random(rep).shuffle(order)
        fold_of = {d: i % folds for i, d in enumerate(order)}
        for k in range(folds):
            train = [(f, ok) for d, f, ok in data if fold_of[d] != k]
            prior, weights = fit_signed(train, names, l2)
            for d, facts, ok in data:
                if fold_of[d] != k:
                    continue
                p = 1.0 / (1.0 + math.exp(-(prior + sum(weights.get(f, 0.0) for f in facts))))
                p = min(max(p, 1e-9), 1 - 1e-9)
                loss -= math.log(p if ok else 1 - p)
                n += 1
                right_total += ok
                if p >= APPLY_AT:
                    made += ok
                    wrong += not ok
    return loss / n, made / max(1, made + wrong), made / max(1, right_total)


CV_PENALTIES = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--l2", type=float, default=0.5, help="L2 penalty on the fact weights")
    ap.add_argument("--cv", action="store_true",
                    help="cross-validate the L2 penalty over the dev domains instead of fitting")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {WEIGHTS.name}")
    args = ap.parse_args(argv)
    rows = load("dev")
    if args.cv:
        by_domain = examples_by_domain(rows)
        print(f"{len(by_domain)} findings; 5 folds of dev domains, 3 draws; at confidence >= {APPLY_AT}:")
        for l2 in CV_PENALTIES:
            loss, right, made = cross_validate(by_domain, l2)
            print(f"  L2 {l2:5.2f}  log loss {loss:.3f}  right {right:.3f}  right suggestions made {made:.3f}")
        return 0
    data = examples(rows)
    names = sorted(FACTS)
    counts = Counter(f for facts, _ in data for f in facts)
    right = Counter(f for facts, ok in data for f in facts if ok)
    prior, fitted = fit_signed(data, names, args.l2)
    weights = {n: round(fitted.get(n, 0.0), 3) for n in names if counts[n]}
    print(f"{len(rows)} dev records, {len(data)} findings ({sum(ok for _, ok in data)} right); "
          f"log loss {log_loss(data, prior, weights):.3f}; prior {prior:+.3f}")
    for n in names:
        if counts[n]:
            print(f"  {n:18s} {weights[n]:+7.3f}   in {counts[n]:4d} findings, {right[n] / counts[n]:.2f} right")
    listed = listed_examples(rows)
    rates = listed_rates(listed)
    for kind, rate in rates.items():
        print(f"  listed {kind:18s} {rate:.3f}   {listed[kind, True]} right of {listed[kind, True] + listed[kind, False]}")
    if args.write:
        WEIGHTS.write_text(json.dumps({
            "note": "log-odds of the name evidence, fitted by bench/fit_names.py on the dev split of "
                    "tests/data/names_real (L2 penalty %.2f, %d findings)" % (args.l2, len(data)),
            "prior": round(prior, 3), "weights": weights, "listed": rates}, indent=2) + "\n", encoding="utf-8")
        print(f"written to {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
