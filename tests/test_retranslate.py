"""Offline retranslation with a tiny real Argos package: engine, gRPC, CLI, and every way it can refuse."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

import tiny_argos
from transnorm import models
from transnorm.cli import main as cli_main
from transnorm.engine import Engine, Options
from transnorm.engine import retranslate as rt

GLOSSARY = """\
version: "retranslate-test"
entries:
  - id: khmeimim
    kind: place
    canonical: Khmeimim
    native:
      ru: [Хмеймим]
  - id: sergei-shoigu
    kind: person
    canonical: Sergei Shoigu
    short_forms:
      - canonical: Shoigu
    native:
      ru: [Шойгу]
"""
QUOTE = "Shoigu said: «Мы продолжим сотрудничество с Сирией». The talks went on."
QUOTE_FIXED = "Shoigu said: “We continue cooperation with Syria”. The talks went on."
NAMES = "Он сказал, что Шойгу прибыл на базу Хмеймим в понедельник."
NAMES_FIXED = "He said, that Sergei Shoigu arrived at base Khmeimim in Monday."
FRENCH = "Le président a déclaré que la situation reste difficile."
ON = Options(retranslate=True, target_language="en")  # the Russian texts are foreign to an English target


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to reach beyond the loopback interface fails, as on an offline machine."""
    real_connect = socket.socket.connect

    def connect(self, addr):
        host = addr[0] if isinstance(addr, tuple) else addr
        if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost")) or self.family == socket.AF_UNIX:
            return real_connect(self, addr)
        raise OSError(f"network disabled in tests: {addr}")

    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kw):
        if host in ("localhost", "127.0.0.1", "::1", None):
            return real_getaddrinfo(host, *args, **kw)
        raise socket.gaierror(f"network disabled in tests: {host}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("argos-packages")
    return {
        "ru": tiny_argos.build_package(out),
        # A model that turns every Z into X, so placeholders come back mangled.
        "lossy": tiny_argos.build_package(out, char_map={"Z": "X"}, name="translate-ru_en-lossy"),
    }


@pytest.fixture(scope="module")
def models_root(tmp_path_factory, packages) -> Path:
    root = tmp_path_factory.mktemp("models")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRANSNORM_MODELS_DIR", str(root))
        models.install_file(packages["ru"])
    return root


@pytest.fixture
def installed(models_root, monkeypatch) -> Path:
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(models_root))
    return models_root


@pytest.fixture(scope="module")
def glossary_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def eng(glossary_path) -> Engine:
    return Engine.from_paths([glossary_path])


def by_rule(result, prefix="lang."):
    return [f for f in result.findings if f.rule_id.startswith(prefix)]


# -- models ------------------------------------------------------------------------------------

def test_installed_package_is_listed_without_loading_it(installed):
    found = models.installed()
    assert [(m.from_code, m.to_code, m.version) for m in found] == [("ru", "en", "0.1")]
    assert found[0].path.parent == installed / "packages"
    assert found[0].own_splitter is False


def test_argos_writes_nothing_outside_the_models_directory(packages, tmp_path):
    # A fresh process, as Argos creates its directories when it is first imported.
    home, root = tmp_path / "home", tmp_path / "models"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ARGOS_"))}
    env.update(HOME=str(home), TRANSNORM_MODELS_DIR=str(root))
    script = ("import sys; from transnorm import models; models.install_file(sys.argv[1]); "
              "import argostranslate.settings as s; print(s.package_dirs[0], s.data_dir, s.cache_dir)")
    out = subprocess.run([sys.executable, "-c", script, str(packages["ru"])], env=env, capture_output=True,
                         text=True, timeout=120, check=True).stdout.split()
    assert all(Path(p).is_relative_to(root) for p in out), out
    assert list(home.iterdir()) == []
    assert (root / "packages" / "translate-ru_en" / "metadata.json").is_file()


# -- the engine --------------------------------------------------------------------------------

