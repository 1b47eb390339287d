"""Configuration: discovery walking up from the input, precedence, per-file-ignores, `mtqa config --show`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.per_file_ignores import PerFileIgnores

# "Efe. ." is P101 (doubled punctuation); "Lavrov, Because" is C101 (capital after a comma).
TEXT = "Sergey Lavrov, Because of the talks, said the meeting was useful, Efe. . reported.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def codes(output: str) -> dict[str, set[str]]:
    """{file name: codes} from a JSON report."""
    return {
        Path(entry["path"]).name: {issue["code"] for issue in entry["issues"]} for entry in json.loads(output)["files"]
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with its configuration at the root and articles two levels down."""
    (tmp_path / "news" / "drafts").mkdir(parents=True)
    (tmp_path / "news" / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news" / "drafts" / "draft.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "news")
    return tmp_path


def test_discovery_walks_up_from_the_input_and_the_command_line_wins(project: Path) -> None:
    code, out, _ = run("check", "story.txt", "--format", "json")
    assert code == 1 and codes(out)["story.txt"] >= {"P101", "C101"}
    (project / "pyproject.toml").write_text('[tool.mtqa]\nignore = ["C101"]\n', encoding="utf-8")
    _, out, _ = run("check", "story.txt", "--format", "json")
    assert "C101" not in codes(out)["story.txt"] and "P101" in codes(out)["story.txt"]
    (project / "news" / ".mtqa.toml").write_text('select = ["C101"]\n', encoding="utf-8")  # nearer: wins
    _, out, _ = run("check", "story.txt", "--format", "json")
    assert codes(out)["story.txt"] == {"C101"}
    _, out, _ = run("check", "story.txt", "--format", "json", "--select", "P101")  # command line over file
    assert codes(out)["story.txt"] == {"P101"}
    _, out, _ = run("check", "story.txt", "--format", "json", "--isolated")
    assert codes(out)["story.txt"] >= {"P101", "C101"}


def test_per_file_ignores_switch_rules_off_by_pattern(project: Path) -> None:
    (project / "mtqa.toml").write_text(
        '[per-file-ignores]\n"drafts/" = ["capital-after-comma"]\n"story.txt" = ["P1"]\n', encoding="utf-8"
    )
    code, out, _ = run("check", ".", "--format", "json")
    found = codes(out)
    assert "C101" not in found["draft.txt"] and "P101" in found["draft.txt"]
    assert "P101" not in found["story.txt"] and "C101" in found["story.txt"]
    assert code == 1
    # The same through a process pool, and in the streamed JSON Lines output.
    _, lines, _ = run("check", ".", "--format", "jsonl", "--jobs", "2")
    streamed = [json.loads(line) for line in lines.splitlines() if '"issue"' in line or '"code"' in line]
    pairs = {(Path(i["path"]).name, i["code"]) for i in streamed if "code" in i}
    assert ("draft.txt", "C101") not in pairs and ("story.txt", "P101") not in pairs
    assert ("draft.txt", "P101") in pairs and ("story.txt", "C101") in pairs
    # Standard input goes by its --stdin-filename.
    _, out, _ = run("check", "-", "--stdin-filename", "drafts/x.txt", "--format", "json", input=TEXT)
    assert "C101" not in codes(out).get("x.txt", set())


def test_fix_applies_no_fix_of_an_ignored_rule(project: Path) -> None:
    (project / "mtqa.toml").write_text('[per-file-ignores]\n"drafts/" = ["P101"]\n', encoding="utf-8")
    draft = project / "news" / "drafts" / "draft.txt"
    story = project / "news" / "story.txt"
    run("fix", str(draft), str(story))
    assert "Efe. ." in draft.read_text(encoding="utf-8")  # P101 is off for drafts: its SAFE fix is not applied
    assert "Efe. ." not in story.read_text(encoding="utf-8")


def test_an_unknown_rule_in_per_file_ignores_names_the_file(project: Path) -> None:
    (project / "mtqa.toml").write_text('[per-file-ignores]\n"*.txt" = ["Z999"]\n', encoding="utf-8")
    code, _, err = run("check", "story.txt")
    assert code == 2 and "mtqa.toml" in err and "per-file-ignores" in err and "Z999" in err
    (project / "mtqa.toml").write_text('[per-file-ignores]\n"*.txt" = "P101"\n', encoding="utf-8")
    code, _, err = run("check", "story.txt")
    assert code == 2 and "per-file-ignores" in err


