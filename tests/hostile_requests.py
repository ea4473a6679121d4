"""Malformed and hostile gRPC requests for the fuzz test and ``bench/bench_fuzz.py``.

``fuzz_request(rng, max_text)`` returns ``(method, raw bytes, timeout)``: protobuf bytes that
are random, truncated, bit-flipped, nested past any sane depth, of another method's message or
with strings that are not UTF-8; valid messages with hostile values (infinite and negative
numbers, enum values no version defines, unknown languages and rule ids, ignore ranges outside
the text, empty and oversized texts, thousands of repeated fields); and hostile texts. The same
``random.Random`` state gives the same request.
"""
from __future__ import annotations

import math
import random

from hostile import hostile_document

from transnorm.v1 import normalizer_pb2 as pb

METHODS = ("Normalize", "Check", "NormalizeBatch", "LookupTerm", "GetGlossaryInfo")
_RULE_IDS = ("name.variant", "space.control", "encoding.html_entity", "punct.dash", "no.such.rule", "", "name.",
             "NAME.VARIANT", "a" * 300, "name.variant\x00", "💥", "name.variant ")
_CATEGORIES = ("names", "whitespace", "nope", "", "NAMES", "x" * 1000)
_LANGUAGES = ("", "en", "de", "fr", "es", "ru", "it", "xx", "EN", "en-US", "zz" * 100, "\x00", "ру")
_NUMBERS = (0.0, 1.0, 0.5, -1.0, 2.0, math.inf, -math.inf, math.nan, 1e308, -0.0, 5e-324)
_INTS = (0, 1, -1, 2**31 - 1, -(2**31), 7, 1000)
_TEXTS = ("", " ", "\x00", "\ud7ff", "\ufffe", "\U0010ffff", "\u202e" * 50, "Asad " * 50, "&amp;" * 200,
          "\x1b[31m" * 30, "\u0301" * 500, "Ж" * 1000)


def _options(rng: random.Random) -> pb.Options:
    o = pb.Options()
    if rng.random() < 0.3:
        o.profile = rng.choice((0, 1, 2, 3, 4, 99, -5))
    for _ in range(rng.choice((0, 0, 1, 3, 30))):
        o.rules.append(rng.choice(_RULE_IDS))
    if rng.random() < 0.2:
        o.categories.extend(rng.choice(_CATEGORIES) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.2:
        o.disabled_rules.extend(rng.choice(_RULE_IDS) for _ in range(rng.randint(1, 3)))
    for _ in range(rng.choice((0, 0, 1, 2))):
        o.overrides.add(rule_id=rng.choice(_RULE_IDS), mode=rng.choice((0, 1, 2, 3, 42, -1)))
    if rng.random() < 0.3:
        o.min_confidence = rng.choice(_NUMBERS)
    for _ in range(rng.choice((0, 0, 1, 2, 50))):
        o.ignore_ranges.add(start=rng.choice(_INTS), end=rng.choice(_INTS))
    if rng.random() < 0.4:
        o.target_language = rng.choice(_LANGUAGES)
    if rng.random() < 0.2:
        o.dash_style = rng.choice((0, 1, 2, 3, 17, -2))
    if rng.random() < 0.1:
        o.retranslate = True
    if rng.random() < 0.3:
        o.allow_empty = rng.random() < 0.5
    if rng.random() < 0.1:
        o.glossary = rng.choice(("bundled", "nope", "", "\x00", "g" * 5000))
    return o


def _text(rng: random.Random, max_text: int) -> str:
    r = rng.random()
    if r < 0.5:
        return hostile_document(rng)
    if r < 0.8:
        return rng.choice(_TEXTS)
    if r < 0.9:
        return "Asad " * (max_text // 5 + rng.choice((-1, 0, 1, 10)))  # at, just under and over the limit
    return "".join(chr(rng.choice((rng.randrange(0x20, 0x7f), rng.randrange(0xa0, 0xd800),
                                   rng.randrange(0xe000, 0x110000)))) for _ in range(rng.randint(1, 300)))


def _valid(rng: random.Random, method: str, max_text: int) -> bytes:
    if method in ("Normalize", "Check"):
        msg = (pb.NormalizeRequest if method == "Normalize" else pb.CheckRequest)(text=_text(rng, max_text))
        if rng.random() < 0.7:
            msg.options.CopyFrom(_options(rng))
    elif method == "NormalizeBatch":
        msg = pb.NormalizeBatchRequest()
        if rng.random() < 0.5:
            msg.options.CopyFrom(_options(rng))
        for _ in range(rng.choice((0, 1, 2, 5, 40))):
            doc = msg.documents.add(text=_text(rng, max_text) if rng.random() < 0.3 else rng.choice(_TEXTS))
            if rng.random() < 0.3:
                doc.options.CopyFrom(_options(rng))
    elif method == "LookupTerm":
        msg = pb.LookupTermRequest(name=rng.choice(("Asad", "", " ", "Хмеймим", "x" * 501, "\x00", "Assad" * 99,
                                                    "\u0301", "a", "'", "al-al-al-Assad")),
                                   limit=rng.choice(_INTS))
        if rng.random() < 0.5:
            msg.min_score = rng.choice(_NUMBERS + (100.0, 60.0, 101.0))
    else:
        msg = pb.GetGlossaryInfoRequest()
    return msg.SerializeToString()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _nested(depth: int) -> bytes:
    """A NormalizeBatchRequest-shaped message nested ``depth`` levels through field 1."""
    inner = b""
    for _ in range(depth):
        inner = b"\x0a" + _varint(len(inner)) + inner
    return inner


def _malformed(rng: random.Random, method: str, max_text: int) -> bytes:
    valid = _valid(rng, rng.choice(METHODS) if rng.random() < 0.2 else method, max_text)
    kind = rng.randrange(9)
    if kind == 0:  # random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    if kind == 1 and valid:  # truncated
        return valid[:rng.randrange(len(valid))]
    if kind == 2 and valid:  # bits flipped
        data = bytearray(valid)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if kind == 3:  # a string field that is not UTF-8 (a lone surrogate, a stray byte)
        bad = rng.choice((b"\xed\xa0\x80", b"\xff", b"\xc3", b"Asad\x80", b"\xf4\x90\x80\x80"))
        return b"\x0a" + _varint(len(bad)) + bad
    if kind == 4:  # nesting far past any real message
        return _nested(rng.choice((50, 101, 500, 3000)))
    if kind == 5:  # a length that runs past the end
        return b"\x0a" + _varint(rng.choice((10, 2**31, 2**40))) + b"abc"
    if kind == 6:  # a varint that never ends, or is too long
        return b"\x10" + b"\xff" * rng.choice((10, 11, 20))
    if kind == 7:  # known field numbers with the wrong wire type, unknown fields, groups
        return rng.choice((b"\x08\x01", b"\x0d\x00\x00\x00\x00", b"\xf8\xff\xff\xff\x0f\x01", b"\x0b\x0c",
                           b"\x0b", b"\x0c", b"\x00", b"\x07", b"\x12\x02\x08\x05"))
    return valid + bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))  # trailing garbage


def fuzz_request(rng: random.Random, max_text: int) -> tuple[str, bytes, float | None]:
    """One request: the method, its raw bytes and a timeout (None: none, or one about to pass)."""
    method = rng.choice(METHODS)
    data = _malformed(rng, method, max_text) if rng.random() < 0.5 else _valid(rng, method, max_text)
    timeout = rng.choice((None, None, None, 30.0, 0.001, 0.05))
    return method, data, timeout