def test_russian_quote_is_retranslated_and_reported_as_an_edit(eng, installed):
    result = eng.normalize(QUOTE, ON, deadline=time.monotonic() + 60)
    assert result.output == QUOTE_FIXED
    [f] = by_rule(result)
    assert f.rule_id == "lang.retranslated" and f.applied
    # The guillemets around the quotation become English quotes with it.
    assert (f.start, f.end) == (13, 51) and f.replacement == "“We continue cooperation with Syria”"
    details = dict(f.details)
    assert details["language"] == "ru" and details["model"].startswith("translate-ru_en")
    assert "Russian" in f.message and "retranslated" in f.message


def test_glossary_names_go_through_placeholders_and_come_back_canonical(eng, installed):
    # The tiny model has no entry for Шойгу or Хмеймим: copied, they would stay Cyrillic.
    result = eng.normalize(NAMES, ON)
    assert result.output == NAMES_FIXED
    [f] = [f for f in result.applied if f.rule_id == "lang.retranslated"]
    assert dict(f.details)["protected"] == "Khmeimim, Sergei Shoigu"
    # The names check saw the same native forms; the retranslation, which keeps them, wins.
    assert {x.rule_id for x in result.unapplied} == {"name.native_script"}


def test_retranslated_output_is_stable(eng, installed):
    for text in (QUOTE, NAMES):
        once = eng.normalize(text, ON)
        again = eng.normalize(once.output, ON)
        assert again.applied == () and again.output == once.output


def test_only_foreign_segments_reach_the_model(eng, installed, monkeypatch):
    seen: list[str] = []
    real = rt.Backend.translate_sentence

    def spy(self, sentence):
        seen.append(sentence)
        return real(self, sentence)

    monkeypatch.setattr(rt.Backend, "translate_sentence", spy)
    eng.normalize("The minister arrived. " + QUOTE, ON)
    assert seen == ["Мы продолжим сотрудничество с Сирией"]  # not the English sentences around it


def test_off_by_default(eng, installed):
    result = eng.normalize(QUOTE)
    assert result.output == QUOTE
    assert [f.rule_id for f in by_rule(result)] == ["lang.untranslated"]
    assert "Not retranslated" not in by_rule(result)[0].message


def test_report_profile_proposes_the_retranslation_without_applying_it(eng, installed):
    result = eng.normalize(QUOTE, ON.with_(profile="report"))
    assert result.output == QUOTE
    [f] = by_rule(result)
    assert f.rule_id == "lang.retranslated" and not f.applied
    assert f.replacement == "“We continue cooperation with Syria”"


def test_missing_pair_is_reported_with_the_reason(eng, installed):
    result = eng.normalize(FRENCH, ON)
    assert result.output == FRENCH
    [f] = by_rule(result)
    assert f.rule_id == "lang.untranslated"
    assert dict(f.details)["reason"].startswith("no fr->en model is installed")
    assert "transnorm models install --from fr --to en" in f.message


def test_no_model_at_all(eng, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "empty"))
    result = eng.normalize(QUOTE, ON)
    assert result.output == QUOTE
    assert "no ru->en model is installed" in dict(by_rule(result)[0].details)["reason"]


def test_lost_placeholder_rejects_the_whole_segment(eng, packages, tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "lossy"))
    models.install_file(packages["lossy"])
    result = eng.normalize(NAMES, ON)
    [f] = by_rule(result)
    assert f.rule_id == "lang.untranslated" and not f.applied
    assert "dropped the protected names Khmeimim, Sergei Shoigu" in f.message
    # Nothing half-applied: only the names check's own edits changed the text.
    assert {a.rule_id for a in result.applied} == {"name.native_script"}
    assert result.output == "Он сказал, что Sergei Shoigu прибыл на базу Khmeimim в понедельник."


@pytest.mark.parametrize("output, problem", [
    ("QZ1 met QZ1 and QZ2", "repeated the protected name Khmeimim"),
    ("QZ1 met someone", "dropped the protected name Sergei Shoigu"),
    ("QZ1 met QZ2 and QZ7", "unknown placeholder 'QZ7'"),
])
def test_restore_rejects_mangled_placeholders(output, problem):
    with pytest.raises(rt.Rejected, match=problem):
        rt.restore(output, {"QZ1": "Khmeimim", "QZ2": "Sergei Shoigu"}, set())


