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
    ("version: '1'\nentries:\n  - id: x\n    kind: animal\n    canonical: Xa\n", "entry 1 (id 'x'): field 'kind': must be one of"),
    ("version: '1'\nentries:\n  - id: Bad Id\n    kind: person\n    canonical: Xa\n", "field 'id': must match"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: ''\n", "field 'canonical': must not be empty"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Xa\n    variants: Y\n", "field 'variants': must be a list"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Xa\n    colour: red\n", "unknown field(s) colour"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Xa\n    variants: [Ya]\n    ambiguous: [Za]\n", "'Za' is not one of the entry's variants"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Abu Bakr\n    particles: [al]\n", "particle 'al' does not occur"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: Xa\n    takes_article: maybe\n", "field 'takes_article': must be true or false"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: Xa\n    native: {russian: [Икс]}\n", "not an ISO 639 language code"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Xa\n    born: '1960'\n", "field 'born': must be a year"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Xa\n    born: 19600\n", "field 'born': must be a year"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: Xa\n    born: 1960\n", "only a person has a year of birth"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Ali Sadr\n    short_forms:\n      - {canonical: Sadr, drops_particle: true}\n",
     "a short form drops a particle, but the entry lists no particles"),
    ("version: '1'\nentries:\n  - id: x\n    kind: person\n    canonical: Ali al-Sadr\n    particles: [al]\n    short_forms:\n      - {canonical: Sadr, drops_particle: 'yes'}\n",
     "field 'short_forms.drops_particle': must be true or false"),
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
    a = write(tmp_path, "version: '1'\nentries:\n  - {id: x, kind: person, canonical: Xa}\n", "a.yaml")
    b = write(tmp_path, "version: '2'\nentries:\n  - {id: x, kind: person, canonical: Ya}\n", "b.yaml")
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


DROPS = """version: '1'
entries:
  - id: bashar
    kind: person
    canonical: Bashar al-Assad
    particles: [al]
    short_forms:
      - {canonical: Assad, variants: [Asad], ambiguous: [Asad], drops_particle: true}
    titles: [Syrian leader]
  - id: gaddafi
    kind: person
    canonical: Muammar Gaddafi
    particles: [al, el]
    short_forms:
      - {canonical: Gaddafi, drops_particle: true}
"""


def test_a_short_form_that_drops_its_particle(tmp_path):
    from transnorm.engine import Engine

    engine = Engine.from_paths([write(tmp_path, DROPS)])
    # alone, the particle goes; any case of the particle, any spelling after it
    assert engine.normalize("Forces loyal to al-Assad advanced.").output == "Forces loyal to Assad advanced."
    assert engine.normalize("Al-Assad spoke on Monday.").output == "Assad spoke on Monday."
    assert engine.normalize("El-Gaddafi ruled Libya. Few mourned al Gaddafi.").output == \
        "Gaddafi ruled Libya. Few mourned Gaddafi."
    # after a capitalised given name the particle belongs to a longer name: not this short form
    assert engine.normalize("Rifaat al-Assad left Syria.").output == "Rifaat al-Assad left Syria."
    # the full name keeps its house particle; an ambiguous spelling after the particle needs support
    assert engine.normalize("Bashar al-Assad spoke.").output == "Bashar al-Assad spoke."
    assert engine.normalize("Al-Asad met them.").output == "Al-Asad met them."
    assert engine.normalize("Syrian leader al-Asad met them.").output == "Syrian leader Assad met them."
    # a particle the canonical form lacks is accepted when a short form drops it
    assert [f.surface for f in engine.names.forms("el-Gaddafi")] == ["el-Gaddafi"]


def test_lint_reports_a_dropped_particle_spelling_claimed_by_another_entry(tmp_path):
    p = write(tmp_path, DROPS + """  - {id: other, kind: place, canonical: Al-Assad}
""")
    text = "\n".join(str(i) for i in lint([p]))
    assert "short form 'Assad' drops its particle, but 'al-Assad' is a form of other" in text


def test_lint_reports_schema_errors_as_issues(tmp_path):
    p = write(tmp_path, "version: '1'\nentries:\n  - {id: a, kind: nope, canonical: A}\n")
    issues = lint([p])
    assert len(issues) == 1 and issues[0].level == "error" and "kind" in issues[0].message


def test_bundled_glossary_is_clean_and_large_enough():
    paths = bundled_paths()
    assert [p.name for p in paths] == ["news.de.yaml", "news.es.yaml", "news.fr.yaml", "news.ru.yaml", "news.yaml"]
    errors = [i for i in lint(paths) if i.level == "error"]
    assert errors == []
    g = load_bundled()
    assert len(g.entries) >= 72
    for lang in ("de", "fr", "es", "ru"):  # house forms of at least the 120 most newsworthy entries
        assert sum(1 for e in g.entries if e.forms_in(lang)) >= 120, lang
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


