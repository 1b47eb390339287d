"""Preferred spellings (N201): the shipped list, the configuration's [prefer] and reject, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.config import ConfigError, load
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.lexicon import Lexicon, shipped_preferences
from mtqa.rules import Selection


def flags(text: str, config_text: str = "", tmp_path: Path | None = None) -> list[tuple[str, str | None]]:
    options = RunOptions(selection=Selection(("N201",)))
    if config_text:
        assert tmp_path is not None
        path = tmp_path / "mtqa.toml"
        path.write_text(config_text, encoding="utf-8")
        config = load(path)
        options = RunOptions(selection=Selection(("N201",)), prefer=config.prefer, reject=config.reject)
    issues = Engine(options).check_document(Document.from_text(text))
    return [(i.text, i.fix.edits[0].replacement if i.fix else None) for i in issues]


def test_every_shipped_entry_cites_a_style_guide() -> None:
    entries = shipped_preferences()
    assert len(entries) >= 30
    for entry in entries:
        assert any(guide in entry.source for guide in ("AP", "Reuters", "BBC", "Guardian")), entry
        assert entry.variant != entry.prefer


def test_configuration_adds_overrides_and_switches_off(tmp_path: Path) -> None:
    config = '[prefer]\n"Kiev" = "Kyyiv"\n"Burma" = "Burma"\n"Gaddafi" = "Gadhafi"\n'
    found = flags("Kiev, Burma and Gaddafi were named.", config, tmp_path)
    assert found == [("Kiev", "Kyyiv"), ("Gaddafi", "Gadhafi")]


def test_configuration_table_entry_with_exceptions(tmp_path: Path) -> None:
    config = '[prefer.Sochi]\nprefer = "Sochy"\nexcept = ["Sochi Olympics"]\n'
    found = flags("The Sochi Olympics were held in Sochi.", config, tmp_path)
    assert found == [("Sochi", "Sochy")]


def test_reject_terms_are_flagged_without_a_fix(tmp_path: Path) -> None:
    found = flags("The Regime said the REGIME would stay. Regimes fall.", 'reject = ["regime"]\n', tmp_path)
    assert found == [("Regime", None), ("REGIME", None)]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[prefer]\n"Kiev" = 3\n', "[prefer] 'Kiev': expected a string or a table"),
        ('[prefer]\n"Kiev" = ""\n', "[prefer] 'Kiev': the preferred spelling is empty"),
        ('[prefer.Kiev]\nprefr = "Kyiv"\n', "[prefer] 'Kiev': unknown key 'prefr'"),
        ('[prefer.Kiev]\nprefer = "Kyiv"\nexcept = "chicken Kiev"\n', "'except' must be a list"),
        ('prefer = ["Kyiv"]\n', "key 'prefer' must be a table"),
        ('reject = "regime"\n', "key 'reject' must be a list of strings"),
    ],
)
def test_configuration_errors_name_the_file_and_key(tmp_path: Path, config: str, message: str) -> None:
    path = tmp_path / "mtqa.toml"
    path.write_text(config, encoding="utf-8")
    with pytest.raises(ConfigError) as excinfo:
        load(path)
    assert str(path) in str(excinfo.value) and message in str(excinfo.value)


def test_preferences_reach_the_signature() -> None:
    plain = Engine(RunOptions()).signature
    lexicon = Lexicon.default(prefer=(), reject=("regime",))
    assert lexicon.reject == ("regime",)
    changed = Engine(RunOptions(reject=("regime",))).signature
    assert plain != changed
