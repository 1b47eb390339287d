"""Target languages: the packs, finding a document's language, and rules silent outside theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.api import check_text
from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.language_id import detect_language
from mtqa.languages import PACKED, language_pack
from mtqa.rules import Selection, all_rules

NTREX = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ntrex"

GERMAN = (
    "Die Regierung hat am Montag neue Maßnahmen angekündigt, die ab dem kommenden Jahr gelten sollen.\n"
    "Der Minister sagte, dass die Kosten noch nicht bekannt seien und weitere Gespräche folgen würden.\n"
)
FRENCH = (
    "Le gouvernement a annoncé lundi de nouvelles mesures qui doivent entrer en vigueur l'an prochain.\n"
    "Le ministre a déclaré que les coûts ne sont pas encore connus et que d'autres discussions suivront.\n"
)
SPANISH = (
    "El gobierno anunció el lunes nuevas medidas que entrarán en vigor el próximo año en todo el país.\n"
    "El ministro dijo que los costes aún no se conocen y que habrá más conversaciones con los sindicatos.\n"
)
ITALIAN = (
    "Il governo ha annunciato lunedì nuove misure che entreranno in vigore il prossimo anno in tutto il paese.\n"
    "Il ministro ha detto che i costi non sono ancora noti e che ci saranno altri colloqui con i sindacati.\n"
)


def test_every_pack_loads_with_its_closed_class_words() -> None:
    for code in PACKED:
        pack = language_pack(code)
        assert pack is not None and len(pack.closed_class) >= 100, code
    assert language_pack("de-AT") == language_pack("de") and language_pack("xx") is None
    assert language_pack("de").nouns_capitalised and not language_pack("fr").nouns_capitalised
    assert ";" in language_pack("fr").space_before and language_pack("es").inverted_marks


@pytest.mark.parametrize(("text", "expected"), [(GERMAN, "de"), (FRENCH, "fr"), (SPANISH, "es"), (ITALIAN, "it")])
def test_the_language_of_a_text_is_found_from_its_words(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_a_short_text_or_a_tie_keeps_the_default() -> None:
    assert detect_language("Kyiv, 12 March") == "en"
    mixed = "The port workers went on strike on Monday, the union said.\n" + SPANISH.splitlines()[0]
    assert detect_language(mixed) == "en"  # one line each: the tie goes to the default
    assert detect_language(mixed, default="es") == "es"


@pytest.mark.skipif(not NTREX.is_dir(), reason="needs ../shared/data/ntrex (the shared data, absent in a fresh clone)")
@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_every_ntrex_document_is_found_in_its_language(lang: str) -> None:
    paths = sorted((NTREX / lang).glob("*.txt"))
    assert paths and all(detect_language(p.read_text(encoding="utf-8")) == lang for p in paths)


def test_a_rule_is_silent_in_a_language_it_does_not_declare() -> None:
    n201 = next(r for r in all_rules() if r.code == "N201")
    assert "de" not in n201.languages  # its list is English house style
    engine = Engine(RunOptions(selection=Selection(("N201",))))
    english = "The talks in Kiev failed, and the delegation left Kiev."
    assert engine.check_document(Document.from_text(english, language="en"))
    assert engine.check_document(Document.from_text(english, language="de")) == []


def test_a_document_in_auto_is_checked_in_the_language_found() -> None:
    report = check_text(GERMAN + "Der Minister  sagte nichts.\n")
    assert report.documents[0].language == "de"
    codes = {i.code for i in report.issues}
    assert "L101" not in codes  # German is the target, not an untranslated leftover
    english = check_text("He met Lavrov, Because of the talks he stayed there for three more days.")
    assert english.documents[0].language == "en" and "C101" in {i.code for i in english.issues}


def test_the_rules_command_shows_each_rules_languages() -> None:
    runner = CliRunner()
    rows = json.loads(runner.invoke(cli, ["rules", "--format", "json"]).output)
    langs = {r["code"]: r["languages"] for r in rows}
    assert langs["E101"] == ["*"] and "en" in langs["C101"]
    text = runner.invoke(cli, ["rules"]).output
    assert any(line.startswith("E101") and " all " in line for line in text.splitlines())
    assert "Languages: en" in runner.invoke(cli, ["rule", "C101"]).output


def test_the_check_command_finds_the_language_of_each_file(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text("He met Lavrov, Because of the talks he stayed there for three days.\n")
    out = CliRunner().invoke(cli, ["check", str(tmp_path), "--format", "json", "--exit-zero"]).output
    files = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert files["de.txt"]["language"] == "de" and files["en.txt"]["language"] == "en"
    assert [i["code"] for i in files["de.txt"]["issues"]] == []
    assert "C101" in [i["code"] for i in files["en.txt"]["issues"]]
    forced = CliRunner().invoke(cli, ["check", str(tmp_path / "de.txt"), "--language", "en", "--format", "json"])
    assert any(i["code"] == "L101" for f in json.loads(forced.output)["files"] for i in f["issues"])