def test_restore_puts_house_spellings_back():
    assert rt.restore("QZ2 arrived at qz1.", {"QZ1": "Khmeimim", "QZ2": "Sergei Shoigu"}, set()) == \
        "Sergei Shoigu arrived at Khmeimim."


def test_broken_model_is_reported_not_raised(eng, tmp_path, monkeypatch):
    pkg = tmp_path / "models" / "packages" / "translate-ru_en"
    (pkg / "model").mkdir(parents=True)
    (pkg / "model" / "model.bin").write_bytes(b"not a model")
    (pkg / "sentencepiece.model").write_bytes(b"not a tokenizer")
    (pkg / "metadata.json").write_text(json.dumps({"from_code": "ru", "to_code": "en", "type": "translate"}))
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    result = eng.normalize(QUOTE, ON)
    assert result.output == QUOTE
    assert "the ru->en model failed to load" in dict(by_rule(result)[0].details)["reason"]


def test_deadline_too_short_returns_findings_without_retranslation(eng, installed, monkeypatch):
    # Only the retranslation's clock runs ahead, so the engine's own deadline check is not hit.
    real = time.monotonic
    monkeypatch.setattr(rt, "_clock", lambda: real() + 3600)
    result = eng.normalize(QUOTE, ON, deadline=real() + 60)
    assert result.output == QUOTE
    [f] = by_rule(result)
    assert f.rule_id == "lang.untranslated"
    assert dict(f.details)["reason"] == "no time was left before the request deadline"


def test_preload_loads_installed_models_once(installed):
    assert rt.preload("en") == ["ru->en: loaded"]
    [info] = models.installed()
    assert rt.load_backend(info) is rt.load_backend(info)


def test_sentences_are_split_before_the_model_sees_them():
    assert rt.split_sentences("Первое. Второе!  Третье") == [("Первое.", " "), ("Второе!", "  "), ("Третье", "")]


# -- installing --------------------------------------------------------------------------------