LANG_BASE = """version: '1'
entries:
  - id: shoigu
    kind: person
    canonical: Sergei Shoigu
    variants: [Sergey Shoigu]
    short_forms:
      - canonical: Shoigu
        variants: [Shoygu]
    native:
      ru: [Сергей Шойгу]
  - id: lavrov
    kind: person
    canonical: Sergei Lavrov
    short_forms:
      - canonical: Lavrov
    languages:
      de:
        canonical: Sergej Lawrow
        short_forms:
          - canonical: Lawrow
"""
LANG_DE = """version: '1'
language: de
press: dpa
forms:
  shoigu:
    canonical: Sergej Schoigu
    accepted: [Sergej Schojgu]
    short_forms:
      - canonical: Schoigu
"""
GERMAN = ("Der russische Verteidigungsminister Sergei Shoigu und Außenminister Sergei Lavrov trafen sich am "
          "Montag in Moskau mit der Delegation, um über die Lage zu sprechen; Shoigu sagte danach nichts.")


def test_house_forms_per_language_come_from_entries_and_language_files(tmp_path):
    from transnorm.glossary import load

    g = load([write(tmp_path, LANG_BASE), write(tmp_path, LANG_DE, "g.de.yaml")])
    assert g.by_id["shoigu"].forms_in("de").canonical == "Sergej Schoigu"
    assert g.by_id["lavrov"].forms_in("de").short_forms[0].canonical == "Lawrow"
    assert g.by_id["shoigu"].forms_in("fr") is None


def test_text_in_a_language_takes_that_languages_house_forms(tmp_path):
    from transnorm.engine import Engine

    engine = Engine.from_paths([write(tmp_path, LANG_BASE), write(tmp_path, LANG_DE, "g.de.yaml")])
    r = engine.normalize(GERMAN)
    assert r.output == GERMAN.replace("Sergei Shoigu", "Sergej Schoigu").replace("Sergei Lavrov", "Sergej Lawrow") \
        .replace("; Shoigu", "; Schoigu")
    # English text keeps the English house forms; a spelling German press also uses stays
    assert engine.normalize("Sergey Shoigu arrived.").output == "Sergei Shoigu arrived."
    kept = GERMAN.replace("Sergei Shoigu", "Sergej Schojgu")
    assert "Sergej Schojgu" in engine.normalize(kept).output


def test_an_entry_without_forms_in_the_language_is_left_alone_there(tmp_path):
    from transnorm.engine import Engine

    engine = Engine.from_paths([write(tmp_path, LANG_BASE)])  # no German forms for shoigu
    r = engine.normalize(GERMAN)
    assert "Sergei Shoigu" in r.output and "Shoigu sagte" in r.output
    assert "Sergej Lawrow" in r.output


def test_language_files_are_validated_and_linted(tmp_path):
    from transnorm.glossary import GlossaryError, lint, load

    base = write(tmp_path, LANG_BASE)
    unknown = write(tmp_path, LANG_DE.replace("  shoigu:", "  nobody:"), "bad.de.yaml")
    with pytest.raises(GlossaryError, match="nobody"):
        load([base, unknown])
    twice = write(tmp_path, LANG_DE.replace("  shoigu:", "  lavrov:"), "twice.de.yaml")
    with pytest.raises(GlossaryError, match="already has de forms"):
        load([base, twice])
    clash = write(tmp_path, LANG_DE.replace("accepted: [Sergej Schojgu]", "accepted: [Sergej Lawrow]"), "clash.de.yaml")
    issues = lint([base, clash])
    assert any(i.level == "error" and "also a de form of" in i.message for i in issues)
    short = write(tmp_path, "version: '1'\nlanguage: de\nforms:\n  shoigu:\n    canonical: Sergej Schoigu\n", "short.de.yaml")
    assert any(i.level == "warning" and "no de short form" in i.message for i in lint([base, short]))


def test_a_names_spelling_in_lower_case_is_an_ordinary_word(tmp_path):
    from transnorm.engine import Engine

    body = LANG_BASE + """  - id: damascus
    kind: place
    canonical: Damascus
    languages:
      fr: {canonical: Damas}
      es: {canonical: Damasco}
"""
    engine = Engine.from_paths([write(tmp_path, body)])
    spanish = "Las damas de honor llegaron a la ceremonia en Madrid con sus familias y amigos, y Damas es otra ciudad."
    out = engine.normalize(spanish).output
    assert "Las damas de honor" in out  # the ordinary word, lower case
    assert "y Damasco es otra" in out  # the French form of the city, capitalised, is a variant in Spanish


@pytest.mark.parametrize("body, problem", [
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: Xanadu\n    canonical: Yanadu\n",
     "duplicate key 'canonical'"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: Xanadu\n    variants: ['?']\n",
     "is not a name form"),
    ("version: '1'\nentries:\n  - id: x\n    kind: place\n    canonical: A\n", "is not a name form"),
    ("version: '1'\nentries: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
])
def test_hostile_glossaries_are_refused_with_a_message(tmp_path, body, problem):
    from transnorm.glossary import GlossaryError, load

    with pytest.raises(GlossaryError, match=problem):
        load([write(tmp_path, body)])


def test_a_glossary_file_too_large_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    from transnorm.glossary import GlossaryError, load
    from transnorm.glossary import model

    monkeypatch.setattr(model, "MAX_FILE_BYTES", 1000)
    big = write(tmp_path, "version: '1'\nentries: []\n" + "# padding\n" * 500)
    with pytest.raises(GlossaryError, match="larger than"):
        load([big])
    with pytest.raises(GlossaryError, match="larger than"):
        load(["/dev/zero"])
