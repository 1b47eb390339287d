"""`mtqa check --model` and `mtqa fix --model --unsafe-fixes` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import mtqa.corrector.loader as loader
from mtqa.cli import cli
from mtqa.corrector import model_info
from tests.corrector.stubs import StubBackend

GLUED = "Talks with BlinkenHe canceled the trip on 12 March."
TEXT = f"Secretary of State Antony Blinken met Sergey Lavrov in Geneva. {GLUED}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def stub_model(monkeypatch: pytest.MonkeyPatch) -> StubBackend:
    """`--model anything` loads this stub: the CLI wiring is under test, not a model."""
    backend = StubBackend({GLUED: "Talks with Blinken. He canceled the trip on 12 March."}, name="stub-model")
    monkeypatch.setattr(loader, "load_backend", lambda *a, **k: backend)
    return backend


def test_check_with_a_real_tiny_model_names_it_in_the_json(article: Path, tagger_dir: Path) -> None:
    code, out, _ = run("check", str(article), "--isolated", "--format", "json", "--model", str(tagger_dir))
    report = json.loads(out)
    label = model_info(tagger_dir).label
    assert report["signature"]["model"] == label
    corrector = report["scores"]["corrector"]
    assert corrector["model"] == tagger_dir.name and corrector["revision"] == label.split("@")[1]
    assert corrector["calls"] == 1 and corrector["sentences"] == 1
    assert "M101" in report["signature"]["rules"]
    assert code == 1  # W101 is still an error


def test_check_reports_the_guarded_proposal_with_its_verdict(article: Path, stub_model: StubBackend) -> None:
    _, out, err = run("check", str(article), "--isolated", "--format", "json", "--model", "x", "--model-verbose")
    issues = json.loads(out)["files"][0]["issues"]
    [m101] = [i for i in issues if i["code"] == "M101"]
    assert m101["fix"]["applicability"] == "unsafe" and m101["text"] == "BlinkenHe"
    assert m101["data"]["model"] == "stub-model" and m101["data"]["revision"] == "0123456789ab"
    assert m101["data"]["guard"]["verdict"] == "accepted"
    assert "1 accepted, 0 rejected" in err


def test_verbose_lists_rejections_with_reasons(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = StubBackend({GLUED: "Talks with Blinkin. He canceled the trip on 13 March."})
    monkeypatch.setattr(loader, "load_backend", lambda *a, **k: backend)
    _, out, err = run("check", str(article), "--isolated", "--model", "x", "--model-verbose")
    assert "M101 rejected" in err and "introduces the name 'Blinkin'" in err and "number '12'" in err
    assert "M101" not in out


def test_fix_applies_model_proposals_only_with_unsafe_fixes(article: Path, stub_model: StubBackend) -> None:
    _, _, err = run("fix", str(article), "--isolated", "--model", "x", "--select", "M101")
    assert "add --unsafe-fixes" in err and stub_model.calls == 0
    assert article.read_text(encoding="utf-8") == TEXT
    run("fix", str(article), "--isolated", "--model", "x", "--select", "M101", "--unsafe-fixes")
    assert "Talks with Blinken. He canceled" in article.read_text(encoding="utf-8")
    assert stub_model.calls == 1


def test_a_bin_only_model_is_a_usage_error(article: Path, bin_only_dir: Path) -> None:
    code, _, err = run("check", str(article), "--isolated", "--model", str(bin_only_dir))
    assert code == 2 and "safetensors" in err


def test_ignore_m101_skips_the_model(article: Path, stub_model: StubBackend) -> None:
    run("check", str(article), "--isolated", "--model", "x", "--ignore", "M101")
    assert stub_model.calls == 0
