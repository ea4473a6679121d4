"""The command line, run in-process through main() and once as a real subprocess."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from transnorm.cli import main

from conftest import TEST_GLOSSARY

G = ["--glossary", str(TEST_GLOSSARY)]


def run(capsys, monkeypatch, argv, stdin: str | bytes | None = None):
    if stdin is not None:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.delenv("TRANSNORM_SERVER", raising=False)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_fix_stdin_prints_repaired_text(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["fix", *G, "-"], "Hmeymim announced it.\r\nDone.")
    assert code == 0
    assert out == "Khmeimim announced it.\r\nDone."  # line endings and everything else kept


def test_fix_in_place_is_atomic_and_keeps_mode(capsys, monkeypatch, tmp_path):
    p = tmp_path / "draft.txt"
    p.write_text("Sergey Shoigu flew.\n", encoding="utf-8")
    p.chmod(0o640)
    code, out, err = run(capsys, monkeypatch, ["fix", *G, "--in-place", str(p)])
    assert code == 0 and out == ""
    assert p.read_text(encoding="utf-8") == "Sergei Shoigu flew.\n"
    assert p.stat().st_mode & 0o777 == 0o640
    assert "1 edit(s) applied" in err
    assert [x.name for x in tmp_path.iterdir()] == ["draft.txt"]


def test_fix_diff_coloured(capsys, monkeypatch, tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Hmeymim\n", encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["fix", *G, "--diff", "--color", "always", str(p)])
    assert code == 0
    assert "\033[31m-Hmeymim\n\033[0m" in out and "\033[32m+Khmeimim\n\033[0m" in out
    assert p.read_text() == "Hmeymim\n"


def test_fix_json(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["fix", *G, "--format", "json", "-"], "😀 Hmeymim")
    d = json.loads(out)
    assert d["output"] == "😀 Khmeimim"
    (e,) = d["applied"]
    assert (e["start"], e["end"], e["start_utf16"], e["start_utf8"]) == (2, 9, 3, 5)
    assert e["rule_id"] == "name.variant" and e["line"] == 1 and e["column"] == 3


def test_check_linter_format_and_fail_on(capsys, monkeypatch, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Fine line.\nThey met Hmeymim.\n", encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, ["check", *G, str(p)])
    assert code == 1
    assert out.startswith(f"{p}:2:10: name.variant [warning] ")
    assert p.read_text() == "Fine line.\nThey met Hmeymim.\n"
    code, out, _ = run(capsys, monkeypatch, ["check", *G, "--fail-on", "error", str(p)])
    assert code == 0 and out
    code, out, _ = run(capsys, monkeypatch, ["check", *G, "-"], "Nothing to see.")
    assert code == 0 and out == ""


def test_check_json(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["check", *G, "--format", "json", "-"], "Asad spoke.")
    d = json.loads(out)
    assert code == 0  # an ambiguous variant is info, below the default --fail-on warning
    assert d["applied"] == [] and d["unapplied"][0]["rule_id"] == "name.ambiguous_variant"


@pytest.mark.parametrize("argv, stdin, message", [
    (["fix", *G, "/nonexistent/file.txt"], None, "/nonexistent/file.txt: No such file"),
    (["fix", *G, "-"], b"caf\xe9", "not valid UTF-8"),
    (["fix", "--glossary", "/nonexistent.yaml", "-"], "x", "cannot read"),
    (["fix", *G, "--rule", "no.such.rule", "-"], "x", "unknown rule id 'no.such.rule'"),
    (["fix", *G, "--set", "name.variant", "-"], "x", "expected RULE=MODE"),
    (["fix", *G, "--min-confidence", "2", "-"], "x", "outside [0, 1]"),
    (["fix", *G, "--in-place", "-"], "x", "--in-place needs file names"),
])
def test_bad_input_is_a_clear_error(capsys, monkeypatch, argv, stdin, message):
    code, out, err = run(capsys, monkeypatch, argv, stdin)
    assert code == 2 and out == ""
    assert err.startswith("transnorm: ") and message in err
    assert "Traceback" not in err


def test_lookup(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, ["lookup", *G, "Hmeymim"])
    assert code == 0 and "Khmeimim" in out and "100.0" in out
    code, out, _ = run(capsys, monkeypatch, ["lookup", *G, "--format", "json", "Sergey", "Shoigu"])
    assert json.loads(out)[0]["entry_id"] == "sergei-shoigu"
    code, _, err = run(capsys, monkeypatch, ["lookup", *G, "Zzyzx Qwerty"])
    assert code == 1 and "no glossary entry" in err


def test_rules_lists_every_rule(capsys, monkeypatch):
    from transnorm.engine import all_rules

    code, out, _ = run(capsys, monkeypatch, ["rules", "--format", "json"])
    listed = {r["id"]: r for r in json.loads(out)}
    assert set(listed) == set(all_rules())
    assert listed["name.variant"]["default"] == "apply"


def test_glossary_lint(capsys, monkeypatch, tmp_path):
    code, out, err = run(capsys, monkeypatch, ["glossary", "lint", str(TEST_GLOSSARY)])
    assert code == 0 and "0 error(s)" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: '1'\nentries:\n  - {id: a, kind: person, canonical: Ab, variants: [Bc]}\n"
                   "  - {id: b, kind: person, canonical: Bc}\n", encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, ["glossary", "lint", str(bad)])
    assert code == 1 and "variant 'Bc' equals the canonical form of b" in out


def test_console_script_runs(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("Hmeymim", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "transnorm.cli", "fix", "--glossary", str(TEST_GLOSSARY), str(p)],
                       capture_output=True, text=True, check=True)
    assert r.stdout == "Khmeimim"
