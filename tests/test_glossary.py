"""Glossary files: validation errors that name file, entry and problem; lint conflicts."""
from __future__ import annotations

import pytest

from transnorm.glossary import GlossaryError, NameIndex, bundled_paths, lint, load, load_bundled
from transnorm.glossary.index import particle_spellings

from conftest import TEST_GLOSSARY


def write(tmp_path, body: str, name="g.yaml"):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


@pytest.mark.parametrize("body, needle", [
    ("version: '1'\nentries:\n  - id: x\n    kind: animal\n    canonical: X\n", "entry 1 (id 'x'): field 'kind': must be one of"),
    ("version: '1'\nentries:\n  - id: Bad Id\n    kind: person\n    canonical: X\n", "field 'id': must match"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: ''\n", "field 'canonical': must not be empty"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: X\n    variants: Y\n", "field 'variants': must be a list"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: X\n    colour: red\n", "unknown field(s) colour"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: X\n    variants: [Y]\n    ambiguous: [Z]\n", "'Z' is not one of the entry's variants"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Abu Bakr\n    particles: [al]\n", "particle 'al' does not occur"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: X\n    takes_article: maybe\n", "field 'takes_article': must be true or false"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: X\n    native: {russian: [Икс]}\n", "not an ISO 639 language code"),
    ("entries: []\n", "field 'version'"),
    ("version: '1'\nentries: [\n", "not valid YAML"),
])
def test_validation_errors_name_file_entry_and_problem(tmp_path, body, needle):
    p = write(tmp_path, body)
    with pytest.raises(GlossaryError) as e:
        load([p])
    assert str(p) in str(e.value)
    assert needle in str(e.value)


def test_missing_and_non_utf8_files_are_clear_errors(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read"):
        load([tmp_path / "nope.yaml"])
    p = tmp_path / "latin1.yaml"
    p.write_bytes("version: '1'\nentries: []\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load([p])


def test_duplicate_ids_across_files(tmp_path):
    a = write(tmp_path, "version: '1'\nentries:\n  - {id: x, kind: person, canonical: X}\n", "a.yaml")
    b = write(tmp_path, "version: '2'\nentries:\n  - {id: x, kind: person, canonical: Y}\n", "b.yaml")
    with pytest.raises(GlossaryError, match="already defined"):
        load([a, b])


def test_version_combines_files_and_content():
    g = load([TEST_GLOSSARY])
    assert g.version.startswith("test-1#")
    assert g.by_id["kyiv"].takes_article is False
    assert g.by_id["bashar-al-assad"].short_forms[0].ambiguous == frozenset({"Asad"})
    assert dict(g.by_id["khmeimim"].native)["ru"] == ("Хмеймим",)
    assert g.phrases[0].suggestion == "citing"


def test_lint_reports_conflicts(tmp_path):
    p = write(tmp_path, """version: '1'
entries:
  - {id: a, kind: person, canonical: Alpha, variants: [Alfa, Beta, Alpha]}
  - {id: b, kind: person, canonical: Beta, variants: [Alfa]}
  - {id: c, kind: person, canonical: Gamma, variants: [Gama, Gama], protected: [Nothing Here]}
""")
    issues = lint([p])
    text = "\n".join(str(i) for i in issues)
    assert "variant 'Beta' equals the canonical form of b" in text
    assert "variant 'Alfa' is also claimed by a" in text
    assert "variant 'Alpha' equals its own canonical form" in text
    assert "variant 'Gama' is listed twice" in text
    assert "protected phrase 'Nothing Here' contains none" in text
    assert {i.level for i in issues} == {"error", "warning"}


def test_lint_reports_schema_errors_as_issues(tmp_path):
    p = write(tmp_path, "version: '1'\nentries:\n  - {id: a, kind: nope, canonical: A}\n")
    issues = lint([p])
    assert len(issues) == 1 and issues[0].level == "error" and "kind" in issues[0].message


def test_bundled_glossary_is_clean_and_large_enough():
    paths = bundled_paths()
    assert [p.name for p in paths] == ["news.yaml"]
    errors = [i for i in lint(paths) if i.level == "error"]
    assert errors == []
    g = load_bundled()
    assert len(g.entries) >= 72
    for eid in ("sergei-shoigu", "bashar-al-assad", "khmeimim", "vladimir-putin", "igor-konashenkov",
                "staffan-de-mistura", "latakia", "tartus", "damascus", "krasnodar", "su-35s"):
        assert eid in g.by_id, eid


def test_particle_spellings():
    alts = particle_spellings("Bashar al-Assad", ("al",))
    assert set(alts) == {"Bashar Al-Assad", "Bashar al Assad", "Bashar Al Assad"}
    assert particle_spellings("Staffan de Mistura", ("de",)) == ["Staffan De Mistura"]


def test_index_keys_are_case_folded():
    idx = NameIndex(load([TEST_GLOSSARY]))
    assert {f.surface for f in idx.forms("HMEYMIM")} == {"Hmeymim"}
    assert {f.kind for f in idx.forms("chicken kiev")} == {"protected"}