def test_patterns_are_relative_to_the_configuration_file(tmp_path: Path) -> None:
    ignores = PerFileIgnores.build({"news/*.txt": ["W"], "*.html": ["B101"]}, tmp_path)
    assert "W101" in ignores.codes_for(tmp_path / "news" / "a.txt")
    assert not ignores.codes_for(tmp_path / "other" / "news" / "a.txt") & {"W101"}
    assert ignores.codes_for(tmp_path / "deep" / "page.html") == {"B101"}
    assert not ignores.codes_for(None) and not PerFileIgnores(tmp_path)


def test_config_show_prints_the_resolved_configuration(project: Path) -> None:
    (project / "mtqa.toml").write_text(
        'ignore = ["C102"]\nlanguage = "en"\n[severity]\nP101 = "info"\n'
        "[rules.doubled-punctuation]\n[rules.inconsistent-name-spelling]\nmax-edits = 1\n"
        '[per-file-ignores]\n"drafts/" = ["C1"]\n',
        encoding="utf-8",
    )
    code, out, _ = run("config", "--show", "story.txt", "--ignore", "W105")
    assert code == 0
    data = tomllib.loads(out)  # valid TOML
    assert data["file"] == str(project / "mtqa.toml")
    assert data["ignore"] == ["C102", "W105"]
    assert "C102" not in data["enabled"] and "W105" not in data["enabled"] and "P101" in data["enabled"]
    assert data["severity"]["P101"] == "info" and data["severity"]["W101"] == "error"
    assert data["rules"]["inconsistent-name-spelling"]["max-edits"] == 1  # from the file
    assert data["rules"]["inconsistent-name-spelling"]["min-length"] == 5  # a default, shown too
    assert data["per-file-ignores"]["drafts/"] == ["C101", "C102", "C103", "C104"]
    # A pattern with a character TOML must escape (DEL) still gives TOML that reads back.
    (project / "mtqa.toml").write_text('[per-file-ignores]\n"odd\\u007fname.txt" = ["W101"]\n', encoding="utf-8")
    code, out, _ = run("config", "--show", "story.txt")
    assert code == 0 and tomllib.loads(out)["per-file-ignores"] == {"odd\x7fname.txt": ["W101"]}
    code, out, _ = run("config", "--show", "--format", "json", "--isolated")
    shown = json.loads(out)
    assert shown["file"] is None and shown["ignore"] == [] and "C102" in shown["enabled"]
    code, out, _ = run("config")
    assert code == 0 and "--show" in out


def test_source_language_from_the_file_or_the_command_line_names_untranslated_text(project: Path) -> None:
    spanish = "El sindicato exigió un aumento salarial del ocho por ciento para todos los trabajadores."
    story = f"The port workers went on strike on Monday, the union said.\n{spanish}\n"
    (project / "news" / "strike.txt").write_text(story, encoding="utf-8")
    record = json.dumps({"id": "r1", "text": story}, ensure_ascii=False)
    (project / "news" / "feed.jsonl").write_text((record + "\n") * 3, encoding="utf-8")

    def l101(*args: str) -> list[dict]:
        _, out, _ = run("check", "strike.txt", "feed.jsonl", "--select", "L101", "--format", "json", *args)
        return [i for entry in json.loads(out)["files"] for i in entry["issues"]]

    plain = l101()
    assert len(plain) == 4 and all("source" not in i["data"] and i["message"].endswith("?") for i in plain)
    named = l101("--source-language", "es")
    assert len(named) == 4 and all(i["data"]["source"] == "es" and "the source language" in i["message"] for i in named)
    (project / "mtqa.toml").write_text('source-language = "es-ES"\n', encoding="utf-8")
    assert all(i["data"].get("source") == "es" for i in l101("--jobs", "2"))  # from the file, through a pool
    assert all("source" not in i["data"] for i in l101("--source-language", "fr"))  # command line wins
