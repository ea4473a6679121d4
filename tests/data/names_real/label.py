"""Append one labelled record to a names corpus file, or check a file.

    python3 tests/data/names_real/label.py add FILE      < record.json
    python3 tests/data/names_real/label.py check FILE...
    python3 tests/data/names_real/label.py news FILE     < {"url": ..., "text": ...}

A record read by ``add`` is one JSON object:

    {"url": "https://...", "text": "<verbatim text from the page>",
     "edits": [["Qaddafi", "Gaddafi", "muammar-gaddafi"], ...],
     "kind": "variant", "entities": ["muammar-gaddafi"], "note": "optional"}

Each edit is [original, replacement, entry_id] or [original, replacement, entry_id, offset]:
edits are found in order of appearance, each after the end of the previous one; give the
code-point offset only to skip an earlier occurrence that must stay. ``add`` fills in
"at" for every edit, the source domain and a running id, and refuses a record it cannot place.
"""
from __future__ import annotations

import json
import sys
import importlib.util
from pathlib import Path

# The artifacts corpus's labeller: where an edit sits, a page's domain, reading a corpus file.
_spec = importlib.util.spec_from_file_location("artifacts_label", Path(__file__).resolve().parent.parent
                                               / "artifacts_real" / "label.py")
base = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = base  # dataclasses look their module up
_spec.loader.exec_module(base)
domain_of, read = base.domain_of, base.read

KINDS = {
    # needs at least one rewrite
    "variant", "particle", "caps", "passage",
    # must stay (no edits), or a passage with both
    "house", "alias_mention", "ship_or_class", "institution", "native_gloss",
    "other_referent", "common_word", "title_of_work",
}
FIELDS = {"id", "url", "domain", "text", "edits", "kind", "entities", "note"}


def place(record: dict) -> dict:
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text is empty")
    if not domain_of(record.get("url", "")):
        raise ValueError("url has no host")
    if record.get("kind") not in KINDS:
        raise ValueError(f"kind must be one of {sorted(KINDS)}")
    placed = []
    cursor = 0
    for edit in record.get("edits", []):
        if isinstance(edit, dict):
            original, replacement, entry, at = edit["from"], edit["to"], edit["entry"], edit.get("at")
        else:
            original, replacement, entry = edit[:3]
            at = edit[3] if len(edit) > 3 else None
        at = base.locate(text, original, replacement, at, cursor)
        if (at > 0 and text[at - 1].isalnum()) or (text[at + len(original):at + len(original) + 1].isalnum()):
            raise ValueError(f"edit {original!r} at {at} sits inside a longer word; give its own 'at'")
        placed.append({"from": original, "to": replacement, "entry": entry, "at": at})
        cursor = at + len(original)
    needs_edit = record["kind"] in {"variant", "particle", "caps", "passage"}
    if needs_edit and not placed and record["kind"] != "passage":
        raise ValueError(f"kind {record['kind']!r} needs at least one edit")
    if not needs_edit and placed:
        raise ValueError(f"kind {record['kind']!r} is a must-stay kind; it takes no edits")
    return {
        "id": record.get("id", ""),
        "url": record["url"],
        "domain": domain_of(record["url"]),
        "text": text,
        "edits": placed,
        "kind": record["kind"],
        "entities": list(record.get("entities", [])),
        "note": record.get("note", ""),
    }


def add(path: str) -> None:
    record = json.loads(sys.stdin.read())
    try:
        existing = read(path)
    except FileNotFoundError:
        existing = []
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    record["id"] = f"{stem}-{len(existing) + 1:04d}"
    placed = place(record)
    if any(r["text"] == placed["text"] for r in existing):
        raise SystemExit("this text is already in the file")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(placed, ensure_ascii=False) + "\n")
    print(placed["id"], placed["kind"], len(placed["edits"]), "edit(s)")


def add_news(path: str) -> None:
    """Append one unlabelled passage of professionally edited news."""
    record = json.loads(sys.stdin.read())
    text, url = record.get("text", ""), record.get("url", "")
    if not isinstance(text, str) or len(text.split()) < 40:
        raise ValueError("a news passage has at least 40 words")
    if not domain_of(url):
        raise ValueError("url has no host")
    try:
        existing = read(path)
    except FileNotFoundError:
        existing = []
    if any(r["text"] == text for r in existing):
        raise SystemExit("this text is already in the file")
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    placed = {"id": f"{stem}-{len(existing) + 1:04d}", "url": url, "domain": domain_of(url),
              "publisher": record.get("publisher", ""), "text": text}
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(placed, ensure_ascii=False) + "\n")
    words = sum(len(r["text"].split()) for r in existing) + len(text.split())
    print(placed["id"], len(text.split()), "words;", words, "words in the file")


NEWS_FIELDS = {"id", "url", "domain", "publisher", "text"}


def check(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        for n, record in enumerate(read(path), 1):
            try:
                if set(record) == NEWS_FIELDS:  # an unlabelled news passage
                    if record["domain"] != domain_of(record["url"]) or len(record["text"].split()) < 40:
                        raise ValueError("not a news passage: domain or length")
                    continue
                if set(record) - FIELDS:
                    raise ValueError(f"unknown fields {sorted(set(record) - FIELDS)}")
                again = place(record)
                if again["edits"] != record["edits"]:
                    raise ValueError("edits do not sit where they say")
            except (ValueError, KeyError, TypeError) as error:
                bad += 1
                print(f"{path}:{n}: {error}")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "add":
        try:
            add(sys.argv[2])
        except (ValueError, KeyError, json.JSONDecodeError) as error:
            raise SystemExit(f"refused: {error}")
    elif len(sys.argv) >= 3 and sys.argv[1] == "news":
        try:
            add_news(sys.argv[2])
        except (ValueError, KeyError, json.JSONDecodeError) as error:
            raise SystemExit(f"refused: {error}")
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        raise SystemExit(check(sys.argv[2:]))
    else:
        raise SystemExit(__doc__)
