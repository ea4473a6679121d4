"""Append one labelled record to an artifacts corpus file, or check files.

    python3 tests/data/artifacts_real/label.py add FILE < record.json
    python3 tests/data/artifacts_real/label.py check FILE...
    python3 tests/data/artifacts_real/label.py show FILE      (each record with its fixed text)

A record read by ``add`` is one JSON object:

    {"url": "https://...", "text": "<verbatim text from the page>",
     "kind": "artifact", "category": "apostrophe",
     "edits": [["dont", "don't", "apostrophe"], ["Its", "It's", "apostrophe", "apply", 0]],
     "note": "optional"}

``kind`` is ``artifact`` (at least one edit) or ``clean`` (no edit: correct text that looks like
an artifact; ``category`` then names what it looks like). Each edit is
``[original, replacement, category]``, optionally followed by the action (``apply``: a copy
editor fixes it with certainty from the text alone, the default; ``report``: it is wrong but the
fix needs a person, e.g. a dropped letter nobody can restore) and the code-point offset of
``original`` (only to skip an earlier occurrence that stays). A residue segment to remove has
the replacement ``""``. Edits are found in order, each after the previous one; ``add`` fills in
"at", the source domain and a running id, and refuses a record it cannot place.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Schema:
    """What a corpus's records may say: edit categories, look-alike categories, languages."""
    categories: frozenset
    lookalikes: frozenset
    langs: frozenset | None = None  # None: no ``lang`` field

    @property
    def fields(self) -> set:
        return set(FIELDS) | ({"lang"} if self.langs else set())


ARTIFACTS = Schema(
    categories=frozenset({"apostrophe", "quote", "dash", "cms", "encoding", "untranslated", "spacing", "other"}),
    lookalikes=frozenset({"dash", "possessive", "apostrophe_word", "quote", "number", "foreign_word",
                          "code_or_markup", "accented_name", "other"}),
)
ACTIONS = {"apply", "report"}
FIELDS = {"id", "url", "domain", "text", "kind", "category", "edits", "note"}


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def locate(text: str, original: str, replacement: str, at: int | None, cursor: int) -> int:
    """Where an edit of ``original`` sits in ``text``: at ``at`` (checked), or its first
    occurrence from ``cursor`` on; edits come in order and never overlap."""
    if original == replacement:
        raise ValueError(f"edit {original!r} changes nothing")
    if at is None:
        at = text.find(original, cursor)
        if at < 0:
            raise ValueError(f"{original!r} not found after offset {cursor}")
    elif text[at:at + len(original)] != original:
        raise ValueError(f"text at {at} is {text[at:at + len(original)]!r}, not {original!r}")
    if at < cursor:
        raise ValueError(f"edit {original!r} at {at} overlaps the previous edit")
    return at


def place(record: dict, schema: Schema = ARTIFACTS) -> dict:
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text is empty")
    if not domain_of(record.get("url", "")):
        raise ValueError("url has no host")
    if schema.langs and record.get("lang") not in schema.langs:
        raise ValueError(f"lang must be one of {sorted(schema.langs)}")
    kind, category = record.get("kind"), record.get("category")
    if kind not in {"artifact", "clean"}:
        raise ValueError("kind must be 'artifact' or 'clean'")
    allowed = schema.categories if kind == "artifact" else schema.lookalikes
    if category not in allowed:
        raise ValueError(f"category of a {kind} record must be one of {sorted(allowed)}")
    placed, cursor = [], 0
    for edit in record.get("edits", []):
        if isinstance(edit, dict):
            original, replacement, cat = edit["from"], edit["to"], edit["category"]
            action, at = edit.get("action", "apply"), edit.get("at")
        else:
            original, replacement, cat = edit[:3]
            action = edit[3] if len(edit) > 3 else "apply"
            at = edit[4] if len(edit) > 4 else None
        if cat not in schema.categories:
            raise ValueError(f"edit category must be one of {sorted(schema.categories)}")
        if action not in ACTIONS:
            raise ValueError(f"edit action must be one of {sorted(ACTIONS)}")
        if not original:
            raise ValueError("an edit needs the text it changes")
        at = locate(text, original, replacement, at, cursor)
        placed.append({"from": original, "to": replacement, "category": cat, "action": action, "at": at})
        cursor = at + len(original)
    if kind == "artifact" and not placed:
        raise ValueError("an artifact record needs at least one edit")
    if kind == "clean" and placed:
        raise ValueError("a clean record takes no edits")
    return {
        "id": record.get("id", ""),
        "url": record["url"],
        "domain": domain_of(record["url"]),
        **({"lang": record["lang"]} if schema.langs else {}),
        "text": text,
        "kind": kind,
        "category": category,
        "edits": placed,
        "note": record.get("note", ""),
    }


def fixed(record: dict) -> str:
    """The text with every ``apply`` edit made."""
    out, last = [], 0
    text = record["text"]
    for edit in record["edits"]:
        if edit["action"] != "apply":
            continue
        out.append(text[last:edit["at"]])
        out.append(edit["to"])
        last = edit["at"] + len(edit["from"])
    out.append(text[last:])
    return "".join(out)


def read(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def add(path: str, schema: Schema = ARTIFACTS) -> None:
    record = json.loads(sys.stdin.read())
    try:
        existing = read(path)
    except FileNotFoundError:
        existing = []
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    record["id"] = f"{stem}-{len(existing) + 1:04d}"
    placed = place(record, schema)
    if any(r["text"] == placed["text"] for r in existing):
        raise SystemExit("this text is already in the file")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(placed, ensure_ascii=False) + "\n")
    print(placed["id"], placed["kind"], placed["category"], len(placed["edits"]), "edit(s)")


def check(paths: list[str], schema: Schema = ARTIFACTS) -> int:
    bad = 0
    for path in paths:
        for n, record in enumerate(read(path), 1):
            try:
                if set(record) != schema.fields:
                    raise ValueError(f"fields must be {sorted(schema.fields)}")
                again = place(record, schema)
                if again["edits"] != record["edits"] or again["domain"] != record["domain"]:
                    raise ValueError("edits or domain do not match the text and url")
            except (ValueError, KeyError, TypeError) as error:
                bad += 1
                print(f"{path}:{n}: {error}")
    return 1 if bad else 0


def main(argv: list[str], schema: Schema = ARTIFACTS, doc: str = __doc__) -> None:
    if len(argv) >= 3 and argv[1] == "add":
        try:
            add(argv[2], schema)
        except (ValueError, KeyError, json.JSONDecodeError) as error:
            raise SystemExit(f"refused: {error}")
    elif len(argv) >= 3 and argv[1] == "check":
        raise SystemExit(check(argv[2:], schema))
    elif len(argv) >= 3 and argv[1] == "show":
        for rec in read(argv[2]):
            print(rec["id"], rec["kind"], rec["category"], "\n  ", rec["text"][:300], "\n->", fixed(rec)[:300])
    else:
        raise SystemExit(doc)


if __name__ == "__main__":
    main(sys.argv)
