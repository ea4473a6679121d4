"""The gRPC contract: buf lint, generated stubs in step with the .proto, and lossless conversion."""
from __future__ import annotations

import dataclasses
import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from transnorm.engine import Finding, OffsetMap, Options, OptionsError, Result, RuleInfo, Severity
from transnorm.engine.lookup import LookupMatch
from transnorm.engine.options import DASH_STYLES, MODES, PROFILES
from transnorm.glossary.model import KINDS
from transnorm.server import convert
from transnorm.v1 import normalizer_pb2 as pb

ROOT = Path(__file__).resolve().parents[1]
PROTO = ROOT / "proto"
STUBS = ("normalizer_pb2.py", "normalizer_pb2.pyi", "normalizer_pb2_grpc.py",
         "admin_pb2.py", "admin_pb2.pyi", "admin_pb2_grpc.py")


def _buf() -> str | None:
    beside = Path(sys.executable).parent / "buf"
    return str(beside) if beside.exists() else shutil.which("buf")


@pytest.mark.skipif(_buf() is None, reason="the buf binary (PyPI buf-bin) is not installed")
def test_buf_lint_is_clean():
    run = subprocess.run([_buf(), "lint"], cwd=PROTO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_committed_stubs_match_the_proto(tmp_path):
    pytest.importorskip("grpc_tools", reason="grpcio-tools (test extra) regenerates the stubs")
    run = subprocess.run(["sh", str(PROTO / "generate.sh"), str(tmp_path)], capture_output=True, text=True,
                         env={"PYTHON": sys.executable, "PATH": "/usr/bin:/bin"}, timeout=120)
    assert run.returncode == 0, run.stderr
    for name in STUBS:
        fresh, committed = tmp_path / "transnorm" / "v1" / name, ROOT / "server" / "transnorm" / "v1" / name
        assert filecmp.cmp(fresh, committed, shallow=False), f"{name} is stale: run proto/generate.sh"


# -- the proto mirrors the engine's dataclasses --------------------------------------------------
def _fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize("cls, message, renamed, absent", [
    # Result.text is the caller's own input: the server does not echo it back.
    (Result, pb.Result, {}, {"text"}),
    (Finding, pb.Finding, {}, set()),
    (LookupMatch, pb.TermMatch, {}, set()),
    (RuleInfo, pb.RuleInfo, {"default": "default_mode", "strict": "strict_mode", "wrong": "example_wrong",
                             "fixed": "example_fixed"}, set()),
    # The proto adds `glossary` (which loaded glossary the caller expects); the engine has one.
    (Options, pb.Options, {}, set()),
])
def test_every_engine_field_has_a_proto_field(cls, message, renamed, absent):
    proto_fields = set(message.DESCRIPTOR.fields_by_name)
    missing = {renamed.get(f, f) for f in _fields(cls) - absent} - proto_fields
    assert not missing, f"{cls.__name__} fields missing from {message.DESCRIPTOR.full_name}: {sorted(missing)}"


def test_enum_tables_cover_every_engine_value():
    for profile in PROFILES:
        assert convert.options_from_proto(convert.options_to_proto(Options(profile=profile))).profile == profile
    for style in DASH_STYLES:
        assert convert.options_from_proto(convert.options_to_proto(Options(dash_style=style))).dash_style == style
    for mode in MODES:
        back = convert.options_from_proto(convert.options_to_proto(Options(overrides=(("r.x", mode),))))
        assert back.overrides == (("r.x", mode),)
    for kind in KINDS:
        assert convert.match_from_proto(convert.match_to_proto(
            LookupMatch("e", "E", kind, "E", "canonical", 100.0, "exact"))).kind == kind
    for severity in Severity:
        rule = RuleInfo("a.b", "c", "apply", "report", severity, "d", "w", "f")
        assert convert.rule_from_proto(convert.rule_to_proto(rule)) == rule


# -- conversion ----------------------------------------------------------------------------------
def test_default_options_are_an_empty_message():
    assert convert.options_to_proto(Options()).ByteSize() == 0
    assert convert.options_from_proto(pb.Options()) == Options()


@pytest.mark.parametrize("options", [
    Options(profile="strict", rules=("name.variant",), categories=("names",), disabled_rules=("name.case",),
            overrides=(("name.case", "apply"), ("name.variant", "off")), min_confidence=0.5,
            ignore_ranges=((0, 3), (5, 9)), target_language="de", dash_style="en_spaced", retranslate=True,
            allow_empty=True),
    Options(profile="report", min_confidence=0.0),
    Options(min_confidence=1.0, dash_style="em_closed"),
])
def test_options_round_trip(options):
    msg = pb.Options.FromString(convert.options_to_proto(options).SerializeToString())
    assert convert.options_from_proto(msg) == options


def test_options_the_engine_cannot_hold_are_rejected():
    msg = pb.Options(profile=42, dash_style=7, min_confidence=float("nan"),
                     overrides=[pb.RuleOverride(rule_id="name.case")])
    with pytest.raises(OptionsError) as info:
        convert.options_from_proto(msg, "documents[2].options")
    fields = [f for f, _ in info.value.violations]
    assert fields == ["documents[2].options.profile", "documents[2].options.overrides",
                      "documents[2].options.dash_style", "documents[2].options.min_confidence"]


def test_findings_round_trip_with_offsets_in_three_units():
    text = "𝔸 é Asad"
    start = text.index("Asad")
    finding = Finding(start, start + 4, "Asad", ("Assad", "Asaad"), "name.variant", "names", Severity.WARNING,
                      "'Asad' is a variant of 'Assad'.", 0.9, "bashar-al-assad", True, True,
                      (("matched", "Asad"), ("entry", "bashar-al-assad"), ("context", "Syria")))
    msg = convert.finding_to_proto(finding, OffsetMap(text))
    assert (msg.start, msg.end) == (4, 8)
    assert (msg.start_utf16, msg.end_utf16) == (5, 9)  # U+1D538 takes two UTF-16 units
    assert (msg.start_utf8, msg.end_utf8) == (8, 12)  # four bytes for U+1D538, two for é
    back = convert.finding_from_proto(pb.Finding.FromString(msg.SerializeToString()))
    assert back == finding  # details keep their order, so the dataclasses compare equal


def test_results_round_trip():
    text = "Hmeymim"
    applied = Finding(0, 7, text, ("Khmeimim",), "name.variant", "names", Severity.WARNING, "m", 0.99, "khmeimim",
                      applied=True)
    result = Result(text, "Khmeimim", (applied,), (), "t1#abc", {"names": 0.25, "total": 0.5})
    back = convert.result_from_proto(text, pb.Result.FromString(convert.result_to_proto(result).SerializeToString()))
    assert back == result


def test_unknown_lookup_kinds_do_not_fail_the_call():
    match = LookupMatch("e", "E", "person", "E", "a-kind-from-the-future", 50.0, "a-method-from-the-future")
    msg = convert.match_to_proto(match)
    assert msg.form_kind == pb.FORM_KIND_UNSPECIFIED and msg.method == pb.MATCH_METHOD_UNSPECIFIED
    back = convert.match_from_proto(msg)
    assert (back.entry_id, back.form_kind, back.method) == ("e", "", "")
