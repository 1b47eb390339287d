"""The command line, end to end: outputs, exit codes, fixes, bad input in a batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.inputs import example_bytes
from mtqa.rules import all_rules

CLEAN = "The minister met his counterpart in Geneva on Thursday.\n"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def isolated_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_example_shows_every_shipped_rule_and_exits_1(isolated_dir: Path) -> None:
    code, out, _ = run("check", "--example", "--format", "json")
    assert code == 1
    report = json.loads(out)
    found = {i["code"] for f in report["files"] for i in f["issues"]}
    # Corpus rules (N102) compare documents: the example is one document, so they have nothing to show.
    # The example is English: a rule of another language's typography (W110 French) is silent on it.
    # It is plain text with no sources: the source-target rules (S family) have nothing to compare.
    english = {r.code for r in all_rules() if ("en" in r.languages or "*" in r.languages) and r.category != "source"}
    stable = {
        r.code for r in all_rules() if r.stability.value == "stable" and r.scope.value != "corpus" and r.code in english
    }
    assert stable <= found, f"example lacks {stable - found}"


def test_json_shape_is_stable(isolated_dir: Path) -> None:
    _code, out, _ = run("check", "--example", "--format", "json")
    report = json.loads(out)
    assert report["schema"] == "mtqa.report/1"
    assert set(report) >= {"schema", "signature", "files", "summary", "errors"}
    issue = report["files"][0]["issues"][0]
    stable_fields = {"code", "name", "severity", "category", "message", "start", "end", "line", "column", "text", "fix"}
    assert set(issue) >= stable_fields
    text = example_bytes().decode("utf-8")
    for f in report["files"]:
        for i in f["issues"]:
            assert text[i["start"] : i["end"]] == i["text"]
            line_start = sum(len(line) + 1 for line in text.split("\n")[: i["line"] - 1])
            assert line_start + i["column"] - 1 == i["start"]
            if i["fix"] is not None:
                assert i["fix"]["applicability"] in {"safe", "unsafe", "display"}
                assert all({"start", "end", "replacement"} == set(e) for e in i["fix"]["edits"])


def test_clean_text_exits_0(isolated_dir: Path) -> None:
    (isolated_dir / "clean.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run("check", "clean.txt")
    assert code == 0
    assert "Found 0 issues" in out


def test_fail_on_error_ignores_warnings(isolated_dir: Path) -> None:
    (isolated_dir / "w.txt").write_text("Two  spaces here.\n", encoding="utf-8")
    assert run("check", "w.txt", "--select", "W102")[0] == 1
    assert run("check", "w.txt", "--select", "W102", "--fail-on", "error")[0] == 0
    assert run("check", "w.txt", "--select", "W102", "--exit-zero")[0] == 0


def test_usage_and_config_errors_exit_2(isolated_dir: Path) -> None:
    assert run("check")[0] == 2
    assert run("check", "--example", "--select", "Z999")[0] == 2
    (isolated_dir / "mtqa.toml").write_text('selct = ["W"]\n', encoding="utf-8")
    code, _, err = run("check", "--example")
    assert code == 2 and "mtqa.toml" in err and "selct" in err
    (isolated_dir / "mtqa.toml").write_text("[rules.doubled-punctuation]\nbogus = 1\n", encoding="utf-8")
    code, _, err = run("check", "--example")
    assert code == 2 and "bogus" in err


def test_bad_file_in_batch_reports_x001_and_others_still_run(isolated_dir: Path) -> None:
    (isolated_dir / "bad.txt").write_bytes(b"ok text\n\xc3\x28 broken")
    (isolated_dir / "good.txt").write_text("He left the U.S. . Then he came back.\n", encoding="utf-8")
    code, out, _ = run("check", "bad.txt", "good.txt", "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert [e["path"] for e in report["errors"]] == ["bad.txt"]
    assert report["errors"][0]["code"] == "X001" and report["errors"][0]["byte_offset"] == 8
    assert [f["path"] for f in report["files"]] == ["good.txt"]
    assert any(i["code"] == "P101" for i in report["files"][0]["issues"])


def test_text_output_has_location_caret_and_no_colour_off_tty(isolated_dir: Path) -> None:
    (isolated_dir / "d.txt").write_text("Title\n\nIt ended by Efe. .\n", encoding="utf-8")
    code, out, _ = run("check", "d.txt", "--select", "P101")
    assert code == 1
    assert "d.txt:3:16: P101" in out
    assert "^^^" in out and "\x1b[" not in out


def test_fix_diff_writes_nothing_and_fix_rewrites(isolated_dir: Path) -> None:
    path = isolated_dir / "d.txt"
    original = "\ufeffIt ended by Efe. .\nTwo  spaces.\n"
    path.write_text(original, encoding="utf-8")
    code, out, _ = run("fix", "d.txt", "--diff", "--select", "P101")
    assert code == 1 and "-It ended by Efe. ." in out and "+It ended by Efe." in out
    assert path.read_text(encoding="utf-8") == original
    code, _, _ = run("fix", "d.txt", "--select", "P101")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_text(encoding="utf-8") == "\ufeffIt ended by Efe.\nTwo  spaces.\n"


def test_fix_from_stdin_writes_stdout(isolated_dir: Path) -> None:
    _code, out, _ = run("fix", "-", "--select", "P101", input="Done. .\n")
    assert out == "Done.\n"


def test_rules_and_rule_commands(isolated_dir: Path) -> None:
    code, out, _ = run("rules")
    assert code == 0
    for rule in all_rules():
        assert rule.code in out and rule.name in out
    code, out, _ = run("rule", "P101")
    assert code == 0 and "What it flags" in out and "Leaves alone" in out
    assert run("rule", "doubled-punctuation")[1] == out
    assert run("rule", "Q000")[0] == 2


def test_python_dash_m_and_no_color(isolated_dir: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "check", "--example"], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 1
    assert "example/article.txt:" in proc.stdout and "\x1b[" not in proc.stdout