def test_install_rejects_a_file_that_is_not_a_package(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    bad = tmp_path / "bad.argosmodel"
    bad.write_text("hello")
    with pytest.raises(models.ModelError, match="not an Argos model package"):
        models.install_file(bad)
    nodir = tmp_path / "nomodel.argosmodel"
    with zipfile.ZipFile(nodir, "w") as z:
        z.writestr("x/metadata.json", json.dumps({"from_code": "ru", "to_code": "en"}))
        z.writestr("x/sentencepiece.model", "")
    with pytest.raises(models.ModelError, match="no model/ directory"):
        models.install_file(nodir)
    assert models.installed() == []


def test_install_removes_a_package_whose_model_does_not_load(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    broken = tmp_path / "broken.argosmodel"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("translate-ru_en/metadata.json", json.dumps({"from_code": "ru", "to_code": "en"}))
        z.writestr("translate-ru_en/sentencepiece.model", "garbage")
        z.writestr("translate-ru_en/model/model.bin", "garbage")
    with pytest.raises(models.ModelError, match="does not load"):
        models.install_file(broken)
    assert models.installed() == []


# -- the command line --------------------------------------------------------------------------

def test_cli_models_list(installed, capsys):
    assert cli_main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "ru -> en" in out and str(installed) in out
    assert cli_main(["models", "list", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["from"], m["to"]) for m in data["models"]] == [("ru", "en")]


def test_cli_models_list_when_empty(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path))
    assert cli_main(["models", "list"]) == 0
    assert "no models installed" in capsys.readouterr().out


def test_cli_models_install_file(packages, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    assert cli_main(["models", "install", str(packages["ru"])]) == 0
    out = capsys.readouterr().out
    assert "installed ru -> en" in out and "splits sentences itself" in out
    assert [m.pair for m in models.installed()] == ["ru->en"]


def test_cli_models_install_from_index_fails_cleanly_offline(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    assert cli_main(["models", "install", "--from", "ru", "--to", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("transnorm: cannot read the Argos package index")
    assert "transnorm models install FILE.argosmodel" in err and "Traceback" not in err


@pytest.mark.parametrize("argv, message", [
    (["models", "install"], "give FILE.argosmodel, or --from LANG"),
    (["models", "install", "x.argosmodel", "--from", "ru"], "not both"),
    (["models", "install", "--from", "Russian"], "not an ISO 639-1 language code"),
])
def test_cli_models_install_usage_errors(argv, message, capsys):
    assert cli_main(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_models_install_missing_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    assert cli_main(["models", "install", str(tmp_path / "nope.argosmodel")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_cli_fix_retranslate(installed, glossary_path, tmp_path, capsys):
    src = tmp_path / "draft.txt"
    src.write_text(QUOTE, encoding="utf-8")
    assert cli_main(["fix", "--retranslate", "--glossary", str(glossary_path), str(src)]) == 0
    assert capsys.readouterr().out == QUOTE_FIXED
    assert cli_main(["fix", "--glossary", str(glossary_path), str(src)]) == 0
    assert capsys.readouterr().out == QUOTE


# -- the service -------------------------------------------------------------------------------

def test_grpc_normalize_retranslates(eng, installed):
    from transnorm.client import Client
    from transnorm.server.app import start

    server = start(eng, "127.0.0.1", 0)
    try:
        with Client(f"127.0.0.1:{server.port}", timeout=60) as client:
            result = client.normalize(QUOTE, ON)
            plain = client.normalize(QUOTE)
    finally:
        server.stop(0)
    assert result.output == QUOTE_FIXED
    assert [f.rule_id for f in result.applied] == ["lang.retranslated"]
    assert plain.output == QUOTE


def test_ignored_segments_are_not_sent_to_the_model(eng, installed, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(rt.Backend, "translate_sentence", lambda self, s: calls.append(s) or s)
    result = eng.normalize(QUOTE, ON.with_(ignore_ranges=((14, 20),)))
    assert calls == [] and result.output == QUOTE


def test_missing_argos_is_reported_with_the_install_hint(eng, installed, tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "models" / "packages" / "translate-ru_en"
    shutil.copytree(installed / "packages" / "translate-ru_en", copy)
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))

    def no_argos():
        raise models.ModelError(f"Argos Translate is not installed (argostranslate); {models.INSTALL_HINT}")

    real_argos = models.argos
    monkeypatch.setattr(models, "argos", no_argos)
    result = eng.normalize(QUOTE, ON)
    assert result.output == QUOTE
    reason = dict(by_rule(result)[0].details)["reason"]
    assert "Argos Translate is not installed" in reason and "transnorm[retranslate]" in reason
    # Nothing is remembered: once Argos is there, the same package loads.
    monkeypatch.setattr(models, "argos", real_argos)
    assert eng.normalize(QUOTE, ON).output == QUOTE_FIXED


def test_an_english_passage_in_a_german_text_is_retranslated_into_german_with_german_house_names(tmp_path, monkeypatch):
    en_de = {"He": "Er", "said": "sagte", "that": "dass", "arrived": "ankam", "in": "in", "on": "am",
             "Monday": "Montag", "the": "die", "talks": "Gespräche", "continue": "weitergehen", "will": "werden"}
    package = tiny_argos.build_package(tmp_path / "pkg", from_code="en", to_code="de", words=en_de)
    monkeypatch.setenv("TRANSNORM_MODELS_DIR", str(tmp_path / "models"))
    models.install_file(package)
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY.replace("      ru: [Шойгу]\n", "      ru: [Шойгу]\n    languages:\n"
                                         "      de: {canonical: Sergej Schoigu, short_forms: [{canonical: Schoigu}]}\n"),
                        encoding="utf-8")
    engine = Engine.from_paths([glossary])
    text = ("Der russische Verteidigungsminister traf sich am Montag in Moskau mit der Delegation, um über die "
            "Lage zu sprechen. He said that Shoigu arrived on Monday. Danach reiste er nach Damaskus weiter.")
    result = engine.normalize(text, Options(retranslate=True))
    [f] = [f for f in result.applied if f.rule_id == "lang.retranslated"]
    assert dict(f.details)["language"] == "en" and dict(f.details)["model"].startswith("translate-en_de")
    assert f.replacement == "Er sagte dass Schoigu ankam am Montag."
    assert dict(f.details)["protected"] == "Schoigu"  # the German short form, not "Shoigu"
